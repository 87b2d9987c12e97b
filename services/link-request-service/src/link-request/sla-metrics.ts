import { Inject, Injectable } from '@nestjs/common';
import { SLA_STATES, SlaState } from '@rosterlink/contracts';
import { Gauge, Registry } from 'prom-client';
import { ViewLinkRequests } from '../view-link-requests/view-link-requests.handler';

/** Scrapes closer together than this share one summary query. */
export const SLA_METRICS_CACHE_MS = 15_000;

/**
 * `read()`, reused for `ttlMs` after it was started (wall-clock time): concurrent and frequent
 * scrapes cost one query. A failed read is not kept, so the next scrape asks again.
 */
export function cachedFor<T>(ttlMs: number, read: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const at = now();
    if (cached && at - cached.at < ttlMs) return cached.value;
    const value = read();
    cached = { at, value };
    value.catch(() => {
      if (cached?.value === value) cached = undefined;
    });
    return value;
  };
}

/**
 * `rosterlink_link_requests_open{sla_state}`: the open link requests by SLA state today, counted
 * as `GET /link-requests/summary` counts them (the same query and rules), at most every 15 s.
 * Every state is reported, zero included, so an alert on BREACHED always has a series to watch.
 */
@Injectable()
export class SlaMetrics {
  constructor(requests: ViewLinkRequests, @Inject(Registry) registry: Registry) {
    const bySlaState = cachedFor(SLA_METRICS_CACHE_MS, async () => (await requests.summary(1)).bySlaState);
    new Gauge({
      name: 'rosterlink_link_requests_open',
      help: 'Open link requests by SLA state today (ON_TRACK, WARNING, BREACHED), counted at most every 15 s; absent while PostgreSQL does not answer',
      labelNames: ['sla_state'],
      registers: [registry],
      async collect() {
        this.reset();
        let counts: Record<SlaState, number>;
        try {
          counts = await bySlaState();
        } catch {
          return; // no sample rather than a stale one
        }
        for (const state of SLA_STATES) this.set({ sla_state: state }, counts[state] ?? 0);
      },
    });
  }
}
