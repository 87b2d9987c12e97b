import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LinkRequestProcessedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { Notify } from '../notify/notify.handler';
import { CreateLetter } from './create-letter.handler';

/** `link-request.processed.v1` → the letter to the group's DBA address, and the group's notification of the decision. */
@Controller()
export class LinkRequestProcessedConsumer {
  constructor(
    private readonly createLetter: CreateLetter,
    private readonly notify: Notify,
  ) {}

  @OnEvent(Topics.LinkRequestProcessed)
  async onProcessed(event: ReceivedEvent<LinkRequestProcessedV1>, tx: EntityManager): Promise<void> {
    await this.createLetter.execute(event.payload, tx, event.afterCommit);
    await this.notify.linkDecided(event, tx);
  }
}
