import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Queues } from '@rosterlink/contracts';
import { OnJobFailed, QueuedJob } from '@rosterlink/platform';
import { isLastAttempt } from '../queues/delivery-queues';
import { RenderLetter } from './render-letter.handler';

/** The letter-render queue's jobs → RenderLetter. */
@Processor(Queues.LetterRender)
export class LetterRenderProcessor extends WorkerHost {
  constructor(private readonly renderLetter: RenderLetter) {
    super();
  }

  async process(job: QueuedJob<typeof Queues.LetterRender>): Promise<void> {
    await this.renderLetter.execute(job.data.letterId);
  }

  @OnJobFailed()
  async onFailed(job: QueuedJob<typeof Queues.LetterRender> | undefined, error: Error): Promise<void> {
    if (job) await this.renderLetter.recordFailedAttempt(job.data.letterId, error, isLastAttempt(job));
  }
}
