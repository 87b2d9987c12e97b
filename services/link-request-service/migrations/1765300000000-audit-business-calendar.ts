import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit of closures admins add and remove (who, when, which day, how many due dates moved), and
 * an index for a provider's other open requests (the decision context), which no existing index
 * leads with.
 */
export class AuditBusinessCalendar1765300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE link_request.business_calendar_audit (
        seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at              timestamptz NOT NULL,
        actor           text NOT NULL,
        action          text NOT NULL CHECK (action IN ('ADDED', 'REMOVED')),
        date            date NOT NULL,
        name            text NOT NULL,
        due_dates_moved integer NOT NULL CHECK (due_dates_moved >= 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX link_requests_open_by_provider_idx ON link_request.link_requests (provider_pid) WHERE status = 'SUBMITTED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX link_request.link_requests_open_by_provider_idx');
    await queryRunner.query('DROP TABLE link_request.business_calendar_audit');
  }
}
