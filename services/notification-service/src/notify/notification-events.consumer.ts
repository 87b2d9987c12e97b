import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LinkRequestSlaBreachedV1, LinkRequestSlaWarningV1, RosterImportCompletedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { Notify } from './notify.handler';

/** The events users are told about → Notify. */
@Controller()
export class NotificationEventsConsumer {
  constructor(private readonly notify: Notify) {}

  /** The seed's "notification if there are no errors", and its counterpart when there are. */
  @OnEvent(Topics.RosterImportCompleted)
  async onRosterImportCompleted(event: ReceivedEvent<RosterImportCompletedV1>, tx: EntityManager): Promise<void> {
    await this.notify.rosterImportCompleted(event, tx);
  }

  @OnEvent(Topics.LinkRequestSlaWarning)
  async onSlaWarning(event: ReceivedEvent<LinkRequestSlaWarningV1>, tx: EntityManager): Promise<void> {
    await this.notify.slaWarning(event, tx);
  }

  @OnEvent(Topics.LinkRequestSlaBreached)
  async onSlaBreached(event: ReceivedEvent<LinkRequestSlaBreachedV1>, tx: EntityManager): Promise<void> {
    await this.notify.slaBreached(event, tx);
  }
}
