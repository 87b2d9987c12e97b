import type { BusinessCalendar } from '@rosterlink/business-calendar';

/** An admin adds a closure only on a day that is not one already; the refusal's wording, or null. */
export function closureConflict(calendar: BusinessCalendar, date: string): string | null {
  return calendar.closureOn(date) ? `${date} is already a closure` : null;
}
