import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { pidOf, PractitionerAffiliatedV1, serviceLocationOf, type ServicingLinkSource, type ServicingProvider } from '@rosterlink/contracts';
import { newTimeOrderedId } from '@rosterlink/messaging';
import { inOneSnapshot, type Page } from '@rosterlink/platform';
import { ServicingLink } from './servicing-link.entity';

/**
 * An approved link request: the provider is linked to the location from `effectiveDate`. A link
 * request record fits as it is.
 */
export interface LinkFromRequest {
  requestId: string;
  pidsl: string;
  npi: string;
  /** Required; nullable only so that a request record fits. */
  effectiveDate: string | null;
  endDate?: string | null;
  /** Defaults to the provider master's PID for the NPI. */
  providerPid?: string | null;
  /** When the request was decided; defaults to now. */
  decidedAt?: Date | null;
}

/** An approved unlink request: the link in force on `endDate` ends that day. */
export interface UnlinkFromRequest {
  requestId: string;
  pidsl: string;
  npi: string;
  /** Required; nullable only so that a request record fits. */
  endDate: string | null;
  decidedAt?: Date | null;
}

/** A link period of one provider at one of a group's locations. */
export interface GroupLink {
  pidsl: string;
  effectiveDate: string;
  endDate: string | null;
  source: ServicingLinkSource;
  sourceReference: string;
}

const LINK_COLUMNS = 'pidsl, group_id, service_location, provider_pid, npi, effective_date, end_date, source, source_reference, updated_at';
/**
 * A listed link's names (`l`, with the provider master's record `p` of its NPI, if any): the
 * provider master's when it knows the NPI, else the roster's. Both names come from the same source.
 */
const FIRST_NAME = 'CASE WHEN p.pid IS NOT NULL THEN p.first_name ELSE l.first_name END';
const LAST_NAME = 'CASE WHEN p.pid IS NOT NULL THEN p.last_name ELSE l.last_name END';
/** The provider master's PID for an NPI (the newest record if the NPI was ever reissued). */
const PID_OF_NPI = (npi: string) => `(SELECT pid FROM link_request.providers WHERE npi = ${npi} ORDER BY updated_at DESC LIMIT 1)`;

/**
 * The SQL of the link a new request is checked against, for a query that reads it with other facts
 * in one round trip (LinkRequestRepository.submissionFacts): a subquery over
 * `link_request.servicing_links l` returning `effective_date`, `end_date` of at most one link, given
 * SQL expressions for the location, the NPI and the dates. LINK: the earliest link sharing at least
 * a day with `from`…`to` (open-ended when `to` is null), as `overlapping`; UNLINK: the link in force
 * on `on`, as `activeLinkOn`.
 */
export function linkForSubmissionSql(
  sql: { kind: 'LINK'; pidsl: string; npi: string; from: string; to: string } | { kind: 'UNLINK'; pidsl: string; npi: string; on: string },
): string {
  const where =
    sql.kind === 'LINK'
      ? `l.effective_date <= COALESCE(CAST(${sql.to} AS date), 'infinity'::date) AND (l.end_date IS NULL OR l.end_date >= CAST(${sql.from} AS date))`
      : `l.effective_date <= CAST(${sql.on} AS date) AND (l.end_date IS NULL OR l.end_date >= CAST(${sql.on} AS date))`;
  return `SELECT l.effective_date, l.end_date FROM link_request.servicing_links l
          WHERE l.pidsl = ${sql.pidsl} AND l.npi = ${sql.npi} AND ${where}
          ORDER BY l.effective_date ${sql.kind === 'LINK' ? 'ASC' : 'DESC'} LIMIT 1`;
}

/**
 * The servicing links of the provider directory, the sole owner of `servicing_links`: what link
 * requests read (is the provider already linked? does a new period overlap one?) and write when
 * back office decides, what roster imports state (set-based, a round of affiliations in three
 * statements whatever its size), and the List of Servicing Providers. Writes go through the
 * caller's transaction. `source` and `sourceReference` name the latest statement that set a
 * link's dates.
 */
@Injectable()
export class ServicingLinkRepository {
  constructor(
    @InjectRepository(ServicingLink)
    private readonly links: Repository<ServicingLink>,
  ) {}

