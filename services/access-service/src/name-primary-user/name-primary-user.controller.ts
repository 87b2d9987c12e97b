import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: PrimaryUserView })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  @ApiConflictResponse({ description: 'a Primary User named someone without access to the PID/SL' })
  async name(
    @Param() { pidsl }: ServiceLocationParams,
    @Body() { userId }: NamePrimaryUserBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PrimaryUserView> {
    return this.namePrimaryUser.execute({ pidsl, userId, user });
  }
}
