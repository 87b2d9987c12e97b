import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ServiceLocationUserParams } from '../manage-access/service-location-user.view';
import { RevokeAccess } from './revoke-access.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class RevokeAccessController {
  constructor(private readonly revokeAccess: RevokeAccess) {}

  /** Revokes the user's access to the PID/SL; 204 also when they had none. */
  @Delete(':pidsl/users/:userId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a user’s access to a PID/SL',
    description:
      'Revokes the user’s access (audited, announced on access.grant-changed.v1); 204 also when they had none (nothing recorded). ' +
      'The PID/SL’s Primary User, back office or admin; the only Primary User cannot remove themselves.',
  })
  @ApiNoContentResponse({ description: 'the user has no access to the PID/SL (any more)' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  @ApiConflictResponse({ description: 'the only Primary User tried to remove themselves' })
  @ApiBadRequestResponse({ description: 'a malformed PID/SL or user id' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async revoke(@Param() { pidsl, userId }: ServiceLocationUserParams, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.revokeAccess.execute({ pidsl, userId, user });
  }
}
