import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { PrimaryUserView, ServiceLocationParams } from '../manage-access/service-location-user.view';
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
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  @ApiConflictResponse({ description: 'a Primary User named someone without access to the PID/SL' })
  @ApiBadRequestResponse({ description: 'a malformed PID/SL or body (details name the field)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async name(
    @Param() { pidsl }: ServiceLocationParams,
    @Body() { userId }: NamePrimaryUserBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PrimaryUserView> {
    return this.namePrimaryUser.execute({ pidsl, userId, user });
  }
}
