import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobPayloads, Queues } from '@rosterlink/contracts';
import { retryWhileUnavailable } from '@rosterlink/messaging';
import { Clock, OnJobFailed } from '@rosterlink/platform';
import { Mailer } from '../mail/mailer';
import { isLastAttempt } from '../queues/delivery-queues';
import { TeamAlertEmail } from './team-alert-email.entity';

/** E-mails the back-office team address about an SLA breach, once; retried while the mail server is down. */
@Processor(Queues.TeamAlertEmail)
export class TeamAlertEmailProcessor extends WorkerHost {
  constructor(
    private readonly dataSource: DataSource,
    // Null when SMTP_URL is not set (the factory in app.module); a union type needs the explicit token.
    @Inject(Mailer) private readonly mailer: Mailer | null,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['team-alert-email']>): Promise<void> {
    const { notificationId } = job.data;
    const [alert] = await this.dataSource.query(
      `SELECT e.recipient, e.status, n.title, n.body
       FROM notification.team_alert_emails e JOIN notification.notifications n USING (notification_id)
       WHERE e.notification_id = $1`,
      [notificationId],
    );
    if (!alert) throw new Error(`Team alert ${notificationId} not found`);
    if (alert.status !== 'PENDING') return;
    if (!this.mailer) throw new Error('SMTP_URL is not configured');
    await this.mailer.send({ to: alert.recipient, subject: alert.title, text: `${alert.body}\n`, messageId: `<sla-alert-${notificationId}@rosterlink>` });
    // Sent: only the record is retried (a database restart is waited for), never the e-mail.
    const sentAt = this.clock.now();
    await retryWhileUnavailable(() =>
      this.dataSource.getRepository(TeamAlertEmail).update({ notificationId, status: 'PENDING' }, { status: 'SENT', sentAt, lastError: null }),
    );
  }

  @OnJobFailed()
  async onFailed(job: Job<JobPayloads['team-alert-email']> | undefined, error: Error): Promise<void> {
    if (!job) return;
    await this.dataSource
      .getRepository(TeamAlertEmail)
      .update(
        { notificationId: job.data.notificationId, status: 'PENDING' },
        { lastError: error.message.slice(0, 500), ...(isLastAttempt(job) ? { status: 'FAILED' as const } : {}) },
      );
  }
}
