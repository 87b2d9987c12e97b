import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PROVIDER_MATCHES, type ProviderSearchItem, type ProviderType } from '@rosterlink/contracts';
import { inOneSnapshot, type Page } from '@rosterlink/platform';

/**
 * How close a typed name must come to a run of words of a provider's name (pg_trgm
 * word_similarity) to be offered as a similar name. Measured on the bench's million names, 0.4
 * finds the intended surname for nearly every one-letter typo (wrong, missing or extra letter)
 * and for about half of transpositions and two-letter typos; 0.5 loses a quarter of the wrong
 * letters and most transpositions. The loose candidates this lets in are ranked below by
 * strict_word_similarity, which puts the intended name first.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.4;
/**
 * When a one-word name matches nothing at all, not even a similar name, similar names are looked
 * for once more this loosely. A wrong middle letter of a five-letter surname leaves only a third
 * of its trigrams ("Coien" for "Cohen", "Snith" for "Smith": word similarity 0.33), below
 * WORD_SIMILARITY_THRESHOLD; rather than answer nothing, the closest such names are offered. Only
 * searches that would find nobody pay for it (one more query on the names' trigram index, ~1 ms).
 */
export const LOOSE_WORD_SIMILARITY_THRESHOLD = 0.3;
/** Below this many letters a name is matched by prefix only: a near miss of so little is noise. */
const SIMILAR_NAME_MIN_LETTERS = 4;
/**
 * Similar names are offered when fewer providers than this match exactly or by name prefix: a
 * typed name that starts many names is a partial name, not a typo, and similar names would only
 * follow the prefix matches at great cost.
 */
export const SIMILAR_NAMES_BELOW = 50;

export interface ProviderSearchCriteria {
  providerId?: string;
  npi?: string;
  name?: string;
}

/** A provider found, and how it matched (what Search for Provider answers, before linkability). */
export type ProviderFound = Omit<ProviderSearchItem, 'linkable' | 'notLinkableReason'>;

