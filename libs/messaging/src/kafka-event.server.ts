import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Consumer, EachMessagePayload, IHeaders, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { CloudEventHeaders, deadLetterTopicOf, EVENT_DEFINITIONS, EventTopic } from '@rosterlink/contracts';
import { consumerLagByTopic } from './consumer-lag';
import { KafkaConnection } from './kafka-connection';
import { MessagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { ReceivedEvent } from './received-event';
import { qualifiedTable } from './schema-of';
import { isTransientError } from './transient-error';

type Decoded = { event: Omit<ReceivedEvent<object>, 'afterCommit'> } | { rejection: string };

/**
 * The Nest transport that feeds `@OnEvent` handlers from Kafka. Per message: validate the
 * payload against its contract class, then, in one database transaction, record the event id
 * in the inbox (a replay is skipped) and run the handler. A bad payload, or a handler that
 * keeps failing on the message itself, goes to `<topic>.dlq` so its partition moves on; an
 * outage (database, broker) is retried until it ends, so nothing accepted is dropped.
 */
@Injectable()
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventServer.name);
  private consumer?: Consumer;
  private closed = false;
  private running?: Promise<void>;

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
      this.running = this.consumeUntilClosed(topics);
      this.metrics.observeConsumerLag(() => this.consumerLag(topics));
    }
    callback();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.running;
  }

  on(): never {
    throw new Error('KafkaEventServer has no event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Lag by contract topic, for the `rosterlink_kafka_consumer_lag` gauge. */
  private async consumerLag(topics: EventTopic[]): Promise<Map<string, number>> {
    const admin = await this.kafka.getAdmin();
    const lag = await consumerLagByTopic(admin, this.kafka.prefixed(this.options.serviceName), topics.map((t) => this.kafka.prefixed(t)));
    return new Map([...lag].map(([topic, value]) => [topic.slice(this.options.topicPrefix.length), value]));
  }

  private async consumeUntilClosed(topics: EventTopic[]): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.startConsumer(topics);
        return;
      } catch (error) {
        if (attempt === 1) this.logger.warn({ msg: 'Kafka consumer cannot start; retrying', error: String(error) });
        await this.consumer?.disconnect().catch(() => undefined);
        // Short, capped waits: consumption resumes within seconds of the broker's return.
        await sleep(Math.min(5_000, 500 * attempt));
      }
    }
  }

  private async startConsumer(topics: EventTopic[]): Promise<void> {
    const consumer = this.kafka.kafka.consumer({
      groupId: this.kafka.prefixed(this.options.serviceName),
      allowAutoTopicCreation: false,
      // Handlers are short (long work goes to BullMQ), so a dead member can be dropped after 10 s:
      // a replacement consumer rejoins quickly instead of waiting out the default 30 s.
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 2_000,
      // A crashed consumer is replaced by a fresh one below rather than restarted in place.
      retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 3, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.closed || this.consumer !== consumer) return;
      this.logger.error({ msg: 'Kafka consumer crashed; starting a new one', error: String(payload.error) });
      this.running = consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => sleep(1000))
        .then(() => this.consumeUntilClosed(topics));
    });
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => this.kafka.prefixed(t)), fromBeginning: true });
    await consumer.run({ autoCommit: true, eachMessage: (payload) => this.onMessage(payload) });
    this.logger.log(`Consuming ${topics.join(', ')}`);
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const contractTopic = topic.slice(this.options.topicPrefix.length) as EventTopic;
    const decoded = await this.decode(contractTopic, message);
    if ('rejection' in decoded) {
      return this.deadLetter(contractTopic, partition, message, decoded.rejection, 0);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.handleOnce(contractTopic, decoded.event);
        this.metrics.consumed.inc({ topic: contractTopic, outcome });
        return;
      } catch (error) {
        // Thrown back to kafkajs: the offset stays uncommitted and the message comes again.
        if (isTransientError(error) || this.closed) throw error;
        if (attempt >= this.options.maxHandlerAttempts) {
          return this.deadLetter(contractTopic, partition, message, describeError(error), attempt);
        }
        this.logger.warn({ msg: 'Event handler failed; retrying', topic, eventId: decoded.event.id, attempt, error: describeError(error) });
        await sleep(200 * 2 ** attempt);
        await heartbeat();
      }
    }
  }

  private async handleOnce(topic: EventTopic, decoded: Omit<ReceivedEvent<object>, 'afterCommit'>): Promise<'handled' | 'duplicate'> {
    const handler = this.messageHandlers.get(topic)!;
    const afterCommit: (() => Promise<unknown>)[] = [];
    const event: ReceivedEvent<object> = { ...decoded, afterCommit: (task) => afterCommit.push(task) };
    const outcome = await this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO ${qualifiedTable(tx, 'inbox')} (consumer, event_id, topic) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.serviceName, event.id, topic],
      );
      if (inserted.length === 0) return 'duplicate';
      await lastValueFrom(this.transformToObservable(await handler(event, tx)), { defaultValue: undefined });
      return 'handled';
    });
    for (const task of afterCommit) {
      await task().catch((error) =>
        this.logger.warn({ msg: 'After-commit task failed; left to the service\'s recovery', topic, eventId: event.id, error: describeError(error) }),
      );
    }
    return outcome;
  }

  private async decode(topic: EventTopic, message: KafkaMessage): Promise<Decoded> {
    const header = (name: string) => headerValue(message.headers, name);
    const id = header(CloudEventHeaders.id);
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return { rejection: 'missing or malformed ce_id header' };
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      return { rejection: 'value is not JSON' };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { rejection: 'value is not a JSON object' };
    const payloadClass = EVENT_DEFINITIONS[topic].payloadClass(raw as Record<string, unknown>);
    const payload = plainToInstance(payloadClass as new () => object, raw);
    // Unknown fields are dropped, not refused: producers may add fields to a version.
    const errors = await validate(payload, { whitelist: true });
    if (errors.length > 0) {
      const problems = errors.flatMap((e) => Object.values(e.constraints ?? { [e.property]: 'is invalid' }));
      return { rejection: `payload does not match ${topic}: ${problems.join('; ')}` };
    }
    return {
      event: {
        id,
        type: header(CloudEventHeaders.type) ?? topic,
        source: header(CloudEventHeaders.source) ?? '',
        time: header(CloudEventHeaders.time) ?? '',
        key: message.key?.toString('utf8') ?? '',
        payload,
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

function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** An error's type and message, for logs: handler errors here name fields and constraints, not values. */
function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
