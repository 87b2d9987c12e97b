import { businessDateOf, SlaState } from '@rosterlink/contracts';
import { formatDay, isWeekend, MAX_DAY, MIN_DAY, parseDay } from './calendar-date';
import type { Holiday } from './massachusetts-holidays';

/** A link request's due date is the 10th business day after its submission date (CONTRACT.md). */
export const LINK_REQUEST_DUE_BUSINESS_DAYS = 10;

/** `link-request.sla-warning.v1` is due when this many business days or fewer remain (CONTRACT.md). */
export const SLA_WARNING_BUSINESS_DAYS = 2;

/** Where a request stands against its due date (the contract's values). */
export type { SlaState };

/** Weekdays (Monday–Friday) among the day numbers [-3, day): -3 is Monday 1969-12-29; negative before it. */
function weekdaysBefore(day: number): number {
  const s = day + 3;
  const weeks = Math.floor(s / 7);
  return weeks * 5 + Math.min(s - weeks * 7, 5);
}

/** How many of the sorted numbers are ≤ x. */
function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_DAY - MIN_DAY) {
    throw new RangeError(`Invalid ${what} ${String(value)}: expected a whole number of business days, 0 or more`);
  }
}

/**
 * The business calendar of CONTRACT.md: a business day is a weekday (Monday–Friday) that is not a
 * closure. The closures are data — the generated Massachusetts state holidays (defaultClosures) plus any
 * an admin adds (a storm day) — and the calendar knows only those it is given, so give it every year its
 * dates reach. All dates are `YYYY-MM-DD` calendar dates (years 0001–9999); a malformed one throws a
 * RangeError naming it. Counting is arithmetic, not a day-by-day walk, so any span is cheap.
 */
export class BusinessCalendar {
  private readonly closuresByDay = new Map<number, Holiday>();
  /** The weekday closures, sorted: a weekend closure changes nothing. */
  private readonly weekdayClosureDays: number[];

  /**
   * @param closures the closed days; when two share a date the first one is the one closureOn returns.
   */
  constructor(closures: readonly Holiday[]) {
    for (const closure of closures) {
      const day = parseDay(closure?.date, 'closure date');
      if (this.closuresByDay.has(day)) continue;
      const copy: Holiday = { date: closure.date, name: closure.name };
      if (closure.observed !== undefined) copy.observed = closure.observed;
      this.closuresByDay.set(day, copy);
    }
    this.weekdayClosureDays = [...this.closuresByDay.keys()].filter((day) => !isWeekend(day)).sort((a, b) => a - b);
  }

  /** The closures, one per date, in date order. */
  get closures(): Holiday[] {
    return [...this.closuresByDay.entries()].sort(([a], [b]) => a - b).map(([, closure]) => ({ ...closure }));
  }

  /** The closure on a date, if any (weekend closures included). */
  closureOn(date: string): Holiday | undefined {
    const closure = this.closuresByDay.get(parseDay(date));
    return closure && { ...closure };
  }

  /** True for a weekday that is not a closure. */
  isBusinessDay(date: string): boolean {
    return this.isBusinessDayNumber(parseDay(date));
  }

  /**
   * The contract's due-date computation: the n-th business day after `date`, where a weekend or holiday
   * `date` counts from the next business day. Precisely: start = `date` when it is a business day, else
   * the first business day after it; the result is the n-th business day after start (n = 0: start).
   * With the Massachusetts 2026 holidays (Thanksgiving is Thursday 2026-11-26):
   *
   * - Tuesday 2026-11-24, n = 10 → 2026-12-09: after 11-24 the business days are 11-25 (1), 11-27 (2;
   *   11-26 is Thanksgiving), 11-30 (3), 12-01 (4), 12-02 (5), 12-03 (6), 12-04 (7), 12-07 (8), 12-08 (9),
   *   12-09 (10).
   * - Saturday 2026-11-28, n = 10 → 2026-12-14: counts from Monday 11-30; then 12-01 (1) … 12-04 (4),
   *   12-07 (5) … 12-11 (9), 12-14 (10).
   * - Thursday 2026-11-26 (Thanksgiving), n = 10 → 2026-12-11: counts from Friday 11-27; then 11-30 (1)
   *   … 12-04 (5), 12-07 (6) … 12-11 (10).
   * - Friday 2026-11-27, n = 10 → 2026-12-11 too: a Friday and the holiday before it share a due date.
   */
  addBusinessDays(date: string, n: number): string {
    let start = parseDay(date);
    assertCount(n, 'number of business days');
    while (!this.isBusinessDayNumber(start)) start++;
    // Smallest day with n business days in (start, day]: each step adds the shortfall, which can at
    // most reach n (a day adds at most one) and so never passes the answer by more than the non-business
    // days that follow it; those are walked back.
    let day = start;
    for (let counted = 0; counted < n; counted = this.countBusinessDays(start, day)) day += n - counted;
    while (day > start && !this.isBusinessDayNumber(day)) day--;
    return formatDay(day);
  }

  /**
   * Business days from `from` (exclusive) to `to` (inclusive): the business days remaining until a due
   * date. 0 when equal; when `to` is before `from` the same walk goes backwards and the count is negated,
   * i.e. minus the business days in [to, from) — overdue: due yesterday (a business day) → -1, due
   * Friday and today Saturday or Monday → -1, today Tuesday → -2. (It is negative whenever `to` is a
   * business day before `from`; slaState decides a breach by the dates themselves.)
   */
  businessDaysBetween(from: string, to: string): number {
    const a = parseDay(from, 'from');
    const b = parseDay(to, 'to');
    if (b >= a) return this.countBusinessDays(a, b);
    return -this.countBusinessDays(b - 1, a - 1);
  }

  /**
   * The SLA state of a request due on `dueDate`, seen on `today` (the date in America/New_York):
   * BREACHED when today is after the due date (the due date passed unprocessed); WARNING when 0 to
   * `warningDays` business days remain (businessDaysBetween(today, dueDate); 0 = due today); ON_TRACK
   * otherwise.
   */
  slaState(today: string, dueDate: string, warningDays = SLA_WARNING_BUSINESS_DAYS): SlaState {
    const t = parseDay(today, 'today');
    const due = parseDay(dueDate, 'dueDate');
    assertCount(warningDays, 'warningDays');
    if (t > due) return 'BREACHED';
    return this.countBusinessDays(t, due) <= warningDays ? 'WARNING' : 'ON_TRACK';
  }

  /**
   * A link request's due date: addBusinessDays of its submission date — the calendar date of
   * `submittedAt` in America/New_York — and `businessDays` (10 by the contract).
   */
  dueDateFor(submittedAt: Date, businessDays = LINK_REQUEST_DUE_BUSINESS_DAYS): string {
    if (!(submittedAt instanceof Date) || Number.isNaN(submittedAt.getTime())) {
      throw new RangeError(`Invalid submittedAt ${String(submittedAt)}: expected a valid Date`);
    }
    return this.addBusinessDays(businessDateOf(submittedAt), businessDays);
  }

  private isBusinessDayNumber(day: number): boolean {
    return !isWeekend(day) && !this.closuresByDay.has(day);
  }

  /** Business days in (from, to], for from ≤ to. */
  private countBusinessDays(from: number, to: number): number {
    const weekdays = weekdaysBefore(to + 1) - weekdaysBefore(from + 1);
    const closed = countAtMost(this.weekdayClosureDays, to) - countAtMost(this.weekdayClosureDays, from);
    return weekdays - closed;
  }
}
