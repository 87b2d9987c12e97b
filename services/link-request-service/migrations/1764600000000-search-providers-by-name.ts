import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search for Provider by one typed name without reading every namesake. On a million providers a
 * misspelled surname ("Sullovan") is similar to thousands of them: the trigram index on the full
 * name found all 7,449 Sullivans, and PostgreSQL then read each one's heap row to recheck the
 * similarity, rank it and count it (70–125 ms). The directory has far fewer distinct names than
 * providers (~62,500 last names and a few dozen first names per million), so a one-word search
 * now matches names, not providers:
 *
 * - `provider_names`: every distinct normalized first name and last name, with a trigram index
 *   (a few MB). Word-prefix and similarity matching run here.
 * - `search_first_name`, `search_last_name`: the normalized name parts on each provider, with
 *   btree indexes that hold the columns the page is sorted by, so a name's providers come in page
 *   order from the index alone and the total is counted by index-only scans.
 *
 * `provider_names` is kept by statement-level triggers on `providers`, whoever writes it (the
 * provider-master projection upserts in batches). Names whose providers are gone stay: they match
 * nobody, and a name table only grows as fast as new names appear.
 */
export class SearchProvidersByName1764600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE link_request.providers
        ADD COLUMN search_first_name text GENERATED ALWAYS AS (link_request.search_text(first_name)) STORED,
        ADD COLUMN search_last_name text GENERATED ALWAYS AS (link_request.search_text(last_name)) STORED`);
    // Key (name, then the page order); the other name part is included for ranking and counting.
    await queryRunner.query(`
      CREATE INDEX providers_search_last_name_idx ON link_request.providers (search_last_name, last_name, first_name, pid)
        INCLUDE (search_first_name)`);
    await queryRunner.query(`
      CREATE INDEX providers_search_first_name_idx ON link_request.providers (search_first_name, last_name, first_name, pid)
        INCLUDE (search_last_name)`);

    await queryRunner.query(`
      CREATE TABLE link_request.provider_names (
        kind text NOT NULL CHECK (kind IN ('FIRST', 'LAST')),
        name text NOT NULL,
        PRIMARY KEY (kind, name)
      )`);
    // Without the fast-update pending list: new names are few, and a pending list the size of a
    // bulk load made the planner (rightly) prefer reading all names to the index until a VACUUM.
    await queryRunner.query(
      'CREATE INDEX provider_names_trgm_idx ON link_request.provider_names USING gin (name public.gin_trgm_ops) WITH (fastupdate = off)',
    );
    // In name order, so two transactions adding the same new names take their locks in one order.
    await queryRunner.query(`
      CREATE FUNCTION link_request.record_provider_names() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO link_request.provider_names (kind, name)
        SELECT kind, name FROM (
          SELECT 'FIRST' AS kind, search_first_name AS name FROM written
          UNION
          SELECT 'LAST', search_last_name FROM written
        ) AS names
        WHERE name IS NOT NULL
        ORDER BY kind, name
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const event of ['INSERT', 'UPDATE']) {
      await queryRunner.query(`
        CREATE TRIGGER providers_record_names_on_${event.toLowerCase()} AFTER ${event} ON link_request.providers
          REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION link_request.record_provider_names()`);
    }
    await queryRunner.query(`
      INSERT INTO link_request.provider_names (kind, name)
      SELECT 'FIRST', search_first_name FROM link_request.providers
      UNION
      SELECT 'LAST', search_last_name FROM link_request.providers`);
    await queryRunner.query('ANALYZE link_request.provider_names');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER providers_record_names_on_update ON link_request.providers');
    await queryRunner.query('DROP TRIGGER providers_record_names_on_insert ON link_request.providers');
    await queryRunner.query('DROP FUNCTION link_request.record_provider_names()');
    await queryRunner.query('DROP TABLE link_request.provider_names');
    await queryRunner.query('DROP INDEX link_request.providers_search_first_name_idx');
    await queryRunner.query('DROP INDEX link_request.providers_search_last_name_idx');
    await queryRunner.query('ALTER TABLE link_request.providers DROP COLUMN search_last_name, DROP COLUMN search_first_name');
  }
}
