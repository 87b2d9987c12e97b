import { businessDateOf } from '@rosterlink/contracts/browser';
import type { LinkRequest } from '../types';

/** The Monday of the week a calendar date falls in. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface Bucket {
  label: string;
  value: number;
}

/** Open requests by business days left: overdue, then 0 … 9, then 10 or more. */
export function openByDaysLeft(requests: readonly LinkRequest[]): Bucket[] {
  const open = requests.flatMap((r) => (r.status === 'SUBMITTED' && r.businessDaysRemaining !== null ? [r.businessDaysRemaining] : []));
  const buckets: Bucket[] = [{ label: 'overdue', value: 0 }, ...Array.from({ length: 10 }, (_, i) => ({ label: String(i), value: 0 })), { label: '10+', value: 0 }];
  for (const days of open) {
    buckets[days < 0 ? 0 : Math.min(days, 10) + 1].value++;
  }
  return buckets;
}

export interface WeekPoint {
  week: string;
  breaches: number;
  decisions: number;
}

/**
 * Breaches and decisions per week for the last `weeks` weeks up to `today`: a breach counts in the
 * week the link-request service recorded it (its SLA sweep), a decision in the week it was made.
 */
export function weeklyBreachesAndDecisions(requests: readonly LinkRequest[], today: string, weeks = 8): WeekPoint[] {
  const last = weekOf(today);
  const points: WeekPoint[] = Array.from({ length: weeks }, (_, i) => ({ week: addDays(last, -7 * (weeks - 1 - i)), breaches: 0, decisions: 0 }));
  const byWeek = new Map(points.map((p) => [p.week, p]));
  for (const r of requests) {
    const decided = r.decidedAt ? businessDateOf(new Date(r.decidedAt)) : null;
    if (decided) {
      const point = byWeek.get(weekOf(decided));
      if (point) point.decisions++;
    }
    if (r.slaBreachedAt) {
      const point = byWeek.get(weekOf(businessDateOf(new Date(r.slaBreachedAt))));
      if (point) point.breaches++;
    }
  }
  return points;
}
