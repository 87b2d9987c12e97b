/**
 * Upload accepted → roster-import case exists, at 1 and at 20 uploads/s (open loop: uploads start
 * on schedule whether or not earlier ones have finished), against the real local stack and the
 * built upload-service and import-service (bench-stack.ts). The clock starts when the 202
 * arrives and stops when the case row is visible in import-service's database (polled every 5 ms).
 * Floor: one Kafka hop at the same rate, a bare producer to a bare consumer.
 *   npx tsx deploy/bench/upload-to-case.bench.ts     (BENCH_UPLOADS_FAST=200 uploads at 20/s)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { cloudEventHeaders, Topics } from '@rosterlink/contracts';
import { groupPractice, percentile, providerUser, recordBench, rosterCsv, rosterRow, tokenFor } from '@rosterlink/testing';
import { BenchService, BenchStack, until } from './bench-stack';

const GROUP = '110000097';
const SECTION = 'upload';
const PHASES = [
  { perSecond: 1, uploads: Number(process.env['BENCH_UPLOADS_SLOW'] ?? 20) },
  { perSecond: 20, uploads: Number(process.env['BENCH_UPLOADS_FAST'] ?? 200) },
];

let nextRow = 1;

async function upload(service: BenchService, token: string): Promise<Response> {
  const form = new FormData();
  form.append('groupId', GROUP);
  form.append('importType', 'ADD_UPDATE');
  form.append('file', new Blob([rosterCsv([rosterRow(nextRow++), rosterRow(nextRow++)])]), 'roster.csv');
  return fetch(`${service.url}/roster-uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

/** Milliseconds from each 202 to its case, for `uploads` uploads started `perSecond` a second. */
async function phase(bench: BenchStack, service: BenchService, token: string, perSecond: number, uploads: number): Promise<number[]> {
  const acceptedAt = new Map<string, number>();
  const latencies: number[] = [];
  let sent = 0;
  let stopPolling = false;
  const poller = (async () => {
    while (!stopPolling || acceptedAt.size > 0) {
      if (acceptedAt.size > 0) {
        const { rows } = await bench.db.query('SELECT upload_id FROM roster_import.cases WHERE upload_id = ANY($1::uuid[])', [[...acceptedAt.keys()]]);
        const now = performance.now();
        for (const { upload_id: id } of rows) {
          latencies.push(now - acceptedAt.get(id)!);
          acceptedAt.delete(id);
        }
      }
      await sleep(5);
    }
  })();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  while (sent < uploads) {
    const due = started + (sent * 1000) / perSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    sent++;
    inFlight.push(
      upload(service, token).then(async (response) => {
        if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
        const { uploadId } = (await response.json()) as { uploadId: string };
        acceptedAt.set(uploadId, performance.now());
      }),
    );
  }
  await Promise.all(inFlight);
  stopPolling = true;
  await poller;
  return latencies;
}

/** The floor: one message at a time through a bare producer and consumer, at the phase's rate. */
async function kafkaHop(bench: BenchStack, perSecond: number, messages: number): Promise<number[]> {
  const topic = await bench.createTopic(`bench.hop.${perSecond}`);
  const consumer = bench.kafka.consumer({ groupId: `${bench.runId}-hop-${perSecond}`, maxWaitTimeInMs: 100 });
  const producer = bench.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.key!.toString();
      latencies.push(performance.now() - sentAt.get(id)!);
    },
  });
  await sleep(3000); // the group joins and is assigned the partition
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    const due = started + (i * 1000) / perSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    sentAt.set(String(i), performance.now());
    void producer.send({ topic, acks: -1, messages: [{ key: String(i), value: '{}' }] });
  }
  await until('hop floor consumed', async () => latencies.length >= messages, 120_000, 20);
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  return latencies;
}

async function main(): Promise<void> {
  const bench = await BenchStack.create('upload');
  try {
    const producer = bench.kafka.producer();
    await producer.connect();
    const group = groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'A' }] });
    const headers = cloudEventHeaders({ id: crypto.randomUUID(), type: Topics.ProviderMasterUpserted, source: '/rosterlink/bench', time: new Date().toISOString() });
    await producer.send({ topic: bench.topic(Topics.ProviderMasterUpserted), acks: -1, messages: [{ key: GROUP, value: JSON.stringify(group), headers }] });
    await producer.disconnect();

    const uploads = await bench.start('upload-service');
    await bench.start('import-service');
    const token = await tokenFor(providerUser(`${GROUP}A`), bench.stack);
    // upload-service knows the group once it has consumed the provider master.
    await until('group known to upload-service', async () => (await upload(uploads, token)).status === 202, 120_000, 250);
    await phase(bench, uploads, token, 5, 10); // warm-up

    for (const { perSecond, uploads: count } of PHASES) {
      const floor = await kafkaHop(bench, perSecond, count);
      const measured = await phase(bench, uploads, token, perSecond, count);
      for (const p of [50, 95, 99]) {
        recordBench({
          section: SECTION,
          measure: `upload accepted → case exists, p${p} at ${perSecond} upload${perSecond > 1 ? 's' : ''}/s (${count})`,
          value: percentile(measured, p),
          unit: 'ms',
          floor: { label: 'one bare Kafka hop', value: percentile(floor, p) },
          goal: p === 95 ? { op: '<=', value: 300, of: 'value' } : undefined,
        });
      }
    }
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