/** The words of a typed name: runs of letters and digits; anything else (spaces, hyphens, apostrophes) separates them. */
export function nameWords(name: string | undefined): string[] {
  return (name ?? '').normalize('NFC').split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** A regex matching `word` (normalized like the names, regex characters escaped) at the start of a word. */
const wordStart = (word: string) =>
  String.raw`('(^|[ ''.-])' || regexp_replace(link_request.search_text(${word}), '([^[:alnum:]])', '\\\1', 'g'))`;

/** The SQL of one provider search: the page, its total, and (without similar names) whether similar names are due. */
export interface ProviderSearchSql {
  items: SqlQuery;
  count: SqlQuery;
  /** Whether similar names may be offered at all: a name of SIMILAR_NAME_MIN_LETTERS or more. */
  similarNamesPossible: boolean;
  /** How many providers match exactly or by prefix, counting to SIMILAR_NAMES_BELOW at most. */
  preciseMatches: SqlQuery;
}

/**
 * The provider search as parameterized SQL over `link_request.providers` (individuals only). A
 * provider matches any criterion given: its provider ID or NPI exactly; every typed name word
 * starting a word of its first or last name; or, with `similarNames`, the typed name being a near
 * miss of words of its name. Name matching reads `search_name` (lower-cased, unaccented) through
 * its trigram index. Run it with `pg_trgm.word_similarity_threshold` = WORD_SIMILARITY_THRESHOLD.
 */
export function providerSearchSql(
  criteria: ProviderSearchCriteria,
  page: { limit: number; offset: number },
  similarNames: boolean,
): ProviderSearchSql {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const exact: string[] = [];
  if (criteria.providerId) exact.push(`p.pid = ${bind(criteria.providerId)}`);
  if (criteria.npi) exact.push(`p.npi = ${bind(criteria.npi)}`);
  const words = nameWords(criteria.name);
  const prefix = words.map((word) => `p.search_name ~ ${wordStart(bind(word))}`).join(' AND ');
  const typed = words.join(' ');
  const similarNamesPossible = typed.replace(/ /g, '').length >= SIMILAR_NAME_MIN_LETTERS;
  const similarTo = similarNames && similarNamesPossible ? `link_request.search_text(${bind(typed)})` : null;

  const precise = [...exact, prefix && `(${prefix})`].filter(Boolean).join(' OR ');
  if (!precise) throw new Error('A provider search needs a provider ID, an NPI or a name');
  const where = similarTo ? `${precise} OR ${similarTo} <% p.search_name` : precise;
  const rank = `CASE WHEN ${exact.join(' OR ') || 'false'} THEN 0 WHEN ${prefix || 'false'} THEN 1 ELSE 2 END`;
  // Exact and prefix matches read like a directory, by name; similar names the closest first.
  const closestFirst = similarTo ? `CASE WHEN rank = 2 THEN strict_word_similarity(${similarTo}, search_name) END DESC NULLS LAST, ` : '';
  const scope = [...params];
  // The typed name for similarity is bound last: the precise condition does not use it.
  const preciseParams = similarTo ? params.slice(0, -1) : [...params];
  return {
    similarNamesPossible,
    preciseMatches: {
      sql: `SELECT count(*)::int AS n FROM (SELECT FROM link_request.providers p WHERE ${precise} LIMIT ${SIMILAR_NAMES_BELOW}) AS m`,
      params: preciseParams,
    },
    count: { sql: `SELECT count(*)::int AS total FROM link_request.providers p WHERE ${where}`, params: scope },
    items: {
      // OFFSET 0 keeps the subquery: each row's rank is computed once, the similarity only for similar names.
      sql: `SELECT "providerId", npi, "firstName", "lastName", "providerType", rank, count(*) OVER ()::int AS total
            FROM (SELECT p.pid AS "providerId", p.npi, p.first_name AS "firstName", p.last_name AS "lastName",
                         p.provider_type AS "providerType", p.search_name, p.search_last_name, ${rank} AS rank
                  FROM link_request.providers p
                  WHERE ${where}
                  OFFSET 0) AS matches
            ORDER BY rank, ${closestFirst}search_last_name, "lastName", "firstName", "providerId"
            LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
      params,
    },
  };
}

/** A distinct first or last name (normalized) that a typed name word matches: by word prefix (rank 1) or as a similar name (rank 2). */
export interface NamePart {
  kind: 'FIRST' | 'LAST';
  name: string;
  rank: 1 | 2;
  /** strict_word_similarity of the typed word to the name, for similar names (their order). */
  similarity: number | null;
}

/**
 * The names of `link_request.provider_names` that one typed name word matches: those with a word
 * starting with it ('PREFIX'), or those it is a near miss of and does not start ('SIMILAR': word
 * similarity, so run it with `pg_trgm.word_similarity_threshold` = WORD_SIMILARITY_THRESHOLD).
 * About 62,500 names stand for a million providers, so this reads a few index pages whatever the
 * name's popularity.
 */
export function namePartsSql(word: string, match: 'PREFIX' | 'SIMILAR'): SqlQuery {
  const typed = `link_request.search_text($1)`;
  const prefix = `n.name ~ ${wordStart('$1')}`;
  return {
    sql:
      match === 'PREFIX'
        ? `SELECT n.kind, n.name, 1 AS rank, NULL::real AS similarity FROM link_request.provider_names n WHERE ${prefix}`
        : `SELECT n.kind, n.name, 2 AS rank, strict_word_similarity(${typed}, n.name) AS similarity
           FROM link_request.provider_names n WHERE ${typed} <% n.name AND NOT ${prefix}`,
    params: [word],
  };
}

/** The names as parameters: kinds, names, ranks and similarities, in that order. */
const partParams = (parts: readonly NamePart[]) => [
  parts.map((p) => p.kind),
  parts.map((p) => p.name),
  parts.map((p) => p.rank),
  parts.map((p) => p.similarity),
];
const namesOf = (parts: readonly NamePart[], kind: NamePart['kind']) => parts.filter((p) => p.kind === kind).map((p) => p.name);

/**
 * How many providers match: exactly by provider ID or NPI, or by one of `parts` as first or last
 * name. Counted from the name indexes alone (index-only scans), each provider once: by last name;
 * else by first name; else exactly.
 */
export function namePartTotalSql(exact: Pick<ProviderSearchCriteria, 'providerId' | 'npi'>, parts: readonly NamePart[]): SqlQuery {
  return {
    sql: `SELECT (SELECT count(*) FROM link_request.providers WHERE search_last_name = ANY($1::text[]))
               + (SELECT count(*) FROM link_request.providers
                  WHERE search_first_name = ANY($2::text[]) AND search_last_name <> ALL($1::text[]))
               + (SELECT count(*) FROM link_request.providers
                  WHERE (pid = $3 OR npi = $4) AND search_first_name <> ALL($2::text[]) AND search_last_name <> ALL($1::text[]))
               AS total`,
    params: [namesOf(parts, 'LAST'), namesOf(parts, 'FIRST'), exact.providerId ?? null, exact.npi ?? null],
  };
}

/**
 * The order of a page of matches within a rank: by the normalized last name (so case and accents
 * do not split the directory: "da Silva" among the D's), then the name as written, then provider ID.
 */
const DIRECTORY_ORDER = ['search_last_name', 'last_name', 'first_name', 'pid'] as const;

/**
 * One page of the providers matching exactly or by one of `parts`, in the order of
 * providerSearchSql: exact, then prefix matches in directory order, then similar names closest
 * first. Each source of matches is read from its index already in page order, at most
 * offset + limit of it: a provider on the page is among the first offset + limit of a source that
 * holds it (every provider before it there is before it on the whole list too), so nothing the
 * page needs is cut. Last names are read a level at a time (the names the word starts; the similar
 * names of one similarity), each level by one ordered scan of the last-name index over all its
 * names: a short partial name or a near miss of one ("Cres…" on a million providers) stands for
 * thousands of names of ~11 providers each, which read one by one would be every matching provider
 * (22,000 rows, ~40 ms). First names are few and read one by one.
 */
export function namePartPageSql(
  exact: Pick<ProviderSearchCriteria, 'providerId' | 'npi'>,
  parts: readonly NamePart[],
  page: { limit: number; offset: number },
): SqlQuery {
  const columns = 'pid, search_last_name, last_name, first_name, search_first_name';
  const order = DIRECTORY_ORDER.join(', ');
  const pageOrder = `rank, CASE WHEN rank = 2 THEN similarity END DESC NULLS LAST, ${order}`;
  return {
    sql: `WITH parts AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::real[]) AS part(kind, name, rank, similarity)),
          last_name_levels AS (SELECT array_agg(name) AS names FROM parts WHERE kind = 'LAST' GROUP BY rank, similarity),
          found AS (
            SELECT ${columns}, true AS exact FROM link_request.providers WHERE pid = $5 OR npi = $6
            UNION ALL
            SELECT f.*, false FROM last_name_levels AS level, LATERAL (
              SELECT ${columns} FROM link_request.providers WHERE search_last_name = ANY(level.names) ORDER BY ${order} LIMIT $7) AS f
            UNION ALL
            SELECT f.*, false FROM parts, LATERAL (
              SELECT ${columns} FROM link_request.providers WHERE search_first_name = parts.name ORDER BY ${order} LIMIT $7) AS f
            WHERE parts.kind = 'FIRST'
          ),
          ranked AS (
            SELECT c.pid, c.search_last_name, c.last_name, c.first_name,
                   CASE WHEN c.exact THEN 0 WHEN pf.rank = 1 OR pl.rank = 1 THEN 1 ELSE 2 END AS rank,
                   greatest(pf.similarity, pl.similarity) AS similarity
            FROM (SELECT ${columns}, bool_or(exact) AS exact FROM found GROUP BY 1, 2, 3, 4, 5) AS c
            LEFT JOIN parts pf ON pf.kind = 'FIRST' AND pf.name = c.search_first_name
            LEFT JOIN parts pl ON pl.kind = 'LAST' AND pl.name = c.search_last_name
          ),
          shown AS (SELECT * FROM ranked ORDER BY ${pageOrder} LIMIT $8 OFFSET $9)
          SELECT p.pid AS "providerId", p.npi, p.first_name AS "firstName", p.last_name AS "lastName",
                 p.provider_type AS "providerType", shown.rank
          FROM shown JOIN link_request.providers p USING (pid)
          ORDER BY ${pageOrder.replace(/\b(rank|similarity|search_last_name|last_name|first_name|pid)\b/g, 'shown.$1')}`,
    params: [...partParams(parts), exact.providerId ?? null, exact.npi ?? null, page.offset + page.limit, page.limit, page.offset],
  };
}

interface Row {
  providerId: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  rank: number;
  total?: number;
}

/**
 * Search for Provider's read model over the provider master's individuals (`providers`) and their
 * distinct names (`provider_names`): by provider ID, NPI or (part of, or a near miss of) a name.
 */
@Injectable()
export class ProviderSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Exact provider ID and NPI matches first, then name-prefix matches (in directory order), then similar
   * names (closest first) when fewer than SIMILAR_NAMES_BELOW providers matched the first two ways.
   */
  async search(criteria: ProviderSearchCriteria, page: { limit: number; offset: number }): Promise<Page<ProviderFound>> {
    return inOneSnapshot(this.dataSource, async (tx) => {
      await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(WORD_SIMILARITY_THRESHOLD)]);
      const words = nameWords(criteria.name);
      if (words.length === 1) return this.searchByName(tx, criteria, words[0], page);
      let sql = providerSearchSql(criteria, page, false);
      if (sql.similarNamesPossible) {
        const [{ n }]: { n: number }[] = await tx.query(sql.preciseMatches.sql, sql.preciseMatches.params);
        if (n < SIMILAR_NAMES_BELOW) sql = providerSearchSql(criteria, page, true);
      }
      const rows: Row[] = await tx.query(sql.items.sql, sql.items.params);
      // Every row carries the total; only a page past the end needs it counted.
      const total =
        rows[0]?.total ?? (page.offset === 0 ? 0 : ((await tx.query(sql.count.sql, sql.count.params)) as { total: number }[])[0].total);
      return { items: rows.map(toItem), total };
    });
  }

  /**
   * A name of one word (the usual search: a surname, or its start), matched against the distinct
   * first and last names rather than against every provider: the same matches and order as
   * providerSearchSql, except that a near miss is judged against the first or the last name
   * rather than the whole name, and that a name matching nothing is looked for once more loosely
   * (LOOSE_WORD_SIMILARITY_THRESHOLD).
   */
  private async searchByName(
    tx: EntityManager,
    exact: Pick<ProviderSearchCriteria, 'providerId' | 'npi'>,
    word: string,
    page: { limit: number; offset: number },
  ): Promise<Page<ProviderFound>> {
    const namesMatching = async (match: 'PREFIX' | 'SIMILAR'): Promise<NamePart[]> => {
      const sql = namePartsSql(word, match);
      return tx.query(sql.sql, sql.params);
    };
    const countOf = async (parts: NamePart[]): Promise<number> => {
      const sql = namePartTotalSql(exact, parts);
      const [{ total }]: { total: string }[] = await tx.query(sql.sql, sql.params);
      return Number(total);
    };
    let parts = await namesMatching('PREFIX');
    let total = await countOf(parts);
    if (word.length >= SIMILAR_NAME_MIN_LETTERS && total < SIMILAR_NAMES_BELOW) {
      let similar = await namesMatching('SIMILAR');
      if (similar.length === 0 && total === 0) {
        // Nothing at all: look again, more loosely (for the rest of this transaction only).
        await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(LOOSE_WORD_SIMILARITY_THRESHOLD)]);
        similar = await namesMatching('SIMILAR');
      }
      if (similar.length > 0) {
        parts = [...parts, ...similar];
        total = await countOf(parts);
      }
    }
    if (total === 0 || page.offset >= total) return { items: [], total };
    const sql = namePartPageSql(exact, parts, page);
    const rows: Row[] = await tx.query(sql.sql, sql.params);
    return { items: rows.map(toItem), total };
  }
}

function toItem({ rank, total: _total, ...provider }: Row): ProviderFound {
  return { ...provider, match: PROVIDER_MATCHES[rank] };
}
