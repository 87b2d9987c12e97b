import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthenticatedUser } from '@rosterlink/auth';
import { businessDateOf, type ServiceLocation, type ServicingProvider } from '@rosterlink/contracts';
import { Clock, Page } from '@rosterlink/platform';
import { ProviderDirectoryRepository } from '../provider-directory/provider-directory.repository';
import { ServicingLinkRepository } from '../servicing-link/servicing-link.repository';

/** The portal's Group Practice Info: the List of Locations, and each location's List of Servicing Providers. */
@Injectable()
export class ViewLocations {
  constructor(
    private readonly directory: ProviderDirectoryRepository,
    private readonly links: ServicingLinkRepository,
    private readonly clock: Clock,
  ) {}

  /** The PID/SLs granted to the caller (back office: every location), optionally one group's; a group outside the grants does not exist for them. */
  async locations(user: AuthenticatedUser, page: { limit: number; offset: number; groupId?: string }): Promise<Page<ServiceLocation>> {
    if (page.groupId && !user.canActForGroup(page.groupId)) throw new NotFoundException(`Group ${page.groupId} not found`);
    return this.directory.locations(user.isBackOffice ? 'ALL' : { groupIds: user.grantedGroupIds, pidsls: [...user.grants] }, page);
  }

  /** Every provider linked to the location, previously or currently; those linked today first. */
  async servicingProviders(
    user: AuthenticatedUser,
    pidsl: string,
    page: { limit: number; offset: number },
  ): Promise<Page<ServicingProvider>> {
    // 404 either way: a location outside the caller's grants does not exist for them.
    if (!user.canActForLocation(pidsl) || !(await this.directory.locationExists(pidsl))) {
      throw new NotFoundException(`Service location ${pidsl} not found`);
    }
    return this.links.servicingProviders(pidsl, businessDateOf(this.clock.now()), page);
  }
}
