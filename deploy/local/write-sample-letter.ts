/**
 * Writes samples/letter-link-approved.pdf, a realistic approved-link letter, from the templates in
 * libs/letters/templates. Run from the repository root: npx tsx deploy/local/write-sample-letter.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { linkRequestProcessed } from '@rosterlink/testing';
import { DEFAULT_TEMPLATES_DIR, letterContentFrom, renderLetterPdf } from '@rosterlink/letters';

const event = linkRequestProcessed();

async function main(): Promise<void> {
  const out = resolve(__dirname, '../../samples/letter-link-approved.pdf');
  const pdf = await renderLetterPdf(letterContentFrom(event, '2025-03-12'), { templatesDir: DEFAULT_TEMPLATES_DIR });
  await mkdir(resolve(out, '..'), { recursive: true });
  await writeFile(out, pdf);
  console.log(`wrote ${out} (${pdf.length} bytes)`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
