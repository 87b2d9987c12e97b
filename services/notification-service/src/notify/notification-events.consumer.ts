import { InjectQueue } from '@nestjs/bullmq';
import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  LinkRequestSlaBreachedV1,
  LinkRequestSlaWarningV1,
  Queues,
  RosterImportCompletedV1,
  Topics,
} from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { Notification } from '../notification/notification.entity';
import { queueTeamAlertEmail, TeamAlertEmailQueue } from '../queues/delivery-queues';

type NewNotification = Omit<Notification, 'createdAt' | 'notificationId'>;

/**
 * Turns events into what users see. The notification's id is the event's id, so a redelivered
 * event adds nothing.
 */
@Controller()
export class NotificationEventsConsumer {
  constructor(
    private readonly config: NotificationServiceConfig,
    @InjectQueue(Queues.TeamAlertEmail) private readonly teamAlertQueue: TeamAlertEmailQueue,
  ) {}

  /** The seed's "notification if there are no errors", and its counterpart when there are. */
  @OnEvent(Topics.RosterImportCompleted)
  async onRosterImportCompleted({ id, time, payload }: ReceivedEvent<RosterImportCompletedV1>, tx: EntityManager): Promise<void> {
    const { caseNumber, counts, status } = payload;
    const base = { audience: 'GROUP' as const, groupId: payload.groupId, subjectRef: caseNumber, kind: `roster-${status.toLowerCase()}` };
    if (status === 'COMPLETED') {
      const terminated = counts.terminated > 0 ? `, ${counts.terminated} terminated` : '';
      await this.add(tx, id, time, { ...base, title: `Roster processed: case ${caseNumber}`, body: `Roster processed: ${counts.created} practitioners added, ${counts.updated} updated${terminated}.` });
    } else if (status === 'REJECTED') {
      await this.add(tx, id, time, { ...base, title: `Roster has ${counts.errors} errors`, body: `Roster has ${counts.errors} errors — open case ${caseNumber}, correct the file and upload a revised roster.` });
    } else if (status === 'FAILED') {
      await this.add(tx, id, time, { ...base, title: `Roster could not be processed`, body: `Case ${caseNumber} could not be processed; MassHealth has been alerted. Try again later.` });
    }
  }

  @OnEvent(Topics.LinkRequestSlaWarning)
  async onSlaWarning({ id, time, payload }: ReceivedEvent<LinkRequestSlaWarningV1>, tx: EntityManager): Promise<void> {
    await this.add(tx, id, time, {
      audience: 'BACK_OFFICE',
      groupId: null,
      kind: 'sla-warning',
      subjectRef: payload.requestId,
      title: `Link request due ${payload.dueDate}`,
      body: `Link request for ${payload.pidsl} is due ${payload.dueDate}: ${payload.businessDaysRemaining} business days left.`,
    });
  }

  @OnEvent(Topics.LinkRequestSlaBreached)
  async onSlaBreached({ id, time, payload, afterCommit }: ReceivedEvent<LinkRequestSlaBreachedV1>, tx: EntityManager): Promise<void> {
    await this.add(tx, id, time, {
      audience: 'BACK_OFFICE',
      groupId: null,
      kind: 'sla-breached',
      subjectRef: payload.requestId,
      title: `Link request overdue since ${payload.dueDate}`,
      body: `Link request for ${payload.pidsl} passed its 10-business-day due date (${payload.dueDate}) without a decision.`,
    });
    // Breaches also reach the team's mailbox: one e-mail per breach, keyed like the notification.
    if (!this.config.SLA_BREACH_TEAM_EMAIL) return;
    const [created] = await tx.query(
      `INSERT INTO notification.team_alert_emails (notification_id, recipient, status) VALUES ($1, $2, 'PENDING')
       ON CONFLICT (notification_id) DO NOTHING RETURNING notification_id`,
      [id, this.config.SLA_BREACH_TEAM_EMAIL],
    );
    if (created) afterCommit(() => queueTeamAlertEmail(this.teamAlertQueue, id));
  }

  private async add(tx: EntityManager, eventId: string, time: string, notification: NewNotification): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ ...notification, notificationId: eventId, createdAt: time ? new Date(time) : new Date() })
      .orIgnore()
      .execute();
  }
}
