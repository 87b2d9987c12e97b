import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { BackOfficeRequestAction } from '../link-request/back-office-request.responses';
import type { LinkRequestView } from '@rosterlink/contracts';
import { AssignLinkRequest } from './assign-link-request.handler';

export class AssigneeBody {
  @ApiProperty({ example: 'demo-back-office', description: 'the analyst’s user id (their token’s `sub`); your own to take the request yourself' })
  @IsString()
  @Length(1, 128)
  userId: string;
  @ApiPropertyOptional({
    example: 'Dana Whitfield',
    description: 'the analyst’s display name: required for someone else; for yourself, your token’s `name` is recorded',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

const CONFLICTS =
  'the request was already decided (its status is named: a decided request keeps its assignee), or assignment is required ' +
  '(LINK_REQUEST_ASSIGNMENT_REQUIRED) and the request is assigned to someone else: only they or an admin may hand it on';

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class AssignLinkRequestController {
  constructor(private readonly assign: AssignLinkRequest) {}

  @Put(':requestId/assignee')
  @BackOfficeRequestAction('the request id is not a UUID, or a malformed body (details name the field)')
  @ApiOperation({
    summary: 'Assign a link request to an analyst',
    description:
      'Back office assigns an open request to an analyst (themself, or someone else by user id and name), or hands it on to another. ' +
      'Recorded in the request’s history and announced on link-request.assigned.v1; assigning the analyst it already has records ' +
      'nothing. Answers the request as the queue shows it.',
  })
  @ApiOkResponse({ description: 'the request, with its `assignee`' })
  @ApiConflictResponse({ description: CONFLICTS })
  @ApiUnprocessableEntityResponse({ description: 'someone else named without a display name (details name `name`)' })
  assignee(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() body: AssigneeBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<LinkRequestView> {
    return this.assign.execute({ requestId, assignee: { userId: body.userId, name: body.name }, user });
  }

  @Delete(':requestId/assignee')
  @HttpCode(204)
  @BackOfficeRequestAction()
  @ApiOperation({
    summary: 'Unassign a link request',
    description:
      'Back office takes an open request’s analyst off it, so that anyone may pick it up. Recorded in the request’s history and ' +
      'announced on link-request.assigned.v1 with `assignee: null`; a request assigned to nobody stays so, and nothing is recorded.',
  })
  @ApiNoContentResponse({ description: 'the request is assigned to nobody' })
  @ApiConflictResponse({ description: CONFLICTS })
  async unassign(@Param('requestId', new ParseUUIDPipe()) requestId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.assign.execute({ requestId, assignee: null, user });
  }
}
