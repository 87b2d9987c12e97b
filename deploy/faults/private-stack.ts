import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { TOPIC_SPECS } from '@rosterlink/contracts';
import { provisionTopics } from '@rosterlink/messaging';
import type { TestStack } from '@rosterlink/testing';

const run = promisify(execFile);

export const WORKSPACE_ROOT = join(__dirname, '../..');
/** Everything the drills keep on disk: the PostgreSQL cluster, Redis' log, service logs, roster files, letters. */
export const FAULTS_DIR = join(WORKSPACE_ROOT, '.local/faults');
const PG_BIN = '/usr/lib/postgresql/15/bin';
/**
 * The cluster lives under the system's temporary directory, not in the checkout: the postgres OS
 * user must own it with mode 0700, which a checkout on a shared or bind mount may not allow.
 */
const PG_DIR = join(tmpdir(), `rosterlink-faults-${createHash('sha256').update(WORKSPACE_ROOT).digest('hex').slice(0, 12)}`, 'pg');
const REDIS_PID_FILE = join(FAULTS_DIR, 'redis.pid');
const KAFKA_INSTANCE = 'faults';
/**
 * Preferred ports; the next free one is taken when something else holds them. They sit below the
 * kernel's ephemeral range (32768–60999): a port in it may be the local end of any outgoing
 * connection on the machine, and then a server cannot bind it (PostgreSQL once could not start on 39432 in CI).
 */
const PG_PORT = 25432;
const REDIS_PORT = 25379;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** True when a server could listen on 127.0.0.1:port now (nobody listens there, no socket holds it). */
function portBindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function firstFreePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) if (await portBindable(port)) return port;
  throw new Error(`no free port near ${preferred}`);
}

/** Runs a PostgreSQL tool as the `postgres` OS user when we are root (initdb and pg_ctl refuse root). */
function asPostgres(tool: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const binary = join(PG_BIN, tool);
  return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, args);
}

/**
 * The drills' own servers, never the machine's shared ones: a PostgreSQL cluster under
 * $TMPDIR/rosterlink-faults-<checkout hash>/pg, a redis-server that keeps nothing on disk, and the `faults` Kafka broker of
 * deploy/local/stack.sh. The drills kill, restart and flush them at will.
 */
export class PrivateStack {
  readonly runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  readonly topicPrefix = `faults-${this.runId}.`;
  readonly redisKeyPrefix = `rosterlink-faults-${this.runId}`;
  readonly fileStoreDir = join(FAULTS_DIR, 'files');
  readonly database = 'rosterlink_faults';
  kafkaBrokers = '';
  private pgPort = PG_PORT;
  private redisPort = REDIS_PORT;
  private pool?: Pool;

