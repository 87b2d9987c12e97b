import { businessDateOf } from '@rosterlink/contracts';

/** `RI-<year>-<6 digits>`: the year the case opened (business time zone) and a sequence number. */
export function rosterImportCaseNumber(openedAt: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`case sequence ${sequence} is outside 1..999999`);
  }
  return `RI-${businessDateOf(openedAt).slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}
