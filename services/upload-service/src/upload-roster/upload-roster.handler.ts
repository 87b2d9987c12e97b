import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { RosterFileStore } from '../file-store/roster-file-store';
import { RosterUpload } from '../roster-upload/roster-upload.entity';
import type { ReceivedRosterFile } from './multipart-roster';
import type { UploadRosterFields } from './upload-roster.dto';

export interface UploadRosterCommand {
  fields: UploadRosterFields;
  file: ReceivedRosterFile & { format: 'CSV' | 'XLSX' };
  uploadedBy: string;
}

/** Accepts a received roster: keeps the file, then records the upload and `roster.uploaded.v1` together. */
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
}
