import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provider directory of link-request-service: accent- and case-insensitive, typo-tolerant
 * search over the provider-master projection (`link_request.providers`, created by
 * CreateProviderMasterTables1764100000000, which runs before this), and `servicing_links`: every
 * link of an individual provider to a PID/SL, past and present.
 *
 * pg_trgm and unaccent live in schema `public` and are always named with it. Both are trusted
 * extensions: a database owner without superuser rights may create them.
 */
export class CreateProviderDirectory1764300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
    const misplaced: { extname: string; schema: string }[] = await queryRunner.query(
      `SELECT extname, extnamespace::regnamespace::text AS schema FROM pg_extension
       WHERE extname IN ('pg_trgm', 'unaccent') AND extnamespace <> 'public'::regnamespace`,
    );
    if (misplaced.length > 0) {
      const where = misplaced.map((e) => `${e.extname} is in schema ${e.schema}`).join(', ');
      throw new Error(`link-request-service needs pg_trgm and unaccent in schema public: ${where}`);
    }

    // unaccent() is only STABLE (its dictionary could change), so an index or a generated column
    // cannot use it directly. The wrapper names the dictionary explicitly and is declared IMMUTABLE.
    await queryRunner.query(`
      CREATE FUNCTION link_request.search_text(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1))`);

    // Stored rather than an expression index: a search reads the normalized name of every
    // candidate row (index recheck, ranking), and calling the wrapper costs ~5 µs a row.
    await queryRunner.query(`
      ALTER TABLE link_request.providers ADD COLUMN search_name text
        GENERATED ALWAYS AS (link_request.search_text(first_name || ' ' || last_name)) STORED`);
    // Serves word-prefix regexes, word similarity (<%) and LIKE; exact pid and npi use the
    // primary key and providers_npi_idx.
    await queryRunner.query(
      'CREATE INDEX providers_search_name_trgm_idx ON link_request.providers USING gin (search_name public.gin_trgm_ops)',
    );

    await queryRunner.query(`
      CREATE TABLE link_request.servicing_links (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pidsl            text NOT NULL,
        group_id         text NOT NULL,
        service_location text NOT NULL,
        provider_pid     text,
        npi              text NOT NULL,
        effective_date   date NOT NULL,
        end_date         date,
        source           text NOT NULL CHECK (source IN ('LINK_REQUEST', 'ROSTER')),
        -- the roster-import case number, or the link request's id
        source_reference text NOT NULL,
        updated_at       timestamptz NOT NULL,
        CONSTRAINT servicing_links_pidsl_check CHECK (pidsl = group_id || service_location),
        CONSTRAINT servicing_links_dates_check CHECK (end_date IS NULL OR end_date >= effective_date),
        CONSTRAINT servicing_links_pidsl_npi_effective_key UNIQUE (pidsl, npi, effective_date)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_request.servicing_links');
    await queryRunner.query('DROP INDEX link_request.providers_search_name_trgm_idx');
    await queryRunner.query('ALTER TABLE link_request.providers DROP COLUMN search_name');
    await queryRunner.query('DROP FUNCTION link_request.search_text(text)');
    // pg_trgm and unaccent stay: other schemas of the database may use them.
  }
}
