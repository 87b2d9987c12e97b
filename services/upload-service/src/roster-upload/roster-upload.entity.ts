import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStatus, ImportType, RosterFileFormat } from '@rosterlink/contracts';

/** A roster file a group practice uploaded and upload-service accepted. */
@Entity({ name: 'roster_uploads' })
export class RosterUpload {
  @PrimaryColumn('uuid', { name: 'upload_id' }) uploadId: string;
  @Column('text', { name: 'group_id' }) groupId: string;
  @Column('text', { name: 'import_type' }) importType: ImportType;
  @Column('text', { name: 'file_format' }) fileFormat: RosterFileFormat;
  @Column('text', { name: 'file_name' }) fileName: string;
  @Column('bigint', { name: 'size_bytes', transformer: { to: (v) => v, from: (v) => Number(v) } }) sizeBytes: number;
  @Column('text') sha256: string;
  @Column('text', { name: 'storage_key' }) storageKey: string;
  @Column('text', { name: 'supersedes_case_number', nullable: true }) supersedesCaseNumber: string | null;
  @Column('text', { name: 'uploaded_by' }) uploadedBy: string;
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
  /** The case import-service opened for this upload, once its event arrived. */
  @Column('text', { name: 'case_number', nullable: true }) caseNumber: string | null;
  @Column('text', { name: 'case_status', nullable: true }) caseStatus: CaseStatus | null;
}
