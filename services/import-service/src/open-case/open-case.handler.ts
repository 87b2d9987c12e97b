import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RosterUploadedV1, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { rosterImportCaseNumber } from '../roster-import-case/case-number';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';

/** Opens the roster-import case (NEW) of an accepted upload, once per upload. */
@Injectable()
export class OpenRosterImportCase {
  constructor(private readonly outbox: OutboxPublisher) {}

  async execute(tx: EntityManager, upload: RosterUploadedV1): Promise<RosterImportCase> {
    // The inbox already drops a replayed event; this also holds if the same upload arrives under a new event id.
    const existing = await tx.findOneBy(RosterImportCase, { uploadId: upload.uploadId });
    if (existing) return existing;

    const [{ sequence }] = await tx.query(`SELECT nextval('roster_import.case_number_seq')::int AS sequence`);
    const openedAt = new Date();
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
    return rosterCase;
  }
}
