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
import { Page, PageQuery } from '@rosterlink/platform';
import { ServiceLocationParams, ServiceLocationUserView } from '../manage-access/service-location-user.view';
import { ViewUsers } from './view-users.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class UsersController {
  constructor(private readonly viewUsers: ViewUsers) {}

  @Get(':pidsl/users')
  @ApiOperation({
    summary: 'List the users with access to a PID/SL',
    description:
      'The users granted the PID/SL, its Primary User first, then the oldest grant first: `{ userId, name, email?, primary, ' +
      'grantedAt, grantedBy }`. The PID/SL’s Primary User, back office or admin.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of users' })
  @ApiBadRequestResponse({ description: 'a malformed PID/SL or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  async list(
    @Param() { pidsl }: ServiceLocationParams,
    @Query() { limit, offset }: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ServiceLocationUserView>> {
    return this.viewUsers.list(pidsl, { limit, offset }, user);
  }
}
