import type { RosterCell } from './roster-cell';

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month];
}

/** The number written by s[start, end) in ASCII digits, or -1 when a character is not a digit. */
function digitsValue(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYYY-MM-DD of a real calendar date with a four-digit year, or null. */
function formatDate(year: number, month: number, day: number): string | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * A date written as `YYYY-MM-DD` or `MM/DD/YYYY` (also `M/D/YYYY`), already trimmed, as `YYYY-MM-DD`;
 * null when it is written otherwise or is no calendar date (2026-02-30). Hand-written: this runs for
 * every date cell of a 100,000-row file.
 */
export function parseDateText(s: string): string | null {
  const len = s.length;
  if (len === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digitsValue(s, 0, 4);
    const m = digitsValue(s, 5, 7);
    const d = digitsValue(s, 8, 10);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
    return s;
  }
  const a = s.indexOf('/');
  if (a < 1 || a > 2) return null;
  const b = s.indexOf('/', a + 1);
  if (b - a < 2 || b - a > 3 || len - b !== 5) return null;
  const m = digitsValue(s, 0, a);
  const d = digitsValue(s, a + 1, b);
  const y = digitsValue(s, b + 1, len);
  if (y < 0 || m < 0 || d < 0) return null;
  return formatDate(y, m, d);
}

/** The UTC calendar date of a JS Date (exceljs gives date cells as UTC midnight), or null when invalid. */
export function dateCellToIso(value: Date): string | null {
  const t = value.getTime();
  if (t !== t) return null; // NaN: an Invalid Date
  return formatDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
}

/**
 * A roster date cell as `YYYY-MM-DD`: text `YYYY-MM-DD`, `MM/DD/YYYY` or `M/D/YYYY` (surrounding spaces
 * ignored), or an xlsx date cell (its UTC date). Null for an empty cell and for anything that is not a
 * real calendar date — numbers included (a date cell that Excel kept as a serial number is refused, not guessed).
 */
export function parseRosterDate(cell: RosterCell): string | null {
  if (typeof cell === 'string') return parseDateText(cell.trim());
  if (cell instanceof Date) return dateCellToIso(cell);
  return null;
}
