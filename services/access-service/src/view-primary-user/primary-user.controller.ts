import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PrimaryUserView, ServiceLocationParams } from '../manage-access/service-location-user.view';
import { ViewPrimaryUser } from './view-primary-user.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class PrimaryUserController {
  constructor(private readonly viewPrimaryUser: ViewPrimaryUser) {}

  /** Whom to ask for access: `{ pidsl, primaryUser: { userId, name } | null }`, for any signed-in user. */
  @Get(':pidsl/primary-user')
  @ApiOkResponse({ type: PrimaryUserView })
  @ApiNotFoundResponse({ description: 'the provider master knows no such PID/SL' })
  async primaryUser(@Param() { pidsl }: ServiceLocationParams): Promise<PrimaryUserView> {
    return this.viewPrimaryUser.execute(pidsl);
  }
}
