import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PractitionerAffiliatedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { RecordPractitionerAffiliation } from './record-affiliation.handler';

@Controller()
export class PractitionerAffiliatedConsumer {
  constructor(private readonly recordAffiliation: RecordPractitionerAffiliation) {}

  @OnEvent(Topics.PractitionerAffiliated)
  async onPractitionerAffiliated(event: ReceivedEvent<PractitionerAffiliatedV1>, tx: EntityManager): Promise<void> {
    await this.recordAffiliation.execute(tx, event.payload);
  }
}
