import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA sweep looks for open requests not yet reported breached, by due date. A breached
 * request stays SUBMITTED until decided, so on `link_requests_open_due_idx` every sweep would
 * walk past all the breaches it already reported (hundreds of thousands in a backlog); this index
 * holds only the requests the sweep can still act on.
 */
export class IndexOpenRequestsBySla1764600000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX link_requests_sla_pending_idx ON link_request.link_requests (due_date)
        WHERE status = 'SUBMITTED' AND sla_breached_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX link_request.link_requests_sla_pending_idx');
  }
}
