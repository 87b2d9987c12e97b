import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { LinkRequestProcessedV1, LinkRequestSlaBreachedV1, LinkRequestSlaWarningV1, RosterImportCompletedV1 } from '@rosterlink/contracts';
import type { ReceivedEvent } from '@rosterlink/messaging';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { NotificationRepository } from '../notification/notification.repository';
import {
  linkDecisionNotification,
  NotificationContent,
  rosterImportNotification,
  slaBreachedNotification,
  slaWarningNotification,
} from '../notification/notification.rules';
import { DeliveryJobs } from '../queues/delivery-queues';
import { TeamAlertEmailRepository } from '../team-alert-email/team-alert-email.repository';

/** The event a notification comes from: its id becomes the notification's, so a redelivery adds nothing. */
export type NotifyingEvent<T> = Pick<ReceivedEvent<T>, 'id' | 'time' | 'payload' | 'afterCommit'>;

/** Turns events into what users see, in the transaction that records the event as handled. */
@Injectable()
export class Notify {
  private readonly logger = new Logger(Notify.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly teamAlertEmails: TeamAlertEmailRepository,
    private readonly jobs: DeliveryJobs,
    private readonly config: NotificationServiceConfig,
  ) {}

  async rosterImportCompleted(event: NotifyingEvent<RosterImportCompletedV1>, tx: EntityManager): Promise<void> {
    const content = rosterImportNotification(event.payload);
    if (content) await this.add(tx, event, content);
  }

  async linkDecided(event: NotifyingEvent<LinkRequestProcessedV1>, tx: EntityManager): Promise<void> {
    await this.add(tx, event, linkDecisionNotification(event.payload));
  }

  async slaWarning(event: NotifyingEvent<LinkRequestSlaWarningV1>, tx: EntityManager): Promise<void> {
    await this.add(tx, event, slaWarningNotification(event.payload));
  }

  async slaBreached(event: NotifyingEvent<LinkRequestSlaBreachedV1>, tx: EntityManager): Promise<void> {
    await this.add(tx, event, slaBreachedNotification(event.payload));
    // Breaches also reach the team's mailbox: one e-mail per breach, keyed like the notification.
    if (!this.config.SLA_BREACH_TEAM_EMAIL) return;
    if (await this.teamAlertEmails.createOnce(tx, event.id, this.config.SLA_BREACH_TEAM_EMAIL)) {
      event.afterCommit(() => this.jobs.emailTeam(event.id));
    }
  }

  private async add(tx: EntityManager, event: NotifyingEvent<unknown>, content: NotificationContent): Promise<void> {
    await this.notifications.addOnce(tx, event.id, event.time ? new Date(event.time) : new Date(), content);
    // With the source event's trace id (the consumer runs this within it); no content: it names people.
    this.logger.log({ msg: 'Notification created', notificationId: event.id });
  }
}
