import { Injectable, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { RosterFileStore } from '@rosterlink/roster-file';
import { caseRefusals, ROSTER_FILE_CONTENT_TYPES } from '../roster-import-case/roster-import-case.rules';
import { ViewCases } from '../view-cases/view-cases.handler';
import { attachmentDisposition } from './attachment-disposition';

export interface UploadedRosterFile {
  file: Readable;
  contentType: string;
  disposition: string;
}

/** "Download the file": the case's roster file as it was uploaded, streamed from the file store under its uploaded name. */
@Injectable()
export class DownloadRosterFile {
  constructor(
    private readonly viewCases: ViewCases,
    private readonly fileStore: RosterFileStore,
  ) {}

  /** The file, if `user` may see the case (404 otherwise, as for no case) and the store still holds it (404 otherwise). */
  async execute(caseNumber: string, user: AuthenticatedUser): Promise<UploadedRosterFile> {
    const rosterCase = await this.viewCases.visibleCase(caseNumber, user);
    const file = await this.fileStore.openIfStored(rosterCase.storageKey);
    if (!file) throw new NotFoundException(caseRefusals.uploadedFileGone(rosterCase.caseNumber));
    const contentType = ROSTER_FILE_CONTENT_TYPES[rosterCase.fileFormat];
    const fallback = `${rosterCase.caseNumber}.${rosterCase.fileFormat.toLowerCase()}`;
    return { file, contentType, disposition: attachmentDisposition(rosterCase.fileName, fallback) };
  }
}
