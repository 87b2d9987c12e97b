import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { Page, PageQuery } from '@rosterlink/platform';
import { ServiceLocationParams, ServiceLocationUserView } from '../manage-access/service-location-user.view';
import { ViewUsers } from './view-users.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class UsersController {
  constructor(private readonly viewUsers: ViewUsers) {}

  @Get(':pidsl/users')
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  async list(
    @Param() { pidsl }: ServiceLocationParams,
    @Query() { limit, offset }: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ServiceLocationUserView>> {
    return this.viewUsers.list(pidsl, { limit, offset }, user);
  }
}
