import { Kafka, logLevel } from 'kafkajs';
import { consumerLagByTopic } from '@rosterlink/messaging';
import { eventually } from './eventually';
import { testStack } from './stack';

/**
 * Resolves once each service's main consumer group has consumed every message now on the topics it
 * reads: what a spec waits for before it measures something a backlog left by an earlier spec (the
 * 100,000-row roster's affiliations) would disturb — a watch on database writes, a few-seconds promise.
 */
export async function backlogsConsumed(serviceNames: readonly string[], timeoutMs = 300_000): Promise<void> {
  const stack = testStack();
  const admin = new Kafka({ clientId: 'test-backlogs', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(stack.topicPrefix) && !t.endsWith('.dlq'));
    await eventually(async () => {
      for (const service of serviceNames) {
        const lag = await consumerLagByTopic(admin, stack.topicPrefix + service, topics);
        const behind = [...lag].filter(([, n]) => n > 0);
        // A group commits only on the topics it reads: the others have no committed offsets and count as unread.
        const committed = (await admin.fetchOffsets({ groupId: stack.topicPrefix + service, topics })).filter((t) =>
          t.partitions.some((p) => Number(p.offset) >= 0),
        );
        const reading = new Set(committed.map((t) => t.topic));
        const pending = behind.filter(([topic]) => reading.has(topic));
        if (pending.length > 0) throw new Error(`${service} is behind on ${pending.map(([t, n]) => `${t} (${n})`).join(', ')}`);
      }
    }, { timeoutMs, intervalMs: 500 });
  } finally {
    await admin.disconnect();
  }
}