  /** The link of `npi` to `pidsl` in force on `date` (`YYYY-MM-DD`), the latest-starting if several; else null. */
  activeLinkOn(pidsl: string, npi: string, date: string, tx?: EntityManager): Promise<ServicingLink | null> {
    return this.repository(tx)
      .createQueryBuilder('l')
      .where('l.pidsl = :pidsl AND l.npi = :npi', { pidsl, npi })
      .andWhere('l.effective_date <= CAST(:date AS date) AND (l.end_date IS NULL OR l.end_date >= CAST(:date AS date))', { date })
      .orderBy('l.effectiveDate', 'DESC')
      .getOne();
  }

  /**
   * The earliest link of `npi` to `pidsl` sharing at least a day with `from`…`to` (open-ended when
   * `to` is null), or null: a new link for that period would overlap it.
   */
  overlapping(pidsl: string, npi: string, from: string, to: string | null, tx?: EntityManager): Promise<ServicingLink | null> {
    return this.repository(tx)
      .createQueryBuilder('l')
      .where('l.pidsl = :pidsl AND l.npi = :npi', { pidsl, npi })
      .andWhere(`l.effective_date <= COALESCE(CAST(:to AS date), 'infinity'::date)`, { to })
      .andWhere('(l.end_date IS NULL OR l.end_date >= CAST(:from AS date))', {
        from,
      })
      .orderBy('l.effectiveDate', 'ASC')
      .getOne();
  }

