import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterUploadedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { OpenRosterImportCase } from './open-case.handler';

@Controller()
export class RosterUploadedConsumer {
  constructor(private readonly openCase: OpenRosterImportCase) {}

  @OnEvent(Topics.RosterUploaded)
  async onRosterUploaded(event: ReceivedEvent<RosterUploadedV1>, tx: EntityManager): Promise<void> {
    await this.openCase.execute(tx, event.payload);
  }
}
