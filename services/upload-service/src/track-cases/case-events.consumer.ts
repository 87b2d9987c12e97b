import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterImportCaseCreatedV1, RosterImportCompletedV1, Topics } from '@rosterlink/contracts';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';

/**
 * Follows the case of each upload (import-service's events), so an upload can be refused while
 * the same file's case is still open, and a revised file can name only a case it may replace.
 * The two topics are not ordered with each other: a final status is never overwritten by NEW.
 */
@Controller()
export class CaseEventsConsumer {
  @OnEvent(Topics.RosterImportCaseCreated)
  async onCaseCreated({ payload }: ReceivedEvent<RosterImportCaseCreatedV1>, tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE roster_upload.roster_uploads SET case_number = $2, case_status = coalesce(case_status, 'NEW') WHERE upload_id = $1`,
      [payload.uploadId, payload.caseNumber],
    );
  }

  @OnEvent(Topics.RosterImportCompleted)
  async onCaseCompleted({ payload }: ReceivedEvent<RosterImportCompletedV1>, tx: EntityManager): Promise<void> {
    await tx.query('UPDATE roster_upload.roster_uploads SET case_number = $2, case_status = $3 WHERE upload_id = $1', [
      payload.uploadId,
      payload.caseNumber,
      payload.status,
    ]);
  }
}
