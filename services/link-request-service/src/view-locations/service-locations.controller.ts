import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'List service locations',
    description:
      'The List of Locations: the PID/SLs granted to the caller (back office and admins: every location), optionally of one group, ' +
      'with the location, group and DBA names.',
  })
  @ApiOkResponse({ type: ServiceLocationPage })
  @ApiBadRequestResponse({ description: 'a malformed groupId or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'a groupId outside the caller’s grants (as for a group that does not exist)' })
  list(@Query() query: ServiceLocationQuery, @CurrentUser() user: AuthenticatedUser): Promise<ServiceLocationPage> {
    return this.view.locations(user, query);
  }

  /** Every provider linked to the location, previously or currently; those linked today first. */
  @Get(':pidsl/servicing-providers')
  @ApiOperation({
    summary: 'List a location’s servicing providers',
    description:
      'The List of Servicing Providers: every practitioner linked to the PID/SL, previously or currently (by link request or by ' +
      'roster), one row per link period, those linked today first. Names are the provider master’s, else the roster’s.',
  })
  @ApiOkResponse({ type: ServicingProviderPage })
  @ApiBadRequestResponse({ description: 'a malformed PID/SL or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
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
