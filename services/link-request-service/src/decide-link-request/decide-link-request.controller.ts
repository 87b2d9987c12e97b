import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { LINK_REQUEST_DECISIONS, LinkRequestDecision } from '@rosterlink/contracts';
import { BackOfficeRequestAction } from '../link-request/back-office-request.responses';
import { callerOf } from '../link-request/link-request.rules';
import { DecideLinkRequest } from './decide-link-request.handler';

export class DecisionBody {
  @ApiProperty({ enum: LINK_REQUEST_DECISIONS }) @IsIn(LINK_REQUEST_DECISIONS) decision: LinkRequestDecision;
  @ApiPropertyOptional({ description: 'required for DENIED; printed on the letter' })
  @IsOptional() @IsString() @Length(1, 500)
  reason?: string;
}

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class DecideLinkRequestController {
  constructor(private readonly decide: DecideLinkRequest) {}

  @Post(':requestId/decision')
  @HttpCode(200)
  @BackOfficeRequestAction('the request id is not a UUID, or a malformed body (details name the field)')
  @ApiOperation({
    summary: 'Decide a link request',
    description:
      'Back office approves or denies an open (SUBMITTED) request, once: an approved LINK creates the servicing link, an approved ' +
      'UNLINK ends it; link-request.processed.v1 carries the decision letter’s recipient. A denial needs a reason (printed on the letter). ' +
      'While assignment is required (LINK_REQUEST_ASSIGNMENT_REQUIRED), only the request’s assignee or an admin may decide it.',
  })
  @ApiOkResponse({ description: 'The decided request' })
  @ApiConflictResponse({
    description: 'the request was already decided (its status is named), or assignment is required and the caller is neither its assignee nor an admin',
  })
  @ApiUnprocessableEntityResponse({ description: 'a denial without a reason (details name `reason`)' })
  async decision(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() body: DecisionBody,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const decided = await this.decide.execute({ requestId, ...body, decider: callerOf(user) });
    return { requestId, status: decided.status, decidedAt: decided.decidedAt?.toISOString(), reason: decided.decisionReason };
  }
}
