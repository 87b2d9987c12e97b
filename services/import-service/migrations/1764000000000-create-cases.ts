import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@rosterlink/messaging';

export class CreateCases1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'roster_import');
    await queryRunner.query('CREATE SEQUENCE roster_import.case_number_seq');
    await queryRunner.query(`
      CREATE TABLE roster_import.cases (
        case_number            text PRIMARY KEY,
        upload_id              uuid NOT NULL UNIQUE,
        group_id               text NOT NULL,
        import_type            text NOT NULL CHECK (import_type IN ('ADD_UPDATE', 'TERMINATE')),
        status                 text NOT NULL
          CHECK (status IN ('NEW', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED')),
        file_format            text NOT NULL,
        file_name              text NOT NULL,
        storage_key            text NOT NULL,
        supersedes_case_number text,
        row_count              integer NOT NULL DEFAULT 0,
        created_count          integer NOT NULL DEFAULT 0,
        updated_count          integer NOT NULL DEFAULT 0,
        terminated_count       integer NOT NULL DEFAULT 0,
        error_count            integer NOT NULL DEFAULT 0,
        -- orders "most recent first" exactly, even for cases opened in the same microsecond
        opened_seq             bigint GENERATED ALWAYS AS IDENTITY,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX cases_group_recent_idx ON roster_import.cases (group_id, opened_seq DESC)');
    await queryRunner.query('CREATE INDEX cases_status_recent_idx ON roster_import.cases (status, opened_seq DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE roster_import.cases');
    await queryRunner.query('DROP SEQUENCE roster_import.case_number_seq');
    await dropMessagingTables(queryRunner, 'roster_import');
  }
}
