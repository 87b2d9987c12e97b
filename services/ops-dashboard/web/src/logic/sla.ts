import type { LinkRequest, SlaState } from '../types';

/** SLA states in words, so colour is never the only signal. */
export const SLA_LABELS: Record<SlaState, string> = { ON_TRACK: 'On track', WARNING: 'Warning', BREACHED: 'Breached' };

/** "3 business days left", "due today", "2 business days overdue". */
export function daysLeftText(days: number | null): string {
  if (days === null) return 'decided';
  if (days === 0) return 'due today';
  const n = Math.abs(days);
  const unit = n === 1 ? 'business day' : 'business days';
  return days > 0 ? `${n} ${unit} left` : `${n} ${unit} overdue`;
}

export interface QueueFilter {
  slaState: SlaState | '';
  pidsl: string;
  /** A provider's name (any part) or NPI. */
  search: string;
}

export function filterQueue(requests: readonly LinkRequest[], filter: QueueFilter): LinkRequest[] {
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return requests
    .filter((r) => !filter.slaState || r.slaState === filter.slaState)
    .filter((r) => !filter.pidsl || r.pidsl === filter.pidsl)
    .filter((r) => {
      const haystack = `${r.provider.firstName} ${r.provider.lastName} ${r.provider.npi} ${r.provider.providerId}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.submittedAt.localeCompare(b.submittedAt));
}
