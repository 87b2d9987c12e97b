import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { LINK_REQUEST_STATUSES, LinkRequestStatus, PIDSL_PATTERN } from '@rosterlink/contracts';
import { Page, PageQuery } from '@rosterlink/platform';
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
      'Back office and admins see every location; a provider user sees only the requests at the PID/SLs granted to them.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of requests' })
  @ApiBadRequestResponse({ description: 'a malformed filter (status, pidsl, overdue) or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
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
}
