import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { cloudEventHeaders } from '@rosterlink/contracts';
import { testStack } from './stack';

export interface ProbedMessage {
  key: string;
  headers: Record<string, string>;
  value: Record<string, unknown>;
  partition: number;
}

/** Reads and writes the test run's topics the way another service (or an SRE's tool) would. */
export class KafkaProbe {
  private readonly kafka: Kafka;
  private readonly prefix: string;
  private producer?: Producer;

  constructor() {
    const stack = testStack();
    this.prefix = stack.topicPrefix;
    this.kafka = new Kafka({ clientId: 'test-probe', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  }

  /** Every message now on a contract topic, read from the beginning. */
  async messages(topic: string): Promise<ProbedMessage[]> {
    const name = this.prefix + topic;
    const admin = this.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(name).finally(() => admin.disconnect());
    const remaining = new Map(offsets.filter((o) => o.high !== o.low).map((o) => [o.partition, BigInt(o.high)]));
    const collected: ProbedMessage[] = [];
    if (remaining.size === 0) return collected;

    const consumer = this.kafka.consumer({ groupId: `${this.prefix}probe-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: name, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              const high = remaining.get(partition);
              if (high === undefined || BigInt(message.offset) >= high) return;
              collected.push({
                partition,
                key: message.key?.toString() ?? '',
                headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
                value: JSON.parse(message.value?.toString() ?? 'null'),
              });
              if (BigInt(message.offset) + 1n >= high) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return collected;
  }

  /** Publishes a message as a producing service would: CloudEvents headers, the given key. */
  async publish(topic: string, key: string, value: unknown, eventId: string = randomUUID()): Promise<string> {
    await this.sendRaw(topic, key, JSON.stringify(value), cloudEventHeaders({
      id: eventId,
      type: topic,
      source: '/rosterlink/test-probe',
      time: new Date().toISOString(),
    }));
    return eventId;
  }

  /** Publishes many events of one key, in order, 1,000 to a request (a broker refuses a record batch over 1 MB): a backlog in seconds. */
  async publishMany(topic: string, key: string, values: readonly unknown[]): Promise<void> {
    this.producer ??= this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    for (let start = 0; start < values.length; start += 1_000) {
      const time = new Date().toISOString();
      const messages = values.slice(start, start + 1_000).map((value) => ({
        key,
        value: JSON.stringify(value),
        headers: cloudEventHeaders({ id: randomUUID(), type: topic, source: '/rosterlink/test-probe', time }),
      }));
      await this.producer.send({ topic: this.prefix + topic, acks: -1, messages });
    }
  }

  /** Sends bytes exactly as given, for malformed-message tests. */
  async sendRaw(topic: string, key: string, value: string, headers: Record<string, string>): Promise<void> {
    this.producer ??= this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    await this.producer.send({ topic: this.prefix + topic, acks: -1, messages: [{ key, value, headers }] });
  }

  /** The consumer groups of this test run, without the run's prefix. */
  async consumerGroups(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const { groups } = await admin.listGroups().finally(() => admin.disconnect());
    return groups.filter((g) => g.groupId.startsWith(this.prefix)).map((g) => g.groupId.slice(this.prefix.length));
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}
