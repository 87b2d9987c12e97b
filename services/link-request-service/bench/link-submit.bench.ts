/**
 * Link-request submit over HTTP at 50 concurrent clients: POST /service-locations/:pidsl/link-requests
 * against the service started in this process (createServiceApp + listen), with its own database on
 * the local PostgreSQL and the `test` Kafka broker (deploy/local/stack.sh up test), so the outbox
 * relay publishes as in production. Each request links a different practitioner (no 409s). The
 * clients run in a worker thread, on their own event loop, each on a keep-alive connection and
 * sending its next request when the last is answered. The floor: the cheapest authenticated
 * request the same server answers from one row, GET /link-requests/:id of a request submitted in
 * the warm-up (one indexed read, same token, same guards), at the same concurrency. (GET /health
 * is no floor: it pings PostgreSQL, Kafka and Redis.) Records p50/p95/p99. A second floor shows
 * what the framework costs: the same use case (token, grants, facts, insert; the relay publishing)
 * called from a bare node:http handler in the same process, without Nest, Express, validation,
 * logging, tracing or metrics: the most this machine gives any stack that keeps today's statements.
 * No assertions.
 *   node -r @swc-node/register services/link-request-service/bench/link-submit.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { HttpException, INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Authenticator } from '@rosterlink/auth';
import { TOPIC_SPECS } from '@rosterlink/contracts';
import { provisionTopics } from '@rosterlink/messaging';
import { createServiceApp } from '@rosterlink/platform';
import { percentile, recordBench, serviceEnv, tokenFor, providerUser, validNpi } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import { SubmitLinkRequest } from '../src/submit-link-request/submit-link-request.handler';

const SUBMITS = Number(process.env['BENCH_SUBMITS'] ?? 5000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 50);
const WARM_UP = 200;
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = join(__dirname, '../../..');
const GROUP = '110000001';
const LOCATION = `${GROUP}A`;
const FIRST_PRACTITIONER = 220000000;

/**
 * The load generator (plain JavaScript for the worker): `concurrency` loops over one keep-alive
 * agent, each taking the next request number until `count` are sent; the latency of each answer
 * in ms, and the statuses seen.
 */
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, method, token, bodies, count, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
let next = 0;
const ms = [];
const statuses = {};
function send(i) {
  return new Promise((resolve, reject) => {
    const body = bodies ? JSON.stringify(bodies[i]) : undefined;
    const started = process.hrtime.bigint();
    const request = http.request({
      agent, host: target.hostname, port: target.port, path: target.pathname, method,
      headers: { authorization: 'Bearer ' + token, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
    }, (response) => {
      response.resume();
      response.on('end', () => {
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses[response.statusCode] = (statuses[response.statusCode] || 0) + 1;
        resolve();
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
async function loop() { while (next < count) await send(next++); }
const started = Date.now();
Promise.all(Array.from({ length: concurrency }, loop)).then(
  () => { agent.destroy(); parentPort.postMessage({ ms, statuses, seconds: (Date.now() - started) / 1000 }); },
  (error) => { throw error; },
);
`;

interface LoadResult {
  ms: number[];
  statuses: Record<string, number>;
  seconds: number;
}

function load(workerData: { url: string; method: string; token: string; bodies?: unknown[]; count: number; concurrency: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function summary(kind: string, result: LoadResult): string {
  return (
    `  ${kind.padEnd(14)} ${result.ms.length} requests at ${CONCURRENCY} concurrent: p50 ${percentile(result.ms, 50).toFixed(1)} ms, ` +
    `p95 ${percentile(result.ms, 95).toFixed(1)} ms, p99 ${percentile(result.ms, 99).toFixed(1)} ms, ` +
    `${Math.round(result.ms.length / result.seconds)}/s; statuses ${JSON.stringify(result.statuses)}`
  );
}

/**
 * The second floor: POST /service-locations/:pidsl/link-requests answered by the application's own
 * Authenticator and SubmitLinkRequest from a bare node:http handler: no router, body parser,
 * validation, logging, trace or metrics middleware. Not a way to serve requests (it validates
 * nothing): a measure of the part of a submit no framework can remove.
 */
async function bareSubmitServer(app: INestApplication): Promise<{ server: Server; url: string }> {
  const authenticator = app.get(Authenticator);
  const submit = app.get(SubmitLinkRequest);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const user = await authenticator.authenticate(request.headers.authorization);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const pidsl = String(request.url).split('/')[2];
        const submitted = await submit.execute({ kind: 'LINK', pidsl, user, ...body });
        const answer = { requestId: submitted.requestId, status: submitted.status, submittedAt: submitted.submittedAt.toISOString(), dueDate: submitted.dueDate };
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      } catch (error) {
        response.writeHead(error instanceof HttpException ? error.getStatus() : 500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function main(): Promise<void> {
  const runId = `benchsubmit${process.pid}`;
  const database = `rosterlink_${runId}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const brokers = process.env['BENCH_KAFKA_BROKERS'] ?? readFileSync(join(ROOT, '.local/kafka-test/bootstrap'), 'utf8').trim();
  const kafka = new Kafka({ clientId: runId, brokers: [brokers], logLevel: logLevel.NOTHING });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  try {
    await provisionTopics(kafkaAdmin, TOPIC_SPECS, `${runId}.`);
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
    const env = serviceEnv(
      stack,
      // The service's own defaults for the pool and the relay, as deployed.
      { LOG_LEVEL: 'error', NODE_ENV: 'production', DATABASE_POOL_SIZE: '10', OUTBOX_POLL_INTERVAL_MS: '1000' },
    );
    const app = await createServiceApp(LINK_REQUEST_SERVICE, env);
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const db = app.get(DataSource);

    // The provider master as the projection holds it: one group with location A, and a practitioner per request.
    const practitioners = WARM_UP + 2 * SUBMITS;
    await db.query(
      `INSERT INTO link_request.provider_groups (pid, name, dba_name, dba_address, service_locations, updated_at)
       VALUES ($1, 'Harbor Family Medicine LLC', 'Harbor Family Medicine', $2, $3, now())`,
      [
        GROUP,
        JSON.stringify({ line1: '1 Harbor Way', city: 'Boston', state: 'MA', postalCode: '02110' }),
        JSON.stringify([{ sl: 'A', name: 'Main office', address: { line1: '1 Harbor Way', city: 'Boston', state: 'MA', postalCode: '02110' } }]),
      ],
    );
    await db.query(
      `INSERT INTO link_request.providers (pid, npi, first_name, last_name, provider_type, credentialed, updated_at)
       SELECT ($1 + i)::text, npi, 'Ana', 'Practitioner' || i, 'PHYSICIAN', true, now()
       FROM unnest($2::text[]) WITH ORDINALITY AS n(npi, i)`,
      [FIRST_PRACTITIONER, Array.from({ length: practitioners }, (_, i) => validNpi(500000 + i))],
    );
    await db.query('VACUUM ANALYZE link_request.providers');
    await db.query('VACUUM ANALYZE link_request.provider_groups');

    const token = await tokenFor(providerUser(LOCATION), stack);
    const effectiveDate = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const bodies = Array.from({ length: practitioners }, (_, i) => ({
      servicingProviderId: String(FIRST_PRACTITIONER + 1 + i),
      effectiveDate,
      attestation: true,
    }));
    const submit = { url: `${baseUrl}/service-locations/${LOCATION}/link-requests`, method: 'POST', token, concurrency: CONCURRENCY };

    await load({ ...submit, bodies: bodies.slice(0, WARM_UP), count: WARM_UP });
    const [{ request_id: submittedId }] = await db.query('SELECT request_id FROM link_request.link_requests LIMIT 1');
    const readOne = { url: `${baseUrl}/link-requests/${submittedId}`, method: 'GET', token, concurrency: CONCURRENCY };
    await load({ ...readOne, count: WARM_UP });
    const floor = await load({ ...readOne, count: SUBMITS });
    const submitted = await load({ ...submit, bodies: bodies.slice(WARM_UP, WARM_UP + SUBMITS), count: SUBMITS });
    const bare = await bareSubmitServer(app);
    const unframed = await load({
      ...submit,
      url: `${bare.url}/service-locations/${LOCATION}/link-requests`,
      bodies: bodies.slice(WARM_UP + SUBMITS),
      count: SUBMITS,
    });
    bare.server.close();
    console.log(`link submit: ${SUBMITS} distinct link requests over HTTP, ${CONCURRENCY} concurrent clients`);
    console.log(summary('GET request', floor));
    console.log(summary('POST submit', submitted));
    console.log(summary('bare submit', unframed));

    for (const p of [50, 95, 99]) {
      recordBench({
        section: 'link submit',
        measure: `POST link request at ${CONCURRENCY} concurrent: p${p}`,
        value: percentile(submitted.ms, p),
        unit: 'ms',
        floor: { label: `GET /link-requests/:id p${p}`, value: percentile(floor.ms, p) },
        ...(p === 95 ? { goal: { op: '<=' as const, value: 50, of: 'value' as const } } : {}),
        note: p === 95 ? `${Math.round(submitted.ms.length / submitted.seconds)} submits/s; statuses ${JSON.stringify(submitted.statuses)}` : undefined,
      });
    }
    recordBench({
      section: 'link submit',
      measure: `POST link request at ${CONCURRENCY} concurrent: p95 beside the same use case without the framework`,
      value: percentile(submitted.ms, 95),
      unit: 'ms',
      floor: { label: 'the submit behind bare node:http p95', value: percentile(unframed.ms, 95) },
      note: `bare: ${Math.round(unframed.ms.length / unframed.seconds)} submits/s, p50 ${percentile(unframed.ms, 50).toFixed(1)} ms; statuses ${JSON.stringify(unframed.statuses)}`,
    });
    await app.close();
  } finally {
    await kafkaAdmin.deleteTopics({ topics: TOPIC_SPECS.map((t) => `${runId}.${t.name}`) }).catch(() => undefined);
    await kafkaAdmin.disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
