import { Readable } from 'node:stream';
import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
  OmitType,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import {
  LINK_REQUEST_ASSIGNEE_ME,
  LINK_REQUEST_ASSIGNEE_NONE,
  LINK_REQUEST_DEFAULT_SORT,
  LINK_REQUEST_EXPORT_MAX_ROWS,
  LINK_REQUEST_SEARCH_MAX_LENGTH,
  LINK_REQUEST_SORTS,
  LINK_REQUEST_STATUSES,
  LINK_REQUEST_SUMMARY_DEFAULT_WEEKS,
  LINK_REQUEST_SUMMARY_MAX_WEEKS,
  LinkRequestSort,
  LinkRequestStatus,
  type LinkRequestNoteView,
  type LinkRequestSummary,
  type LinkRequestView,
  PIDSL_PATTERN,
  SLA_STATES,
  SlaState,
} from '@rosterlink/contracts';
import { IsCalendarDate, Page, PageQuery } from '@rosterlink/platform';
import { dueRangeProblem } from '../link-request/link-request.rules';
import { LINK_REQUEST_CSV_HEADER } from './link-request.view';
import { ViewLinkRequests } from './view-link-requests.handler';

/** `dueFrom` on or before `dueTo` (the rules' dueRangeProblem), reported on `dueFrom`. */
function IsNotAfterDueTo(): PropertyDecorator {
  const problem = (value: unknown, object: object) =>
    typeof value === 'string' ? dueRangeProblem(value, (object as { dueTo?: unknown }).dueTo as string | undefined) : null;
  return ValidateBy({
    name: 'isNotAfterDueTo',
    validator: {
      validate: (value, args) => problem(value, args?.object ?? {}) === null,
      defaultMessage: (args) => (args && problem(args.value, args.object)) ?? 'dueFrom must be on or before dueTo',
    },
  });
}

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
  @ApiPropertyOptional({ enum: SLA_STATES, description: 'only open requests in this SLA state today (the same answer as each item’s `slaState`)' })
  @IsOptional()
  @IsIn(SLA_STATES)
  slaState?: SlaState;
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: LINK_REQUEST_SEARCH_MAX_LENGTH,
    example: 'Rivera, Ana',
    description:
      'search: 10 digits → that NPI; a UUID → that request; `Last, First` (as the queue shows a provider) → that last name and a first name ' +
      'starting with the rest; otherwise a provider whose last or first name starts with it (case-insensitive)',
  })
  @IsOptional()
  @IsString()
  @Length(1, LINK_REQUEST_SEARCH_MAX_LENGTH)
  @Matches(/\S/, { message: 'q must not be blank' })
  q?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'only requests due on or after this business date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotAfterDueTo()
  dueFrom?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'only requests due on or before this business date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
  @ApiPropertyOptional({
    enum: LINK_REQUEST_SORTS,
    default: LINK_REQUEST_DEFAULT_SORT,
    description: '`dueDate`: soonest due first, then by submission; `submittedAt`: oldest first; `provider`: last name, first name; `-`: the reverse',
  })
  @IsOptional()
  @IsIn(LINK_REQUEST_SORTS)
  sort?: LinkRequestSort;
}

/** The export's query: the list's filters and sort, without paging. */
export class LinkRequestExportQuery extends OmitType(LinkRequestQuery, ['limit', 'offset'] as const) {}

export class LinkRequestSummaryQuery {
  @ApiPropertyOptional({ default: LINK_REQUEST_SUMMARY_DEFAULT_WEEKS, minimum: 1, maximum: LINK_REQUEST_SUMMARY_MAX_WEEKS, description: 'weeks of breaches and decisions, up to this one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LINK_REQUEST_SUMMARY_MAX_WEEKS)
  weeks: number = LINK_REQUEST_SUMMARY_DEFAULT_WEEKS;
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
      '`assignee=<userId>|me|none`); a provider user sees only the requests at the PID/SLs granted to them, without the assignee. ' +
      'Filter by SLA state today (`slaState`), search (`q`), due dates (`dueFrom`, `dueTo`), and `sort`; `total` counts everything matching. ' +
      'Each item has the group’s legal name and DBA name (`groupName`, `dbaName`; null when unknown) and `slaStartDate`, the first business day ' +
      'its SLA counts (before it, `businessDaysRemaining` is the full SLA).',
  })
  @ApiOkResponse({ description: '`{ items, total }` of requests' })
  @ApiBadRequestResponse({
    description: 'a malformed filter (status, pidsl, overdue, assignee, slaState, q, dueFrom, dueTo, sort; dueFrom after dueTo) or paging parameter',
  })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'a provider user filtered by assignee (the back office’s internal work)' })
  @ApiNotFoundResponse({ description: 'a provider user filtered by a PID/SL outside their grants (the answer does not reveal whether it exists)' })
  list(@Query() query: LinkRequestQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<LinkRequestView>> {
    return this.view.queue(query, user);
  }

  /** The queue as a CSV file: every request matching the list's filters, in its order (back office). */
  @Get('export.csv')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({
    summary: 'Export link requests as CSV',
    description:
      `Every request matching the list’s filters, in its sort order (no paging; at most ${LINK_REQUEST_EXPORT_MAX_ROWS.toLocaleString('en-US')} rows), ` +
      'streamed as CSV (RFC 4180, CRLF) with the header row ' +
      `\`${LINK_REQUEST_CSV_HEADER.join(',')}\`` +
      ': the values as the queue shows them; a cell starting with `=`, `+`, `-` or `@` is prefixed with `\'` against formula injection. ' +
      'Sent as an attachment, `link-requests-<today>.csv`. Back office and admins only.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'a malformed filter or sort, or a paging parameter (the export is not paged)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  async export(@Query() query: LinkRequestExportQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const { fileName, lines } = await this.view.export(query, user);
    return new StreamableFile(Readable.from(lines), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${fileName}"` });
  }

  /** Counts over every request for the back office's charts, never from a page. */
  @Get('summary')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({
    summary: 'Summarise link requests',
    description:
      'Computed over every request: `{ open, bySlaState: { ON_TRACK, WARNING, BREACHED }, unassigned, byDaysLeft: [{ label, value }], ' +
      'weekly: [{ week, breaches, decisions }] }`. `byDaysLeft` counts the open requests by business days left as each request’s ' +
      '`businessDaysRemaining` says (`overdue`, `0` … `9`, `10+`); `weekly` has the last `weeks` weeks up to this one (`week` is a Monday), a breach ' +
      'counted in the week the SLA sweep recorded it, a decision in the week it was made. Back office and admins only.',
  })
  @ApiOkResponse({ description: 'the counts' })
  @ApiBadRequestResponse({ description: 'a malformed `weeks` (1 to 52) or an unknown parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  summary(@Query() query: LinkRequestSummaryQuery): Promise<LinkRequestSummary> {
    return this.view.summary(query.weeks);
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
