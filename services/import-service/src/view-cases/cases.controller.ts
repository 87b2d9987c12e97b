import { Controller, Get, Header, NotFoundException, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { toCsvLine } from '@rosterlink/roster-file';
import { CaseError } from '../roster-import-case/case-error.entity';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { CaseErrorPage, CaseErrorQuery, CaseErrorView, CaseListQuery, CasePage, CaseView } from './case-view.dto';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    @InjectRepository(RosterImportCase) private readonly cases: Repository<RosterImportCase>,
    @InjectRepository(CaseError) private readonly errors: Repository<CaseError>,
  ) {}

  /** The portal's "Recently Viewed": the caller's cases, most recent first. */
  @Get()
  @ApiOkResponse({ type: CasePage })
  async list(@Query() query: CaseListQuery, @CurrentUser() user: AuthenticatedUser): Promise<CasePage> {
    if (query.groupId && !user.canActForGroup(query.groupId)) throw new NotFoundException(`Group ${query.groupId} not found`);
    const where: FindOptionsWhere<RosterImportCase> = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.uploadId ? { uploadId: query.uploadId } : {}),
    };
    if (query.groupId) where.groupId = query.groupId;
    else if (!user.isBackOffice) where.groupId = In(user.grantedGroupIds);
    const [rows, total] = await this.cases.findAndCount({
      where,
      order: { openedSeq: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(CaseView.of), total };
  }

  @Get(':caseNumber')
  @ApiOkResponse({ type: CaseView })
  async get(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<CaseView> {
    return CaseView.of(await this.findCase(caseNumber, user));
  }

  /** Every problem found in the case's file, by row: what the practice fixes before uploading a revised file. */
  @Get(':caseNumber/errors')
  @ApiOkResponse({ type: CaseErrorPage })
  async listErrors(
    @Param('caseNumber') caseNumber: string,
    @Query() query: CaseErrorQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseErrorPage> {
    await this.findCase(caseNumber, user);
    const direction = query.sort === '-row' ? 'DESC' : 'ASC';
    const [rows, total] = await this.errors.findAndCount({
      where: { caseNumber },
      order: { row: direction, seq: direction },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(CaseErrorView.of), total };
  }

  /** The same list as CSV, for a spreadsheet; cell values that look like formulas are neutralised. */
  @Get(':caseNumber/errors.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async downloadErrors(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    await this.findCase(caseNumber, user);
    const errors = this.errors;
    async function* lines() {
      yield toCsvLine(['Row', 'Column', 'Code', 'Message']);
      for (let skip = 0; ; skip += 5000) {
        const page = await errors.find({ where: { caseNumber }, order: { row: 'ASC', seq: 'ASC' }, take: 5000, skip });
        for (const e of page) yield toCsvLine([e.row, e.column, e.code, e.message]);
        if (page.length < 5000) return;
      }
    }
    return new StreamableFile(Readable.from(lines()), { disposition: `attachment; filename="${caseNumber}-errors.csv"` });
  }

  private async findCase(caseNumber: string, user: AuthenticatedUser): Promise<RosterImportCase> {
    const found = await this.cases.findOneBy({ caseNumber });
    // 404 either way: a case of a group outside the caller's grants does not exist for them.
    if (!found || !user.canActForGroup(found.groupId)) throw new NotFoundException(`Case ${caseNumber} not found`);
    return found;
  }
}
