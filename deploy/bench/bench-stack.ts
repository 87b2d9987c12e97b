/**
 * What the system-level benches share: a database, topic prefix and Redis prefix of their own on
 * the real local stack (the `test` Kafka broker, PostgreSQL, Redis), and the built services as
 * processes (`dist/services/<name>/main.js`), each logging to .local/bench-<name>.log.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { TOPIC_SPECS } from '@rosterlink/contracts';
import { createTopicsAndWait, provisionTopics } from '@rosterlink/messaging';
import { SERVICE_NODE_FLAGS } from '@rosterlink/platform';
import { serviceEnv, TestStack } from '@rosterlink/testing';

export const ROOT = join(__dirname, '../..');
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchService {
  name: string;
  url: string;
  child: ChildProcess;
}

export class BenchStack {
  readonly services: BenchService[] = [];

  private constructor(
    readonly runId: string,
    readonly stack: TestStack,
    readonly env: Record<string, string>,
    readonly db: Client,
    readonly kafka: Kafka,
    private readonly kafkaAdmin: Admin,
    private readonly admin: Client,
  ) {}

  static async create(name: string, overrides: Record<string, string> = {}): Promise<BenchStack> {
    const runId = `bench${name}${process.pid}`;
    const database = `rosterlink_${runId}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const brokers = readFileSync(join(ROOT, '.local/kafka-test/bootstrap'), 'utf8').trim();
    const stack: TestStack = {
      mode: 'local',
      databaseUrl: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`),
      kafkaBrokers: brokers,
      topicPrefix: `${runId}.`,
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: `rosterlink-${runId}`,
      fileStoreDir: `/tmp/rosterlink-${runId}`,
      kafkaControl: 'local:test',
    };
    const kafka = new Kafka({ clientId: runId, brokers: [brokers], logLevel: logLevel.NOTHING });
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await provisionTopics(kafkaAdmin, TOPIC_SPECS, stack.topicPrefix);
    const env = serviceEnv(stack, { LOG_LEVEL: 'warn', OUTBOX_POLL_INTERVAL_MS: '1000', ...overrides });
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    return new BenchStack(runId, stack, env, db, kafka, kafkaAdmin, admin);
  }

  topic(name: string): string {
    return `${this.stack.topicPrefix}${name}`;
  }

  /** A scratch topic of this run (deleted with the others at close). */
  async createTopic(name: string, numPartitions = 1): Promise<string> {
    const topic = this.topic(name);
    await createTopicsAndWait(this.kafkaAdmin, [{ topic, numPartitions }]);
    return topic;
  }

  async start(name: string, env: Record<string, string> = {}): Promise<BenchService> {
    const port = await freePort();
    // BENCH_NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=.local/profiles`, to profile the services.
    const nodeOptions = (process.env['BENCH_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeOptions, join(ROOT, 'dist/services', name, 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], ...this.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(ROOT, '.local', `bench-${name}.log`));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const service = { name, url: `http://127.0.0.1:${port}`, child };
    this.services.push(service);
    await until(`${name} healthy`, async () => (await fetch(`${service.url}/health`).catch(() => undefined))?.status === 200, 120_000);
    return service;
  }

  async close(): Promise<void> {
    for (const service of this.services) service.child.kill('SIGTERM');
    await Promise.all(this.services.map((s) => (s.child.exitCode === null ? once(s.child, 'exit') : undefined)));
    await this.db.end();
    const topics = (await this.kafkaAdmin.listTopics()).filter((t) => t.startsWith(this.stack.topicPrefix));
    await this.kafkaAdmin.deleteTopics({ topics }).catch(() => undefined);
    await this.kafkaAdmin.disconnect();
    await this.admin.query(`DROP DATABASE IF EXISTS rosterlink_${this.runId} WITH (FORCE)`);
    await this.admin.end();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30 * 60_000, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
