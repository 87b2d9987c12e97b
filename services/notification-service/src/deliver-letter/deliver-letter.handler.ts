import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LetterChannel, Topics } from '@rosterlink/contracts';
import { OutboxPublisher, retryWhileUnavailable } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Letter } from '../letter/letter.entity';
import { LetterRepository } from '../letter/letter.repository';
import { canTransition, letterRefusals } from '../letter/letter.rules';
import { recordedError } from '../queues/delivery-queues';
import { LetterDelivery } from './letter-delivery.port';

/** Hands a RENDERED letter to delivery, then marks it SENT and announces `letter.sent.v1` together. */
@Injectable()
export class DeliverLetter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly letters: LetterRepository,
    private readonly delivery: LetterDelivery,
    private readonly outbox: OutboxPublisher,
    private readonly config: NotificationServiceConfig,
    private readonly clock: Clock,
  ) {}

  async execute(letterId: string): Promise<void> {
    const letter = await this.letters.find(letterId);
    if (!letter) throw new Error(letterRefusals.notFound(letterId));
    if (!canTransition(letter.status, 'deliver')) return;
    const channel = await this.delivery.deliver(letter, join(resolve(this.config.LETTER_STORE_DIR), `${letter.letterId}.pdf`));
    const sentAt = this.clock.now();
    // Delivered: from here only the record may be retried, never the delivery. A database that is
    // away for a while (a restart) is waited for; were the job to fail now, its retry would deliver
    // the letter a second time.
    await retryWhileUnavailable(() => this.recordSent(letter, channel, sentAt));
  }

  /** See RenderLetter.recordFailedAttempt. */
  async recordFailedAttempt(letterId: string, error: Error, lastAttempt: boolean): Promise<void> {
    await this.letters.recordFailure(letterId, recordedError(error), lastAttempt);
  }

  private async recordSent(letter: Letter, channel: LetterChannel, sentAt: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.letters.markSent(tx, letter.letterId, channel, sentAt))) return;
      await this.outbox.publish(tx, Topics.LetterSent, {
        letterId: letter.letterId,
        requestId: letter.requestId,
        pidsl: letter.pidsl,
        kind: letter.kind,
        channel,
        sentAt: sentAt.toISOString(),
      });
    });
  }
}
