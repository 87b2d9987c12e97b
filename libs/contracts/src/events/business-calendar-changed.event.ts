import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Min } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '../business-time';
import { CLOSURE_CHANGES, ClosureChangeKind } from '../event-codes';

/** The key of every `business-calendar.changed.v1`: there is one calendar, and its changes stay in order. */
export const BUSINESS_CALENDAR_KEY = 'business-calendar';

/**
 * `business-calendar.changed.v1` — an admin added a closure to the business calendar (a storm day)
 * or took one back; the due dates of the open link requests whose SLA window it falls in moved with
 * it, in the same transaction. Key: `business-calendar`.
 */
export class BusinessCalendarChangedV1 {
  @IsIn(CLOSURE_CHANGES) change: ClosureChangeKind;
  /** The closure's date. */
  @Matches(CALENDAR_DATE_PATTERN) date: string;
  @IsString() @Length(1, 100) name: string;
  /** How many open requests' due dates moved. */
  @IsInt() @Min(0) dueDatesMoved: number;
  @IsISO8601({ strict: true }) changedAt: string;
}
