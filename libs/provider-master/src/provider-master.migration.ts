import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@rosterlink/platform';

/**
 * The provider-master projection, in the schema of whichever service runs it. Each service
 * lists this migration among its own; the schema comes from its data source.
 */
export class CreateProviderMasterTables1764100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}".provider_groups (
        pid               text PRIMARY KEY,
        name              text NOT NULL,
        dba_name          text NOT NULL,
        dba_address       jsonb NOT NULL,
        service_locations jsonb NOT NULL,
        updated_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "${schema}".providers (
        pid           text PRIMARY KEY,
        npi           text NOT NULL,
        first_name    text NOT NULL,
        last_name     text NOT NULL,
        provider_type text NOT NULL,
        credentialed  boolean NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX providers_npi_idx ON "${schema}".providers (npi)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}".providers`);
    await queryRunner.query(`DROP TABLE "${schema}".provider_groups`);
  }
}

/** Groups may have a correspondence e-mail on file (`correspondenceEmail`, an optional field of v1). */
export class AddGroupCorrespondenceEmail1764500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${schemaOf(queryRunner)}".provider_groups ADD COLUMN correspondence_email text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${schemaOf(queryRunner)}".provider_groups DROP COLUMN correspondence_email`);
  }
}

/** What each service that keeps the projection lists among its migrations. */
export const PROVIDER_MASTER_MIGRATIONS = [CreateProviderMasterTables1764100000000, AddGroupCorrespondenceEmail1764500000000];
