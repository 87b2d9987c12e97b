import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Message } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { KafkaConnection } from './kafka-connection';
import { MessagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { outboxChannel } from './outbox-publisher';
import { OutboxWakeups } from './outbox-wakeups';
import { qualifiedTable } from './schema-of';
import { runInTrace } from './trace-context';

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  /** The payload as JSON text, read as such from PostgreSQL: it goes to Kafka without a parse and a stringify. */
  payload: string;
}

const MAX_BACKOFF_MS = 10_000;
/** Payload bytes per send, well under the broker's 1 MB record-batch limit. */
const SEND_BYTES = 512 * 1024;
/**
 * For the relay's transaction: the next batch is read in seq order along the partial index of
 * unpublished rows, never by collecting and sorting every pending row. The index's statistics lag
 * behind a backlog committed at once (a 100,000-row roster's events), and with them the planner
 * chose a bitmap scan and an on-disk sort of the whole backlog for each batch: 1.5 s a batch
 * instead of milliseconds.
 */
const INDEX_ORDER_ONLY = "set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)";
/**
 * Batches one relay transaction publishes at most. Rows are marked published when it commits, so a
 * relay killed mid-transaction has its successor send them again (consumers skip them by id).
 */
const BATCHES_PER_TRANSACTION = 4;
const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
/** Published outbox rows are kept a week for audit; inbox rows a month, longer than any replay. */
const OUTBOX_KEEP = '7 days';
const INBOX_KEEP = '30 days';

