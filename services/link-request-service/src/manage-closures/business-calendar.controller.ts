import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import {
  CALENDAR_CLOSURE_SOURCES,
  type CalendarAuditEntry,
  type CalendarClosure,
  type CalendarClosureSource,
  CLOSURE_CHANGES,
  type ClosureChangeKind,
} from '@rosterlink/contracts';
import { IsCalendarDate, type Page, PageQuery } from '@rosterlink/platform';
import { BusinessCalendarRepository, CalendarAuditRecord } from '../business-calendar/business-calendar.repository';
import { closureSourceView } from '../business-calendar/business-calendar.rules';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { Closure } from '../business-calendar/closure.entity';
import { AddClosure } from './add-closure.handler';
import { RemoveClosure } from './remove-closure.handler';

export class HolidayYearQuery {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(1900) @Max(2100) year: number;
}

export class AddBusinessDaysQuery {
  @ApiProperty({ example: '2026-11-24' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: 10 }) @Type(() => Number) @IsInt() @Min(0) @Max(260) businessDays: number;
}

export class ClosureBody {
  @ApiProperty({ example: '2027-02-08' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: 'Blizzard closure' }) @IsString() @Length(1, 100) name: string;
}

export class ClosureDateParam {
  @ApiProperty({ example: '2027-02-08' }) @IsCalendarDate() date: string;
}

export class HolidayView {
  @ApiProperty() date: string;
  @ApiProperty() name: string;
}

export class ClosureView extends HolidayView implements CalendarClosure {
  @ApiProperty({ enum: CALENDAR_CLOSURE_SOURCES, description: 'HOLIDAY: a Massachusetts state holiday (generated); ADMIN: added by an admin' })
  source: CalendarClosureSource;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the admin’s user id; null for a holiday' }) createdBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'when an admin added it (ISO-8601); null for a holiday' })
  createdAt: string | null;
}

export class AddedClosureView extends ClosureView {
  @ApiProperty({ description: 'open requests whose due date the closure moved' }) dueDatesMoved: number;
}

export class CalendarAuditView implements CalendarAuditEntry {
  @ApiProperty() at: string;
  @ApiProperty({ description: 'the admin’s user id' }) by: string;
  @ApiProperty({ enum: CLOSURE_CHANGES }) action: ClosureChangeKind;
  @ApiProperty() date: string;
  @ApiProperty() name: string;
  @ApiProperty() dueDatesMoved: number;
}

function closureView(closure: Closure): ClosureView {
  const source = closureSourceView(closure.source);
  return {
    date: closure.date,
    name: closure.name,
    source,
    createdBy: closure.createdBy,
    createdAt: source === 'ADMIN' ? closure.createdAt.toISOString() : null,
  };
}

function auditView(entry: CalendarAuditRecord): CalendarAuditView {
  return { at: entry.at.toISOString(), by: entry.actor, action: entry.action, date: entry.date, name: entry.name, dueDatesMoved: entry.dueDatesMoved };
}

/** The contract's business calendar: the same computation that sets every link request's due date. */
@ApiTags('business calendar')
@ApiBearerAuth()
@Controller('business-calendar')
export class BusinessCalendarController {
  constructor(
    private readonly calendar: BusinessCalendarService,
    private readonly closures: BusinessCalendarRepository,
    private readonly addClosure: AddClosure,
    private readonly removeClosure: RemoveClosure,
  ) {}

  @Get('holidays')
  @ApiOperation({
    summary: 'List a year’s holidays and closures',
    description: 'The days state offices are closed in the year (the Massachusetts holidays as observed, and closures an admin added): `{ items: [{ date, name }], total }`.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of `{ date, name }`' })
  @ApiBadRequestResponse({ description: 'a missing or malformed year' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async holidays(@Query() { year }: HolidayYearQuery): Promise<Page<HolidayView>> {
    const closures = await this.calendar.closuresOf(year);
    return { items: closures.map((c) => ({ date: c.date, name: c.name })), total: closures.length };
  }

  @Get('add')
  @ApiOperation({
    summary: 'Add business days to a date',
    description: 'The date `businessDays` business days after `date`: the same computation that sets every link request’s due date.',
  })
  @ApiOkResponse({ description: '`{ date }`' })
  @ApiBadRequestResponse({ description: 'a missing or malformed date or businessDays' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async add(@Query() { date, businessDays }: AddBusinessDaysQuery): Promise<{ date: string }> {
    return { date: (await this.calendar.calendar()).addBusinessDays(date, businessDays) };
  }

  @Get('closures')
  @ApiOperation({
    summary: 'List a year’s closures with where they come from',
    description:
      'The days state offices are closed in the year, each with its source (`HOLIDAY`: a Massachusetts state holiday; `ADMIN`: ' +
      'added by an admin, with who and when): `{ items: [{ date, name, source, createdBy, createdAt }], total }`.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of `{ date, name, source, createdBy, createdAt }`' })
  @ApiBadRequestResponse({ description: 'a missing or malformed year' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async closuresOf(@Query() { year }: HolidayYearQuery): Promise<Page<ClosureView>> {
    const closures = await this.calendar.closuresOf(year);
    return { items: closures.map(closureView), total: closures.length };
  }

  /** An extra closure (a storm day): the due dates of open requests whose SLA window it falls in move. */
  @Post('closures')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Add a closure',
    description:
      'An extra day the state offices are closed (a storm day). In the same transaction, every open request submitted on or before ' +
      'that day and due on or after it gets its due date recomputed (a `DUE_DATE_MOVED` history entry each), and the change is ' +
      'audited. Due dates computed after it count around it. Admin only.',
  })
  @ApiCreatedResponse({ type: AddedClosureView })
  @ApiBadRequestResponse({ description: 'a malformed date or name (details name the field)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is not an admin' })
  @ApiConflictResponse({ description: 'the day is already a holiday or closure' })
  async close(@Body() body: ClosureBody, @CurrentUser() user: AuthenticatedUser): Promise<AddedClosureView> {
    const { closure, dueDatesMoved } = await this.addClosure.execute(body.date, body.name, user.id);
    return { ...closureView(closure), dueDatesMoved };
  }

  /** Takes back an admin's closure: the due dates it moved move back. */
  @Delete('closures/:date')
  @HttpCode(204)
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Remove a closure',
    description:
      'Removes a closure an admin added (a statutory holiday cannot be removed). In the same transaction the due dates of the open ' +
      'requests submitted on or before that day and due on or after it are recomputed without it (`DUE_DATE_MOVED` history ' +
      'entries), and the removal is audited. Admin only.',
  })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiBadRequestResponse({ description: 'a malformed date' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is not an admin' })
  @ApiNotFoundResponse({ description: 'no closure on that day' })
  @ApiConflictResponse({ description: 'the day is a statutory holiday, which cannot be removed' })
  async open(@Param() { date }: ClosureDateParam, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.removeClosure.execute(date, user.id);
  }

  @Get('audit')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({
    summary: 'List the closure changes',
    description:
      'Closures admins added and removed, newest first: `{ items: [{ at, by, action: ADDED|REMOVED, date, name, dueDatesMoved }], ' +
      'total }`. Back office and admins only.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of `{ at, by, action, date, name, dueDatesMoved }`' })
  @ApiBadRequestResponse({ description: 'a malformed paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  async audit(@Query() page: PageQuery): Promise<Page<CalendarAuditView>> {
    const { items, total } = await this.closures.auditPage(page);
    return { items: items.map(auditView), total };
  }
}
