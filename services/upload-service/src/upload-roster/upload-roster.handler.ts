import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { ProviderGroup } from '@rosterlink/provider-master';
import { KeptRosterFile, RosterFileStore } from '@rosterlink/roster-file';
import { RosterFileCustody } from '../roster-upload/roster-file-custody';
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
 * Accepts a checked roster in one transaction: refuses a duplicate of an open case or a revision
 * of a case it may not replace, keeps the file, and records the upload with its
 * `roster.uploaded.v1` event. A refused upload leaves nothing in the file store.
 */
@Injectable()
export class UploadRoster {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly fileStore: RosterFileStore,
    private readonly custody: RosterFileCustody,
  ) {}

  async execute({ fields, file, uploadedBy }: UploadRosterCommand): Promise<RosterUpload> {
    let kept: KeptRosterFile | undefined;
    try {
      return await this.dataSource.transaction(async (tx) => {
        // Two uploads of the same bytes cannot both pass the duplicate check, nor race a discard of their file.
        await this.custody.lockContent(tx, file.sha256);
        await this.refuseDuplicateOfOpenCase(tx, fields.groupId, file.sha256);
        if (fields.supersedesCaseNumber) await this.checkReplaceable(tx, fields.groupId, fields.supersedesCaseNumber);
        // Stored only once the upload is accepted, and before its row commits: an event never names a missing file.
        kept = await this.fileStore.keep(file.temporaryPath, file.sha256);
        const upload = await tx.save(
          tx.create(RosterUpload, {
            uploadId: randomUUID(),
            groupId: fields.groupId,
            importType: fields.importType,
            fileFormat: file.format,
            fileName: file.fileName,
            sizeBytes: file.sizeBytes,
            sha256: file.sha256,
            storageKey: kept.storageKey,
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
    } catch (error) {
      // The row did not commit: a file this upload put in the store goes again, unless another upload now refers to it.
      if (kept?.newlyStored) await this.custody.discardIfUnreferenced(kept.storageKey);
      throw error;
    }
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
