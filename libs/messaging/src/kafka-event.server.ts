import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { CloudEventHeaders, consumerGroupOf, deadLetterTopicOf, decodeEventPayload, EVENT_DEFINITIONS, EventTopic, TRACEPARENT_HEADER } from '@rosterlink/contracts';
import { consumerLagByTopic } from './consumer-lag';
import { KafkaConnection } from './kafka-connection';
import { MessagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { BATCH_HANDLER, ReceivedEvent } from './received-event';
import { qualifiedTable } from './schema-of';
import { continueTrace, parseTraceparent, runInTrace, TraceContext } from './trace-context';
import { isTransientError } from './transient-error';

/** Under the 2 s heartbeat interval the consumer is configured with, well inside its 10 s session. */
const HEARTBEAT_WHILE_HANDLING_MS = 1_000;
/**
 * Messages decoded between two turns of the event loop while the chunk ahead is being handled
 * (~0.7 ms of CPU for roster events): the handler's statements are sent as soon as the previous
 * one answers, so PostgreSQL works while the next chunk is decoded instead of waiting for all of it.
 */
const DECODE_SLICE = 100;

type DecodedEvent = Omit<ReceivedEvent<object>, 'afterCommit'>;
type Decoded = { event: DecodedEvent } | { rejection: string };
interface ValidMessage {
  message: KafkaMessage;
  event: DecodedEvent;
}

/**
 * The Nest transport that feeds `@OnEvent` / `@OnEventBatch` handlers from Kafka, a batch at a
 * time. Per partition, messages are taken in order, up to CONSUMER_BATCH_SIZE: each payload is
 * validated against its contract class, then, in ONE database transaction, the batch's event ids
 * go into the inbox in one statement (replays come back out) and the handler gets the new ones;
 * the offsets move on once it commits. Should the batch fail, its events are handled again one
 * by one, so a bad payload or a handler that keeps failing on one message goes to `<topic>.dlq`
 * alone and its partition moves on; an outage (database, broker) is retried until it ends, so
 * nothing accepted is dropped.
 *
 * Topics are read in the service's consumer group, except those of a lane (`EVENT_DEFINITIONS`):
 * each lane has a consumer and a group of its own, so access grants never queue behind bulk data.
 *
 * Trace context: each event's handler (and its after-commit tasks) runs within a child of the
 * trace in its message's `traceparent` header (a new trace when there is none or it is invalid),
 * so its log lines and the events and jobs it starts carry that trace. A batch handler runs
 * within the first event's; the transport's own lines about a batch carry none.
 */
@Injectable()
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventServer.name);
  /** One consumer per consumer group, by group id (unprefixed). */
  private readonly consumers = new Map<string, Consumer>();
  private closed = false;
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    super();
  }

  /** Contract topics this service handles, checked: each has a contract and exactly one handler. */
  handledTopics(): EventTopic[] {
    return [...this.messageHandlers].map(([pattern, handler]) => {
      if (!(pattern in EVENT_DEFINITIONS)) throw new Error(`Handler for "${pattern}", which is no contract topic`);
      if (!handler.isEventHandler) throw new Error(`"${pattern}" has a request handler; only events are used`);
      if (handler.next) throw new Error(`"${pattern}" has more than one handler`);
      return pattern as EventTopic;
    });
  }

  listen(callback: (error?: unknown) => void): void {
    let topics: EventTopic[];
    try {
      topics = this.handledTopics();
    } catch (error) {
      return callback(error);
    }
    // The HTTP side starts at once; the consumer keeps trying to join until the broker answers.
    if (topics.length > 0) {
      for (const [group, groupTopics] of this.topicsByGroup(topics)) this.running.set(group, this.consumeUntilClosed(group, groupTopics));
      this.metrics.observeConsumerLag(() => this.consumerLag(topics));
    }
    callback();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers.values()].map((c) => c.disconnect().catch(() => undefined)));
    // A crashed consumer's replacement may be starting: wait until every group's loop has ended.
    while (this.running.size > 0) {
      const loops = [...this.running];
      await Promise.all(loops.map(([, loop]) => loop));
      for (const [group, loop] of loops) if (this.running.get(group) === loop) this.running.delete(group);
    }
  }

  on(): never {
    throw new Error('KafkaEventServer has no event listeners');
  }

  /** The consumers, by consumer group (unprefixed). */
  unwrap<T>(): T {
    return this.consumers as T;
  }

  /** The handled topics by the consumer group that reads them. */
  private topicsByGroup(topics: EventTopic[]): Map<string, EventTopic[]> {
    const groups = new Map<string, EventTopic[]>();
    for (const topic of topics) {
      const group = consumerGroupOf(this.options.serviceName, topic);
      groups.set(group, [...(groups.get(group) ?? []), topic]);
    }
    return groups;
  }

  /** Lag by contract topic, for the `rosterlink_kafka_consumer_lag` gauge. */
  private async consumerLag(topics: EventTopic[]): Promise<Map<string, number>> {
    const admin = await this.kafka.getAdmin();
    const lag = new Map<string, number>();
    for (const [group, groupTopics] of this.topicsByGroup(topics)) {
      const byTopic = await consumerLagByTopic(admin, this.kafka.prefixed(group), groupTopics.map((t) => this.kafka.prefixed(t)));
      for (const [topic, value] of byTopic) lag.set(topic.slice(this.options.topicPrefix.length), value);
    }
    return lag;
  }

  private async consumeUntilClosed(group: string, topics: EventTopic[]): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.startConsumer(group, topics);
        return;
      } catch (error) {
        if (attempt === 1) this.logger.warn({ msg: 'Kafka consumer cannot start; retrying', group, error: String(error) });
        await this.consumers.get(group)?.disconnect().catch(() => undefined);
        // Short, capped waits: consumption resumes within seconds of the broker's return.
        await sleep(Math.min(5_000, 500 * attempt));
      }
    }
  }

  private async startConsumer(group: string, topics: EventTopic[]): Promise<void> {
    const consumer = this.kafka.kafka.consumer({
      groupId: this.kafka.prefixed(group),
      allowAutoTopicCreation: false,
      // Handlers are short (long work goes to BullMQ), so a dead member can be dropped after 10 s:
      // a replacement consumer rejoins quickly instead of waiting out the default 30 s.
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 2_000,
      maxWaitTimeInMs: this.options.consumerBatchMaxWaitMs,
      // Up to 8 MB of one partition per fetch (kafkajs's default is 1 MB, ~2,000 roster events):
      // fewer fetch round trips in which the handler waits on the broker.
      maxBytesPerPartition: 8 * 1024 * 1024,
      // A crashed consumer is replaced by a fresh one below rather than restarted in place.
      retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 3, restartOnFailure: async () => false },
    });
    this.consumers.set(group, consumer);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.closed || this.consumers.get(group) !== consumer) return;
      this.logger.error({ msg: 'Kafka consumer crashed; starting a new one', group, error: String(payload.error) });
      this.running.set(
        group,
        consumer
          .disconnect()
          .catch(() => undefined)
          .then(() => sleep(1000))
          .then(() => this.consumeUntilClosed(group, topics)),
      );
    });
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => this.kafka.prefixed(t)), fromBeginning: true });
    await consumer.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: (payload) => this.onBatch(payload) });
    this.logger.log(`Consuming ${topics.join(', ')} in group ${group}`);
  }

  /**
   * A fetched batch, in chunks of CONSUMER_BATCH_SIZE handled one after another. The next chunk is
   * decoded and validated while the current one's transaction runs (decoding is pure CPU, the
   * transaction mostly waits on PostgreSQL), a slice at a time between the transaction's
   * statements, so the two overlap; nothing of a chunk is acted on
   * (handled, dead-lettered) before the chunk ahead of it has committed.
   */
  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const topic = batch.topic.slice(this.options.topicPrefix.length) as EventTopic;
    const size = this.options.consumerBatchSize;
    const decodeChunk = (start: number) => {
      const messages = batch.messages.slice(start, start + size);
      const decoding = this.decodeInSlices(topic, messages);
      decoding.catch(() => undefined); // awaited below; not an unhandled rejection if a chunk before it fails
      return { messages, decoding };
    };
    let next = decodeChunk(0);
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
      const { messages, decoding } = next;
      // The group hears from this member while a long chunk is handled, not only between chunks.
      const beating = setInterval(() => heartbeat().catch(() => undefined), HEARTBEAT_WHILE_HANDLING_MS);
      try {
        const handling = this.onMessages(topic, batch.partition, messages, await decoding, heartbeat);
        // Started once this chunk's transaction is under way: its synchronous part runs while that waits.
        if (start + size < batch.messages.length) next = decodeChunk(start + size);
        await handling;
      } finally {
        clearInterval(beating);
      }
      resolveOffset(messages[messages.length - 1].offset);
      // Each committed chunk's offsets now, not when the whole fetched batch is done: a consumer
      // killed mid-batch leaves its successor at most one chunk to skip through the inbox.
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** The messages decoded in order, DECODE_SLICE at a time, letting the event loop turn between slices. */
  private async decodeInSlices(topic: EventTopic, messages: KafkaMessage[]): Promise<Decoded[]> {
    const decoded: Decoded[] = [];
    for (let start = 0; start < messages.length; start += DECODE_SLICE) {
      if (start > 0) await yieldToEventLoop();
      decoded.push(...(await Promise.all(messages.slice(start, start + DECODE_SLICE).map((m) => this.decode(topic, m)))));
    }
    return decoded;
  }

  /** Messages of one partition, in order: the bad ones dead-lettered, the rest handled together. */
  private async onMessages(
    topic: EventTopic,
    partition: number,
    messages: KafkaMessage[],
    decoded: Decoded[],
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const valid: ValidMessage[] = [];
    for (const [i, message] of messages.entries()) {
      const result = decoded[i];
      // Its log line carries the message's trace, when it has one.
      if ('rejection' in result) await runInTrace(traceOf(message), () => this.deadLetter(topic, partition, message, result.rejection, 0));
      else valid.push({ message, event: result.event });
    }
    if (valid.length === 0) return;
    try {
      await this.handleOnce(topic, valid.map((v) => v.event));
    } catch (error) {
      // Thrown back to kafkajs: the offsets stay where they were and the batch comes again.
      if (isTransientError(error) || this.closed) throw error;
      if (valid.length > 1) {
        this.logger.warn({ msg: 'Event batch failed; handling its events one by one', topic, partition, events: valid.length, error: describeError(error) });
      }
      for (const one of valid) {
        await runInTrace(traceOf(one.message), () => this.handleAlone(topic, partition, one, heartbeat, valid.length === 1 ? error : undefined));
      }
    }
  }

  /**
   * One event in its own transaction, retried with backoff; dead-lettered when it keeps failing
   * on itself. `failed` is the error of an attempt already made.
   */
  private async handleAlone(topic: EventTopic, partition: number, { message, event }: ValidMessage, heartbeat: () => Promise<void>, failed?: unknown): Promise<void> {
    let error = failed;
    for (let attempt = failed === undefined ? 0 : 1; ; attempt++) {
      if (attempt > 0) {
        if (isTransientError(error) || this.closed) throw error;
        if (attempt >= this.options.maxHandlerAttempts) return this.deadLetter(topic, partition, message, describeError(error), attempt);
        this.logger.warn({ msg: 'Event handler failed; retrying', topic, eventId: event.id, attempt, error: describeError(error) });
        await sleep(200 * 2 ** attempt);
        await heartbeat();
      }
      try {
        await this.handleOnce(topic, [event]);
        return;
      } catch (caught) {
        error = caught;
      }
    }
  }

  /**
   * One transaction: the events' ids into the inbox in one statement, the handler for those not
   * seen before (an id twice in the batch counts once), then, after the commit, their
   * after-commit tasks.
   */
  private async handleOnce(topic: EventTopic, decoded: DecodedEvent[]): Promise<void> {
    const handler = this.messageHandlers.get(topic)!;
    const afterCommit: { task: () => Promise<unknown>; trace: TraceContext }[] = [];
    const traces = new Map<ReceivedEvent<object>, TraceContext>();
    const events: ReceivedEvent<object>[] = decoded.map((e) => {
      const trace = continueTrace(e.traceparent);
      const event: ReceivedEvent<object> = { ...e, afterCommit: (task) => afterCommit.push({ task, trace }) };
      traces.set(event, trace);
      return event;
    });
    const fresh = await this.dataSource.transaction(async (tx) => {
      const inserted: { event_id: string }[] = await tx.query(
        `INSERT INTO ${qualifiedTable(tx, 'inbox')} (consumer, event_id, topic)
         SELECT $1, e.id, $3 FROM unnest($2::uuid[]) AS e(id)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.serviceName, events.map((e) => e.id), topic],
      );
      const unseen = new Set(inserted.map((r) => r.event_id.toLowerCase()));
      const fresh = events.filter((e) => unseen.delete(e.id.toLowerCase()));
      if (fresh.length === 0) return fresh;
      const run = (trace: TraceContext | undefined, argument: unknown) =>
        runInTrace(trace, async () => lastValueFrom(this.transformToObservable(await handler(argument, tx)), { defaultValue: undefined }));
      if (handler.extras?.[BATCH_HANDLER]) {
        await run(traces.get(fresh[0]), fresh);
      } else {
        for (const event of fresh) await run(traces.get(event), event);
      }
      return fresh;
    });
    this.metrics.consumed.inc({ topic, outcome: 'handled' }, fresh.length);
    if (events.length > fresh.length) this.metrics.consumed.inc({ topic, outcome: 'duplicate' }, events.length - fresh.length);
    for (const { task, trace } of afterCommit) {
      await runInTrace(trace, () =>
        task().catch((error) =>
          this.logger.warn({ msg: 'After-commit task failed; left to the service\'s recovery', topic, error: describeError(error) }),
        ),
      );
    }
  }

  private async decode(topic: EventTopic, message: KafkaMessage): Promise<Decoded> {
    const header = (name: string) => headerValue(message.headers, name);
    const id = header(CloudEventHeaders.id);
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return { rejection: 'missing or malformed ce_id header' };
    const text = message.value?.toString('utf8') ?? '';
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { rejection: 'value is not JSON' };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { rejection: 'value is not a JSON object' };
    // PostgreSQL cannot store NUL and no contract field holds one: refused here, at once and with its
    // reason, not by a handler's write after retries. (JSON carries NUL only escaped; the text `\u0000`
    // written out in a field is refused too, which no contract field needs.)
    if (text.includes('\\u0000')) return { rejection: 'value contains a NUL character' };
    // Unknown fields are dropped, not refused: producers may add fields to a version.
    const decoded = await decodeEventPayload(topic, raw as Record<string, unknown>);
    if ('problems' in decoded) return { rejection: `payload does not match ${topic}: ${decoded.problems.join('; ')}` };
    const { payload } = decoded;
    return {
      event: {
        id,
        type: header(CloudEventHeaders.type) ?? topic,
        source: header(CloudEventHeaders.source) ?? '',
        time: header(CloudEventHeaders.time) ?? '',
        key: message.key?.toString('utf8') ?? '',
        payload,
        ...(traceOf(message) ? { traceparent: header(TRACEPARENT_HEADER) } : {}),
      },
    };
  }

  private async deadLetter(
    topic: EventTopic,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    this.logger.error({ msg: 'Event dead-lettered', topic, partition, offset: message.offset, reason, attempts });
    const producer = await this.kafka.getProducer();
    await producer.send({
      topic: this.kafka.prefixed(deadLetterTopicOf(topic)),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            dlq_reason: reason.slice(0, 2000),
            dlq_consumer: this.options.serviceName,
            dlq_source_topic: topic,
            dlq_source_partition: String(partition),
            dlq_source_offset: message.offset,
            dlq_attempts: String(attempts),
          },
        },
      ],
    });
    this.metrics.consumed.inc({ topic, outcome: 'dead_lettered' });
  }
}

/** The trace in `message`'s `traceparent` header, if it has a valid one. */
function traceOf(message: KafkaMessage): TraceContext | undefined {
  return parseTraceparent(headerValue(message.headers, TRACEPARENT_HEADER));
}

function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** An error's type and message, for logs: handler errors here name fields and constraints, not values. */
function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
