import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ManagedLocationErrors } from '../manage-access/managed-location.responses';
import {
  ServiceLocationUserParams,
  ServiceLocationUserView,
} from '../manage-access/service-location-user.view';
import { GrantAccessBody } from './grant-access.dto';
import { GrantAccess } from './grant-access.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class GrantAccessController {
  constructor(private readonly grantAccess: GrantAccess) {}

  /** Grants the user access to the PID/SL: 201 when new, 200 when they already had it (nothing changes). */
  @Put(':pidsl/users/:userId')
  @ApiOperation({
    summary: 'Grant a user access to a PID/SL',
    description:
      'Grants the user access to the PID/SL (audited, announced on access.grant-changed.v1): 201 when new, 200 when they already ' +
      'had it (nothing recorded). The optional `{ name, email }` list a user who has not signed in yet. The PID/SL’s Primary User, ' +
      'back office or admin.',
  })
  @ApiCreatedResponse({
    type: ServiceLocationUserView,
    description: 'access granted',
  })
  @ApiOkResponse({
    type: ServiceLocationUserView,
    description: 'the user already had access',
  })
  @ManagedLocationErrors(
    'a malformed PID/SL, user id or body (details name the field)',
  )
  async grant(
    @Param() { pidsl, userId }: ServiceLocationUserParams,
    @Body() body: GrantAccessBody,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ServiceLocationUserView> {
    const granted = await this.grantAccess.execute({
      pidsl,
      userId,
      name: body.name,
      email: body.email,
      user,
    });
    response.status(granted.created ? 201 : 200);
    return granted.user;
  }
}
