import { MigrationInterface, QueryRunner } from 'typeorm';

/** The case import-service opened for each upload, and its status, as its events tell it. */
export class TrackCaseOfUpload1764200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE roster_upload.roster_uploads ADD COLUMN case_number text, ADD COLUMN case_status text');
    await queryRunner.query('CREATE INDEX roster_uploads_same_file_idx ON roster_upload.roster_uploads (group_id, sha256)');
    await queryRunner.query('CREATE UNIQUE INDEX roster_uploads_case_idx ON roster_upload.roster_uploads (case_number)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX roster_upload.roster_uploads_case_idx');
    await queryRunner.query('DROP INDEX roster_upload.roster_uploads_same_file_idx');
    await queryRunner.query('ALTER TABLE roster_upload.roster_uploads DROP COLUMN case_number, DROP COLUMN case_status');
  }
}
