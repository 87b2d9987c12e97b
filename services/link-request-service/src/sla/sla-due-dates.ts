import { BusinessCalendar } from '@rosterlink/business-calendar';

/** A due date whose open requests are in WARNING today, and the business days they have left. */
export interface WarningDueDate {
  dueDate: string;
  businessDaysRemaining: number;
}

/** The due dates the SLA sweep acts on today, from the calendar's slaState. */
export interface SlaDueDates {
  /** Open requests due before this date are BREACHED (slaState: today is after the due date). */
  breachedBefore: string;
  /** The due dates in WARNING, today first: a contiguous run, since fewer days remain the sooner the due date. */
  warning: WarningDueDate[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The calendar date after `date` (both `YYYY-MM-DD`; UTC arithmetic, so no time zone moves it). */
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
/** More than any run of closed days: the warning window never reaches this far. */
const MAX_WARNING_SPAN_DAYS = 366;

/**
 * Which due dates are BREACHED and which are in WARNING on `today`, so that the sweep can select
 * them by due date instead of asking slaState of each request. slaState is BREACHED exactly for
 * due dates before today; WARNING for today and the following dates while no more than
 * SLA_WARNING_BUSINESS_DAYS business days remain (the count only grows with the due date).
 */
export function slaDueDates(calendar: BusinessCalendar, today: string): SlaDueDates {
  const warning: WarningDueDate[] = [];
  for (let dueDate = today; calendar.slaState(today, dueDate) === 'WARNING'; dueDate = nextDay(dueDate)) {
    warning.push({ dueDate, businessDaysRemaining: calendar.businessDaysBetween(today, dueDate) });
    if (warning.length > MAX_WARNING_SPAN_DAYS) throw new Error(`The SLA warning window from ${today} does not end`);
  }
  return { breachedBefore: today, warning };
}
