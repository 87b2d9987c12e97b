import { businessDateOf } from '@rosterlink/contracts/browser';

/** `2026-12-15` → "Dec 15, 2026", as the portal's tables show a calendar date (no time zone moves it). */
export function formatShortDate(date: string | null): string {
  if (!date) return '—';
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** The calendar date (`YYYY-MM-DD`, America/New_York) of an instant such as a request's `submittedAt`. */
export function businessDateOfInstant(instant: string): string {
  return businessDateOf(new Date(instant));
}
