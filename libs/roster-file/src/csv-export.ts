import { neutraliseSpreadsheetFormula } from '@rosterlink/roster';

/**
 * One CSV record, RFC 4180: fields separated by commas, a field quoted (inner quotes doubled) when it
 * holds a comma, a quote, CR or LF; the line ends with CRLF. `null`/`undefined` → an empty field; numbers
 * are written as they are. Every string is passed through `neutraliseSpreadsheetFormula` first, so that a
 * spreadsheet opening the file never runs a value as a formula (`=1+1` → `'=1+1`).
 */
export function toCsvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseSpreadsheetFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
