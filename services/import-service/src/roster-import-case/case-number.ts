/** The business time zone of CONTRACT.md: case years and calendar dates are read there. */
const BUSINESS_TIME_ZONE = 'America/New_York';

const yearFormat = new Intl.DateTimeFormat('en-US', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric' });

/** `RI-<year>-<6 digits>`: the year the case opened (New York time) and a sequence number. */
export function rosterImportCaseNumber(openedAt: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`case sequence ${sequence} is outside 1..999999`);
  }
  return `RI-${yearFormat.format(openedAt)}-${String(sequence).padStart(6, '0')}`;
}
