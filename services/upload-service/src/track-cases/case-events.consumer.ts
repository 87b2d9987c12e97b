import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterImportCaseCreatedV1, RosterImportCompletedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { TrackCase } from './track-case.handler';

/** import-service's case events → TrackCase. */
@Controller()
export class CaseEventsConsumer {
  constructor(private readonly trackCase: TrackCase) {}

  @OnEvent(Topics.RosterImportCaseCreated)
  async onCaseCreated({ payload }: ReceivedEvent<RosterImportCaseCreatedV1>, tx: EntityManager): Promise<void> {
    await this.trackCase.opened(payload, tx);
  }

  @OnEvent(Topics.RosterImportCompleted)
  async onCaseCompleted({ payload }: ReceivedEvent<RosterImportCompletedV1>, tx: EntityManager): Promise<void> {
    await this.trackCase.finished(payload, tx);
  }
}
