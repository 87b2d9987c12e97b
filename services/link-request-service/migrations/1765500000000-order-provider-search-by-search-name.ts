import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search for Provider lists name matches by the normalized last name (lower-cased, unaccented:
 * "da Silva" among the D's, "Côté" beside "Cote"), then the name as written. A partial name that
 * starts thousands of surnames ("Cres…" on a million providers: 2,083 names of ~11 providers each)
 * can then be paged by one ordered scan of the last-name index over all those names, stopping at
 * the page, instead of reading every matching provider to sort them (22,000 rows, ~40 ms). The
 * first-name index gets the same order after the first name, so each first name's providers also
 * come in page order.
 */
export class OrderProviderSearchBySearchName1765500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX link_request.providers_search_first_name_idx');
    await queryRunner.query(`
      CREATE INDEX providers_search_first_name_idx
        ON link_request.providers (search_first_name, search_last_name, last_name, first_name, pid)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX link_request.providers_search_first_name_idx');
    await queryRunner.query(`
      CREATE INDEX providers_search_first_name_idx ON link_request.providers (search_first_name, last_name, first_name, pid)
        INCLUDE (search_last_name)`);
  }
}
