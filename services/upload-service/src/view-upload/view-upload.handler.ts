import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { RosterUploadRepository } from '../roster-upload/roster-upload.repository';
import { uploadRefusals } from '../roster-upload/roster-upload.rules';
import { RosterUploadView } from './view-upload.dto';

/**
 * An accepted upload as its group sees it: its status and, once import-service has opened it, its
 * case number, so a client finds the case without guessing. Another group's upload is 404.
 */
@Injectable()
export class ViewUpload {
  constructor(private readonly uploads: RosterUploadRepository) {}

  async execute(user: AuthenticatedUser, uploadId: string): Promise<RosterUploadView> {
    const upload = await this.uploads.findById(uploadId);
    if (!upload || !user.canActForGroup(upload.groupId)) throw new NotFoundException(uploadRefusals.uploadNotFound(uploadId));
    return {
      uploadId: upload.uploadId,
      groupId: upload.groupId,
      importType: upload.importType,
      fileName: upload.fileName,
      status: 'ACCEPTED',
      uploadedAt: upload.uploadedAt.toISOString(),
      ...(upload.caseNumber ? { caseNumber: upload.caseNumber, caseStatus: upload.caseStatus ?? undefined } : {}),
    };
  }
}
