/**
 * The dead-letter tool's Kafka side: reading `.dlq` topics up to their current end without committing
 * anything, and sending replays back to their source topics. What is read or sent is decided in
 * dead-letters.ts.
 */
import { randomUUID } from 'node:crypto';
import { Admin, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { Coordinates, DeadLetter, decodeHeaders, formatCoordinates, ReplayMessage } from './dead-letters';

/** Longest a read waits for messages the broker said are there. */
const READ_TIMEOUT_MS = 60_000;

/** kafkajs itself logs nothing: every failure reaches the caller, which prints it once. */
export function kafkaClient(brokers: string): Kafka {
  return new Kafka({ clientId: 'rosterlink-dlq-tool', brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean), logLevel: logLevel.NOTHING });
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Which of `topics` (unprefixed) the broker holds. */
export async function existingTopics(kafka: Kafka, prefix: string, topics: readonly string[]): Promise<string[]> {
  const present = new Set(await withAdmin(kafka, (admin) => admin.listTopics()));
  return topics.filter((t) => present.has(prefix + t));
}

function deadLetterOf(topic: string, partition: number, message: KafkaMessage): DeadLetter {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    key: message.key,
    value: message.value,
    headers: decodeHeaders(message.headers),
  };
}

/**
 * Reads messages of the given topics (unprefixed) from `start` (each partition's first offset when not
 * given) up to the end offsets they have now, then stops. The consumer group is a fresh random one that
 * commits nothing and is deleted afterwards: no service's group, nor any later read, is affected.
 * `keep` decides, per message, whether it is collected; `done` may end the read early.
 */
async function readUntilEnd(
  kafka: Kafka,
  prefix: string,
  topics: readonly string[],
  keep: (letter: DeadLetter) => boolean,
  start?: Coordinates,
): Promise<DeadLetter[]> {
  const ends = await withAdmin(kafka, async (admin) => {
    const remaining = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, low, high } of await admin.fetchTopicOffsets(prefix + topic)) {
        if (start && (start.topic !== topic || start.partition !== partition)) continue;
        const from = start ? BigInt(start.offset) : BigInt(low);
        if (BigInt(high) > from && BigInt(high) > BigInt(low)) remaining.set(`${topic}|${partition}`, BigInt(high));
      }
    }
    return remaining;
  });
  const collected: DeadLetter[] = [];
  if (ends.size === 0) return collected;

  const groupId = `${prefix}dlq-tool-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: topics.map((t) => prefix + t), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gave up after ${READ_TIMEOUT_MS / 1000} s with ${[...ends.keys()].map((k) => k.replace('|', ':')).join(', ')} not read to the end`)),
        READ_TIMEOUT_MS,
      );
      const finish = () => {
        if (ends.size > 0) return;
        clearTimeout(timer);
        resolve();
      };
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic: prefixed, partition, message }) => {
            const topic = prefixed.slice(prefix.length);
            const slot = `${topic}|${partition}`;
            const end = ends.get(slot);
            const offset = BigInt(message.offset);
            if (end === undefined || offset >= end) return;
            if (start && offset < BigInt(start.offset)) return;
            const letter = deadLetterOf(topic, partition, message);
            if (keep(letter)) collected.push(letter);
            if (offset + 1n >= end) ends.delete(slot);
            finish();
          },
        })
        .then(() => {
          if (start) consumer.seek({ topic: prefix + start.topic, partition: start.partition, offset: start.offset });
        })
        .catch((error) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  } finally {
    await consumer.disconnect();
    // Nothing was committed, so the group holds nothing; deleted so that it does not linger in listings.
    await withAdmin(kafka, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
  return collected.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
}

/** Every dead letter now on the given dead-letter topics (unprefixed) that `keep` selects, in topic, partition, offset order. */
export function readDeadLetters(kafka: Kafka, prefix: string, topics: readonly string[], keep: (letter: DeadLetter) => boolean = () => true): Promise<DeadLetter[]> {
  return readUntilEnd(kafka, prefix, topics, keep);
}

/** One dead letter, or undefined when the partition does not hold that offset (any more). */
export async function readDeadLetter(kafka: Kafka, prefix: string, at: Coordinates): Promise<DeadLetter | undefined> {
  if ((await existingTopics(kafka, prefix, [at.topic])).length === 0) throw new Error(`${prefix}${at.topic} is not on the broker`);
  const offsets = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(prefix + at.topic));
  const partition = offsets.find((o) => o.partition === at.partition);
  if (!partition || BigInt(at.offset) < BigInt(partition.low) || BigInt(at.offset) >= BigInt(partition.high)) return undefined;
  const [letter] = await readUntilEnd(kafka, prefix, [at.topic], (l) => l.partition === at.partition && l.offset === at.offset, {
    ...at,
  });
  if (!letter) throw new Error(`${formatCoordinates(at)} was not found where the broker said it is`);
  return letter;
}

export interface SentReplay {
  partition: number;
  offset: string;
}

/** Sends replays, one at a time (each is recorded as it is acknowledged), by an idempotent producer waiting for every in-sync replica. */
export async function sendReplays(
  kafka: Kafka,
  prefix: string,
  messages: readonly ReplayMessage[],
  onSent: (index: number, sent: SentReplay) => Promise<void>,
): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const [index, message] of messages.entries()) {
      const [meta] = await producer.send({
        topic: prefix + message.topic,
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers: message.headers, ...(message.partition !== undefined ? { partition: message.partition } : {}) }],
      });
      await onSent(index, { partition: meta.partition, offset: meta.baseOffset ?? meta.offset ?? '' });
    }
  } finally {
    await producer.disconnect();
  }
}

/** The end offset of every partition of the given topics (unprefixed), summed: what a dry run must leave unchanged. */
export async function endOffsetTotal(kafka: Kafka, prefix: string, topics: readonly string[]): Promise<bigint> {
  return withAdmin(kafka, async (admin) => {
    let total = 0n;
    for (const topic of topics) for (const { high } of await admin.fetchTopicOffsets(prefix + topic)) total += BigInt(high);
    return total;
  });
}
