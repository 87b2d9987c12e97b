import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { pidOf, ProviderType, serviceLocationOf } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';
import { ServicingLink, ServicingLinkSource } from './servicing-link.entity';

/**
 * An approved link request: the provider is linked to the location from `effectiveDate`. A link
 * request record (LinkRequest) fits as it is.
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

/** A row of the List of Servicing Providers: one link period, with who the provider is. */
export interface ServicingProvider {
  /** null when the provider master has no individual with this NPI */
  providerId: string | null;
  npi: string;
  firstName: string | null;
  lastName: string | null;
  providerType: ProviderType | null;
  effectiveDate: string;
  endDate: string | null;
  /** In force on the given day (today in America/New_York for the endpoint). */
  active: boolean;
  source: ServicingLinkSource;
  sourceReference: string;
}

const LINK_COLUMNS = 'pidsl, group_id, service_location, provider_pid, npi, effective_date, end_date, source, source_reference, updated_at';
/** The provider master's PID for an NPI (the newest record if the NPI was ever reissued). */
const PID_OF_NPI = (npi: string) =>
  `(SELECT pid FROM link_request.providers WHERE npi = ${npi} ORDER BY updated_at DESC LIMIT 1)`;

/**
 * The servicing links of the provider directory: what link requests read (is the provider
 * already linked? does a new period overlap one?) and write when back office decides, and
 * the List of Servicing Providers. Writes go through the caller's transaction. `source` and
 * `sourceReference` name the latest statement that set a link's dates.
 */
@Injectable()
export class ServicingLinks {
  constructor(@InjectRepository(ServicingLink) private readonly links: Repository<ServicingLink>) {}

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
      .andWhere('(l.end_date IS NULL OR l.end_date >= CAST(:from AS date))', { from })
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
   */
  async servicingProviders(pidsl: string, today: string, page: { limit: number; offset: number }): Promise<Page<ServicingProvider>> {
    const [items, [{ total }]] = await Promise.all([
      this.links.query(
        `SELECT COALESCE(l.provider_pid, p.pid) AS "providerId", l.npi, p.first_name AS "firstName",
                p.last_name AS "lastName", p.provider_type AS "providerType",
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
                  lower(p.last_name), lower(p.first_name), l.npi, l.effective_date DESC
         LIMIT $3 OFFSET $4`,
        [pidsl, today, page.limit, page.offset],
      ),
      this.links.query('SELECT count(*)::int AS total FROM link_request.servicing_links WHERE pidsl = $1', [pidsl]),
    ]);
    return { items, total };
  }

  private repository(tx?: EntityManager): Repository<ServicingLink> {
    return tx ? tx.getRepository(ServicingLink) : this.links;
  }
}
