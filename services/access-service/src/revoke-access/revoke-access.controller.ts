import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiNoContentResponse({ description: 'the user has no access to the PID/SL (any more)' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  @ApiConflictResponse({ description: 'the only Primary User tried to remove themselves' })
  async revoke(@Param() { pidsl, userId }: ServiceLocationUserParams, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.revokeAccess.execute({ pidsl, userId, user });
  }
}
