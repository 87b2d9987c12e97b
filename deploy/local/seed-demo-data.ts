/**
 * Publishes the demo provider master (groups and individual providers) to `provider-master.upserted.v1`,
 * as the upstream MMIS feed would, and prints one summary line.
 *   npx tsx deploy/local/seed-demo-data.ts
 * Environment: KAFKA_BROKERS (default 127.0.0.1:19092), KAFKA_TOPIC_PREFIX (default ''),
 * DEMO_PROVIDER_COUNT (default 3000). The records are deterministic and carry a fixed `updatedAt`,
 * so running it again changes nothing for consumers (they ignore older-or-equal updates).
 */
import { createHash } from 'node:crypto';
import { Kafka, logLevel, Message, Partitioners } from 'kafkajs';
import { cloudEventHeaders, ProviderMasterUpsertedV1, Topics } from '@rosterlink/contracts';
import {
  countByProviderType,
  DEMO_PROVIDER_COUNT,
  DEMO_SEED,
  demoGroups,
  demoIndividuals,
} from '@rosterlink/testing';

const BATCH_SIZE = 500;
const SOURCE = '/rosterlink/demo-seed';
/** UUID namespace of the demo seed's event ids (a fixed random UUID). */
const EVENT_ID_NAMESPACE = '3d2f6c1e-8a47-4b8e-9c51-2f0e7d6a9b13';

class SeedError extends Error {}

/** RFC 4122 version-5 UUID: the same record always gets the same event id, so a re-seed is a duplicate, not news. */
export function uuidV5(name: string, namespace = EVENT_ID_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function providerCount(): number {
  const raw = process.env['DEMO_PROVIDER_COUNT'];
  if (raw === undefined || raw === '') return DEMO_PROVIDER_COUNT;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new SeedError(`DEMO_PROVIDER_COUNT must be an integer from 0 to 1000000, not '${raw}'`);
  }
  return count;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const brokers = (process.env['KAFKA_BROKERS'] || '127.0.0.1:19092').split(',');
  const prefix = process.env['KAFKA_TOPIC_PREFIX'] ?? '';
  const topic = `${prefix}${Topics.ProviderMasterUpserted}`;
  const groups = demoGroups();
  const individuals = demoIndividuals(providerCount(), DEMO_SEED);
  const records: ProviderMasterUpsertedV1[] = [...groups, ...individuals];

  const kafka = new Kafka({
    clientId: 'rosterlink-demo-seed',
    brokers,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 300, retries: 3 },
    logLevel: logLevel.NOTHING,
  });

  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) {
      throw new SeedError(
        `topic '${topic}' does not exist on ${brokers.join(',')}: create it first (npx tsx deploy/local/provision-topics.ts)`,
      );
    }
  } catch (error) {
    if (error instanceof SeedError) throw error;
    throw new SeedError(`cannot reach Kafka at ${brokers.join(',')} (${(error as Error).message}); is the broker running? (deploy/local/stack.sh up)`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }

  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    maxInFlightRequests: 1,
    // The default (Java-compatible murmur2) partitioner, as the services use: a PID always lands on one partition.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const time = new Date().toISOString();
    for (let i = 0; i < records.length; i += BATCH_SIZE) {
      const messages: Message[] = records.slice(i, i + BATCH_SIZE).map((record) => ({
        key: record.pid,
        value: JSON.stringify(record),
        headers: cloudEventHeaders({
          id: uuidV5(`${Topics.ProviderMasterUpserted}/${record.pid}/${record.updatedAt}`),
          type: Topics.ProviderMasterUpserted,
          source: SOURCE,
          time,
        }),
      }));
      await producer.send({ topic, acks: -1, messages });
    }
  } catch (error) {
    throw new SeedError(`publishing to '${topic}' on ${brokers.join(',')} failed: ${(error as Error).message}`);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }

  const byType = countByProviderType(individuals);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `[seed] published ${groups.length} groups and ${individuals.length} individuals ` +
      `(LTSS ${byType.LTSS}, DENTAL ${byType.DENTAL}, ORP ${byType.ORP}) to ${topic} on ${brokers.join(',')} in ${seconds.toFixed(1)}s`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[seed] failed: ${error instanceof SeedError ? error.message : (error as Error)?.stack ?? error}`);
    process.exit(1);
  });
}
