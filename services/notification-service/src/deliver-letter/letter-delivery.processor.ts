import { join, resolve } from 'node:path';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobPayloads, LetterChannel, Queues, Topics } from '@rosterlink/contracts';
import { OutboxPublisher, retryWhileUnavailable } from '@rosterlink/messaging';
import { Clock, OnJobFailed } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Letter } from '../letter/letter.entity';
import { recordLetterFailure } from '../letter/record-letter-failure';
import { isLastAttempt } from '../queues/delivery-queues';
import { LetterDelivery } from './letter-delivery.port';

/** Hands a RENDERED letter to delivery, then marks it SENT and announces `letter.sent.v1` together. */
@Processor(Queues.LetterDelivery)
export class LetterDeliveryProcessor extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: LetterDelivery,
    private readonly outbox: OutboxPublisher,
    private readonly config: NotificationServiceConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['letter-delivery']>): Promise<void> {
    const letter = await this.dataSource.getRepository(Letter).findOneBy({ letterId: job.data.letterId });
    if (!letter) throw new Error(`Letter ${job.data.letterId} not found`);
    if (letter.status !== 'RENDERED') return;
    const channel = await this.delivery.deliver(letter, join(resolve(this.config.LETTER_STORE_DIR), `${letter.letterId}.pdf`));
    const sentAt = this.clock.now();
    // Delivered: from here only the record may be retried, never the delivery. A database that is
    // away for a while (a restart) is waited for; were the job to fail now, its retry would deliver
    // the letter a second time.
    await retryWhileUnavailable(() => this.recordSent(letter, channel, sentAt));
  }

  private async recordSent(letter: Letter, channel: LetterChannel, sentAt: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [, updated] = await tx.query(
        `UPDATE notification.letters SET status = 'SENT', channel = $2, sent_at = $3, last_error = NULL
         WHERE letter_id = $1 AND status = 'RENDERED'`,
        [letter.letterId, channel, sentAt],
      );
      if (updated === 0) return;
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

  @OnJobFailed()
  async onFailed(job: Job<JobPayloads['letter-delivery']> | undefined, error: Error): Promise<void> {
    if (job) await recordLetterFailure(this.dataSource, job.data.letterId, error, isLastAttempt(job));
  }
}
