/**
 * The event pipeline at roster scale, against the real local stack and the built services
 * (bench-stack.ts), each step beside its floor measured in the same run:
 *   1. outbox → Kafka: 100,000 practitioner.affiliated.v1 committed in import-service's outbox in one
 *      transaction (as a roster import records them); time until the relay has published the last.
 *      Floor: a bare kafkajs producer (idempotent, acks=all) sending the same messages.
 *   2. consumer, one partition: link-request-service started once they are all on the topic; time
 *      until its inbox holds them all. Floor: a bare kafkajs consumer reading the same messages.
 *   3. end to end: both running, a second 100,000 committed; time from the commit until the last
 *      practitioner answers GET /links/verify.
 *   npx tsx deploy/bench/event-pipeline.bench.ts        (BENCH_EVENTS=100000 by default)
 */
import { Client } from 'pg';
import { cloudEventHeaders, PractitionerAffiliatedV1, Topics } from '@rosterlink/contracts';
import { EVENT_ID_BYTES_SQL, eventIdFromBytesSql } from '@rosterlink/messaging';
import { backOfficeUser, recordBench, tokenFor, validNpi } from '@rosterlink/testing';
import { BenchStack, seconds, until } from './bench-stack';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const GROUP = '110000098';
const SECTION = 'pipeline';

function affiliations(caseNumber: string, firstNpi: number): PractitionerAffiliatedV1[] {
  const affiliatedAt = new Date().toISOString();
  return Array.from({ length: EVENTS }, (_, i) => ({
    groupId: GROUP, serviceLocation: 'A', npi: validNpi(firstNpi + i), firstName: 'Bench', lastName: `Practitioner${i}`,
    providerType: 'PHYSICIAN', change: 'ADDED', status: 'SUBMITTED', effectiveDate: '2026-12-01', caseNumber, affiliatedAt,
  }));
}

/** Commits the events to import-service's outbox in one transaction, with event ids made as
 * OutboxPublisher makes them; returns the id of the last one. */
async function commitAffiliations(db: Client, payloads: PractitionerAffiliatedV1[]): Promise<string> {
  const headers = cloudEventHeaders({ id: '', type: Topics.PractitionerAffiliated, source: '/rosterlink/import-service', time: payloads[0].affiliatedAt });
  await db.query('BEGIN');
  for (let start = 0; start < payloads.length; start += 10_000) {
    await db.query(
      `INSERT INTO roster_import.outbox (event_id, topic, message_key, headers, payload)
       SELECT id, $1, $2, jsonb_set($3::jsonb, '{ce_id}', to_jsonb(id::text)), payload
       FROM (SELECT ${eventIdFromBytesSql('bytes')} AS id, payload, n
             FROM (SELECT ${EVENT_ID_BYTES_SQL} AS bytes, payload, n FROM unnest($4::jsonb[]) WITH ORDINALITY AS p(payload, n) OFFSET 0) b
             ORDER BY n) e`,
      [Topics.PractitionerAffiliated, GROUP, JSON.stringify(headers), payloads.slice(start, start + 10_000).map((p) => JSON.stringify(p))],
    );
  }
  const last = await db.query(`SELECT event_id FROM roster_import.outbox ORDER BY seq DESC LIMIT 1`);
  await db.query(`SELECT pg_notify('roster_import_outbox', '')`);
  await db.query('COMMIT');
  return last.rows[0].event_id as string;
}

/** The floor of step 1: the same messages (key, headers, payload) sent by a bare idempotent producer. */
async function bareProduce(bench: BenchStack, topic: string, payloads: PractitionerAffiliatedV1[]): Promise<number> {
  const producer = bench.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const headers = cloudEventHeaders({ id: 'x', type: Topics.PractitionerAffiliated, source: '/rosterlink/import-service', time: payloads[0].affiliatedAt });
  const started = process.hrtime.bigint();
  // 1,000 messages (~500 KB) per send, as the relay sends (a broker refuses a record batch over 1 MB).
  for (let start = 0; start < payloads.length; start += 1000) {
    await producer.send({
      topic,
      acks: -1,
      messages: payloads.slice(start, start + 1000).map((p) => ({ key: GROUP, value: JSON.stringify(p), headers })),
    });
  }
  const elapsed = seconds(started);
  await producer.disconnect();
  return elapsed;
}

