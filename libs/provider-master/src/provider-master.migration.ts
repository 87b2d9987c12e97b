import { MigrationInterface, QueryRunner } from 'typeorm';

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

function schemaOf(queryRunner: QueryRunner): string {
  return (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
}
