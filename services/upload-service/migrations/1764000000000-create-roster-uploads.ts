import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@rosterlink/messaging';

export class CreateRosterUploads1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'roster_upload');
    await queryRunner.query(`
      CREATE TABLE roster_upload.roster_uploads (
        upload_id              uuid PRIMARY KEY,
        group_id               text NOT NULL,
        import_type            text NOT NULL CHECK (import_type IN ('ADD_UPDATE', 'TERMINATE')),
        file_format            text NOT NULL CHECK (file_format IN ('CSV', 'XLSX')),
        file_name              text NOT NULL,
        size_bytes             bigint NOT NULL,
        sha256                 text NOT NULL,
        storage_key            text NOT NULL,
        supersedes_case_number text,
        uploaded_by            text NOT NULL,
        uploaded_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX roster_uploads_group_idx ON roster_upload.roster_uploads (group_id, uploaded_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE roster_upload.roster_uploads');
    await dropMessagingTables(queryRunner, 'roster_upload');
  }
}
