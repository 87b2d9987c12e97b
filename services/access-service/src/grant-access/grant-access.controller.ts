import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ServiceLocationUserParams, ServiceLocationUserView } from '../manage-access/service-location-user.view';
import { GrantAccessBody } from './grant-access.dto';
import { GrantAccess } from './grant-access.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class GrantAccessController {
  constructor(private readonly grantAccess: GrantAccess) {}

  /** Grants the user access to the PID/SL: 201 when new, 200 when they already had it (nothing changes). */
  @Put(':pidsl/users/:userId')
  @ApiCreatedResponse({ type: ServiceLocationUserView, description: 'access granted' })
  @ApiOkResponse({ type: ServiceLocationUserView, description: 'the user already had access' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  async grant(
    @Param() { pidsl, userId }: ServiceLocationUserParams,
    @Body() body: GrantAccessBody,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ServiceLocationUserView> {
    const granted = await this.grantAccess.execute({ pidsl, userId, name: body.name, email: body.email, user });
    response.status(granted.created ? 201 : 200);
    return granted.user;
  }
}
