import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import type { AccessAuditEntry } from '@rosterlink/contracts';
import { Page, PageQuery } from '@rosterlink/platform';
import { ManagedLocationErrors } from '../manage-access/managed-location.responses';
import { ServiceLocationParams } from '../manage-access/service-location-user.view';
import { ViewAccessAudit } from './view-access-audit.handler';

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
  @ManagedLocationErrors('a malformed PID/SL or paging parameter')
  async list(
    @Param() { pidsl }: ServiceLocationParams,
    @Query() { limit, offset }: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<AccessAuditEntry>> {
    return this.viewAccessAudit.list(pidsl, { limit, offset }, user);
  }
}
