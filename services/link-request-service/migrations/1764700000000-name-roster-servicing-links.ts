import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The names a roster import gave a practitioner (`practitioner.affiliated.v1`), kept on the links it
 * states: the List of Servicing Providers shows them when the provider master does not know the NPI.
 * Null on links recorded before, and on links from link requests (their provider is in the master).
 */
export class NameRosterServicingLinks1764700000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE link_request.servicing_links ADD COLUMN first_name text, ADD COLUMN last_name text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE link_request.servicing_links DROP COLUMN first_name, DROP COLUMN last_name');
  }
}
