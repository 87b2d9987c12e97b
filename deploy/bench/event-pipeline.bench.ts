/**
 * The event pipeline at roster scale, against the real local stack (the `test` Kafka broker,
 * PostgreSQL, Redis) and the built services as processes, in a database and topic prefix of its own:
 *   1. outbox → Kafka: 100,000 practitioner.affiliated.v1 committed in import-service's outbox in one
 *      transaction (as a roster import records them); time until the relay has published the last;
 *   2. consumer, one partition: link-request-service started once they are all on the topic; time
 *      until its inbox holds them all;
 *   3. end to end: both running, a second 100,000 committed; time from the commit until the last
 *      practitioner answers GET /links/verify.
 * Prints events/s for each; asserts nothing.
 *   npx tsx deploy/bench/event-pipeline.bench.ts        (BENCH_EVENTS=100000 by default)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { cloudEventHeaders, PractitionerAffiliatedV1, TOPIC_SPECS, Topics } from '@rosterlink/contracts';
import { provisionTopics } from '@rosterlink/messaging';
import { backOfficeUser, serviceEnv, tokenFor, validNpi } from '@rosterlink/testing';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = join(__dirname, '../..');
const GROUP = '110000098';

interface Service {
  name: string;
  url: string;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

async function startService(name: string, env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  // BENCH_NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=.local/profiles`, to profile the services.
  const nodeOptions = (process.env['BENCH_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeOptions, join(ROOT, 'dist/services', name, 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'], ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(ROOT, '.local', `bench-${name}.log`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await until(`${name} healthy`, async () => (await fetch(`${url}/health`).catch(() => undefined))?.status === 200, 120_000);
  return { name, url, child };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Records `EVENTS` affiliations in import-service's outbox in one transaction, as a roster import does. */
async function commitAffiliations(db: Client, caseNumber: string, firstNpi: number): Promise<string> {
  const affiliatedAt = new Date().toISOString();
  const npis = Array.from({ length: EVENTS }, (_, i) => validNpi(firstNpi + i));
  const payloads = npis.map(
    (npi, i): PractitionerAffiliatedV1 => ({
      groupId: GROUP, serviceLocation: 'A', npi, firstName: 'Bench', lastName: `Practitioner${i}`, providerType: 'PHYSICIAN',
      change: 'ADDED', status: 'SUBMITTED', effectiveDate: '2026-12-01', caseNumber, affiliatedAt,
    }),
  );
  const headers = cloudEventHeaders({ id: '', type: Topics.PractitionerAffiliated, source: '/rosterlink/import-service', time: affiliatedAt });
  await db.query('BEGIN');
  for (let start = 0; start < EVENTS; start += 10_000) {
    await db.query(
      `INSERT INTO roster_import.outbox (event_id, topic, message_key, headers, payload)
       SELECT id, $1, $2, jsonb_set($3::jsonb, '{ce_id}', to_jsonb(id::text)), payload
       FROM (SELECT gen_random_uuid() AS id, payload FROM unnest($4::jsonb[]) WITH ORDINALITY AS p(payload, n) ORDER BY n) e`,
      [Topics.PractitionerAffiliated, GROUP, JSON.stringify(headers), payloads.slice(start, start + 10_000).map((p) => JSON.stringify(p))],
    );
  }
  await db.query(`SELECT pg_notify('roster_import_outbox', '')`);
  await db.query('COMMIT');
  return npis[npis.length - 1];
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} events/s`;

async function main(): Promise<void> {
  const runId = `bench${process.pid}`;
  const database = `rosterlink_${runId}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const brokers = readFileSync(join(ROOT, '.local/kafka-test/bootstrap'), 'utf8').trim();
  const stack = {
    mode: 'local' as const,
    databaseUrl: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`),
    kafkaBrokers: brokers,
    topicPrefix: `${runId}.`,
    redisUrl: 'redis://127.0.0.1:6379',
    redisKeyPrefix: `rosterlink-${runId}`,
    fileStoreDir: `/tmp/rosterlink-${runId}`,
    kafkaControl: 'local:test',
  };
  const kafkaAdmin = new Kafka({ clientId: runId, brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await kafkaAdmin.connect();
  await provisionTopics(kafkaAdmin, TOPIC_SPECS, stack.topicPrefix);
  const env = serviceEnv(stack, { LOG_LEVEL: 'warn', OUTBOX_POLL_INTERVAL_MS: '1000' });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const services: Service[] = [];
  const count = async (sql: string) => (await db.query(sql)).rows[0].n as number;
  // Polled often: reads the outbox's partial index of unpublished rows, not the table.
  const drained = async () => (await db.query(`SELECT NOT EXISTS (SELECT 1 FROM roster_import.outbox WHERE published_at IS NULL) AS done`)).rows[0].done as boolean;
  try {
    // 1. outbox → Kafka
    services.push(await startService('import-service', env));
    let started = process.hrtime.bigint();
    await commitAffiliations(db, 'RI-2026-000001', 1);
    const recorded = seconds(started);
    started = process.hrtime.bigint();
    await until('outbox drained', drained);
    const relay = seconds(started);
    console.log(`outbox → Kafka: ${EVENTS} events committed in ${recorded.toFixed(2)} s, published in ${relay.toFixed(2)} s = ${rate(EVENTS, relay)}`);

    // 2. one partition's backlog, consumed by a service that starts after it is there
    started = process.hrtime.bigint();
    const linker = await startService('link-request-service', env);
    services.push(linker);
    const startup = seconds(started);
    started = process.hrtime.bigint();
    const handled = `SELECT count(*)::int AS n FROM link_request.inbox WHERE topic = '${Topics.PractitionerAffiliated}'`;
    await until('backlog consumed', async () => (await count(handled)) >= EVENTS);
    const consumed = seconds(started);
    console.log(`consumer, one partition: ${EVENTS} events in ${consumed.toFixed(2)} s after a ${startup.toFixed(1)} s start = ${rate(EVENTS, consumed)}`);

    // 3. commit → the last practitioner verifiable
    const token = await tokenFor(backOfficeUser());
    started = process.hrtime.bigint();
    const lastNpi = await commitAffiliations(db, 'RI-2026-000002', EVENTS + 1);
    const committed = seconds(started);
    const url = `${linker.url}/links/verify?pidsl=${GROUP}A&npi=${lastNpi}&date=2026-12-01`;
    let published: number | undefined;
    let handledAll: number | undefined;
    await until('last practitioner verifiable', async () => {
      if (published === undefined && (await drained())) published = seconds(started);
      if (handledAll === undefined && (await count(handled)) >= 2 * EVENTS) handledAll = seconds(started);
      const answer = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as { linked?: boolean };
      return answer.linked === true;
    });
    const endToEnd = seconds(started);
    console.log(
      `commit → last of ${EVENTS} practitioners verifiable: ${endToEnd.toFixed(2)} s = ${rate(EVENTS, endToEnd)} ` +
        `(committed after ${committed.toFixed(1)} s, all published after ${published?.toFixed(1) ?? '?'} s, all consumed after ${handledAll?.toFixed(1) ?? '?'} s)`,
    );
  } finally {
    for (const service of services) service.child.kill('SIGTERM');
    await Promise.all(services.map((s) => (s.child.exitCode === null ? once(s.child, 'exit') : undefined)));
    await db.end();
    const topics = (await kafkaAdmin.listTopics()).filter((t) => t.startsWith(stack.topicPrefix));
    await kafkaAdmin.deleteTopics({ topics }).catch(() => undefined);
    await kafkaAdmin.disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
