import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { BusinessCalendar } from '@rosterlink/business-calendar';
import { businessDateOf, LINK_REQUEST_STATUSES, LinkRequestStatus, PIDSL_PATTERN } from '@rosterlink/contracts';
import { Clock, Page, PageQuery } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequest, LinkRequestHistory } from '../link-request/link-request.entity';

export class LinkRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LINK_REQUEST_STATUSES }) @IsOptional() @IsIn(LINK_REQUEST_STATUSES) status?: LinkRequestStatus;
  @ApiPropertyOptional({ example: '110000001A' }) @IsOptional() @Matches(PIDSL_PATTERN, { message: 'pidsl must look like 110000001A' }) pidsl?: string;
  @ApiPropertyOptional({ description: 'only open requests past their due date (true) or not (false)' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;
}

/** A request as the back office's queue shows it. */
function view(request: LinkRequest, calendar: BusinessCalendar, today: string) {
  const open = request.status === 'SUBMITTED';
  return {
    requestId: request.requestId,
    kind: request.kind,
    pidsl: request.pidsl,
    provider: { providerId: request.providerPid, npi: request.npi, firstName: request.firstName, lastName: request.lastName, providerType: request.providerType },
    effectiveDate: request.effectiveDate,
    endDate: request.endDate,
    status: request.status,
    submittedAt: request.submittedAt.toISOString(),
    dueDate: request.dueDate,
    // Negative when overdue; null once decided.
    businessDaysRemaining: open ? calendar.businessDaysBetween(today, request.dueDate) : null,
    slaState: open ? calendar.slaState(today, request.dueDate) : null,
    // When the SLA sweep announced the warning and the breach (null until it did).
    slaWarningAt: request.slaWarningAt?.toISOString() ?? null,
    slaBreachedAt: request.slaBreachedAt?.toISOString() ?? null,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy,
    reason: request.decisionReason,
  };
}

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class LinkRequestsController {
  constructor(
    @InjectRepository(LinkRequest) private readonly requests: Repository<LinkRequest>,
    @InjectRepository(LinkRequestHistory) private readonly history: Repository<LinkRequestHistory>,
    private readonly calendar: BusinessCalendarService,
    private readonly clock: Clock,
  ) {}

  /** The back office's queue, soonest due first. */
  @Get()
  @RequireRoles(...BACK_OFFICE_ROLES)
  async list(@Query() query: LinkRequestQuery): Promise<Page<ReturnType<typeof view>>> {
    const today = businessDateOf(this.clock.now());
    const builder = this.requests.createQueryBuilder('r').orderBy('r.due_date').addOrderBy('r.submitted_at').take(query.limit).skip(query.offset);
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.pidsl) builder.andWhere('r.pidsl = :pidsl', { pidsl: query.pidsl });
    if (query.overdue === true) builder.andWhere(`r.status = 'SUBMITTED' AND r.due_date < :today`, { today });
    if (query.overdue === false) builder.andWhere(`NOT (r.status = 'SUBMITTED' AND r.due_date < :today)`, { today });
    const [rows, total] = await builder.getManyAndCount();
    const calendar = await this.calendar.calendar();
    return { items: rows.map((r) => view(r, calendar, today)), total };
  }

  /** One request with its whole history (who did what, when, from which status to which). */
  @Get(':requestId')
  async get(@Param('requestId', new ParseUUIDPipe()) requestId: string, @CurrentUser() user: AuthenticatedUser) {
    const request = await this.requests.findOneBy({ requestId });
    if (!request || !user.canActForLocation(request.pidsl)) throw new NotFoundException(`Link request ${requestId} not found`);
    const history = await this.history.find({ where: { requestId }, order: { seq: 'ASC' } });
    return {
      ...view(request, await this.calendar.calendar(), businessDateOf(this.clock.now())),
      attestation: { version: request.attestationVersion, attestedBy: request.attestedBy, attestedAt: request.attestedAt.toISOString() },
      history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note })),
    };
  }
}
