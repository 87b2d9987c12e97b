import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { pidOf, type PostalAddress, ProviderType, type ServiceLocation, serviceLocationOf } from '@rosterlink/contracts';
import { inOneSnapshot, type Page } from '@rosterlink/platform';
import { ProviderGroup } from '@rosterlink/provider-master';

/** An individual provider as the provider master last described them. */
export interface ProviderRecord {
  pid: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  credentialed: boolean;
  updatedAt: Date;
}

/** A location with its group, as the provider master describes them (the location's name, the group's names and DBA address). */
export interface LocationRecord {
  pidsl: string;
  groupId: string;
  locationName: string | null;
  groupName: string;
  dbaName: string;
  dbaAddress: PostalAddress;
}

/** Service locations as the provider master describes them: each group's `service_locations`, one row each. */
const LOCATIONS = `
  FROM link_request.provider_groups g
  CROSS JOIN LATERAL jsonb_to_recordset(g.service_locations) AS l(sl text, name text)`;

/**
 * The provider directory's read model of the groups and their service locations, as the provider
 * master projection (libs/provider-master, which writes them) holds them.
 */
@Injectable()
export class ProviderDirectoryRepository {
  constructor(
    @InjectRepository(ProviderGroup)
    private readonly groups: Repository<ProviderGroup>,
  ) {}

  /**
   * The List of Locations, optionally one group's: every location, or (`grants`) only the PID/SLs
   * granted. Grants on locations the provider master does not have are left out.
   */
  async locations(
    grants: { groupIds: readonly string[]; pidsls: readonly string[] } | 'ALL',
    page: { limit: number; offset: number; groupId?: string },
  ): Promise<Page<ServiceLocation>> {
    const params: unknown[] = [page.groupId ?? null];
    let where = '($1::text IS NULL OR g.pid = $1)';
    if (grants !== 'ALL') {
      params.push(grants.groupIds, grants.pidsls);
      where += ' AND g.pid = ANY($2::text[]) AND g.pid || l.sl = ANY($3::text[])';
    }
    const [items, [{ total }]] = await inOneSnapshot(this.groups.manager.connection, async (tx) => [
      await tx.query(
        `SELECT g.pid || l.sl AS pidsl, g.pid AS "groupId", l.sl AS "serviceLocation", l.name AS "locationName",
                g.name AS "groupName", g.dba_name AS "dbaName"
         ${LOCATIONS} WHERE ${where}
         ORDER BY g.pid, l.sl LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset],
      ),
      (await tx.query(`SELECT count(*)::int AS total ${LOCATIONS} WHERE ${where}`, params)) as { total: number }[],
    ]);
    return { items, total };
  }

  /** Whether the provider master has this location. */
  async locationExists(pidsl: string): Promise<boolean> {
    return this.groups
      .createQueryBuilder('g')
      .where('g.pid = :pid', { pid: pidOf(pidsl) })
      .andWhere('g.service_locations @> CAST(:location AS jsonb)', {
        location: JSON.stringify([{ sl: serviceLocationOf(pidsl) }]),
      })
      .getExists();
  }

  /** The individual with this Provider ID; null when the provider master has none. */
  async provider(pid: string): Promise<ProviderRecord | null> {
    const [row]: ProviderRecord[] = await this.groups.query(
      `SELECT pid, npi, first_name AS "firstName", last_name AS "lastName", provider_type AS "providerType", credentialed,
              updated_at AS "updatedAt"
       FROM link_request.providers WHERE pid = $1`,
      [pid],
    );
    return row ?? null;
  }

  /** The location and its group; null when the provider master does not have the group (the location's name is null when the group does not list it). */
  async location(pidsl: string): Promise<LocationRecord | null> {
    const [row]: LocationRecord[] = await this.groups.query(
      `SELECT $1::text AS pidsl, g.pid AS "groupId", l.name AS "locationName", g.name AS "groupName", g.dba_name AS "dbaName",
              g.dba_address AS "dbaAddress"
       FROM link_request.provider_groups g
       LEFT JOIN LATERAL (SELECT name FROM jsonb_to_recordset(g.service_locations) AS l(sl text, name text) WHERE l.sl = $3) l ON true
       WHERE g.pid = $2`,
      [pidsl, pidOf(pidsl), serviceLocationOf(pidsl)],
    );
    return row ?? null;
  }

  /** The names of the group's locations, by PID/SL (those the group lists). */
  async locationNames(groupId: string): Promise<Map<string, string | null>> {
    const rows: { pidsl: string; name: string | null }[] = await this.groups.query(
      `SELECT g.pid || l.sl AS pidsl, l.name ${LOCATIONS} WHERE g.pid = $1`,
      [groupId],
    );
    return new Map(rows.map((r) => [r.pidsl, r.name]));
  }
}
