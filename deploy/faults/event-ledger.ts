import { Kafka } from 'kafkajs';
import { CloudEventHeaders, EventTopic, Topics } from '@rosterlink/contracts';

/** What identifies the business fact an event announces, per topic: two distinct event ids for one fact are a duplicate. */
const SUBJECT_OF: Partial<Record<EventTopic, (value: Record<string, unknown>) => string>> = {
  [Topics.RosterUploaded]: (v) => String(v['uploadId']),
  [Topics.RosterImportCaseCreated]: (v) => String(v['uploadId']),
  [Topics.RosterImportCompleted]: (v) => String(v['caseNumber']),
  [Topics.PractitionerAffiliated]: (v) => `${v['caseNumber']}/${v['npi']}`,
  [Topics.LinkRequestSubmitted]: (v) => String(v['requestId']),
  [Topics.LinkRequestProcessed]: (v) => String(v['requestId']),
  [Topics.LinkRequestSlaWarning]: (v) => String(v['requestId']),
  [Topics.LinkRequestSlaBreached]: (v) => String(v['requestId']),
  [Topics.LetterSent]: (v) => String(v['requestId']),
};

export const LEDGER_TOPICS = Object.keys(SUBJECT_OF) as EventTopic[];

/** Where an event first appeared on its topic. */
export interface Position {
  partition: number;
  offset: bigint;
  key: string;
  /** The fact it announces (SUBJECT_OF). */
  subject: string;
}

interface Fact {
  /** Distinct event ids seen for this fact. */
  eventIds: Set<string>;
  /** Messages seen (a redelivery of the same id counts here, not in eventIds). */
  messages: number;
}

/**
 * Every message of the contract topics, read the way an independent consumer would, kept as
 * "fact → event ids". Reads incrementally (its own consumer group, offsets committed after each
 * read) and files each message by topic/partition/offset, so its own re-reads never look like
 * duplicates.
 */
export class EventLedger {
  private readonly facts = new Map<EventTopic, Map<string, Fact>>(LEDGER_TOPICS.map((t) => [t, new Map()]));
  private readonly positions = new Map<EventTopic, Map<string, Position>>(LEDGER_TOPICS.map((t) => [t, new Map()]));
  private readonly seen = new Set<string>();
  private readonly groupId: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {
    this.groupId = `${prefix}fault-ledger`;
  }

  /** Reads everything published so far (up to the log-end offsets taken at the start of the call). */
  async catchUp(timeoutMs = 120_000): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const remaining = new Map<string, bigint>();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: LEDGER_TOPICS.map((t) => this.prefix + t) });
      const committedAt = new Map<string, bigint>(
        committed.flatMap((t) => t.partitions.filter((p) => p.offset !== '-1').map((p) => [`${t.topic}/${p.partition}`, BigInt(p.offset)] as const)),
      );
      for (const topic of LEDGER_TOPICS) {
        for (const o of await admin.fetchTopicOffsets(this.prefix + topic)) {
          const key = `${this.prefix}${topic}/${o.partition}`;
          const from = committedAt.get(key) ?? BigInt(o.low);
          if (BigInt(o.high) > from) remaining.set(key, BigInt(o.high));
        }
      }
    } finally {
      await admin.disconnect();
    }
    if (remaining.size === 0) return;

    const consumer = this.kafka.consumer({ groupId: this.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: LEDGER_TOPICS.map((t) => this.prefix + t), fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`event ledger: still ${remaining.size} partitions to read after ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: true,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch }) => {
              const key = `${batch.topic}/${batch.partition}`;
              for (const message of batch.messages) this.file(batch.topic, batch.partition, message);
              const high = remaining.get(key);
              const last = batch.messages.at(-1);
              if (high !== undefined && last && BigInt(last.offset) + 1n >= high) remaining.delete(key);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  private file(
    fullTopic: string,
    partition: number,
    message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: Record<string, unknown> },
  ): void {
    const position = `${fullTopic}/${partition}/${message.offset}`;
    if (this.seen.has(position)) return;
    this.seen.add(position);
    const topic = fullTopic.slice(this.prefix.length) as EventTopic;
    const subjectOf = SUBJECT_OF[topic];
    if (!subjectOf) return;
    const value = JSON.parse(message.value?.toString('utf8') ?? '{}') as Record<string, unknown>;
    const id = String(message.headers?.[CloudEventHeaders.id] ?? '');
    const subject = subjectOf(value);
    const facts = this.facts.get(topic) ?? new Map<string, Fact>();
    this.facts.set(topic, facts);
    const fact = facts.get(subject) ?? { eventIds: new Set<string>(), messages: 0 };
    fact.eventIds.add(id);
    fact.messages++;
    facts.set(subject, fact);
    const positions = this.positions.get(topic) ?? new Map<string, Position>();
    this.positions.set(topic, positions);
    if (!positions.has(id.toLowerCase())) positions.set(id.toLowerCase(), { partition, offset: BigInt(message.offset), key: message.key?.toString('utf8') ?? '', subject });
  }

  /** Where each event id of `topic` first appeared (partition, offset, key): the order its consumers must keep per key. */
  positionsOf(topic: EventTopic): ReadonlyMap<string, Position> {
    return this.positions.get(topic) ?? new Map();
  }

  /** Distinct event ids announcing `subject` on `topic` (0 when none). */
  count(topic: EventTopic, subject: string): number {
    return this.facts.get(topic)?.get(subject)?.eventIds.size ?? 0;
  }

  subjects(topic: EventTopic): string[] {
    return [...(this.facts.get(topic)?.keys() ?? [])];
  }

  /** Subjects of `topic` announced under more than one event id. */
  duplicates(topic: EventTopic): string[] {
    return [...(this.facts.get(topic) ?? new Map<string, Fact>())].filter(([, f]) => f.eventIds.size > 1).map(([s]) => s);
  }

  /** Messages that repeat an event id already seen (at-least-once redelivery, harmless to idempotent consumers). */
  redeliveries(): number {
    let total = 0;
    for (const facts of this.facts.values()) for (const f of facts.values()) total += f.messages - f.eventIds.size;
    return total;
  }
}
