import { Admin, ConfigResourceTypes } from 'kafkajs';
import type { TopicSpec } from '@rosterlink/contracts';

export interface TopicChange {
  topic: string;
  change: 'created' | 'partitions increased' | 'config updated' | 'unchanged';
  detail?: string;
}

/**
 * Makes the broker hold every topic of `specs` (behind `prefix`), as declared. Idempotent:
 * creates what is missing, adds partitions that are missing (it never removes any), and
 * resets drifted retention or cleanup settings. Returns what it did, topic by topic.
 */
export async function provisionTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  prefix = '',
  replicationFactor = 1,
): Promise<TopicChange[]> {
  const existing = new Set(await admin.listTopics());
  const wanted = specs.map((spec) => ({ ...spec, name: prefix + spec.name }));
  const missing = wanted.filter((t) => !existing.has(t.name));
  const changes: TopicChange[] = [];

  if (missing.length > 0) {
    await createTopicsAndWait(
      admin,
      missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor, configEntries: configEntriesOf(t) })),
    );
    changes.push(...missing.map((t) => ({ topic: t.name, change: 'created' as const, detail: describe(t) })));
  }

  const present = wanted.filter((t) => existing.has(t.name));
  if (present.length === 0) return changes;
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
  const partitionsOf = new Map(metadata.map((m) => [m.name, m.partitions.length]));
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((t) => ({
      type: ConfigResourceTypes.TOPIC,
      name: t.name,
      configNames: ['cleanup.policy', 'retention.ms'],
    })),
  });
  const configOf = new Map(
    resources.map((r) => [r.resourceName, new Map(r.configEntries.map((e) => [e.configName, e.configValue]))]),
  );

  for (const topic of present) {
    const partitions = partitionsOf.get(topic.name) ?? 0;
    if (partitions < topic.partitions) {
      await admin.createPartitions({ topicPartitions: [{ topic: topic.name, count: topic.partitions }] });
      changes.push({ topic: topic.name, change: 'partitions increased', detail: `${partitions} → ${topic.partitions}` });
    }
    const actual = configOf.get(topic.name);
    const drifted = configEntriesOf(topic).filter((e) => actual?.get(e.name) !== e.value);
    if (drifted.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries: configEntriesOf(topic) }],
      });
      changes.push({
        topic: topic.name,
        change: 'config updated',
        detail: drifted.map((e) => `${e.name}: ${actual?.get(e.name)} → ${e.value}`).join(', '),
      });
    } else if (partitions >= topic.partitions) {
      changes.push({ topic: topic.name, change: 'unchanged' });
    }
  }
  return changes;
}

type NewTopic = Parameters<Admin['createTopics']>[0]['topics'][number];

/** What a broker may answer about a topic created a moment ago, until every broker's metadata holds it. */
const NOT_READY_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Creates topics and resolves once each of their partitions has a leader. kafkajs's own
 * `waitForLeaders` gives up when the metadata answers "unknown topic" for a topic the controller
 * has just created (KRaft brokers learn of it a moment later), so a producer could be handed a
 * topic that is not there yet; this asks again until it is, for at most `timeoutMs`.
 */
export async function createTopicsAndWait(admin: Admin, topics: NewTopic[], timeoutMs = 30_000): Promise<void> {
  await admin.createTopics({ waitForLeaders: false, topics });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
      const ready = names.every((name) => {
        const partitions = metadata.find((m) => m.name === name)?.partitions ?? [];
        return partitions.length > 0 && partitions.every((p) => p.leader >= 0);
      });
      if (ready) return;
    } catch (error) {
      if (!NOT_READY_YET.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms: ${names.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function configEntriesOf(spec: TopicSpec): { name: string; value: string }[] {
  return [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
    { name: 'retention.ms', value: String(spec.retentionMs) },
  ];
}

function describe(spec: TopicSpec): string {
  return `${spec.partitions} partitions, cleanup.policy=${spec.cleanupPolicy}, retention.ms=${spec.retentionMs}`;
}
