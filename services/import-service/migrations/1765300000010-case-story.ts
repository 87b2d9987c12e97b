import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The story of a case: who uploaded which file when (from roster.uploaded.v1; unknown for cases opened before),
 * its history (one row per change of status, written with the change), and the indexes of the case searches.
 */
export class CaseStory1765300000010 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE roster_import.cases ADD COLUMN uploaded_by text, ADD COLUMN uploaded_at timestamptz');
    await queryRunner.query(`
      CREATE TABLE roster_import.case_history (
        case_number text NOT NULL REFERENCES roster_import.cases (case_number) ON DELETE CASCADE,
        seq         bigint GENERATED ALWAYS AS IDENTITY,
        at          timestamptz NOT NULL,
        event       text NOT NULL
          CHECK (event IN ('UPLOADED', 'OPENED', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED')),
        by          text,
        detail      text,
        PRIMARY KEY (case_number, seq)
      )`);
    // The case that replaced a case (supersededByCaseNumber).
    await queryRunner.query(
      'CREATE INDEX cases_supersedes_idx ON roster_import.cases (supersedes_case_number) WHERE supersedes_case_number IS NOT NULL',
    );
    // GET /cases?createdFrom&createdTo over every group (the back office).
    await queryRunner.query('CREATE INDEX cases_created_idx ON roster_import.cases (created_at)');
    // GET /cases?npi: the cases that named a practitioner, at any group.
    await queryRunner.query('CREATE INDEX practitioners_npi_idx ON roster_import.practitioners (npi)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX roster_import.practitioners_npi_idx');
    await queryRunner.query('DROP INDEX roster_import.cases_created_idx');
    await queryRunner.query('DROP INDEX roster_import.cases_supersedes_idx');
    await queryRunner.query('DROP TABLE roster_import.case_history');
    await queryRunner.query('ALTER TABLE roster_import.cases DROP COLUMN uploaded_at, DROP COLUMN uploaded_by');
  }
}
