import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ManagedLocationErrors } from '../manage-access/managed-location.responses';
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
  @ApiNoContentResponse({
    description: 'the user has no access to the PID/SL (any more)',
  })
  @ApiConflictResponse({
    description: 'the only Primary User tried to remove themselves',
  })
  @ManagedLocationErrors('a malformed PID/SL or user id')
  async revoke(
    @Param() { pidsl, userId }: ServiceLocationUserParams,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.revokeAccess.execute({ pidsl, userId, user });
  }
}
