import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { businessDateOf } from '@rosterlink/contracts';
import { letterContentFrom, renderLetterPdf } from '@rosterlink/letters';
import { Clock } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { LetterRepository } from '../letter/letter.repository';
import { canTransition, letterRefusals } from '../letter/letter.rules';
import { DeliveryJobs, recordedError } from '../queues/delivery-queues';

/** Renders a PENDING letter to PDF in the letter store, marks it RENDERED and queues its delivery. */
@Injectable()
export class RenderLetter {
  constructor(
    private readonly letters: LetterRepository,
    private readonly jobs: DeliveryJobs,
    private readonly config: NotificationServiceConfig,
    private readonly clock: Clock,
  ) {}

  async execute(letterId: string): Promise<void> {
    const letter = await this.letters.find(letterId);
    if (!letter) throw new Error(letterRefusals.notFound(letterId));
    if (!canTransition(letter.status, 'render')) return;
    const pdf = await renderLetterPdf(letterContentFrom(letter.request, businessDateOf(letter.createdAt)), {
      templatesDir: resolve(this.config.LETTER_TEMPLATES_DIR),
    });
    // Written under a temporary name and renamed: a crash never leaves half a PDF under the letter's name.
    const store = resolve(this.config.LETTER_STORE_DIR);
    await mkdir(store, { recursive: true });
    await writeFile(join(store, `${letter.letterId}.pdf.tmp`), pdf);
    await rename(join(store, `${letter.letterId}.pdf.tmp`), join(store, `${letter.letterId}.pdf`));
    await this.letters.markRendered(letter.letterId, this.clock.now());
    await this.jobs.deliver(letter.letterId);
  }

  /**
   * After a failed attempt the letter shows the error; after the last one it is FAILED, visible
   * with its error, and can be resent.
   */
  async recordFailedAttempt(letterId: string, error: Error, lastAttempt: boolean): Promise<void> {
    await this.letters.recordFailure(letterId, recordedError(error), lastAttempt);
  }
}
