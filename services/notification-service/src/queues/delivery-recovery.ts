import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RecurringTask } from '@rosterlink/platform';
import { LetterRepository } from '../letter/letter.repository';
import { nextStepOf } from '../letter/letter.rules';
import { TeamAlertEmailRepository } from '../team-alert-email/team-alert-email.repository';
import { DeliveryJobs } from './delivery-queues';

/**
 * PostgreSQL holds the state of every letter and team alert e-mail: at start-up and every 30 s,
 * unfinished ones are queued again for their next step (job ids prevent doubles). Nothing is lost with Redis.
 */
@Injectable()
export class DeliveryRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly recurring = new RecurringTask('Delivery recovery', 30_000, () => this.sweep());

  constructor(
    private readonly letters: LetterRepository,
    private readonly teamAlertEmails: TeamAlertEmailRepository,
    private readonly jobs: DeliveryJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.recurring.start();
  }

  onApplicationShutdown(): void {
    this.recurring.stop();
  }

  async sweep(): Promise<void> {
    for (const { letterId, status } of await this.letters.unfinished()) {
      const step = nextStepOf(status);
      if (step === 'render') await this.jobs.render(letterId);
      if (step === 'deliver') await this.jobs.deliver(letterId);
    }
    for (const notificationId of await this.teamAlertEmails.pendingIds()) await this.jobs.emailTeam(notificationId);
  }
}
