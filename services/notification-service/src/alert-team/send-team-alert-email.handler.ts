import { Inject, Injectable } from '@nestjs/common';
import { retryWhileUnavailable } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { Mailer } from '../mail/mailer';
import { NotificationRepository } from '../notification/notification.repository';
import { recordedError } from '../queues/delivery-queues';
import { TeamAlertEmailRepository } from '../team-alert-email/team-alert-email.repository';
import { shouldSend, teamAlertMail, teamAlertRefusals } from '../team-alert-email/team-alert-email.rules';

/** E-mails the back-office team address about an SLA breach, once; retried while the mail server is down. */
@Injectable()
export class SendTeamAlertEmail {
  constructor(
    private readonly teamAlertEmails: TeamAlertEmailRepository,
    private readonly notifications: NotificationRepository,
    // Null when SMTP_URL is not set (the factory in app.module); a union type needs the explicit token.
    @Inject(Mailer) private readonly mailer: Mailer | null,
    private readonly clock: Clock,
  ) {}

  async execute(notificationId: string): Promise<void> {
    const alert = await this.teamAlertEmails.find(notificationId);
    const notification = alert && (await this.notifications.find(notificationId));
    if (!alert || !notification) throw new Error(teamAlertRefusals.notFound(notificationId));
    if (!shouldSend(alert.status)) return;
    if (!this.mailer) throw new Error(teamAlertRefusals.noMailServer);
    await this.mailer.send(teamAlertMail(notificationId, alert.recipient, notification));
    // Sent: only the record is retried (a database restart is waited for), never the e-mail.
    const sentAt = this.clock.now();
    await retryWhileUnavailable(() => this.teamAlertEmails.markSent(notificationId, sentAt));
  }

  /** After a failed attempt the alert shows the error; after the last one it is FAILED. */
  async recordFailedAttempt(notificationId: string, error: Error, lastAttempt: boolean): Promise<void> {
    await this.teamAlertEmails.recordFailure(notificationId, recordedError(error), lastAttempt);
  }
}
