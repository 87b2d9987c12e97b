import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isSupersedable, RosterUploadedV1, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { rosterImportCaseNumber } from '../roster-import-case/case-number';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';

/**
 * Opens the roster-import case (NEW) of an accepted upload, once per upload. A revised file names
 * the case it replaces, which becomes SUPERSEDED and can no longer be processed.
 */
@Injectable()
export class OpenRosterImportCase {
  private readonly logger = new Logger(OpenRosterImportCase.name);

  constructor(
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(tx: EntityManager, upload: RosterUploadedV1): Promise<RosterImportCase> {
    // The inbox already drops a replayed event; this also holds if the same upload arrives under a new event id.
    const existing = await tx.findOneBy(RosterImportCase, { uploadId: upload.uploadId });
    if (existing) return existing;

    const [{ sequence }] = await tx.query(`SELECT nextval('roster_import.case_number_seq')::int AS sequence`);
    const openedAt = this.clock.now();
    const rosterCase = await tx.save(
      tx.create(RosterImportCase, {
        caseNumber: rosterImportCaseNumber(openedAt, sequence),
        uploadId: upload.uploadId,
        groupId: upload.groupId,
        importType: upload.importType,
        status: 'NEW',
        fileFormat: upload.fileFormat,
        fileName: upload.fileName,
        storageKey: upload.storageKey,
        supersedesCaseNumber: upload.supersedesCaseNumber ?? null,
        createdAt: openedAt,
        updatedAt: openedAt,
      }),
    );
    await this.outbox.publish(tx, Topics.RosterImportCaseCreated, {
      caseNumber: rosterCase.caseNumber,
      uploadId: rosterCase.uploadId,
      groupId: rosterCase.groupId,
      importType: rosterCase.importType,
      status: 'NEW',
      createdAt: openedAt.toISOString(),
    });
    if (upload.supersedesCaseNumber) await this.supersede(tx, upload.supersedesCaseNumber, rosterCase);
    return rosterCase;
  }

  private async supersede(tx: EntityManager, caseNumber: string, revision: RosterImportCase): Promise<void> {
    const replaced = await tx.findOne(RosterImportCase, { where: { caseNumber }, lock: { mode: 'pessimistic_write' } });
    if (!replaced || replaced.groupId !== revision.groupId || !isSupersedable(replaced.status)) {
      // upload-service checked this at upload; the case changed since. The revision stands on its own.
      this.logger.warn({ msg: 'Revised file names a case it cannot replace', caseNumber, status: replaced?.status });
      return;
    }
    await tx.update(RosterImportCase, { caseNumber }, { status: 'SUPERSEDED' });
    await this.outbox.publish(tx, Topics.RosterImportCompleted, {
      caseNumber,
      uploadId: replaced.uploadId,
      groupId: replaced.groupId,
      importType: replaced.importType,
      status: 'SUPERSEDED',
      counts: {
        rows: replaced.rowCount,
        created: 0,
        updated: 0,
        terminated: 0,
        errors: replaced.errorCount,
      },
      supersededBy: revision.caseNumber,
      completedAt: this.clock.now().toISOString(),
    });
  }
}
