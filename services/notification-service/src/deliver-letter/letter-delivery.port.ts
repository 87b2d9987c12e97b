import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LetterChannel } from '@rosterlink/contracts';
import { uspsAddressLines } from '@rosterlink/letters';
import type { Letter } from '../letter/letter.entity';
import type { Mailer } from '../mail/mailer';

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

/**
 * With SMTP configured: a letter goes by e-mail (PDF attached) to the group's correspondence address
 * on file, and to print and mail when the group has none.
 */
export class EmailWhereOnFile extends LetterDelivery {
  constructor(private readonly mailer: Mailer, private readonly printMail: PrintMailOutbox) {
    super();
  }

  async deliver(letter: Letter, pdfPath: string): Promise<LetterChannel> {
    const to = letter.recipient.email;
    if (!to) return this.printMail.deliver(letter, pdfPath);
    // Subject and body name only the request and location; what it is about is in the attached letter.
    await this.mailer.send({
      to,
      subject: `Your link request for service location ${letter.pidsl}: letter attached`,
      text: `${letter.recipient.name},\n\nThe attached letter tells the outcome of link request ${letter.requestId} for service location ${letter.pidsl}.\n`,
      messageId: `<letter-${letter.letterId}.${letter.renderedAt?.getTime() ?? 0}@rosterlink>`,
      attachments: [{ filename: `letter-${letter.letterId}.pdf`, path: pdfPath, contentType: 'application/pdf' }],
    });
    return 'EMAIL';
  }
}
