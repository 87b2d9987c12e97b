import { MigrationInterface, QueryRunner } from 'typeorm';

/** The indexes of the letter searches: by practitioner (the NPI of the request's provider) and by date over every group. */
export class LetterSearches1765300000020 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX letters_npi_idx ON notification.letters ((request -> 'provider' ->> 'npi'))`);
    await queryRunner.query('CREATE INDEX letters_created_idx ON notification.letters (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX notification.letters_created_idx');
    await queryRunner.query('DROP INDEX notification.letters_npi_idx');
  }
}
