import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { Page } from '@rosterlink/platform';
import { GrantRepository } from '../grant/grant.repository';
import { ManagedServiceLocation } from '../manage-access/managed-service-location';
import { serviceLocationUserView, ServiceLocationUserView } from '../manage-access/service-location-user.view';
import { PortalUserRepository } from '../portal-user/portal-user.repository';

/** The users of a PID/SL, its Primary User first, for its Primary User, the back office or an admin. */
@Injectable()
export class ViewUsers {
  constructor(
    private readonly serviceLocation: ManagedServiceLocation,
    private readonly grants: GrantRepository,
    private readonly portalUsers: PortalUserRepository,
  ) {}

  async list(pidsl: string, page: { limit: number; offset: number }, user: AuthenticatedUser): Promise<Page<ServiceLocationUserView>> {
    await this.serviceLocation.require(user, pidsl);
    const [grants, total] = await this.grants.page(pidsl, page);
    const users = await this.portalUsers.byIds(grants.map((g) => g.userId));
    return { items: grants.map((g) => serviceLocationUserView(g, users.get(g.userId))), total };
  }
}
