import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { PageQuery } from '@rosterlink/platform';
import { LocationParams, ServiceLocationPage, ServiceLocationQuery, ServicingProviderPage } from './service-location-view.dto';
import { ViewLocations } from './view-locations.handler';

/** The portal's Group Practice Info: the List of Locations, and each location's List of Servicing Providers. */
@ApiTags('service locations')
@ApiBearerAuth()
@Controller('service-locations')
export class ServiceLocationsController {
  constructor(private readonly view: ViewLocations) {}

  /** The PID/SLs granted to the caller (back office: every location), with group and DBA names. */
  @Get()
  @ApiOkResponse({ type: ServiceLocationPage })
  list(@Query() query: ServiceLocationQuery, @CurrentUser() user: AuthenticatedUser): Promise<ServiceLocationPage> {
    return this.view.locations(user, query);
  }

  /** Every provider linked to the location, previously or currently; those linked today first. */
  @Get(':pidsl/servicing-providers')
  @ApiOkResponse({ type: ServicingProviderPage })
  @ApiNotFoundResponse({
    description: 'no such location, or not one of the caller’s grants',
  })
  servicingProviders(
    @Param() { pidsl }: LocationParams,
    @Query() query: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ServicingProviderPage> {
    return this.view.servicingProviders(user, pidsl, query);
  }
}
