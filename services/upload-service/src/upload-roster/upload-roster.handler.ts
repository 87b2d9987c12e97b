import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { ProviderGroup } from '@rosterlink/provider-master';
import { RosterFileStore } from '@rosterlink/roster-file';
import { RosterUpload } from '../roster-upload/roster-upload.entity';
import type { ReceivedRosterFile } from './multipart-roster';
import type { UploadRosterFields } from './upload-roster.dto';

export interface UploadRosterCommand {
  fields: UploadRosterFields;
  file: ReceivedRosterFile & { format: 'CSV' | 'XLSX' };
  uploadedBy: string;
}

/** Final case statuses; any other (or none yet) means the upload's case is still open. */
const CLOSED_CASE_STATUSES = ['COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED'];
/** A revised file may replace a case with row errors, or one not yet processed. */
const REPLACEABLE_CASE_STATUSES = ['NEW', 'REJECTED'];

/**
 * Accepts a checked roster: keeps the file, then, in one transaction, refuses a duplicate of an
 * open case or a revision of a case it may not replace, and records the upload with its
 * `roster.uploaded.v1` event.
 */
@Injectable()
export class UploadRoster {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly fileStore: RosterFileStore,
  ) {}

  async execute({ fields, file, uploadedBy }: UploadRosterCommand): Promise<RosterUpload> {
    // Stored before the transaction: a crash in between leaves an unreferenced file, never an event without its file.
    const storageKey = await this.fileStore.keep(file.temporaryPath, file.sha256);
    return this.dataSource.transaction(async (tx) => {
      // Serialises uploads of the same file to the same group, so two at once cannot both pass the check.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${fields.groupId}:${file.sha256}`]);
      await this.refuseDuplicateOfOpenCase(tx, fields.groupId, file.sha256);
      if (fields.supersedesCaseNumber) await this.checkReplaceable(tx, fields.groupId, fields.supersedesCaseNumber);
      const upload = await tx.save(
        tx.create(RosterUpload, {
          uploadId: randomUUID(),
          groupId: fields.groupId,
          importType: fields.importType,
          fileFormat: file.format,
          fileName: file.fileName,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey,
          supersedesCaseNumber: fields.supersedesCaseNumber ?? null,
          uploadedBy,
        }),
      );
      await this.outbox.publish(tx, Topics.RosterUploaded, {
        uploadId: upload.uploadId,
        groupId: upload.groupId,
        importType: upload.importType,
        fileFormat: upload.fileFormat,
        fileName: upload.fileName,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
        storageKey: upload.storageKey,
        ...(upload.supersedesCaseNumber ? { supersedesCaseNumber: upload.supersedesCaseNumber } : {}),
        uploadedBy: upload.uploadedBy,
        uploadedAt: upload.uploadedAt.toISOString(),
      });
      return upload;
    });
  }

  /** 404 unless the provider master knows the group (the caller's grants were checked before). */
  async requireKnownGroup(groupId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(ProviderGroup).existsBy({ pid: groupId }))) {
      throw new NotFoundException(`Group ${groupId} not found`);
    }
  }

  private async refuseDuplicateOfOpenCase(tx: EntityManager, groupId: string, sha256: string): Promise<void> {
    const open = await tx.findOne(RosterUpload, {
      where: [
        { groupId, sha256, caseStatus: IsNull() },
        { groupId, sha256, caseStatus: Not(In(CLOSED_CASE_STATUSES)) },
      ],
    });
    if (!open) return;
    throw new ConflictException({
      message: open.caseNumber
        ? `This file is already on case ${open.caseNumber} (${open.caseStatus}); process or replace that case`
        : `This file was uploaded moments ago (upload ${open.uploadId}); its case is being opened`,
      caseNumber: open.caseNumber ?? undefined,
      uploadId: open.uploadId,
    });
  }

  private async checkReplaceable(tx: EntityManager, groupId: string, caseNumber: string): Promise<void> {
    const replaced = await tx.findOneBy(RosterUpload, { groupId, caseNumber });
    if (!replaced) {
      throw new UnprocessableEntityException({
        message: `Case ${caseNumber} is not a roster-import case of group ${groupId}`,
        details: [{ field: 'supersedesCaseNumber', message: 'no such case for this group' }],
      });
    }
    if (!REPLACEABLE_CASE_STATUSES.includes(replaced.caseStatus ?? '')) {
      throw new ConflictException({
        message: `Case ${caseNumber} is ${replaced.caseStatus}; a revised file can replace only a NEW or REJECTED case`,
        caseNumber,
        status: replaced.caseStatus,
      });
    }
  }
}
