import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LinkRequestProcessedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { CreateLetter } from './create-letter.handler';

/** `link-request.processed.v1` → the letter to the group's DBA address. */
@Controller()
export class LinkRequestProcessedConsumer {
  constructor(private readonly createLetter: CreateLetter) {}

  @OnEvent(Topics.LinkRequestProcessed)
  async onProcessed({ payload, afterCommit }: ReceivedEvent<LinkRequestProcessedV1>, tx: EntityManager): Promise<void> {
    await this.createLetter.execute(payload, tx, afterCommit);
  }
}
