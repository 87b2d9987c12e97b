import { businessDateOf } from '@rosterlink/contracts/browser';

/**
 * The Date Detail panel's rule (seed 003, step 11): "MassHealth will not backdate the effective date of a
 * group link request", so the Effective Date is today or later, today being the calendar date in the
 * business time zone (America/New_York), as link-request-service reads it. No end date is required.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today in the business time zone (`YYYY-MM-DD`): the earliest Effective Date. */
export function businessToday(now: Date = new Date()): string {
  return businessDateOf(now);
}

/** Whether `date` is a real calendar date written `YYYY-MM-DD` (no 2027-02-30). */
export function isCalendarDate(date: string): boolean {
  const parts = CALENDAR_DATE.exec(date);
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/** What is wrong with the Effective Date, in words that say what to do; null when it may be used. */
export function effectiveDateProblem(date: string, today: string): string | null {
  if (!date.trim()) return 'Enter the Effective Date: the day the servicing provider joins the group practice (today or later).';
  if (!isCalendarDate(date)) return `${date} is not a date. Enter the Effective Date as a calendar date, today (${today}) or later.`;
  if (date < today) {
    return `The Effective Date cannot be before today (${today}): MassHealth will not backdate the effective date of a group link request. Enter today or a later date.`;
  }
  return null;
}
