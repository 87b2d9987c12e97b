import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  PrimaryUserView,
  ServiceLocationParams,
} from '../manage-access/service-location-user.view';
import { ViewPrimaryUser } from './view-primary-user.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class PrimaryUserController {
  constructor(private readonly viewPrimaryUser: ViewPrimaryUser) {}

  /** Whom to ask for access: `{ pidsl, primaryUser: { userId, name } | null }`, for any signed-in user. */
  @Get(':pidsl/primary-user')
  @ApiOperation({
    summary: 'Get a PID/SL’s Primary User',
    description:
      'Whom to ask for access: `{ pidsl, primaryUser: { userId, name } | null }`, for any signed-in user, also outside their grants ' +
      '(it reveals only that the PID/SL exists, and its Primary User’s id and display name).',
  })
  @ApiOkResponse({ type: PrimaryUserView })
  @ApiNotFoundResponse({
    description: 'the provider master knows no such PID/SL',
  })
  @ApiBadRequestResponse({ description: 'a malformed PID/SL' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async primaryUser(
    @Param() { pidsl }: ServiceLocationParams,
  ): Promise<PrimaryUserView> {
    return this.viewPrimaryUser.execute(pidsl);
  }
}