  /**
   * Records an approved link request. The same location, NPI and effective date again (a retried
   * decision) updates that link instead of adding one.
   */
  async createFromLinkRequest(tx: EntityManager, link: LinkFromRequest): Promise<ServicingLink> {
    if (!link.effectiveDate) throw new Error(`Link request ${link.requestId} has no effective date`);
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO link_request.servicing_links AS l (${LINK_COLUMNS})
       VALUES ($1, $2, $3, COALESCE($4::text, ${PID_OF_NPI('$5')}), $5, $6, $7, 'LINK_REQUEST', $8, $9)
       ON CONFLICT (pidsl, npi, effective_date) DO UPDATE SET
         end_date = EXCLUDED.end_date, source = 'LINK_REQUEST', source_reference = EXCLUDED.source_reference,
         provider_pid = COALESCE(EXCLUDED.provider_pid, l.provider_pid),
         updated_at = GREATEST(l.updated_at, EXCLUDED.updated_at)
       RETURNING id`,
      [
        link.pidsl,
        pidOf(link.pidsl),
        serviceLocationOf(link.pidsl),
        link.providerPid ?? null,
        link.npi,
        link.effectiveDate,
        link.endDate ?? null,
        link.requestId,
        link.decidedAt ?? new Date(),
      ],
    );
    return tx.findOneByOrFail(ServicingLink, { id });
  }

  /** Ends the link in force on `endDate` on that day; null when no link of the NPI is in force then. */
  async endFromUnlinkRequest(tx: EntityManager, unlink: UnlinkFromRequest): Promise<ServicingLink | null> {
    if (!unlink.endDate) throw new Error(`Unlink request ${unlink.requestId} has no end date`);
    // An UPDATE through TypeORM's query() answers [rows, affected count].
    const [ended]: [{ id: string }[], number] = await tx.query(
      `UPDATE link_request.servicing_links l
       SET end_date = $3::date, source = 'LINK_REQUEST', source_reference = $4,
           updated_at = GREATEST(l.updated_at, $5)
       WHERE l.id = (
         SELECT id FROM link_request.servicing_links
         WHERE pidsl = $1 AND npi = $2 AND effective_date <= $3::date AND (end_date IS NULL OR end_date >= $3::date)
         ORDER BY effective_date DESC LIMIT 1 FOR UPDATE)
       RETURNING id`,
      [unlink.pidsl, unlink.npi, unlink.endDate, unlink.requestId, unlink.decidedAt ?? new Date()],
    );
    return ended.length === 0 ? null : tx.findOneByOrFail(ServicingLink, { id: ended[0].id });
  }

  /**
   * The List of Servicing Providers of a location: every link period, previously and currently.
   * Links in force on `today` first, then those starting later, then ended ones; by name within.
   * Names are the provider master's where it knows the NPI, else those the roster gave (null when
   * neither has one).
   */
  async servicingProviders(pidsl: string, today: string, page: { limit: number; offset: number }): Promise<Page<ServicingProvider>> {
    const [items, [{ total }]] = await inOneSnapshot(this.links.manager.connection, async (tx) => [
      (await tx.query(
        `SELECT COALESCE(l.provider_pid, p.pid) AS "providerId", l.npi, ${FIRST_NAME} AS "firstName",
                ${LAST_NAME} AS "lastName", p.provider_type AS "providerType",
                l.effective_date AS "effectiveDate", l.end_date AS "endDate",
                (l.effective_date <= $2::date AND (l.end_date IS NULL OR l.end_date >= $2::date)) AS active,
                l.source, l.source_reference AS "sourceReference"
         FROM link_request.servicing_links l
         LEFT JOIN LATERAL (
           SELECT pid, first_name, last_name, provider_type FROM link_request.providers
           WHERE npi = l.npi ORDER BY updated_at DESC LIMIT 1
         ) p ON true
         WHERE l.pidsl = $1
         ORDER BY CASE WHEN l.effective_date > $2::date THEN 1
                       WHEN l.end_date IS NULL OR l.end_date >= $2::date THEN 0
                       ELSE 2 END,
                  lower(${LAST_NAME}), lower(${FIRST_NAME}), l.npi, l.effective_date DESC
         LIMIT $3 OFFSET $4`,
        [pidsl, today, page.limit, page.offset],
      )) as ServicingProvider[],
      (await tx.query('SELECT count(*)::int AS total FROM link_request.servicing_links WHERE pidsl = $1', [pidsl])) as { total: number }[],
    ]);
    return { items, total };
  }

  /** Every link of the NPI at any location of the group, by location then newest first. */
  linksInGroup(groupId: string, npi: string): Promise<GroupLink[]> {
    return this.links.query(
      `SELECT pidsl, to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", source,
              source_reference AS "sourceReference"
       FROM link_request.servicing_links WHERE npi = $2 AND group_id = $1
       ORDER BY pidsl, effective_date DESC`,
      [groupId, npi],
    );
  }

  // ---- roster statements (`practitioner.affiliated.v1`), set-based --------------------------
  // A round's links are found by its NPIs, once each, as `npi = ANY(array)`, which PostgreSQL reads
  // through the NPI index: joined to `unnest` alone it may scan every link of the group instead,
  // once per batch.

  /**
   * For the rest of the consumer's transaction, the roster statements read links through their
   * indexes, never by scanning the table. A roster's 100,000 affiliations arrive faster than
   * autovacuum's ANALYZE follows the table's growth; with statistics from when it was small, the planner
   * scanned every link for each 1,000-event chunk (auto_explain in the event-pipeline bench), so each
   * chunk took longer than the last. The outbox relay met the same with its backlog (libs/messaging).
   */
  async useIndexesOnly(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT set_config('enable_seqscan', 'off', true)`);
  }

  /**
   * A round of affiliations, read and moved in one statement. The links of the round's NPIs are
   * read once, through the NPI index. Of them, the open roster link at any other location of the
   * group ends the day before each placement (`placed`: placed at one location, a practitioner
   * leaves the others). Returned: the link each affiliation of the round applies to, by its index
   * in the round: the one with its effective date, else the open roster link; affiliations without
   * one are absent. The links ended are at other locations than the targets, so reading both from
   * the statement's one snapshot gives what ending first and reading after would.
   */
  async moveAndFindTargets(
    tx: EntityManager,
    round: readonly PractitionerAffiliatedV1[],
    placed: readonly PractitionerAffiliatedV1[],
  ): Promise<Map<number, string>> {
    const targets: { position: string; id: string }[] = await tx.query(
      `WITH links AS MATERIALIZED (
         SELECT id, pidsl, group_id, service_location, npi, effective_date, end_date, source, updated_at
         FROM link_request.servicing_links WHERE npi = ANY($1)
       ), moved AS (
         UPDATE link_request.servicing_links l
         SET end_date = GREATEST(o.effective_date, i.effective_date - 1), source_reference = i.case_number, updated_at = i.affiliated_at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::timestamptz[])
                AS i(group_id, service_location, npi, effective_date, case_number, affiliated_at)
              JOIN links o ON o.group_id = i.group_id AND o.npi = i.npi AND o.service_location <> i.service_location
         WHERE l.id = o.id AND o.source = 'ROSTER' AND o.end_date IS NULL AND o.updated_at < i.affiliated_at
       )
       SELECT DISTINCT ON (i.position) i.position, l.id
       FROM unnest($8::text[], $9::text[], $10::date[]) WITH ORDINALITY AS i(pidsl, npi, effective_date, position)
       JOIN links l
         ON l.pidsl = i.pidsl AND l.npi = i.npi AND (l.effective_date = i.effective_date OR (l.source = 'ROSTER' AND l.end_date IS NULL))
       ORDER BY i.position, l.effective_date = i.effective_date DESC, l.effective_date DESC`,
      [
        distinct(round.map((a) => a.npi)),
        placed.map((a) => a.groupId),
        placed.map((a) => a.serviceLocation),
        placed.map((a) => a.npi),
        placed.map((a) => a.effectiveDate),
        placed.map((a) => a.caseNumber),
        placed.map((a) => a.affiliatedAt),
        round.map((a) => `${a.groupId}${a.serviceLocation}`),
        round.map((a) => a.npi),
        round.map((a) => a.effectiveDate),
      ],
    );
    return new Map(targets.map((t) => [Number(t.position) - 1, t.id]));
  }

  /** Sets the dates (and the roster's names) of the links found for affiliations, unless a newer statement set them. */
  async updateFromAffiliations(
    tx: EntityManager,
    updates: readonly {
      affiliation: PractitionerAffiliatedV1;
      linkId: string;
    }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await tx.query(
      `UPDATE link_request.servicing_links l
       SET effective_date = i.effective_date, end_date = i.end_date, source = 'ROSTER', source_reference = i.case_number,
           first_name = i.first_name, last_name = i.last_name, updated_at = i.affiliated_at
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
            AS i(id, effective_date, end_date, case_number, affiliated_at, first_name, last_name)
       WHERE l.id = ANY($1) AND l.id = i.id AND l.updated_at < i.affiliated_at`,
      [
        updates.map((u) => u.linkId),
        updates.map((u) => u.affiliation.effectiveDate),
        updates.map((u) => u.affiliation.endDate ?? null),
        updates.map((u) => u.affiliation.caseNumber),
        updates.map((u) => u.affiliation.affiliatedAt),
        updates.map((u) => u.affiliation.firstName),
        updates.map((u) => u.affiliation.lastName),
      ],
    );
  }

  /**
   * New links for affiliations that apply to none, with the roster's names (a replay of the same
   * period updates it, unless older). Their ids grow with time: a roster's links are appended to
   * the primary key's index, not scattered through it (~20% of the statement's time).
   */
  async insertFromAffiliations(tx: EntityManager, inserts: readonly PractitionerAffiliatedV1[]): Promise<void> {
    if (inserts.length === 0) return;
    await tx.query(
      `INSERT INTO link_request.servicing_links AS l (id, ${LINK_COLUMNS}, first_name, last_name)
       SELECT i.id, i.group_id || i.service_location, i.group_id, i.service_location,
              (SELECT p.pid FROM link_request.providers p WHERE p.npi = i.npi ORDER BY p.updated_at DESC LIMIT 1),
              i.npi, i.effective_date, i.end_date, 'ROSTER', i.case_number, i.affiliated_at, i.first_name, i.last_name
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::uuid[])
            AS i(group_id, service_location, npi, effective_date, end_date, case_number, affiliated_at, first_name, last_name, id)
       ON CONFLICT (pidsl, npi, effective_date) DO UPDATE SET
         end_date = EXCLUDED.end_date, source = 'ROSTER', source_reference = EXCLUDED.source_reference,
         first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, updated_at = EXCLUDED.updated_at
       WHERE l.updated_at < EXCLUDED.updated_at`,
      [
        inserts.map((a) => a.groupId),
        inserts.map((a) => a.serviceLocation),
        inserts.map((a) => a.npi),
        inserts.map((a) => a.effectiveDate),
        inserts.map((a) => a.endDate ?? null),
        inserts.map((a) => a.caseNumber),
        inserts.map((a) => a.affiliatedAt),
        inserts.map((a) => a.firstName),
        inserts.map((a) => a.lastName),
        inserts.map(() => newTimeOrderedId()),
      ],
    );
  }

  private repository(tx?: EntityManager): Repository<ServicingLink> {
    return tx ? tx.getRepository(ServicingLink) : this.links;
  }
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
