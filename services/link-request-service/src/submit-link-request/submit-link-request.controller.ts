import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { OPEN_STATUS } from '../link-request/link-request.rules';
import { LinkRequestBody, LinkRequestSubmitted, UnlinkRequestBody } from './submit-link-request.dto';
import { SubmitLinkRequest } from './submit-link-request.handler';

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('service-locations/:pidsl')
export class SubmitLinkRequestController {
  constructor(private readonly submit: SubmitLinkRequest) {}

  /** Link a servicing provider to this location from an effective date (no end date required). */
  @Post('link-requests')
  @ApiCreatedResponse({ type: LinkRequestSubmitted })
  async link(@Param('pidsl') pidsl: string, @Body() body: LinkRequestBody, @CurrentUser() user: AuthenticatedUser) {
    return submitted(await this.submit.execute({ kind: 'LINK', pidsl, user, ...body }));
  }

  /** End a servicing provider's link to this location on an end date. */
  @Post('unlink-requests')
  @ApiCreatedResponse({ type: LinkRequestSubmitted })
  async unlink(@Param('pidsl') pidsl: string, @Body() body: UnlinkRequestBody, @CurrentUser() user: AuthenticatedUser) {
    return submitted(await this.submit.execute({ kind: 'UNLINK', pidsl, user, ...body }));
  }
}

function submitted(request: { requestId: string; submittedAt: Date; dueDate: string }): LinkRequestSubmitted {
  return { requestId: request.requestId, status: OPEN_STATUS, submittedAt: request.submittedAt.toISOString(), dueDate: request.dueDate };
}
