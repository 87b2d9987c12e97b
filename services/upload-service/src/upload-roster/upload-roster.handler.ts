import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { KeptRosterFile, RosterFileStore } from '@rosterlink/roster-file';
import { ProviderGroupRepository } from '../provider-group/provider-group.repository';
import { RosterFileCustody } from '../roster-upload/roster-file-custody';
import { RosterUpload } from '../roster-upload/roster-upload.entity';
import { RosterUploadRepository } from '../roster-upload/roster-upload.repository';
import { duplicateRefusal, replaceRefusal, UploadRefusal, uploadRefusals } from '../roster-upload/roster-upload.rules';
import type { ReceivedRosterFile } from './multipart-roster';
import { checkRosterFile } from './roster-file-check';
import type { UploadRosterFields } from './upload-roster.dto';

export interface UploadRosterCommand {
  fields: UploadRosterFields;
  /** As received; absent when the body had no `file` part. */
  file: ReceivedRosterFile | undefined;
  user: AuthenticatedUser;
}

type AcceptableRosterFile = ReceivedRosterFile & { format: 'CSV' | 'XLSX' };

function refused(refusal: UploadRefusal): Error {
  return refusal.kind === 'conflict' ? new ConflictException(refusal.body) : new UnprocessableEntityException(refusal.body);
}

/**
 * Accepts a roster for a group the caller may act for and the provider master knows, if its file
 * is the approved template. In one transaction: refuses a duplicate of an open case or a revision
 * of a case it may not replace, keeps the file, and records the upload with its
 * `roster.uploaded.v1` event. A refused upload leaves nothing in the file store.
 */
@Injectable()
export class UploadRoster {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uploads: RosterUploadRepository,
    private readonly groups: ProviderGroupRepository,
    private readonly outbox: OutboxPublisher,
    private readonly fileStore: RosterFileStore,
    private readonly custody: RosterFileCustody,
  ) {}

  async execute({ fields, file, user }: UploadRosterCommand): Promise<RosterUpload> {
    if (!user.canActForGroup(fields.groupId)) throw new NotFoundException(uploadRefusals.groupNotFound(fields.groupId));
    if (!(await this.groups.exists(fields.groupId))) throw new NotFoundException(uploadRefusals.groupNotFound(fields.groupId));
    const acceptable = requireRosterFile(file);
    const problems = await checkRosterFile(acceptable.temporaryPath, acceptable.format, fields.importType);
    if (problems.length > 0) {
      throw new UnprocessableEntityException({ message: 'The file is not the approved roster template', details: problems });
    }
    return this.accept(fields, acceptable, user.id);
  }

  private async accept(fields: UploadRosterFields, file: AcceptableRosterFile, uploadedBy: string): Promise<RosterUpload> {
    let kept: KeptRosterFile | undefined;
    try {
      return await this.dataSource.transaction(async (tx) => {
        // Two uploads of the same bytes cannot both pass the duplicate check, nor race a discard of their file.
        await this.custody.lockContent(tx, file.sha256);
        await this.refuseDuplicateOfOpenCase(tx, fields.groupId, file.sha256);
        if (fields.supersedesCaseNumber) await this.checkReplaceable(tx, fields.groupId, fields.supersedesCaseNumber);
        // Stored only once the upload is accepted, and before its row commits: an event never names a missing file.
        kept = await this.fileStore.keep(file.temporaryPath, file.sha256);
        const upload = await this.uploads.add(tx, {
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
        });
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

  private async refuseDuplicateOfOpenCase(tx: EntityManager, groupId: string, sha256: string): Promise<void> {
    const refusal = duplicateRefusal(await this.uploads.findWithOpenCase(tx, groupId, sha256));
    if (refusal) throw refused(refusal);
  }

  private async checkReplaceable(tx: EntityManager, groupId: string, caseNumber: string): Promise<void> {
    const refusal = replaceRefusal(groupId, caseNumber, await this.uploads.findByCase(tx, groupId, caseNumber));
    if (refusal) throw refused(refusal);
  }
}

/** 400 without a file, 422 for a file that is neither CSV text nor an .xlsx workbook. */
function requireRosterFile(file: ReceivedRosterFile | undefined): AcceptableRosterFile {
  if (!file || file.sizeBytes === 0) {
    throw new BadRequestException({ message: 'A roster file is required', details: [{ field: 'file', message: 'missing or empty' }] });
  }
  if (file.format === 'UNKNOWN') {
    throw new UnprocessableEntityException({
      message: 'The file is neither CSV text nor an Excel (.xlsx) workbook',
      details: [{ field: 'file', message: 'use the roster template, saved as CSV (UTF-8) or .xlsx' }],
    });
  }
  return file as AcceptableRosterFile;
}
