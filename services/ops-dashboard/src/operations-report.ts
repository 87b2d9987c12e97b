/**
 * What `GET /api/operations` answers: each service's health, its consumer lag by topic, and the status
 * the dashboard server gives it against the configured lag thresholds (operations-status.ts).
 * Shared by the server and the app, like live-change.ts: types only, no imports.
 */

/** What a service's `/health` said: `unreachable` when it did not answer at all. */
export type ServiceHealth = 'up' | 'down' | 'unreachable';

/** One consumed topic's lag against the thresholds: more messages than the warning threshold is `behind`, than the critical one `far behind`. */
export type LagStatus = 'ok' | 'behind' | 'far behind';

/**
 * A service as the dashboard reports it, worst first: `unreachable` (no answer), `down` (its /health
 * failed), `far behind` and `behind` (its lag on some topic is over the critical or warning threshold), `up`.
 */
export type OperationsStatus = 'unreachable' | 'down' | 'far behind' | 'behind' | 'up';

export interface TopicLag {
  topic: string;
  /** Messages on the topic not yet committed by the service's consumer group. */
  messages: number;
  status: LagStatus;
}

export interface ServiceStatus {
  /** The proxy's name for the service (`link-request`); the process is `<service>-service`. */
  service: string;
  status: OperationsStatus;
  health: ServiceHealth;
  /** Each dependency the service checks (database, schema, kafka, redis) and its state. */
  checks: Record<string, string>;
  /** Consumer lag by topic, in topic order; null when the service reports none (no consumer, or the broker is away). */
  lag: TopicLag[] | null;
}

/** More messages than these waiting on one topic make a service `behind` / `far behind` (OPS_LAG_*_MESSAGES). */
export interface LagThresholds {
  warningMessages: number;
  criticalMessages: number;
}

export interface OperationsReport {
  items: ServiceStatus[];
  lagThresholds: LagThresholds;
  /** When the services were asked (ISO-8601): answers are shared between callers for a few seconds. */
  checkedAt: string;
}
