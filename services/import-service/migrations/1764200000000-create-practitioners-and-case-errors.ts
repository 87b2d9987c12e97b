import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePractitionersAndCaseErrors1764200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE roster_import.practitioners (
        group_id                text NOT NULL,
        npi                     text NOT NULL,
        service_location        text NOT NULL,
        first_name              text NOT NULL,
        last_name               text NOT NULL,
        middle_name             text,
        suffix                  text,
        gender                  text,
        date_of_birth           date,
        provider_type           text NOT NULL,
        primary_taxonomy        text,
        license_number          text,
        license_state           text,
        license_expiration_date date,
        dea_number              text,
        caqh_provider_id        text,
        effective_date          date NOT NULL,
        end_date                date,
        email                   text,
        phone                   text,
        status                  text NOT NULL CHECK (status IN ('WAITING_FOR_CAQH', 'SUBMITTED', 'TERMINATED')),
        last_case_number        text NOT NULL,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, npi)
      )`);
    await queryRunner.query(
      'CREATE INDEX practitioners_group_name_idx ON roster_import.practitioners (group_id, lower(last_name), lower(first_name))',
    );
    await queryRunner.query(`
      CREATE TABLE roster_import.case_errors (
        case_number text NOT NULL REFERENCES roster_import.cases (case_number) ON DELETE CASCADE,
        seq         integer NOT NULL,
        row_number  integer NOT NULL,
        column_name text NOT NULL,
        code        text NOT NULL,
        message     text NOT NULL,
        PRIMARY KEY (case_number, seq)
      )`);
    await queryRunner.query('CREATE INDEX case_errors_row_idx ON roster_import.case_errors (case_number, row_number, seq)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE roster_import.case_errors');
    await queryRunner.query('DROP TABLE roster_import.practitioners');
  }
}
