import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { toCsvLine } from '@rosterlink/roster-file';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import {
  CaseDetailView,
  CaseErrorPage,
  CaseErrorQuery,
  CaseErrorView,
  CaseListQuery,
  CasePage,
  CaseSummary,
  CaseTimelineEntryView,
  CaseView,
} from './case-view.dto';
import { ViewCases } from './view-cases.handler';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly viewCases: ViewCases) {}

  /** The portal's "Recently Viewed": the caller's cases, most recent first. */
  @Get()
  @ApiOperation({
    summary: 'List roster-import cases',
    description:
      'Roster-import cases matching the filters (group, status, upload; `q`: a case number, or text the file name contains; `npi`: the ' +
      'case that last applied that practitioner at each group that has them; `createdFrom`/`createdTo`: business dates, inclusive), in `sort` order (most recent ' +
      'first by default); `total` counts every match. A provider user sees the cases of the groups their grants reach; back office ' +
      'and admins see every group.',
  })
  @ApiOkResponse({ type: CasePage })
  @ApiBadRequestResponse({
    description: 'a malformed filter (groupId, status, uploadId, q, npi, createdFrom, createdTo, sort), createdFrom after createdTo, or a bad paging parameter',
  })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'a groupId outside the caller’s grants (as for a group that does not exist)' })
  async list(@Query() query: CaseListQuery, @CurrentUser() user: AuthenticatedUser): Promise<CasePage> {
    const { items, total } = await this.viewCases.list(query, user);
    return { items: items.map((c) => CaseView.of(c.rosterCase, c.supersededByCaseNumber)), total };
  }

  /** Declared before `:caseNumber`, which would otherwise take "summary" for a case number. */
  @Get('summary')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({ summary: 'Count roster-import cases by status', description: 'Every case, counted by status (every status listed, zero when none). Back office or admin.' })
  @ApiOkResponse({ type: CaseSummary })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  async summary(): Promise<CaseSummary> {
    return this.viewCases.summary();
  }

  @Get(':caseNumber')
  @ApiOperation({
    summary: 'Get a roster-import case',
    description:
      'One case with its group, upload, file name, uploader, import type, status, row counts (rows, created, updated, terminated, ' +
      'errors), the case it replaced or was replaced by, and its timeline (oldest first).',
  })
  @ApiOkResponse({ type: CaseDetailView })
  @ApiBadRequestResponse({ description: 'a hostile case number (a NUL character)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such case, or its group is outside the caller’s grants' })
  async get(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<CaseDetailView> {
    const story = await this.viewCases.story(caseNumber, user);
    return { ...CaseView.of(story.rosterCase, story.supersededByCaseNumber), timeline: story.timeline.map(CaseTimelineEntryView.of) };
  }

  /** Every problem found in the case's file, by row: what the practice fixes before uploading a revised file. */
  @Get(':caseNumber/errors')
  @ApiOperation({
    summary: 'List a case’s row errors',
    description:
      'Every problem found in the case’s file as `{ row, column, code, message }` (row as a spreadsheet numbers it: header = 1), ' +
      'by row unless `sort` says otherwise: what the practice fixes before uploading a revised file.',
  })
  @ApiOkResponse({ type: CaseErrorPage })
  @ApiBadRequestResponse({ description: 'a malformed sort or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such case, or its group is outside the caller’s grants' })
  async listErrors(
    @Param('caseNumber') caseNumber: string,
    @Query() query: CaseErrorQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseErrorPage> {
    const { items, total } = await this.viewCases.errors(caseNumber, query.sort, query, user);
    return { items: items.map(CaseErrorView.of), total };
  }

  /** The same list as CSV, for a spreadsheet; cell values that look like formulas are neutralised. */
  @Get(':caseNumber/errors.csv')
  @ApiOperation({
    summary: 'Download a case’s row errors (CSV)',
    description: 'The same list as `GET /cases/{caseNumber}/errors`, whole, as CSV for a spreadsheet; cell values that look like formulas are neutralised.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV: Row, Column, Code, Message' })
  @ApiBadRequestResponse({ description: 'a hostile case number (a NUL character)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such case, or its group is outside the caller’s grants' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async downloadErrors(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const errors = await this.viewCases.allErrors(caseNumber, user);
    async function* lines() {
      yield toCsvLine(['Row', 'Column', 'Code', 'Message']);
      for await (const e of errors) yield toCsvLine([e.row, e.column, e.code, e.message]);
    }
    return new StreamableFile(Readable.from(lines()), { disposition: `attachment; filename="${caseNumber}-errors.csv"` });
  }
}
