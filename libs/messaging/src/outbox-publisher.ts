import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CloudEventHeaders, cloudEventHeaders, EVENT_DEFINITIONS, EventPayloads, EventTopic } from '@rosterlink/contracts';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { EVENT_ID_BYTES_SQL, eventIdFromBytesSql, newEventId } from './event-ids';
import { qualifiedTable } from './schema-of';
import { childOf, formatTraceparent, outgoingTraceparent, parseTraceparent } from './trace-context';

/** Rows per INSERT when many events are recorded at once (a roster can announce 100,000). */
const CHUNK = 1000;
/** Memory for sorting the events of one publishSelected, for that statement only. */
const SELECTED_EVENTS_SORT_MEMORY = '256MB';

/** The channel on which a service's outbox announces new rows (delivered when their transaction commits). */
export function outboxChannel(source: DataSource | EntityManager): string {
  return `${qualifiedTable(source, 'outbox').replace(/"/g, '').replace('.', '_')}`;
}

/** Wakes the relay once `tx` commits (PostgreSQL delivers NOTIFY at commit, once per channel). */
async function notifyRelay(tx: EntityManager): Promise<void> {
  await tx.query('SELECT pg_notify($1, \'\')', [outboxChannel(tx)]);
}

/** How an event's trace is chosen, where the current one is not the right one. */
export interface PublishOptions {
  /**
   * The trace to continue instead of the current one (the events get a new span of it): for a
   * batch handler that publishes on behalf of one of its events, pass that `event.traceparent`.
   * An invalid value continues the current trace instead.
   */
  traceparent?: string;
}

/** The `traceparent` header of events recorded now: a new span of the given trace if valid, else of the current one. */
function traceparentOf(options: PublishOptions): string | undefined {
  const given = parseTraceparent(options.traceparent);
  return given ? formatTraceparent(childOf(given)) : outgoingTraceparent();
}

/**
 * Records events in the outbox inside the caller's transaction, so the state change and the
 * events announcing it commit together or not at all. The relay publishes them as the
 * transaction commits (it is woken by NOTIFY), or at its next poll.
 *
 * Each row's headers carry the `traceparent` of the work under way (a new span of the current
 * trace: the HTTP request's, the consumed event's, the job's), which the relay sends on as a Kafka
 * header; outside any trace there is none. All events of one call share one span.
 */
@Injectable()
export class OutboxPublisher {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async publish<T extends EventTopic>(tx: EntityManager, topic: T, payload: EventPayloads[T], options: PublishOptions = {}): Promise<string> {
    const [id] = await this.publishMany(tx, topic, [payload], options);
    return id;
  }

  /** One set-based insert per thousand events; returns the event ids in payload order. */
  async publishMany<T extends EventTopic>(
    tx: EntityManager,
    topic: T,
    payloads: readonly EventPayloads[T][],
    options: PublishOptions = {},
  ): Promise<string[]> {
    const ids: string[] = [];
    const source = `/rosterlink/${this.options.serviceName}`;
    const traceparent = traceparentOf(options);
    for (let start = 0; start < payloads.length; start += CHUNK) {
      const chunk = payloads.slice(start, start + CHUNK);
      const time = new Date().toISOString();
      const chunkIds = chunk.map(() => newEventId());
      await tx.query(
        `INSERT INTO ${qualifiedTable(tx, 'outbox')} (event_id, topic, message_key, headers, payload)
         SELECT id, $1, key, headers, payload
         FROM unnest($2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[]) AS e(id, key, headers, payload)`,
        [
          topic,
          chunkIds,
          chunk.map((p) => EVENT_DEFINITIONS[topic].keyOf(p)),
          chunkIds.map((id) => JSON.stringify(cloudEventHeaders({ id, type: topic, source, time, traceparent }))),
          chunk.map((p) => JSON.stringify(p)),
        ],
      );
      ids.push(...chunkIds);
    }
    if (payloads.length > 0) await notifyRelay(tx);
    return ids;
  }

  /**
   * One event as part of a caller's own statement, for a hot path that records a state change and
   * its event in a single round trip: `insert` is `INSERT INTO <outbox> (…) SELECT $first…` (append
   * a `FROM` to tie it to the change, e.g. a CTE that inserted the row), `params` its values from
   * `$first` on, and `notify` the `pg_notify(…)` call that wakes the relay. Same row as `publish`.
   */
  eventRow<T extends EventTopic>(
    source: DataSource | EntityManager,
    topic: T,
    payload: EventPayloads[T],
    first: number,
    options: PublishOptions = {},
  ): { eventId: string; insert: string; params: unknown[]; notify: string } {
    const eventId = newEventId();
    const headers = cloudEventHeaders({
      id: eventId,
      type: topic,
      source: `/rosterlink/${this.options.serviceName}`,
      time: new Date().toISOString(),
      traceparent: traceparentOf(options),
    });
    const p = (i: number) => `$${first + i}`;
    return {
      eventId,
      insert: `INSERT INTO ${qualifiedTable(source, 'outbox')} (event_id, topic, message_key, headers, payload)
         SELECT ${p(0)}::uuid, ${p(1)}::text, ${p(2)}::text, ${p(3)}::jsonb, ${p(4)}::jsonb`,
      params: [eventId, topic, EVENT_DEFINITIONS[topic].keyOf(payload), JSON.stringify(headers), JSON.stringify(payload)],
      notify: `pg_notify('${outboxChannel(source)}', '')`,
    };
  }

  /**
   * Records one event per row of `select`, in one statement, for announcements too large to pass
   * through Node (a roster's 100,000 practitioners). `select` returns `key text`, `payload jsonb`
   * and `position`, the order to publish in; it may use `$1`…`$n` for `params`. The payload is
   * built in SQL, so the caller's tests must check it against the event's class.
   * Returns how many events were recorded.
   */
  async publishSelected<T extends EventTopic>(
    tx: EntityManager,
    topic: T,
    select: string,
    params: readonly unknown[] = [],
    options: PublishOptions = {},
  ): Promise<number> {
    const n = params.length;
    // The headers of every event but its id, made by the one function that makes CloudEvents headers.
    const headers = cloudEventHeaders({
      id: '',
      type: topic,
      source: `/rosterlink/${this.options.serviceName}`,
      time: new Date().toISOString(),
      traceparent: traceparentOf(options),
    });
    // The rows are sorted once built (a roster's 100,000 events are ~60 MB): in memory, not on disk.
    const [{ work_mem: workMem }] = await tx.query(`SELECT current_setting('work_mem') AS work_mem`);
    await tx.query(`SELECT set_config('work_mem', $1, true)`, [SELECTED_EVENTS_SORT_MEMORY]);
    const [, recorded] = await tx.query(
      `INSERT INTO ${qualifiedTable(tx, 'outbox')} (event_id, topic, message_key, headers, payload)
       SELECT e.id, $${n + 1}, e.key, jsonb_set($${n + 2}::jsonb, '{${CloudEventHeaders.id}}', to_jsonb(e.id::text)), e.payload
       FROM (SELECT ${eventIdFromBytesSql('b.bytes')} AS id, b.key, b.payload, b.position
             -- OFFSET 0 keeps this subquery whole: its random bytes made once per row, whatever the planner does.
             FROM (SELECT ${EVENT_ID_BYTES_SQL} AS bytes, s.key, s.payload, s.position FROM (${select}) s OFFSET 0) b) e
       ORDER BY e.position`,
      [...params, topic, JSON.stringify(headers)],
    );
    await tx.query(`SELECT set_config('work_mem', $1, true)`, [workMem]);
    if (recorded > 0) await notifyRelay(tx);
    return recorded;
  }
}
