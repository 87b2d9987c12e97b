import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { CaseListQuery, CasePage, CaseView } from './case-view.dto';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(@InjectRepository(RosterImportCase) private readonly cases: Repository<RosterImportCase>) {}

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
    const found = await this.cases.findOneBy({ caseNumber });
    if (!found || !user.canActForGroup(found.groupId)) throw new NotFoundException(`Case ${caseNumber} not found`);
    return CaseView.of(found);
  }
}
