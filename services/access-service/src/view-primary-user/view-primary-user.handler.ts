import { Injectable, NotFoundException } from '@nestjs/common';
import { GrantRepository } from '../grant/grant.repository';
import { accessRefusals, serviceLocationExists } from '../grant/grant.rules';
import { primaryUserView, PrimaryUserView } from '../manage-access/service-location-user.view';
import { PortalUserRepository } from '../portal-user/portal-user.repository';
import { ProviderGroupRepository } from '../provider-group/provider-group.repository';

/**
 * Whom to ask for access to a PID/SL: its Primary User's id and name (null when it has none), for
 * any signed-in user — what the portal shows a user without access. 404 for a PID/SL the provider
 * master does not know.
 */
@Injectable()
export class ViewPrimaryUser {
  constructor(
    private readonly groups: ProviderGroupRepository,
    private readonly grants: GrantRepository,
    private readonly portalUsers: PortalUserRepository,
  ) {}

  async execute(pidsl: string): Promise<PrimaryUserView> {
    if (!serviceLocationExists(pidsl, await this.groups.groupOf(pidsl))) throw new NotFoundException(accessRefusals.notFound(pidsl));
    const primary = await this.grants.primaryOf(pidsl);
    return primaryUserView(pidsl, primary, primary ? await this.portalUsers.find(primary.userId) : null);
  }
}