/**
 * Publishes outbox rows to Kafka in commit order and marks them published. It is woken by
 * PostgreSQL (LISTEN/NOTIFY) as soon as a transaction that recorded events commits, works
 * through the backlog in batches of OUTBOX_BATCH_SIZE without pausing, and otherwise polls every
 * OUTBOX_POLL_INTERVAL_MS as a safety net. One relay per service is active at a time (a
 * transaction-scoped advisory lock), so a group's events are never reordered by two instances
 * racing. A Kafka outage leaves rows waiting; nothing is lost. Each row's headers (CloudEvents
 * and `traceparent`) go out as its Kafka message's headers, as recorded; the relay itself runs
 * outside any trace (one batch carries many).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private wokenWhileRunning = false;
  private readonly wakeups: OutboxWakeups;
  private current: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  private lastHousekeeping = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly metrics: MessagingMetrics,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(Registry) registry: Registry,
  ) {
    const outbox = qualifiedTable(dataSource, 'outbox');
    const url = (dataSource.options as { url?: string }).url ?? '';
    this.wakeups = new OutboxWakeups(url, outboxChannel(dataSource), () => this.wake());
    new Gauge({
      name: 'rosterlink_outbox_pending_events',
      help: 'Events committed but not yet published to Kafka',
      registers: [registry],
      async collect() {
        const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${outbox} WHERE published_at IS NULL`);
        this.set(row.n);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
    this.wakeups.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.wakeups.stop();
    await this.current;
  }

  /** A transaction with events committed: publish now, or right after the batch under way. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    if (this.failures > 0) return; // an outage: the backoff decides when to try again
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /**
   * Publishes up to BATCHES_PER_TRANSACTION batches in one transaction (it holds the relay's lock);
   * returns how many events went out and whether the last batch was full (more may wait). While a
   * batch is being sent, the next one is read and the one before it marked published, on the
   * transaction's connection: the relay waits on Kafka, not on PostgreSQL in between.
   */
  async relayBatches(): Promise<{ published: number; more: boolean }> {
    const outbox = qualifiedTable(this.dataSource, 'outbox');
    const size = this.options.outboxBatchSize;
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked, ${INDEX_ORDER_ONLY}`,
        [outbox],
      );
      if (!locked) return { published: 0, more: false };
      // After `seq`: the batch before may not be marked yet when the next one is read.
      const read = (afterSeq: string): Promise<OutboxRow[]> =>
        tx.query(
          `SELECT seq, topic, message_key, headers, payload::text AS payload FROM ${outbox}
           WHERE published_at IS NULL AND seq > $1 ORDER BY seq LIMIT $2`,
          [afterSeq, size],
        );
      const marks: Promise<unknown>[] = [];
      let published = 0;
      let rows = await read('0');
      try {
        for (let batch = 1; rows.length > 0; batch++) {
          const full = rows.length === size;
          const next = full && batch < BATCHES_PER_TRANSACTION ? read(rows[rows.length - 1].seq) : undefined;
          next?.catch(() => undefined); // awaited below, unless a send fails first
          await this.send(rows);
          const seqs = rows.map((r) => r.seq);
          const marking = tx.query(`UPDATE ${outbox} SET published_at = now() WHERE seq = ANY($1::bigint[])`, [seqs]);
          marking.catch(() => undefined); // awaited before the commit
          marks.push(marking);
          published += rows.length;
          if (!next) return { published, more: full };
          rows = await next;
        }
        return { published, more: false };
      } finally {
        // Every statement queued on the transaction settles before it commits or rolls back.
        await Promise.all(marks);
      }
    });
  }

  /** Sends rows to Kafka in seq order, in sends of at most SEND_BYTES (a broker refuses a record batch over 1 MB). */
  private async send(rows: OutboxRow[]): Promise<void> {
    const producer = await this.kafka.getProducer();
    for (const send of bySize(rows)) await producer.sendBatch({ acks: -1, topicMessages: this.toTopicMessages(send) });
    const byTopic = new Map<string, number>();
    for (const row of rows) byTopic.set(row.topic, (byTopic.get(row.topic) ?? 0) + 1);
    for (const [topic, count] of byTopic) this.metrics.published.inc({ topic }, count);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    // Detached from whatever trace scheduled it: a batch is no one request's work.
    this.timer = setTimeout(() => runInTrace(undefined, () => {
      this.running = true;
      this.wokenWhileRunning = false;
      this.current = this.runOnce().then((nextDelay) => {
        this.running = false;
        this.schedule(this.wokenWhileRunning && this.failures === 0 ? 0 : nextDelay);
      });
    }), delayMs);
  }

  private async runOnce(): Promise<number> {
    try {
      const { published, more } = await this.relayBatches();
      if (this.failures > 0) this.logger.log(`Kafka reachable again after ${this.failures} failed attempts`);
      this.failures = 0;
      if (more) return 0;
      if (published === 0) await this.housekeeping();
      return this.options.outboxPollIntervalMs;
    } catch (error) {
      // Shutting down: the database may close under a batch in flight; its rows stay unpublished and go next time.
      if (this.stopped) return 0;
      this.failures++;
      await this.kafka.discardProducer();
      // One warning per outage, then quiet retries: the backlog gauge tells the rest.
      if (this.failures === 1) this.logger.warn({ msg: 'Outbox relay cannot publish; retrying', error: String(error) });
      return Math.min(MAX_BACKOFF_MS, this.options.outboxPollIntervalMs * 2 ** Math.min(this.failures, 6));
    }
  }

  private async housekeeping(): Promise<void> {
    if (Date.now() - this.lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
    this.lastHousekeeping = Date.now();
    await this.dataSource.query(
      `DELETE FROM ${qualifiedTable(this.dataSource, 'outbox')} WHERE published_at < now() - interval '${OUTBOX_KEEP}'`,
    );
    await this.dataSource.query(
      `DELETE FROM ${qualifiedTable(this.dataSource, 'inbox')} WHERE received_at < now() - interval '${INBOX_KEEP}'`,
    );
  }

  private toTopicMessages(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const topic = this.kafka.prefixed(row.topic);
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: row.message_key, value: row.payload, headers: row.headers });
      byTopic.set(topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }
}

/** Consecutive runs of rows whose payloads add up to at most SEND_BYTES (a larger row goes alone). */
function bySize(rows: OutboxRow[]): OutboxRow[][] {
  const sends: OutboxRow[][] = [];
  let current: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    let size = Buffer.byteLength(row.payload);
    for (const name in row.headers) size += Buffer.byteLength(name) + Buffer.byteLength(String(row.headers[name]));
    if (current.length > 0 && bytes + size > SEND_BYTES) {
      sends.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) sends.push(current);
  return sends;
}
