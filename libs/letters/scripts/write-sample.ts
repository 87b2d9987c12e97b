/**
 * Writes samples/letter-link-approved.pdf, a realistic approved-link letter, from the templates in
 * libs/letters/templates. Run from the repository root: npx tsx libs/letters/scripts/write-sample.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LinkRequestProcessedV1 } from '@rosterlink/contracts';
import { DEFAULT_TEMPLATES_DIR, letterContentFrom, renderLetterPdf } from '../src';

const event: LinkRequestProcessedV1 = {
  requestId: '6f1c2a9e-4b7d-4e2a-9c31-8d5e0f7a2b14',
  kind: 'LINK',
  pidsl: '110000001A',
  groupId: '110000001',
  serviceLocation: 'A',
  provider: { providerId: '210000042', npi: '1234567893', firstName: 'Ana', lastName: 'Souza' },
  decision: 'APPROVED',
  effectiveDate: '2025-03-03',
  recipient: {
    name: 'Harbor Family Medicine',
    address: { line1: '12 Water St', line2: 'Suite 4', city: 'Boston', state: 'MA', zip: '02109' },
  },
  decidedAt: '2025-03-12T15:04:00Z',
};

async function main(): Promise<void> {
  const out = resolve(__dirname, '../../../samples/letter-link-approved.pdf');
  const pdf = await renderLetterPdf(letterContentFrom(event, '2025-03-12'), { templatesDir: DEFAULT_TEMPLATES_DIR });
  await mkdir(resolve(out, '..'), { recursive: true });
  await writeFile(out, pdf);
  console.log(`wrote ${out} (${pdf.length} bytes)`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