  get databaseUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.pgPort}/${this.database}`;
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  /** The shape libs/testing's serviceEnv takes. */
  get testStack(): TestStack {
    return {
      mode: 'local',
      databaseUrl: this.databaseUrl,
      kafkaBrokers: this.kafkaBrokers,
      topicPrefix: this.topicPrefix,
      redisUrl: this.redisUrl,
      redisKeyPrefix: this.redisKeyPrefix,
      fileStoreDir: this.fileStoreDir,
      kafkaControl: `local:${KAFKA_INSTANCE}`,
    };
  }

  kafka(clientId = 'fault-drills'): Kafka {
    return new Kafka({
      clientId,
      brokers: this.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 10 },
    });
  }

  async start(): Promise<void> {
    await mkdir(FAULTS_DIR, { recursive: true });
    await chmod(FAULTS_DIR, 0o755);
    await rm(this.fileStoreDir, { recursive: true, force: true });
    await mkdir(this.fileStoreDir, { recursive: true });
    await Promise.all([this.freshPostgres(), this.freshRedis(), this.startKafka()]);
    const admin = this.kafka().admin();
    await admin.connect();
    try {
      await provisionTopics(admin, TOPIC_SPECS, this.topicPrefix);
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops the private servers (Kafka too: `FAULT_DRILL_KEEP=1` leaves everything up for a look). */
  async stop(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
    this.pool = undefined;
    if (process.env['FAULT_DRILL_KEEP'] === '1') return;
    await this.deleteTopics().catch(() => undefined);
    await Promise.allSettled([this.stopPostgres('fast'), this.stopRedis(), this.stopKafka()]);
  }

  // PostgreSQL -----------------------------------------------------------------------------

  private async freshPostgres(): Promise<void> {
    if (existsSync(join(PG_DIR, 'postmaster.pid'))) await this.stopPostgres('immediate').catch(() => undefined);
    await rm(PG_DIR, { recursive: true, force: true });
    await mkdir(PG_DIR, { recursive: true, mode: 0o755 });
    await chmod(dirname(PG_DIR), 0o755);
    if (process.getuid?.() === 0) await chown(PG_DIR, ...(await postgresIds()));
    await asPostgres('initdb', ['-D', PG_DIR, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    this.pgPort = await firstFreePort(PG_PORT);
    try {
      await this.startPostgres();
    } catch {
      // Taken between the check and the bind, most likely: once more on the next free port.
      this.pgPort = await firstFreePort(this.pgPort + 1);
      await this.startPostgres();
    }
    const admin = new Pool({ connectionString: this.databaseUrl.replace(/\/[^/]*$/, '/postgres'), max: 1 });
    await admin.query(`CREATE DATABASE ${this.database}`);
    await admin.end();
  }

  async startPostgres(): Promise<void> {
    const options = [
      `-p ${this.pgPort}`,
      "-c listen_addresses=127.0.0.1",
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      // No OS crash is drilled, so fsync buys nothing here; a killed server still recovers from its WAL.
      '-c fsync=off',
      '-c shared_buffers=128MB',
    ].join(' ');
    const logFile = join(PG_DIR, 'server.log');
    try {
      await asPostgres('pg_ctl', ['-D', PG_DIR, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
    } catch (error) {
      // pg_ctl says only "Examine the log output": say what the log says.
      const log = await readFile(logFile, 'utf8').catch(() => '(no server.log)');
      throw new Error(`PostgreSQL did not start on port ${this.pgPort}: ${(error as Error).message.trim()}\n${log.split('\n').slice(-15).join('\n')}`);
    }
  }

  /** `immediate` is a crash: no checkpoint, connections cut, WAL recovery at the next start. */
  async stopPostgres(mode: 'fast' | 'immediate' = 'immediate'): Promise<void> {
    await asPostgres('pg_ctl', ['-D', PG_DIR, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async restartPostgres(downMs = 2000): Promise<void> {
    await this.stopPostgres('immediate');
    await sleep(downMs);
    await this.startPostgres();
  }

  /** A query on the drills' own pool; retried through a PostgreSQL restart. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.pool) {
          this.pool = new Pool({ connectionString: this.databaseUrl, max: 4 });
          this.pool.on('error', () => undefined);
        }
        return (await this.pool.query(text, params)).rows as T[];
      } catch (error) {
        const code = (error as { code?: string }).code;
        const connectionTrouble = !code || code.startsWith('08') || code === '57P01' || code === '57P03' || code === 'ECONNREFUSED';
        if (!connectionTrouble || attempt >= 60) throw error;
        await this.pool?.end().catch(() => undefined);
        this.pool = undefined;
        await sleep(500);
      }
    }
  }

  // Redis ----------------------------------------------------------------------------------

  private async freshRedis(): Promise<void> {
    await this.stopRedis();
    this.redisPort = await firstFreePort(REDIS_PORT);
    await run('redis-server', [
      '--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--daemonize', 'yes', '--pidfile', REDIS_PID_FILE, '--logfile', join(FAULTS_DIR, 'redis.log'), '--dir', FAULTS_DIR,
    ]);
    for (let i = 0; i < 50 && !(await portOpen(this.redisPort)); i++) await sleep(100);
  }

  private async stopRedis(): Promise<void> {
    if (!existsSync(REDIS_PID_FILE)) return;
    const pid = Number((await readFile(REDIS_PID_FILE, 'utf8')).trim());
    try {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 50; i++) {
        process.kill(pid, 0);
        await sleep(100);
      }
    } catch {
      // gone
    }
    await rm(REDIS_PID_FILE, { force: true });
  }

  /** FLUSHALL on the private Redis: every BullMQ job, scheduler and lock is gone. */
  async flushRedis(): Promise<void> {
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 3 });
    try {
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
  }

  // Kafka ----------------------------------------------------------------------------------

  async startKafka(): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'deploy/local/stack.sh'), 'kafka-start', KAFKA_INSTANCE]);
    this.kafkaBrokers = (await readFile(join(WORKSPACE_ROOT, `.local/kafka-${KAFKA_INSTANCE}/bootstrap`), 'utf8')).trim();
  }

  async stopKafka(): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'deploy/local/stack.sh'), 'kafka-stop', KAFKA_INSTANCE]);
  }

  private async deleteTopics(): Promise<void> {
    const admin = this.kafka().admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(this.topicPrefix));
      if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }
}

async function postgresIds(): Promise<[number, number]> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
}
