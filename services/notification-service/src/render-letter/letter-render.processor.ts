import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { businessDateOf, JobPayloads, Queues } from '@rosterlink/contracts';
import { letterContentFrom, renderLetterPdf } from '@rosterlink/letters';
import { Clock, OnJobFailed } from '@rosterlink/platform';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Letter } from '../letter/letter.entity';
import { isLastAttempt, LetterDeliveryQueue, queueDelivery } from '../queues/delivery-queues';
import { recordLetterFailure } from '../letter/record-letter-failure';

/** Renders a PENDING letter to PDF in the letter store, marks it RENDERED and queues its delivery. */
@Processor(Queues.LetterRender)
export class LetterRenderProcessor extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationServiceConfig,
    private readonly clock: Clock,
    @InjectQueue(Queues.LetterDelivery) private readonly deliveryQueue: LetterDeliveryQueue,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['letter-render']>): Promise<void> {
    const letter = await this.dataSource.getRepository(Letter).findOneBy({ letterId: job.data.letterId });
    if (!letter) throw new Error(`Letter ${job.data.letterId} not found`);
    if (letter.status !== 'PENDING') return;
    const pdf = await renderLetterPdf(letterContentFrom(letter.request, businessDateOf(letter.createdAt)), {
      templatesDir: resolve(this.config.LETTER_TEMPLATES_DIR),
    });
    // Written under a temporary name and renamed: a crash never leaves half a PDF under the letter's name.
    const store = resolve(this.config.LETTER_STORE_DIR);
    await mkdir(store, { recursive: true });
    await writeFile(join(store, `${letter.letterId}.pdf.tmp`), pdf);
    await rename(join(store, `${letter.letterId}.pdf.tmp`), join(store, `${letter.letterId}.pdf`));
    await this.dataSource
      .getRepository(Letter)
      .update({ letterId: letter.letterId, status: 'PENDING' }, { status: 'RENDERED', renderedAt: this.clock.now(), lastError: null });
    await queueDelivery(this.deliveryQueue, letter.letterId);
  }

  @OnJobFailed()
  async onFailed(job: Job<JobPayloads['letter-render']> | undefined, error: Error): Promise<void> {
    if (job) await recordLetterFailure(this.dataSource, job.data.letterId, error, isLastAttempt(job));
  }
}
