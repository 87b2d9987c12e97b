import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { Page, PageQuery } from '@rosterlink/platform';
import { ManagedLocationErrors } from '../manage-access/managed-location.responses';
import {
  ServiceLocationParams,
  ServiceLocationUserView,
} from '../manage-access/service-location-user.view';
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
  @ManagedLocationErrors('a malformed PID/SL or paging parameter')
  async list(
    @Param() { pidsl }: ServiceLocationParams,
    @Query() { limit, offset }: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ServiceLocationUserView>> {
    return this.viewUsers.list(pidsl, { limit, offset }, user);
  }
}
