import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';

/**
 * The service's one kafkajs client. Connections are made lazily and re-made after a
 * failure, so a broker that is down at start-up or restarts later only delays work.
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;

  constructor(@Inject(MESSAGING_OPTIONS) readonly options: MessagingOptions) {
    this.kafka = new Kafka({
      clientId: options.serviceName,
      brokers: options.brokers,
      connectionTimeout: 3000,
      retry: { initialRetryTime: 300, retries: 5 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(options.serviceName),
    });
  }

  /** A topic or consumer-group name as the broker knows it: behind this deployment's prefix. */
  prefixed(contractTopic: string): string {
    return this.options.topicPrefix + contractTopic;
  }

  async getProducer(): Promise<Producer> {
    this.producer ??= this.connect(() =>
      // Idempotent (acks=all, broker-side dedup of retried sends), and one in-flight request keeps
      // a key's events in order across retries.
      this.kafka.producer({
        allowAutoTopicCreation: false,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
    return this.producer.catch((error) => {
      this.producer = undefined;
      throw error;
    });
  }

  /** Drops the producer after a failed send, so the next attempt starts from a fresh connection. */
  async discardProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  async getAdmin(): Promise<Admin> {
    this.admin ??= this.connect(() => this.kafka.admin());
    return this.admin.catch((error) => {
      this.admin = undefined;
      throw error;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const clients = await Promise.allSettled([this.producer, this.admin].filter(Boolean));
    await Promise.allSettled(
      clients.map((c) => (c.status === 'fulfilled' && c.value ? c.value.disconnect() : undefined)),
    );
  }

  private async connect<T extends Producer | Admin>(create: () => T): Promise<T> {
    const client = create();
    await client.connect();
    return client;
  }
}

const kafkaLevelToNest: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

const REPEAT_SILENCE_MS = 60_000;

/**
 * Routes kafkajs's own log lines to the service logger (JSON, one line each). During an outage
 * kafkajs repeats the same connection error many times a second: each distinct line is logged
 * at most once a minute.
 */
function kafkaLogCreator(serviceName: string) {
  const logger = new Logger(`kafkajs:${serviceName}`);
  const lastLogged = new Map<string, number>();
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, error, broker, groupId } = log as Record<string, unknown>;
      const line = `${level}:${message}`;
      const now = Date.now();
      if (now - (lastLogged.get(line) ?? 0) < REPEAT_SILENCE_MS) return;
      lastLogged.set(line, now);
      logger[kafkaLevelToNest[level] ?? 'log']({ msg: message, error, broker, groupId });
    };
}
