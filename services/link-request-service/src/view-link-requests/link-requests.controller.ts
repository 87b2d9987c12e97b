import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { LINK_REQUEST_ASSIGNEE_ME, LINK_REQUEST_ASSIGNEE_NONE, LINK_REQUEST_STATUSES, LinkRequestStatus, PIDSL_PATTERN } from '@rosterlink/contracts';
import { Page, PageQuery } from '@rosterlink/platform';
import { LinkRequestNoteView } from './link-request.view';
import { LinkRequestView, ViewLinkRequests } from './view-link-requests.handler';

export class LinkRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LINK_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(LINK_REQUEST_STATUSES)
  status?: LinkRequestStatus;
  @ApiPropertyOptional({ example: '110000001A', description: 'only this location’s requests (for a provider user: one of their grants)' })
  @IsOptional()
  @Matches(PIDSL_PATTERN, { message: 'pidsl must look like 110000001A' })
  pidsl?: string;
  @ApiPropertyOptional({
    description: 'only open requests past their due date (true) or not (false)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({
    example: LINK_REQUEST_ASSIGNEE_ME,
    description: `only the requests assigned to this user id, to the caller (\`${LINK_REQUEST_ASSIGNEE_ME}\`) or to nobody (\`${LINK_REQUEST_ASSIGNEE_NONE}\`); back office and admins only`,
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  assignee?: string;
}

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class LinkRequestsController {
  constructor(private readonly view: ViewLinkRequests) {}

  /** The queue, soonest due first: the back office's of every location, a provider user's of their grants. */
  @Get()
  @ApiOperation({
    summary: 'List link requests',
    description:
      'Link and unlink requests, soonest due first, with where each stands against its 10-business-day SLA. ' +
      'Back office and admins see every location, and whom each request is assigned to (`assignee`, null when nobody; filter with ' +
      '`assignee=<userId>|me|none`); a provider user sees only the requests at the PID/SLs granted to them, without the assignee.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of requests' })
  @ApiBadRequestResponse({ description: 'a malformed filter (status, pidsl, overdue, assignee) or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'a provider user filtered by assignee (the back office’s internal work)' })
  @ApiNotFoundResponse({ description: 'a provider user filtered by a PID/SL outside their grants (the answer does not reveal whether it exists)' })
  list(@Query() query: LinkRequestQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<LinkRequestView>> {
    return this.view.queue(query, user);
  }

  /** One request with its whole history (who did what, when, from which status to which). */
  @Get(':requestId')
  @ApiOperation({
    summary: 'Get a link request',
    description: 'One link or unlink request with its attestation and its whole history (who did what, when, from which status to which).',
  })
  @ApiOkResponse({ description: 'the request with its attestation and history' })
  @ApiBadRequestResponse({ description: 'the request id is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such request, or it is at a location outside the caller’s grants' })
  get(@Param('requestId', new ParseUUIDPipe()) requestId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.view.one(requestId, user);
  }

  /** The back office's internal notes on a request, oldest first. */
  @Get(':requestId/notes')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({
    summary: 'List a link request’s internal notes',
    description:
      'The back office’s internal notes on one request, oldest first: author (user id and name), text and when. Back office and ' +
      'admins only: notes are never shown to the group, nor carried by an event.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of `{ noteId, requestId, author: { userId, name }, text, createdAt }`' })
  @ApiBadRequestResponse({ description: 'the request id is not a UUID, or a malformed paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  @ApiNotFoundResponse({ description: 'no such request' })
  notes(@Param('requestId', new ParseUUIDPipe()) requestId: string, @Query() page: PageQuery): Promise<Page<LinkRequestNoteView>> {
    return this.view.notes(requestId, page);
  }
}
