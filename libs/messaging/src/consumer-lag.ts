import { Admin } from 'kafkajs';

export interface PartitionOffsets {
  partition: number;
  /** The log-end offset: where the next message will be written. */
  high: string;
  /** The earliest offset still held. */
  low: string;
}

export interface CommittedOffset {
  partition: number;
  /** `-1` while the group has committed nothing on this partition. */
  offset: string;
}

const TIMEOUT_MS = 2000;

/**
 * Messages on a topic not yet consumed by the group, summed over partitions. A partition the
 * group has never committed on counts from its earliest offset, as a from-beginning consumer reads it.
 */
export function topicLag(partitions: readonly PartitionOffsets[], committed: readonly CommittedOffset[]): number {
  const committedBy = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return partitions.reduce((sum, p) => {
    const at = committedBy.get(p.partition) ?? -1;
    const from = at < 0 ? Number(p.low) : at;
    return sum + Math.max(0, Number(p.high) - from);
  }, 0);
}

/** Lag by broker topic name for one consumer group, read with the admin client; fails after two seconds. */
export async function consumerLagByTopic(admin: Admin, groupId: string, topics: readonly string[]): Promise<Map<string, number>> {
  const read = async (): Promise<Map<string, number>> => {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    // The topics' log-end offsets are asked for together, not one after another.
    const ends = await Promise.all(committed.map(({ topic }) => admin.fetchTopicOffsets(topic)));
    return new Map(committed.map(({ topic, partitions }, i) => [topic, topicLag(ends[i], partitions)]));
  };
  return Promise.race([
    read(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('consumer lag: broker did not answer')), TIMEOUT_MS).unref()),
  ]);
}
