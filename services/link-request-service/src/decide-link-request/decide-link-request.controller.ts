import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { LINK_REQUEST_DECISIONS, LinkRequestDecision } from '@rosterlink/contracts';
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
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOkResponse({ description: 'The decided request' })
  async decision(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() body: DecisionBody,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const decided = await this.decide.execute({ requestId, ...body, decidedBy: user.id });
    return { requestId, status: decided.status, decidedAt: decided.decidedAt?.toISOString(), reason: decided.decisionReason };
  }
}
