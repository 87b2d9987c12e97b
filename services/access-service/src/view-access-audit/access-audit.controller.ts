import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { Page, PageQuery } from '@rosterlink/platform';
import { ServiceLocationParams } from '../manage-access/service-location-user.view';
import { auditEntryView, ViewAccessAudit } from './view-access-audit.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('service-locations')
export class AccessAuditController {
  constructor(private readonly viewAccessAudit: ViewAccessAudit) {}

  /** Every change to the PID/SL's access, newest first: `{ at, by, action, userId, before, after }`. */
  @Get(':pidsl/access-audit')
  @ApiOperation({
    summary: 'List a PID/SL’s access audit',
    description:
      'Every change to the PID/SL’s access, newest first: `{ at, by, action, userId, before, after }`, action one of GRANTED, ' +
      'REVOKED, PRIMARY_NAMED, PRIMARY_REMOVED. The PID/SL’s Primary User, back office or admin.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of audit entries' })
  @ApiBadRequestResponse({ description: 'a malformed PID/SL or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' })
  async list(
    @Param() { pidsl }: ServiceLocationParams,
    @Query() { limit, offset }: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ReturnType<typeof auditEntryView>>> {
    return this.viewAccessAudit.list(pidsl, { limit, offset }, user);
  }
}
