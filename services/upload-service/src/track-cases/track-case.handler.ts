import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RosterImportCaseCreatedV1, RosterImportCompletedV1 } from '@rosterlink/contracts';
import { RosterUploadRepository } from '../roster-upload/roster-upload.repository';

/**
 * Follows the case of each upload (import-service's events), so an upload can be refused while
 * the same file's case is still open, and a revised file can name only a case it may replace.
 * The two events are not ordered with each other: a final status is never overwritten by NEW.
 */
@Injectable()
export class TrackCase {
  constructor(private readonly uploads: RosterUploadRepository) {}

  async opened({ uploadId, caseNumber }: RosterImportCaseCreatedV1, tx: EntityManager): Promise<void> {
    await this.uploads.recordCaseOpened(tx, uploadId, caseNumber);
  }

  async finished({ uploadId, caseNumber, status }: RosterImportCompletedV1, tx: EntityManager): Promise<void> {
    await this.uploads.recordCaseStatus(tx, uploadId, caseNumber, status);
  }
}
