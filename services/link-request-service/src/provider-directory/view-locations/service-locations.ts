import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthenticatedUser } from '@rosterlink/auth';
import { pidOf, serviceLocationOf } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';
import { ProviderGroup } from '@rosterlink/provider-master';
import type { ServiceLocationView } from './service-location-view.dto';

/** Service locations as the provider master describes them: each group's `service_locations`, one row each. */
const LOCATIONS = `
  FROM link_request.provider_groups g
  CROSS JOIN LATERAL jsonb_to_recordset(g.service_locations) AS l(sl text, name text)`;

@Injectable()
export class ServiceLocations {
  constructor(@InjectRepository(ProviderGroup) private readonly groups: Repository<ProviderGroup>) {}

  /**
   * The List of Locations: the PID/SLs granted to a provider user, or every location for back
   * office; optionally one group's. Grants on locations the provider master does not have are left out.
   */
  async visibleTo(user: AuthenticatedUser, page: { limit: number; offset: number; groupId?: string }): Promise<Page<ServiceLocationView>> {
    const params: unknown[] = [page.groupId ?? null];
    let where = '($1::text IS NULL OR g.pid = $1)';
    if (!user.isBackOffice) {
      params.push(user.grantedGroupIds, [...user.grants]);
      where += ' AND g.pid = ANY($2::text[]) AND g.pid || l.sl = ANY($3::text[])';
    }
    const [items, [{ total }]] = await Promise.all([
      this.groups.query(
        `SELECT g.pid || l.sl AS pidsl, g.pid AS "groupId", l.sl AS "serviceLocation", l.name AS "locationName",
                g.name AS "groupName", g.dba_name AS "dbaName"
         ${LOCATIONS} WHERE ${where}
         ORDER BY g.pid, l.sl LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset],
      ),
      this.groups.query(`SELECT count(*)::int AS total ${LOCATIONS} WHERE ${where}`, params),
    ]);
    return { items, total };
  }

  /** Whether the provider master has this location. */
  async exists(pidsl: string): Promise<boolean> {
    return this.groups
      .createQueryBuilder('g')
      .where('g.pid = :pid', { pid: pidOf(pidsl) })
      .andWhere('g.service_locations @> CAST(:location AS jsonb)', { location: JSON.stringify([{ sl: serviceLocationOf(pidsl) }]) })
      .getExists();
  }
}
