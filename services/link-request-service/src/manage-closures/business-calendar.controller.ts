import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { AuthenticatedUser, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { IsCalendarDate, type Page } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { AddClosure } from './add-closure.handler';

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

export class HolidayView {
  @ApiProperty() date: string;
  @ApiProperty() name: string;
}

/** The contract's business calendar: the same computation that sets every link request's due date. */
@ApiTags('business calendar')
@ApiBearerAuth()
@Controller('business-calendar')
export class BusinessCalendarController {
  constructor(
    private readonly calendar: BusinessCalendarService,
    private readonly addClosure: AddClosure,
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

  /** An extra closure (a storm day); due dates computed after it count around it. */
  @Post('closures')
  @RequireRoles('admin')
  @ApiOperation({
    summary: 'Add a closure',
    description: 'An extra day the state offices are closed (a storm day); due dates computed after it count around it. Admin only.',
  })
  @ApiCreatedResponse({ type: HolidayView })
  @ApiBadRequestResponse({ description: 'a malformed date or name (details name the field)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is not an admin' })
  @ApiConflictResponse({ description: 'the day is already a holiday or closure' })
  async close(@Body() body: ClosureBody, @CurrentUser() user: AuthenticatedUser): Promise<HolidayView> {
    const closure = await this.addClosure.execute(body.date, body.name, user.id);
    return { date: closure.date, name: closure.name };
  }
}
