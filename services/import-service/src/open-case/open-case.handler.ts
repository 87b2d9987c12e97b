import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterUploadedV1, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { rosterImportCaseNumber } from '../roster-import-case/case-number';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { NewRosterImportCase, RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import {
  CASE_TRANSITIONS,
  caseCompletedEvent,
  caseCreatedEvent,
  countsWithoutChanges,
  mayReplace,
  OPENED_CASE_STATUS,
  openingTimeline,
  supersededDetail,
  transitionEntry,
} from '../roster-import-case/roster-import-case.rules';

/**
 * Opens the roster-import case (NEW) of an accepted upload, once per upload. A revised file names
 * the case it replaces, which becomes SUPERSEDED and can no longer be processed.
 */
@Injectable()
export class OpenRosterImportCase {
  private readonly logger = new Logger(OpenRosterImportCase.name);

  constructor(
    private readonly cases: RosterImportCaseRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(tx: EntityManager, upload: RosterUploadedV1): Promise<RosterImportCase> {
    // The inbox already drops a replayed event; this also holds if the same upload arrives under a new event id.
    const existing = await this.cases.findByUpload(tx, upload.uploadId);
    if (existing) return existing;

    const sequence = await this.cases.nextSequence(tx);
    const openedAt = this.clock.now();
    const opened: NewRosterImportCase = {
      caseNumber: rosterImportCaseNumber(openedAt, sequence),
      uploadId: upload.uploadId,
      groupId: upload.groupId,
      importType: upload.importType,
      status: OPENED_CASE_STATUS,
      fileFormat: upload.fileFormat,
      fileName: upload.fileName,
      storageKey: upload.storageKey,
      supersedesCaseNumber: upload.supersedesCaseNumber ?? null,
      uploadedBy: upload.uploadedBy,
      uploadedAt: new Date(upload.uploadedAt),
      createdAt: openedAt,
      updatedAt: openedAt,
    };
    const rosterCase = await this.cases.add(tx, opened, openingTimeline(opened));
    await this.outbox.publish(tx, Topics.RosterImportCaseCreated, caseCreatedEvent(rosterCase, openedAt));
    if (upload.supersedesCaseNumber) await this.supersede(tx, upload.supersedesCaseNumber, rosterCase);
    // With the upload's trace id (the consumer runs this within the event's trace).
    this.logger.log({ msg: 'Roster import case opened', caseNumber: rosterCase.caseNumber, uploadId: upload.uploadId });
    return rosterCase;
  }

  private async supersede(tx: EntityManager, caseNumber: string, revision: RosterImportCase): Promise<void> {
    const replaced = await this.cases.lock(tx, caseNumber);
    if (!replaced || !mayReplace(replaced, revision.groupId)) {
      // upload-service checked this at upload; the case changed since. The revision stands on its own.
      this.logger.warn({ msg: 'Revised file names a case it cannot replace', caseNumber, status: replaced?.status });
      return;
    }
    const status = CASE_TRANSITIONS.supersede.to;
    const supersededAt = this.clock.now();
    await this.cases.setStatus(tx, caseNumber, status, transitionEntry('supersede', supersededAt, null, supersededDetail(revision.caseNumber)));
    const counts = countsWithoutChanges(replaced.rowCount, replaced.errorCount);
    await this.outbox.publish(tx, Topics.RosterImportCompleted, caseCompletedEvent(replaced, status, counts, supersededAt, revision.caseNumber));
  }
}
