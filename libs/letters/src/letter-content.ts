import type { LinkRequestProcessedV1, PostalAddress } from '@rosterlink/contracts';

/** One letter template per kind; the names of the files in the templates folder. */
export const LETTER_KINDS = ['link-approved', 'link-denied', 'unlink-approved', 'unlink-denied'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Everything a letter about a processed link request needs, and nothing about how it looks. */
export interface LetterContent {
  kind: LetterKind;
  /** The date printed on the letter, YYYY-MM-DD (the business date the letter is produced). */
  letterDate: string;
  /** The requesting group practice at its DBA address, ready for a window envelope. */
  recipient: LetterRecipientBlock;
  requestId: string;
  pidsl: string;
  groupId: string;
  serviceLocation: string;
  provider: { providerId: string; npi: string; firstName: string; lastName: string };
  /** Why a request was denied; always present on a denial. */
  reason?: string;
  /** YYYY-MM-DD; always present on an approved link. */
  effectiveDate?: string;
  /** YYYY-MM-DD; always present on an approved unlink. */
  endDate?: string;
}

export interface LetterRecipientBlock {
  /** The group's DBA name, as on file. */
  name: string;
  /** USPS Publication 28 style: street line(s), then `CITY ST 12345`, in capitals. */
  addressLines: string[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function letterKindOf(event: Pick<LinkRequestProcessedV1, 'kind' | 'decision'>): LetterKind {
  const action = event.kind === 'UNLINK' ? 'unlink' : event.kind === 'LINK' ? 'link' : undefined;
  const outcome = event.decision === 'APPROVED' ? 'approved' : event.decision === 'DENIED' ? 'denied' : undefined;
  if (!action || !outcome) {
    throw new Error(`No letter for a ${String(event.kind)} request with decision ${String(event.decision)}`);
  }
  return `${action}-${outcome}`;
}

/**
 * The content of the letter to the requesting group's DBA address. Throws if the event lacks what its
 * letter must say (an approved link without an effective date, an approved unlink without an end date,
 * a denial without a reason): better no letter than a letter with a blank in it.
 */
export function letterContentFrom(event: LinkRequestProcessedV1, letterDate: string): LetterContent {
  assertIsoDate(letterDate, 'letterDate');
  const kind = letterKindOf(event);
  const reason = event.reason?.trim() || undefined;
  const where = `link request ${event.requestId} (${kind})`;
  if (kind === 'link-approved' && !event.effectiveDate) throw new Error(`${where} has no effectiveDate for its letter`);
  if (kind === 'unlink-approved' && !event.endDate) throw new Error(`${where} has no endDate for its letter`);
  if (event.decision === 'DENIED' && !reason) throw new Error(`${where} has no reason for its denial letter`);
  if (event.effectiveDate) assertIsoDate(event.effectiveDate, 'effectiveDate');
  if (event.endDate) assertIsoDate(event.endDate, 'endDate');

  const { providerId, npi, firstName, lastName } = event.provider;
  return {
    kind,
    letterDate,
    recipient: { name: event.recipient.name.trim(), addressLines: uspsAddressLines(event.recipient.address) },
    requestId: event.requestId,
    pidsl: event.pidsl,
    groupId: event.groupId,
    serviceLocation: event.serviceLocation,
    provider: { providerId, npi, firstName: firstName.trim(), lastName: lastName.trim() },
    ...(reason ? { reason } : {}),
    ...(event.effectiveDate ? { effectiveDate: event.effectiveDate } : {}),
    ...(event.endDate ? { endDate: event.endDate } : {}),
  };
}

/**
 * Address lines as USPS Publication 28 prefers them: capitals, no punctuation but the hyphen of a
 * ZIP+4 (and `/`, `#` and `-` inside a street line), single spaces, last line `CITY ST 12345-6789`.
 * Words are not abbreviated: the provider master's address is kept as standardised there.
 */
export function uspsAddressLines(address: Pick<PostalAddress, 'line1' | 'line2' | 'city' | 'state' | 'zip'>): string[] {
  const lines = [uspsLine(address.line1)];
  const line2 = address.line2 ? uspsLine(address.line2) : '';
  if (line2) lines.push(line2);
  const zip = address.zip.trim();
  const lastLine = [uspsLine(address.city), uspsLine(address.state), zip].filter(Boolean).join(' ');
  lines.push(lastLine);
  return lines.filter(Boolean);
}

function uspsLine(value: string): string {
  return value
    .toUpperCase()
    .replace(/[.,;:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `2025-03-04` → `March 4, 2025`, the way dates are written in the letters. */
export function formatLetterDate(isoDate: string): string {
  const [, y, m, d] = assertIsoDate(isoDate, 'date');
  return `${MONTHS[Number(m) - 1]} ${Number(d)}, ${y}`;
}

function assertIsoDate(value: string, name: string): RegExpExecArray {
  const match = ISO_DATE.exec(value ?? '');
  if (match) {
    const [, y, m, d] = match.map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return match;
  }
  throw new Error(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}
