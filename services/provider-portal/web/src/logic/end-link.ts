import type { PendingLinkRequest, ServicingProvider } from '../link-request-api';
import { isCalendarDate } from './effective-date';
import { linkPeriodStanding } from './servicing-providers';

/**
 * Ending a link (an unlink request) from the List of Servicing Providers: which link periods can be
 * ended here, and the End Date's rule. The End Date is the last day the provider is linked: never before
 * today (MassHealth does not backdate changes), within the link period being ended.
 */

/** The link an unlink request ends: a period of the List of Servicing Providers whose provider is known by Provider ID. */
export interface LinkToEnd {
  providerId: string;
  npi: string;
  firstName: string | null;
  lastName: string | null;
  providerType: ServicingProvider['providerType'];
  effectiveDate: string;
  endDate: string | null;
}

/** Whether a row of the List of Servicing Providers offers End link; null for a period already over (nothing to end). */
export type EndLinkStanding = { endable: true; link: LinkToEnd } | { endable: false; reason: string } | null;

export function endLinkStandingOf(period: ServicingProvider, today: string, pending: readonly Pick<PendingLinkRequest, 'provider' | 'kind'>[]): EndLinkStanding {
  if (linkPeriodStanding(period, today) === 'PREVIOUS') return null;
  if (!period.providerId) {
    return { endable: false, reason: 'Provider ID not known: call the provider help desk to end this link' };
  }
  const waiting = pending.find((r) => r.provider.providerId === period.providerId);
  if (waiting) {
    return { endable: false, reason: waiting.kind === 'UNLINK' ? 'End of link requested: waiting for MassHealth' : 'A request is waiting for MassHealth' };
  }
  const { providerId, npi, firstName, lastName, providerType, effectiveDate, endDate } = period;
  return { endable: true, link: { providerId, npi, firstName, lastName, providerType, effectiveDate, endDate } };
}

/** What is wrong with the End Date, in words that say what to do; null when it may be used. */
export function endDateProblem(date: string, today: string, link: Pick<LinkToEnd, 'effectiveDate' | 'endDate'>): string | null {
  if (!date.trim()) return `Enter the End Date: the last day the servicing provider is linked to the group practice (today, ${today}, or later).`;
  if (!isCalendarDate(date)) return `${date} is not a date. Enter the End Date as a calendar date, today (${today}) or later.`;
  if (date < today) {
    return `The End Date cannot be before today (${today}): MassHealth does not backdate changes. Enter today or a later date.`;
  }
  if (date < link.effectiveDate) {
    return `The link starts on ${link.effectiveDate}: enter an End Date on or after that day.`;
  }
  if (link.endDate && date > link.endDate) {
    return `The link already ends on ${link.endDate}: enter that day or an earlier one.`;
  }
  return null;
}

/** The earliest and latest End Date the date field offers. */
export function endDateBoundsOf(today: string, link: Pick<LinkToEnd, 'effectiveDate' | 'endDate'>): { min: string; max?: string } {
  const min = link.effectiveDate > today ? link.effectiveDate : today;
  return link.endDate ? { min, max: link.endDate } : { min };
}
