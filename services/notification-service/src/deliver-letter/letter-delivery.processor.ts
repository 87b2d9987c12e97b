import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Queues } from '@rosterlink/contracts';
import { OnJobFailed, QueuedJob } from '@rosterlink/platform';
import { isLastAttempt } from '../queues/delivery-queues';
import { DeliverLetter } from './deliver-letter.handler';

/** The letter-delivery queue's jobs → DeliverLetter. */
@Processor(Queues.LetterDelivery)
export class LetterDeliveryProcessor extends WorkerHost {
  constructor(private readonly deliverLetter: DeliverLetter) {
    super();
  }

  async process(job: QueuedJob<typeof Queues.LetterDelivery>): Promise<void> {
    await this.deliverLetter.execute(job.data.letterId);
  }

  @OnJobFailed()
  async onFailed(job: QueuedJob<typeof Queues.LetterDelivery> | undefined, error: Error): Promise<void> {
    if (job) await this.deliverLetter.recordFailedAttempt(job.data.letterId, error, isLastAttempt(job));
  }
}
