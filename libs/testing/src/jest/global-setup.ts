import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { TOPIC_SPECS } from '@rosterlink/contracts';
import { provisionTopics } from '@rosterlink/messaging';
import { publishTestStack, TestStack } from '../stack';
import { WORKSPACE_ROOT } from '../workspace-root';

/**
 * Prepares the real servers for one test run. `ROSTERLINK_TEST_STACK` chooses them:
 * `testcontainers` (PostgreSQL, Kafka and Redis containers), `local` (the local stack:
 * PostgreSQL and Redis on loopback, the `test` Kafka broker of deploy/local/stack.sh), or
 * `auto` (the default): containers when a Docker engine answers, the local stack otherwise.
 * Either way the run gets its own database, topic prefix and Redis key prefix.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const mode = await chooseMode();
  const servers = mode === 'testcontainers' ? await startContainers() : startLocalServers();

  const database = `rosterlink_test_${runId}`;
  const admin = new Client({ connectionString: servers.postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const stack: TestStack = {
    mode,
    databaseUrl: servers.postgresAdminUrl.replace(/\/[^/]*$/, `/${database}`),
    kafkaBrokers: servers.kafkaBrokers,
    topicPrefix: `test-${runId}.`,
    redisUrl: servers.redisUrl,
    redisKeyPrefix: `rosterlink-test-${runId}`,
    fileStoreDir: mkdtempSync(join(tmpdir(), 'rosterlink-files-')),
    kafkaControl: servers.kafkaControl,
  };
  const kafkaAdmin = new Kafka({ clientId: 'test-setup', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.WARN }).admin();
  await kafkaAdmin.connect();
  await provisionTopics(kafkaAdmin, TOPIC_SPECS, stack.topicPrefix);
  await kafkaAdmin.disconnect();

  publishTestStack(stack);
  console.log(`\n[test stack] ${mode}: database ${database}, topic prefix ${stack.topicPrefix}, Kafka ${stack.kafkaBrokers}`);
}

interface Servers {
  postgresAdminUrl: string;
  kafkaBrokers: string;
  redisUrl: string;
  kafkaControl: string;
}

async function chooseMode(): Promise<TestStack['mode']> {
  const wanted = process.env['ROSTERLINK_TEST_STACK'] ?? 'auto';
  if (wanted === 'local' || wanted === 'testcontainers') return wanted;
  if (wanted !== 'auto') throw new Error(`ROSTERLINK_TEST_STACK must be auto, local or testcontainers, not "${wanted}"`);
  return (await dockerEngineAnswers()) ? 'testcontainers' : 'local';
}

function dockerEngineAnswers(): Promise<boolean> {
  const host = process.env['DOCKER_HOST'];
  const options = host?.startsWith('tcp://')
    ? { host: new URL(host.replace('tcp://', 'http://')).hostname, port: Number(new URL(host.replace('tcp://', 'http://')).port) }
    : { socketPath: host?.replace('unix://', '') ?? '/var/run/docker.sock' };
  return new Promise((resolve) => {
    const req = request({ ...options, path: '/_ping', timeout: 1000 }, (res) => resolve(res.statusCode === 200));
    req.on('error', () => resolve(false));
    req.on('timeout', () => (req.destroy(), resolve(false)));
    req.end();
  });
}

function startLocalServers(): Servers {
  execFileSync('bash', [join(WORKSPACE_ROOT, 'deploy/local/stack.sh'), 'up', 'test'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    postgresAdminUrl: process.env['ROSTERLINK_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    kafkaBrokers: readFileSync(join(WORKSPACE_ROOT, '.local/kafka-test/bootstrap'), 'utf8').trim(),
    redisUrl: process.env['ROSTERLINK_TEST_REDIS_URL_BASE'] ?? 'redis://127.0.0.1:6379',
    kafkaControl: 'local:test',
  };
}

async function startContainers(): Promise<Servers> {
  const [{ PostgreSqlContainer }, { KafkaContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/kafka'),
    import('@testcontainers/redis'),
  ]);
  const [postgres, kafka, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine').withUsername('postgres').withPassword('postgres').start(),
    new KafkaContainer('confluentinc/cp-kafka:8.0.0').withKraft().start(),
    new RedisContainer('redis:7-alpine').start(),
  ]);
  (globalThis as Record<string, unknown>)['__ROSTERLINK_CONTAINERS__'] = [postgres, kafka, redis];
  return {
    postgresAdminUrl: `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}/postgres`,
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    redisUrl: redis.getConnectionUrl(),
    kafkaControl: `container:${kafka.getId()}`,
  };
}
