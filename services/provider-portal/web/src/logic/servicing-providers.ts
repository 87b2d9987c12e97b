import type { ServicingProvider } from '../link-request-api';

/** Where a link period of the List of Servicing Providers stands today: linked now, linked before, or from a later date. */
export type LinkPeriodStanding = 'CURRENT' | 'PREVIOUS' | 'UPCOMING';

export const LINK_PERIOD_LABELS: Record<LinkPeriodStanding, string> = {
  CURRENT: 'Currently linked',
  PREVIOUS: 'Previously linked',
  UPCOMING: 'Linked from a later date',
};

export function linkPeriodStanding(period: Pick<ServicingProvider, 'active' | 'effectiveDate' | 'endDate'>, today: string): LinkPeriodStanding {
  if (period.active) return 'CURRENT';
  if (period.effectiveDate > today) return 'UPCOMING';
  return 'PREVIOUS';
}
