import { SERVICE_NAMES, ServiceName } from '@rosterlink/web-server';
import type { LagStatus, LagThresholds, OperationsReport, OperationsStatus, ServiceHealth, ServiceStatus, TopicLag } from './operations-report';

const TIMEOUT_MS = 2500;

/** The `rosterlink_kafka_consumer_lag` samples of a Prometheus text exposition, by topic. */
export function consumerLagOf(metrics: string): Record<string, number> | null {
  const lag: Record<string, number> = {};
  for (const line of metrics.split('\n')) {
    const match = /^rosterlink_kafka_consumer_lag\{([^}]*)\}\s+(\S+)/.exec(line);
    const topic = match && /(?:^|,)topic="([^"]*)"/.exec(match[1])?.[1];
    const messages = match ? Number(match[2]) : NaN;
    if (topic && Number.isFinite(messages)) lag[topic] = messages;
  }
  return Object.keys(lag).length > 0 ? lag : null;
}

/** A terminus health body: `{ status, info, error, details: { name: { status } } }`. */
export function checksOf(body: unknown): Record<string, string> {
  const details = (body as { details?: Record<string, { status?: string }> } | null)?.details ?? {};
  return Object.fromEntries(Object.entries(details).map(([name, d]) => [name, d?.status ?? 'unknown']));
}

/** One topic's lag against the thresholds: over the critical one is `far behind`, over the warning one `behind`. */
export function lagStatusOf(messages: number, { warningMessages, criticalMessages }: LagThresholds): LagStatus {
  if (messages > criticalMessages) return 'far behind';
  if (messages > warningMessages) return 'behind';
  return 'ok';
}

/** The lag samples by topic, each with its status, in topic order; null when there are none. */
export function topicLagsOf(consumerLag: Record<string, number> | null, thresholds: LagThresholds): TopicLag[] | null {
  if (!consumerLag) return null;
  return Object.entries(consumerLag)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, messages]) => ({ topic, messages, status: lagStatusOf(messages, thresholds) }));
}

/**
 * What the dashboard reports for a service: no answer is `unreachable`, a failed /health is `down`
 * (whatever its lag), else the worst of its topics' lag (`far behind`, `behind`), else `up`. A service
 * whose lag is unknown (no consumer, or the broker not answering in time) is reported by its health alone.
 */
export function operationsStatusOf(health: ServiceHealth, lag: readonly TopicLag[] | null): OperationsStatus {
  if (health !== 'up') return health;
  if (lag?.some((t) => t.status === 'far behind')) return 'far behind';
  if (lag?.some((t) => t.status === 'behind')) return 'behind';
  return 'up';
}

async function get(url: string): Promise<Response | undefined> {
  return fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(() => undefined);
}

/** Asks one service for its /health and /metrics (each within 2.5 s) and rates it against the thresholds. */
export async function serviceStatus(service: ServiceName, baseUrl: string, thresholds: LagThresholds): Promise<ServiceStatus> {
  const [healthAnswer, metrics] = await Promise.all([get(`${baseUrl}/health`), get(`${baseUrl}/metrics`)]);
  const body = await healthAnswer?.json().catch(() => null);
  const health: ServiceHealth = !healthAnswer ? 'unreachable' : healthAnswer.status === 200 ? 'up' : 'down';
  const lag = topicLagsOf(metrics?.ok ? consumerLagOf(await metrics.text()) : null, thresholds);
  return { service, status: operationsStatusOf(health, lag), health, checks: checksOf(body), lag };
}

export async function operationsReport(urls: Record<ServiceName, string>, thresholds: LagThresholds, now: () => Date = () => new Date()): Promise<OperationsReport> {
  const checkedAt = now().toISOString();
  const items = await Promise.all(SERVICE_NAMES.map((s) => serviceStatus(s, urls[s], thresholds)));
  return { items, lagThresholds: thresholds, checkedAt };
}

/**
 * `load`, shared: callers within `maxAgeMs` of the last answer get that answer, and callers while a load
 * is under way wait for it. Every open dashboard polls the operations status; without this each poll
 * would ask every service's /health and /metrics (and so the broker for its offsets) again.
 */
export function sharedFor<T>(maxAgeMs: number, load: () => Promise<T>, nowMs: () => number = Date.now): () => Promise<T> {
  let last: { at: number; answer: Promise<T> } | undefined;
  return () => {
    if (last && nowMs() - last.at < maxAgeMs) return last.answer;
    const current = { at: nowMs(), answer: load() };
    last = current;
    // A failed load is not kept: the next caller asks again.
    current.answer.catch(() => {
      if (last === current) last = undefined;
    });
    return current.answer;
  };
}
