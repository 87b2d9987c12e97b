import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@rosterlink/platform';

/**
 * The access-grants projection, in the schema of whichever service runs it. Each service lists
 * this migration among its own; the schema comes from its data source.
 */
export class CreateAccessGrants1765100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}".access_grants (
        user_id    text NOT NULL,
        pidsl      text NOT NULL,
        granted    boolean NOT NULL,
        "primary"  boolean NOT NULL,
        version    bigint NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, pidsl)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".access_grants`);
  }
}

/** What each service that keeps the projection lists among its migrations. */
export const ACCESS_GRANTS_MIGRATIONS = [CreateAccessGrants1765100000000];