/** The floor of step 2: a bare consumer that reads the topic's messages and does nothing with them. */
async function bareConsume(bench: BenchStack, topic: string, expected: number): Promise<number> {
  const consumer = bench.kafka.consumer({ groupId: `${bench.runId}-bare` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let started: bigint | undefined;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        started ??= process.hrtime.bigint();
        seen += batch.messages.length;
        for (const message of batch.messages) JSON.parse(message.value!.toString());
        if (seen >= expected) resolve(seconds(started));
      },
    });
  });
  const elapsed = await done;
  await consumer.disconnect();
  return elapsed;
}

async function main(): Promise<void> {
  const bench = await BenchStack.create('pipeline');
  const { db } = bench;
  // Polled often, so an index lookup, not a count of the inbox (a count of 100,000+ rows every 200 ms took
  // a third of a core from the PostgreSQL the consumer writes to): the events share one key, so one
  // partition, consumed in order; once the last one is in the inbox, every one before it is.
  const handled = async (eventId: string) =>
    (await db.query(`SELECT EXISTS (SELECT 1 FROM link_request.inbox WHERE consumer = 'link-request-service' AND event_id = $1) AS done`, [eventId])).rows[0].done as boolean;
  // Polled often: reads the outbox's partial index of unpublished rows, not the table.
  const drained = async () => (await db.query(`SELECT NOT EXISTS (SELECT 1 FROM roster_import.outbox WHERE published_at IS NULL) AS done`)).rows[0].done as boolean;
  try {
    const first = affiliations('RI-2026-000001', 1);
    const floorTopic = await bench.createTopic('bench.floor');
    const produceFloor = await bareProduce(bench, floorTopic, first);
    const consumeFloor = await bareConsume(bench, floorTopic, EVENTS);

    // 1. outbox → Kafka
    await bench.start('import-service');
    let started = process.hrtime.bigint();
    const lastOfFirst = await commitAffiliations(db, first);
    const recorded = seconds(started);
    started = process.hrtime.bigint();
    await until('outbox drained', drained);
    const relay = seconds(started);
    recordBench({
      section: SECTION, measure: `outbox → Kafka, ${EVENTS.toLocaleString('en-US')} events`, value: EVENTS / relay, unit: 'events/s',
      floor: { label: 'bare idempotent producer', value: EVENTS / produceFloor }, goal: { op: '>=', value: 10_000, of: 'value' },
      note: `committed in ${recorded.toFixed(2)} s, published in ${relay.toFixed(2)} s`,
    });

    // 2. one partition's backlog, consumed by a service that starts after it is there
    started = process.hrtime.bigint();
    const linker = await bench.start('link-request-service');
    const startup = seconds(started);
    started = process.hrtime.bigint();
    await until('backlog consumed', () => handled(lastOfFirst));
    const consumed = seconds(started);
    recordBench({
      section: SECTION, measure: 'link-request-service consuming one partition', value: EVENTS / consumed, unit: 'events/s',
      floor: { label: 'bare consumer', value: EVENTS / consumeFloor }, goal: { op: '>=', value: 10_000, of: 'value' },
      note: `${consumed.toFixed(2)} s after a ${startup.toFixed(1)} s start`,
    });

    // 3. commit → the last practitioner verifiable
    const token = await tokenFor(backOfficeUser());
    const second = affiliations('RI-2026-000002', EVENTS + 1);
    const lastNpi = second[second.length - 1].npi;
    // Timed from the commit, as the case turns COMPLETED: writing the events is the import's own time.
    const writing = process.hrtime.bigint();
    const lastOfSecond = await commitAffiliations(db, second);
    const committed = seconds(writing);
    started = process.hrtime.bigint();
    const url = `${linker.url}/links/verify?pidsl=${GROUP}A&npi=${lastNpi}&date=2026-12-01`;
    let published: number | undefined;
    let handledAll: number | undefined;
    await until('last practitioner verifiable', async () => {
      if (published === undefined && (await drained())) published = seconds(started);
      if (handledAll === undefined && (await handled(lastOfSecond))) handledAll = seconds(started);
      const answer = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as { linked?: boolean };
      return answer.linked === true;
    }, 30 * 60_000, 50);
    const endToEnd = seconds(started);
    handledAll ??= endToEnd; // consumed between the last two looks
    recordBench({
      section: SECTION, measure: `commit → last of ${EVENTS.toLocaleString('en-US')} practitioners verifiable`, value: endToEnd, unit: 's',
      floor: { label: 'bare produce + bare consume', value: produceFloor + consumeFloor }, goal: { op: '<=', value: 15, of: 'value' },
      note: `written and committed in ${committed.toFixed(1)} s (not counted); after the commit, all published after ${published?.toFixed(1) ?? '?'} s, all consumed after ${handledAll?.toFixed(1) ?? '?'} s`,
    });
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
