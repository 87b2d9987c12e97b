import { rm } from 'node:fs/promises';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { testStack } from '../stack';

/** Drops what the run created: its database, topics, Redis keys and files (unless ROSTERLINK_TEST_KEEP=1). */
export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as Record<string, unknown>)['__ROSTERLINK_CONTAINERS__'] as
    | { stop(): Promise<unknown> }[]
    | undefined;
  if (containers) {
    await Promise.all(containers.map((c) => c.stop()));
    return;
  }
  if (process.env['ROSTERLINK_TEST_KEEP'] === '1') return;
  const stack = testStack();

  const database = new URL(stack.databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: stack.databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();

  const kafkaAdmin = new Kafka({ clientId: 'test-teardown', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await kafkaAdmin.connect();
  const topics = (await kafkaAdmin.listTopics()).filter((t) => t.startsWith(stack.topicPrefix));
  if (topics.length > 0) await kafkaAdmin.deleteTopics({ topics });
  const groups = (await kafkaAdmin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(stack.topicPrefix));
  if (groups.length > 0) await kafkaAdmin.deleteGroups(groups).catch(() => undefined);
  await kafkaAdmin.disconnect();

  const redis = new Redis(stack.redisUrl);
  const keys = await redis.keys(`${stack.redisKeyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();

  await rm(stack.fileStoreDir, { recursive: true, force: true });
}
