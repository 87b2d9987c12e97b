import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Queues } from '@rosterlink/contracts';
import { OnJobFailed, QueuedJob } from '@rosterlink/platform';
import { isLastAttempt } from '../queues/delivery-queues';
import { SendTeamAlertEmail } from './send-team-alert-email.handler';

/** The team-alert-email queue's jobs → SendTeamAlertEmail. */
@Processor(Queues.TeamAlertEmail)
export class TeamAlertEmailProcessor extends WorkerHost {
  constructor(private readonly sendTeamAlertEmail: SendTeamAlertEmail) {
    super();
  }

  async process(job: QueuedJob<typeof Queues.TeamAlertEmail>): Promise<void> {
    await this.sendTeamAlertEmail.execute(job.data.notificationId);
  }

  @OnJobFailed()
  async onFailed(job: QueuedJob<typeof Queues.TeamAlertEmail> | undefined, error: Error): Promise<void> {
    if (job) await this.sendTeamAlertEmail.recordFailedAttempt(job.data.notificationId, error, isLastAttempt(job));
  }
}
