import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { toCsvLine } from '@rosterlink/roster-file';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { CaseErrorPage, CaseErrorQuery, CaseErrorView, CaseListQuery, CasePage, CaseView } from './case-view.dto';
import { ViewCases } from './view-cases.handler';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly viewCases: ViewCases) {}

  /** The portal's "Recently Viewed": the caller's cases, most recent first. */
  @Get()
  @ApiOkResponse({ type: CasePage })
  async list(@Query() query: CaseListQuery, @CurrentUser() user: AuthenticatedUser): Promise<CasePage> {
    const { items, total } = await this.viewCases.list(query, user);
    return { items: items.map(CaseView.of), total };
  }

  @Get(':caseNumber')
  @ApiOkResponse({ type: CaseView })
  async get(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<CaseView> {
    return CaseView.of(await this.viewCases.visibleCase(caseNumber, user));
  }

  /** Every problem found in the case's file, by row: what the practice fixes before uploading a revised file. */
  @Get(':caseNumber/errors')
  @ApiOkResponse({ type: CaseErrorPage })
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
  @ApiProduces('text/csv')
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
