import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { businessDateOf } from '@rosterlink/contracts';
import { PageQuery } from '@rosterlink/platform';
import { ServicingLinks } from '../servicing-links.service';
import { LocationParams, ServiceLocationPage, ServiceLocationQuery, ServicingProviderPage } from './service-location-view.dto';
import { ServiceLocations } from './service-locations';

/** The portal's Group Practice Info: the List of Locations, and each location's List of Servicing Providers. */
@ApiTags('service locations')
@ApiBearerAuth()
@Controller('service-locations')
export class ServiceLocationsController {
  constructor(
    private readonly locations: ServiceLocations,
    private readonly links: ServicingLinks,
  ) {}

  /** The PID/SLs granted to the caller (back office: every location), with group and DBA names. */
  @Get()
  @ApiOkResponse({ type: ServiceLocationPage })
  async list(@Query() query: ServiceLocationQuery, @CurrentUser() user: AuthenticatedUser): Promise<ServiceLocationPage> {
    if (query.groupId && !user.canActForGroup(query.groupId)) throw new NotFoundException(`Group ${query.groupId} not found`);
    return this.locations.visibleTo(user, query);
  }

  /** Every provider linked to the location, previously or currently; those linked today first. */
  @Get(':pidsl/servicing-providers')
  @ApiOkResponse({ type: ServicingProviderPage })
  @ApiNotFoundResponse({ description: 'no such location, or not one of the caller’s grants' })
  async servicingProviders(
    @Param() { pidsl }: LocationParams,
    @Query() query: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ServicingProviderPage> {
    // 404 either way: a location outside the caller's grants does not exist for them.
    if (!user.canActForLocation(pidsl) || !(await this.locations.exists(pidsl))) {
      throw new NotFoundException(`Service location ${pidsl} not found`);
    }
    return this.links.servicingProviders(pidsl, businessDateOf(new Date()), query);
  }
}
