import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider user's list of link requests is limited to their granted PID/SLs (and anyone may filter
 * by one): this index finds a location's requests in the list's order instead of scanning them all.
 */
export class IndexLinkRequestsByLocation1764700000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX link_requests_by_location_idx ON link_request.link_requests (pidsl, due_date, submitted_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX link_request.link_requests_by_location_idx');
  }
}
