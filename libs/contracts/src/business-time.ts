/** The business time zone of CONTRACT.md: calendar dates (due dates, effective dates, case years) are read there. */
export const BUSINESS_TIME_ZONE = 'America/New_York';

/** A calendar date as every payload and URL carries it: `YYYY-MM-DD`. */
export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) of an instant in the business time zone. */
export function businessDateOf(instant: Date): string {
  return dateFormat.format(instant);
}
