import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consumed batch of roster statements finds the links it touches by NPI (`npi = ANY(...)`).
 * Without an index that leads with the NPI, PostgreSQL read every link of the group once per
 * batch: 100 events/s on a 100,000-practitioner roster instead of thousands.
 */
export class IndexLinksByNpi1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX servicing_links_npi_idx ON link_request.servicing_links (npi)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX link_request.servicing_links_npi_idx`);
  }
}
