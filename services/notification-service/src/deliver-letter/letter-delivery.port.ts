import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LetterChannel } from '@rosterlink/contracts';
import { uspsAddressLines } from '@rosterlink/letters';
import type { Letter } from '../letter/letter.entity';

/** Hands a rendered letter to a delivery channel. Delivering the same letter twice must be harmless. */
export abstract class LetterDelivery {
  abstract deliver(letter: Letter, pdfPath: string): Promise<LetterChannel>;
}

/**
 * The default channel: a print-and-mail outbox, a folder a mail house collects. Each letter is its
 * PDF plus one manifest line (its own file, named by the letter id, so a retry rewrites the same two files).
 */
export class PrintMailOutbox extends LetterDelivery {
  constructor(private readonly directory: string) {
    super();
  }

  async deliver(letter: Letter, pdfPath: string): Promise<LetterChannel> {
    const outbox = resolve(this.directory);
    await mkdir(outbox, { recursive: true });
    await copyFile(pdfPath, join(outbox, `${letter.letterId}.pdf.tmp`));
    await rename(join(outbox, `${letter.letterId}.pdf.tmp`), join(outbox, `${letter.letterId}.pdf`));
    const manifest = { letterId: letter.letterId, file: `${letter.letterId}.pdf`, name: letter.recipient.name, address: uspsAddressLines(letter.recipient.address) };
    await writeFile(join(outbox, `${letter.letterId}.manifest.jsonl`), `${JSON.stringify(manifest)}\n`);
    return 'PRINT_MAIL';
  }
}
