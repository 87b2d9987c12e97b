import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseStatus, ImportType, RosterFileFormat } from '@rosterlink/contracts';

const bigintAsNumber = { to: (v?: number) => v, from: (v: string) => Number(v) };

/** A roster-import case: one per accepted upload, worked from NEW to a final status. */
@Entity({ name: 'cases' })
export class RosterImportCase {
  @PrimaryColumn('text', { name: 'case_number' }) caseNumber: string;
  @Column('uuid', { name: 'upload_id', unique: true }) uploadId: string;
  @Column('text', { name: 'group_id' }) groupId: string;
  @Column('text', { name: 'import_type' }) importType: ImportType;
  @Column('text') status: CaseStatus;
  @Column('text', { name: 'file_format' }) fileFormat: RosterFileFormat;
  @Column('text', { name: 'file_name' }) fileName: string;
  @Column('text', { name: 'storage_key' }) storageKey: string;
  @Column('text', { name: 'supersedes_case_number', nullable: true }) supersedesCaseNumber: string | null;
  /** The uploader's user id and the upload's time, from roster.uploaded.v1 (null for cases opened before they were kept). */
  @Column('text', { name: 'uploaded_by', nullable: true }) uploadedBy: string | null;
  @Column('timestamptz', { name: 'uploaded_at', nullable: true }) uploadedAt: Date | null;
  @Column('integer', { name: 'row_count', default: 0 }) rowCount: number;
  @Column('integer', { name: 'created_count', default: 0 }) createdCount: number;
  @Column('integer', { name: 'updated_count', default: 0 }) updatedCount: number;
  @Column('integer', { name: 'terminated_count', default: 0 }) terminatedCount: number;
  @Column('integer', { name: 'error_count', default: 0 }) errorCount: number;
  /** Database-generated; orders "most recent first" exactly. */
  @Column({ type: 'bigint', name: 'opened_seq', transformer: bigintAsNumber, insert: false, update: false })
  openedSeq: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
