import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { OPEN_STATUS } from '../link-request/link-request.rules';
import type { LinkRequestSubmitted } from '@rosterlink/contracts';
import { LinkRequestBody, LinkRequestSubmittedView, UnlinkRequestBody } from './submit-link-request.dto';
import { SubmitLinkRequest } from './submit-link-request.handler';

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('service-locations/:pidsl')
export class SubmitLinkRequestController {
  constructor(private readonly submit: SubmitLinkRequest) {}

  /** Link a servicing provider to this location from an effective date (no end date required). */
  @Post('link-requests')
  @ApiOperation({
    summary: 'Request a link',
    description:
      'Asks to link an individual servicing provider to this PID/SL from an effective date (not before today; the end date is ' +
      'optional), with the attestation. The request is due on the 10th business day after its submission.',
  })
  @ApiCreatedResponse({ type: LinkRequestSubmittedView })
  @ApiBadRequestResponse({ description: 'a malformed body or no attestation (details name the field)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or it is outside the caller’s grants' })
  @ApiConflictResponse({ description: 'the provider is already linked there in that period, or has a request pending there' })
  @ApiUnprocessableEntityResponse({
    description: 'no individual has the provider ID, its provider type is not linked here (LTSS, DENTAL, ORP), or the dates break a rule (details name the field)',
  })
  async link(@Param('pidsl') pidsl: string, @Body() body: LinkRequestBody, @CurrentUser() user: AuthenticatedUser) {
    return submitted(await this.submit.execute({ kind: 'LINK', pidsl, user, ...body }));
  }

  /** End a servicing provider's link to this location on an end date. */
  @Post('unlink-requests')
  @ApiOperation({
    summary: 'Request an unlink',
    description:
      'Asks to end an individual servicing provider’s link to this PID/SL on an end date (not before today), with the attestation. ' +
      'The request is due on the 10th business day after its submission.',
  })
  @ApiCreatedResponse({ type: LinkRequestSubmittedView })
  @ApiBadRequestResponse({ description: 'a malformed body or no attestation (details name the field)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such PID/SL, or it is outside the caller’s grants' })
  @ApiConflictResponse({ description: 'the provider is not linked there on the end date, or has a request pending there' })
  @ApiUnprocessableEntityResponse({ description: 'no individual has the provider ID, or the end date is in the past (details name the field)' })
  async unlink(@Param('pidsl') pidsl: string, @Body() body: UnlinkRequestBody, @CurrentUser() user: AuthenticatedUser) {
    return submitted(await this.submit.execute({ kind: 'UNLINK', pidsl, user, ...body }));
  }
}

function submitted(request: { requestId: string; submittedAt: Date; dueDate: string }): LinkRequestSubmitted {
  return { requestId: request.requestId, status: OPEN_STATUS, submittedAt: request.submittedAt.toISOString(), dueDate: request.dueDate };
}
