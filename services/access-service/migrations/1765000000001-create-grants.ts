import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portal users, their grants on PID/SLs (one of which per PID/SL may be its Primary User), each
 * PID/SL's change counter (the `version` of access.grant-changed.v1), and the access audit.
 */
export class CreateGrants1765000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access.portal_users (
        user_id    text PRIMARY KEY,
        name       text NOT NULL,
        email      text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE access.grants (
        pidsl      text NOT NULL CHECK (pidsl ~ '^[0-9]{9}[A-Z]$'),
        user_id    text NOT NULL REFERENCES access.portal_users (user_id),
        is_primary boolean NOT NULL DEFAULT false,
        granted_at timestamptz NOT NULL,
        granted_by text NOT NULL,
        PRIMARY KEY (pidsl, user_id)
      )`);
    // One Primary User per PID/SL (grant.rules: naming another one demotes the previous one).
    await queryRunner.query('CREATE UNIQUE INDEX grants_one_primary_idx ON access.grants (pidsl) WHERE is_primary');
    await queryRunner.query('CREATE INDEX grants_user_idx ON access.grants (user_id)');
    await queryRunner.query(`
      CREATE TABLE access.service_location_versions (
        pidsl   text PRIMARY KEY,
        version bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE access.audit_entries (
        entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        pidsl    text NOT NULL,
        at       timestamptz NOT NULL,
        acted_by text NOT NULL,
        action   text NOT NULL CHECK (action IN ('GRANTED', 'REVOKED', 'PRIMARY_NAMED', 'PRIMARY_REMOVED')),
        user_id  text NOT NULL,
        before   jsonb NOT NULL,
        after    jsonb NOT NULL,
        version  bigint NOT NULL,
        UNIQUE (pidsl, version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access.audit_entries');
    await queryRunner.query('DROP TABLE access.service_location_versions');
    await queryRunner.query('DROP TABLE access.grants');
    await queryRunner.query('DROP TABLE access.portal_users');
  }
}
