import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LINK_EXCLUDED_PROVIDER_TYPES, ProviderType } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';

/**
 * How close a typed name must come to a word run of a provider's name (pg_trgm word_similarity).
 * 0.4 still finds one wrong letter in a four-letter name (Chan → Chen) and two in a long one
 * (Ernandes → Hernández); lower lets unrelated names in.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.4;
/** Below this many letters a name is matched by prefix only: a trigram near miss of so little is noise. */
const SIMILAR_NAME_MIN_LETTERS = 4;

export const PROVIDER_MATCHES = ['EXACT_ID', 'NAME_PREFIX', 'SIMILAR_NAME'] as const;
export type ProviderMatch = (typeof PROVIDER_MATCHES)[number];

export interface ProviderSearchCriteria {
  providerId?: string;
  npi?: string;
  name?: string;
}

export interface ProviderSearchItem {
  providerId: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  linkable: boolean;
  notLinkableReason?: string;
  match: ProviderMatch;
}

const NOT_LINKABLE: Partial<Record<ProviderType, string>> = {
  LTSS: 'Long-Term Services and Supports (LTSS) providers are not linked through the portal: contact MassHealth LTSS Provider Services (masshealthltss.com).',
  DENTAL: 'Dental providers are not linked through the portal: contact MassHealth Customer Service for Dental Providers (masshealth-dental.net).',
  ORP: 'Ordering, referring and prescribing (ORP) providers cannot be linked to a group practice.',
};

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

/**
 * The provider search as parameterized SQL over `link_request.providers` (individuals only). A
 * provider matches any criterion given: its provider ID or NPI exactly; every typed name word
 * starting a word of its first or last name; or the typed name being a near miss of its name.
 * All name matching reads `search_name` (lower-cased, unaccented) through its trigram index.
 * Run it with `pg_trgm.word_similarity_threshold` set to WORD_SIMILARITY_THRESHOLD.
 */
export function providerSearchQueries(criteria: ProviderSearchCriteria, page: { limit: number; offset: number }): { items: SqlQuery; count: SqlQuery } {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const exact: string[] = [];
  if (criteria.providerId) exact.push(`p.pid = ${bind(criteria.providerId)}`);
  if (criteria.npi) exact.push(`p.npi = ${bind(criteria.npi)}`);
  const words = nameWords(criteria.name);
  const prefix = words.map((word) => `p.search_name ~ ${wordStart(bind(word))}`).join(' AND ');
  const typed = words.join(' ');
  const similarTo = typed.replace(/ /g, '').length >= SIMILAR_NAME_MIN_LETTERS ? `link_request.search_text(${bind(typed)})` : null;

  const where = [...exact, prefix && `(${prefix})`, similarTo && `${similarTo} <% p.search_name`].filter(Boolean).join(' OR ');
  if (!where) throw new Error('A provider search needs a provider ID, an NPI or a name');
  const rank = `CASE WHEN ${exact.join(' OR ') || 'false'} THEN 0 WHEN ${prefix || 'false'} THEN 1 ELSE 2 END`;
  const bySimilarity = similarTo ? `word_similarity(${similarTo}, p.search_name) DESC, ` : '';
  const count: SqlQuery = { sql: `SELECT count(*)::int AS total FROM link_request.providers p WHERE ${where}`, params: [...params] };
  const items: SqlQuery = {
    sql: `SELECT p.pid AS "providerId", p.npi, p.first_name AS "firstName", p.last_name AS "lastName",
                 p.provider_type AS "providerType", ${rank} AS rank
          FROM link_request.providers p
          WHERE ${where}
          ORDER BY rank, ${bySimilarity}p.last_name, p.first_name, p.pid
          LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
    params,
  };
  return { items, count };
}

interface Row {
  providerId: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  rank: number;
}

/** Search for Provider: individual providers by provider ID, NPI or (part of, or a near miss of) a name. */
@Injectable()
export class ProviderSearch {
  constructor(private readonly dataSource: DataSource) {}

  /** Exact ID and NPI matches first, then name-prefix matches, then similar names; the most similar first within each. */
  async search(criteria: ProviderSearchCriteria, page: { limit: number; offset: number }): Promise<Page<ProviderSearchItem>> {
    const { items, count } = providerSearchQueries(criteria, page);
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(WORD_SIMILARITY_THRESHOLD)]);
      const rows: Row[] = await tx.query(items.sql, items.params);
      // A short page is the last one: its total needs no count.
      const total =
        rows.length < page.limit && (rows.length > 0 || page.offset === 0)
          ? page.offset + rows.length
          : ((await tx.query(count.sql, count.params)) as { total: number }[])[0].total;
      return { items: rows.map(toItem), total };
    });
  }
}

function toItem({ rank, ...provider }: Row): ProviderSearchItem {
  const linkable = !LINK_EXCLUDED_PROVIDER_TYPES.includes(provider.providerType);
  return {
    ...provider,
    linkable,
    ...(linkable ? {} : { notLinkableReason: NOT_LINKABLE[provider.providerType] }),
    match: PROVIDER_MATCHES[rank],
  };
}
