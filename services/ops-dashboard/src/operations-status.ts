import { SERVICE_NAMES, ServiceName } from '@rosterlink/web-server';

export interface ServiceStatus {
  service: ServiceName;
  /** `up`/`down` as the service's /health says; `unreachable` when it does not answer. */
  health: 'up' | 'down' | 'unreachable';
  /** Each dependency the service checks (database, schema, kafka, redis) and its state. */
  checks: Record<string, string>;
  /** Consumer lag by topic; null when the service reports none (no consumer, or the broker is away). */
  consumerLag: Record<string, number> | null;
}

const TIMEOUT_MS = 2500;

/** The `rosterlink_kafka_consumer_lag` samples of a Prometheus text exposition, by topic. */
export function consumerLagOf(metrics: string): Record<string, number> | null {
  const lag: Record<string, number> = {};
  for (const line of metrics.split('\n')) {
    const match = /^rosterlink_kafka_consumer_lag\{([^}]*)\}\s+(\S+)/.exec(line);
    const topic = match && /(?:^|,)topic="([^"]*)"/.exec(match[1])?.[1];
    if (match && topic) lag[topic] = Number(match[2]);
  }
  return Object.keys(lag).length > 0 ? lag : null;
}

/** A terminus health body: `{ status, info, error, details: { name: { status } } }`. */
export function checksOf(body: unknown): Record<string, string> {
  const details = (body as { details?: Record<string, { status?: string }> } | null)?.details ?? {};
  return Object.fromEntries(Object.entries(details).map(([name, d]) => [name, d?.status ?? 'unknown']));
}

async function get(url: string): Promise<Response | undefined> {
  return fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(() => undefined);
}

export async function serviceStatus(service: ServiceName, baseUrl: string): Promise<ServiceStatus> {
  const [health, metrics] = await Promise.all([get(`${baseUrl}/health`), get(`${baseUrl}/metrics`)]);
  const body = await health?.json().catch(() => null);
  return {
    service,
    health: !health ? 'unreachable' : health.status === 200 ? 'up' : 'down',
    checks: checksOf(body),
    consumerLag: metrics?.ok ? consumerLagOf(await metrics.text()) : null,
  };
}

export function operationsStatus(urls: Record<ServiceName, string>): Promise<ServiceStatus[]> {
  return Promise.all(SERVICE_NAMES.map((s) => serviceStatus(s, urls[s])));
}
