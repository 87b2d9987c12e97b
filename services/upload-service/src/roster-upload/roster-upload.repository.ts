import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { CaseStatus, FINAL_CASE_STATUSES } from '@rosterlink/contracts';
import { RosterUpload } from './roster-upload.entity';
import { OPENED_CASE_STATUS } from './roster-upload.rules';

export type NewRosterUpload = Omit<RosterUpload, 'uploadedAt' | 'caseNumber' | 'caseStatus'>;

/** The accepted uploads and the case each one led to (`roster_upload.roster_uploads`): every read and write of them. */
@Injectable()
export class RosterUploadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Holds, until `tx` ends, the lock of everything done with the stored file of that content:
   * keeping it, checking for a duplicate upload, discarding it.
   */
  async lockContent(tx: EntityManager, sha256: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`roster-file:${sha256}`]);
  }

  /** An upload of the group with the same bytes whose case is open (roster-upload.rules `isCaseOpen`, in SQL). */
  async findWithOpenCase(tx: EntityManager, groupId: string, sha256: string): Promise<RosterUpload | null> {
    return tx.findOne(RosterUpload, {
      where: [
        { groupId, sha256, caseStatus: IsNull() },
        { groupId, sha256, caseStatus: Not(In([...FINAL_CASE_STATUSES])) },
      ],
    });
  }

  /** One upload by its id, if any. */
  async findById(uploadId: string): Promise<RosterUpload | null> {
    return this.dataSource.getRepository(RosterUpload).findOneBy({ uploadId });
  }

  /** The group's upload that led to `caseNumber`, if any. */
  async findByCase(tx: EntityManager, groupId: string, caseNumber: string): Promise<RosterUpload | null> {
    return tx.findOneBy(RosterUpload, { groupId, caseNumber });
  }

  /** Records the accepted upload in `tx`; its `uploadedAt` is the database's. */
  async add(tx: EntityManager, upload: NewRosterUpload): Promise<RosterUpload> {
    return tx.save(tx.create(RosterUpload, upload));
  }

  /** Whether a committed upload (or one in `tx`) refers to the stored file. */
  async isReferenced(tx: EntityManager, storageKey: string): Promise<boolean> {
    return tx.existsBy(RosterUpload, { storageKey });
  }

  /** Of `storageKeys`, those an upload refers to: one query for the whole list. */
  async referencedStorageKeys(storageKeys: string[]): Promise<Set<string>> {
    if (storageKeys.length === 0) return new Set();
    const referenced = await this.dataSource
      .getRepository(RosterUpload)
      .find({ where: { storageKey: In(storageKeys) }, select: { storageKey: true } });
    return new Set(referenced.map((u) => u.storageKey));
  }

  /**
   * The upload's case was opened: its number, and NEW unless a final status arrived first (the
   * two topics are not ordered with each other, and a final status is never overwritten by NEW).
   */
  async recordCaseOpened(tx: EntityManager, uploadId: string, caseNumber: string): Promise<void> {
    await tx.query(
      `UPDATE roster_upload.roster_uploads SET case_number = $2, case_status = coalesce(case_status, $3) WHERE upload_id = $1`,
      [uploadId, caseNumber, OPENED_CASE_STATUS],
    );
  }

  /** The upload's case reached a final status. */
  async recordCaseStatus(tx: EntityManager, uploadId: string, caseNumber: string, caseStatus: CaseStatus): Promise<void> {
    await tx.query('UPDATE roster_upload.roster_uploads SET case_number = $2, case_status = $3 WHERE upload_id = $1', [
      uploadId,
      caseNumber,
      caseStatus,
    ]);
  }
}
