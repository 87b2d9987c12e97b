import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PractitionerAffiliatedV1, Topics } from '@rosterlink/contracts';
import { OnEventBatch, ReceivedEvent } from '@rosterlink/messaging';
import { RecordPractitionerAffiliation } from './record-affiliation.handler';

@Controller()
export class PractitionerAffiliatedConsumer {
  constructor(private readonly recordAffiliation: RecordPractitionerAffiliation) {}

  @OnEventBatch(Topics.PractitionerAffiliated)
  async onPractitionerAffiliated(events: ReceivedEvent<PractitionerAffiliatedV1>[], tx: EntityManager): Promise<void> {
    await this.recordAffiliation.execute(tx, events.map((e) => e.payload));
  }
}
