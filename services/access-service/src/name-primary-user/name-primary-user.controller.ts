import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ManagedLocationErrors } from '../manage-access/managed-location.responses';
import {
  PrimaryUserView,
  ServiceLocationParams,
} from '../manage-access/service-location-user.view';
import { NamePrimaryUserBody } from './name-primary-user.dto';
import { NamePrimaryUser } from './name-primary-user.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class NamePrimaryUserController {
  constructor(private readonly namePrimaryUser: NamePrimaryUser) {}

  /** Names the PID/SL's Primary User (back office or admin), or hands the role on (its Primary User). */
  @Put(':pidsl/primary-user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Name a PID/SL’s Primary User',
    description:
      'Back office or an admin names anyone (granting access if the user had none); the Primary User may hand the role on to a user ' +
      'who already has access. The previous Primary User keeps their access. Naming the current one again changes nothing.',
  })
  @ApiOkResponse({ type: PrimaryUserView })
  @ApiConflictResponse({
    description: 'a Primary User named someone without access to the PID/SL',
  })
  @ManagedLocationErrors('a malformed PID/SL or body (details name the field)')
  async name(
    @Param() { pidsl }: ServiceLocationParams,
    @Body() { userId }: NamePrimaryUserBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PrimaryUserView> {
    return this.namePrimaryUser.execute({ pidsl, userId, user });
  }
}
