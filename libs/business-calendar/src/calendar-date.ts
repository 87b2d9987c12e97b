/**
 * Calendar dates as plain `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01), by integer
 * arithmetic on year, month and day only: no Date object, so neither the machine's time zone nor a
 * daylight-saving change can move a date.
 */

/** The first and last day numbers of the four-digit years this library handles (0001-01-01, 9999-12-31). */
export const MIN_DAY = -719162;
export const MAX_DAY = 2932896;

/** ISO day of the week of a day number: 1 = Monday … 6 = Saturday, 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(day: number): boolean {
  return isoWeekday(day) >= 6;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month];
}

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil); month 1–12. */
export function dayFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** [year, month 1–12, day of month] of a day number (H. Hinnant's civil_from_days). */
export function civilFromDay(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number; a RangeError outside the years 0001–9999. */
export function formatDay(day: number): string {
  if (!Number.isSafeInteger(day) || day < MIN_DAY || day > MAX_DAY) {
    throw new RangeError(`Date out of range: day ${day} is outside the years 0001-9999`);
  }
  const [year, month, dayOfMonth] = civilFromDay(day);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number of a `YYYY-MM-DD` calendar date. A RangeError naming the value (and what it is, e.g.
 * "dueDate") when it is not a string of that form or not a real date (2026-02-30, 0000-01-01).
 */
export function parseDay(date: string, what = 'date'): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const dayOfMonth = Number(match[3]);
    if (year >= 1 && month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= daysInMonth(year, month)) {
      return dayFromCivil(year, month, dayOfMonth);
    }
  }
  throw new RangeError(`Invalid ${what} ${describe(date)}: expected a calendar date YYYY-MM-DD`);
}

/** A value as an error message shows it: strings quoted; never throws. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || ['undefined', 'number', 'boolean', 'bigint'].includes(typeof value)) return String(value);
  return `(${typeof value})`;
}

/** Checks a four-digit calendar year (an integer 1–9999); a RangeError naming it otherwise. */
export function assertYear(year: number, what = 'year'): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`Invalid ${what} ${describe(year)}: expected an integer year 1-9999`);
  }
}
