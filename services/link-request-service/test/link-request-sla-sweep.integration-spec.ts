import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { businessDateOf, LinkRequestSlaBreachedV1, LinkRequestSlaWarningV1, Queues, TOPIC_SPECS, Topics } from '@rosterlink/contracts';
import { provisionTopics } from '@rosterlink/messaging';
import { ManualClock, RunningService, startService, testStack } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import { CheckLinkRequestSla, SLA_SWEEP_CHUNK } from '../src/check-link-request-sla/check-link-request-sla.handler';
import { LinkRequestRepository } from '../src/link-request/link-request.repository';

/** This spec's requests: location 110000071A, provider PIDs 23xxxxxxx, due in 2031 (nobody else's dates). */
const PIDSL = '110000071A';
const FIRST_PID = 230000000;
/** Wednesday 12 March 2031, 10:00 in Boston. */
const NOW = new Date('2031-03-12T14:00:00Z');
const PER_DUE_DATE = 120;
const FIRST_DUE = '2031-01-13';
const DUE_DAYS = 70;

interface Row {
  request_id: string;
  status: string;
  due_date: string;
  warned: boolean;
  breached: boolean;
}

describe('link-request-service: the SLA sweep over many open requests', () => {
  const clock = new ManualClock(NOW);
  let service: RunningService;
  const calendar = new BusinessCalendar(defaultClosures(2030, 2032));
  const today = businessDateOf(NOW);

  beforeAll(async () => {
    // This spec runs its own sweeps. The queue is paused: no scheduled sweep (this service's, or one
    // an earlier spec of the run left in Redis at a shorter interval) runs in the middle of them.
    // Topics of its own: the thousands of warnings and breaches it publishes are nobody else's backlog (a
    // notification-service started by a later spec would have to work through them first).
    const topicPrefix = `${testStack().topicPrefix}sla-sweep.`;
    const kafka = new Kafka({ clientId: 'sla-sweep-spec', brokers: testStack().kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await provisionTopics(admin, TOPIC_SPECS, topicPrefix).finally(() => admin.disconnect());
    service = await startService(LINK_REQUEST_SERVICE, { SLA_SWEEP_INTERVAL_MS: '3600000', KAFKA_TOPIC_PREFIX: topicPrefix }, clock);
    await slaQueue().pause();
  });

  afterAll(async () => {
    await slaQueue()?.resume();
    await service?.stop();
  });

  const slaQueue = () => service?.app.get<Queue>(getQueueToken(Queues.LinkRequestSla));

  const db = () => service.app.get(DataSource);

  it('flags, records and announces each warning and breach exactly once, set-based, and leaves decided requests alone', async () => {
    // 120 requests per due date over 70 days around today: more breaches than one chunk holds. Every
    // 10th is decided, every 7th was already warned, every 11th already reported breached.
    await db().query(
      `INSERT INTO link_request.link_requests (request_id, kind, pidsl, group_id, service_location, provider_pid, npi, first_name,
         last_name, provider_type, effective_date, status, submitted_at, submitted_by, due_date, attestation_version, attested_by,
         attested_at, decided_at, decided_by, sla_warning_at, sla_breached_at)
       SELECT gen_random_uuid(), 'LINK', $1, left($1, 9), right($1, 1), ($2 + i)::text, '1' || lpad(i::text, 9, '0'), 'Ana', 'Sweep',
              'PHYSICIAN', due - 7, CASE WHEN i % 10 = 0 THEN (CASE WHEN i % 20 = 0 THEN 'APPROVED' ELSE 'DENIED' END) ELSE 'SUBMITTED' END,
              $3::timestamptz - interval '30 days', 'sla-spec', due, 'v', 'sla-spec', $3::timestamptz - interval '30 days',
              CASE WHEN i % 10 = 0 THEN $3::timestamptz - interval '1 day' END, CASE WHEN i % 10 = 0 THEN 'back-office' END,
              CASE WHEN i % 7 = 0 THEN $3::timestamptz - interval '2 days' END,
              CASE WHEN i % 11 = 0 THEN $3::timestamptz - interval '1 day' END
       FROM generate_series(0, $4 - 1) AS i, LATERAL (SELECT $5::date + (i / $6) AS due) AS d`,
      [PIDSL, FIRST_PID, NOW, PER_DUE_DATE * DUE_DAYS, FIRST_DUE, PER_DUE_DATE],
    );
    const before: Row[] = await db().query(
      `SELECT request_id, status, to_char(due_date, 'YYYY-MM-DD') AS due_date, sla_warning_at IS NOT NULL AS warned,
              sla_breached_at IS NOT NULL AS breached
       FROM link_request.link_requests WHERE pidsl = $1`,
      [PIDSL],
    );
    // What the per-request sweep decided, request by request, with the calendar's slaState.
    const open = before.filter((r) => r.status === 'SUBMITTED' && !r.breached);
    const toBreach = open.filter((r) => calendar.slaState(today, r.due_date) === 'BREACHED');
    const toWarn = open.filter((r) => calendar.slaState(today, r.due_date) === 'WARNING' && !r.warned);
    expect(toBreach.length).toBeGreaterThan(SLA_SWEEP_CHUNK);
    expect(toWarn.length).toBeGreaterThan(0);

    const sweep = service.app.get(CheckLinkRequestSla);
    // Each chunk marks its requests in one statement (the per-request sweep called this once per request).
    const marks = jest.spyOn(LinkRequestRepository.prototype as unknown as { markSla: () => Promise<string[]> }, 'markSla');
    // Two sweeps at once (two instances): each request is taken by one of them.
    const [first, second] = await Promise.all([sweep.sweep(), sweep.sweep()]);
    expect(first.breached + second.breached).toBeGreaterThanOrEqual(toBreach.length);
    expect(first.warned + second.warned).toBeGreaterThanOrEqual(toWarn.length);
    // One statement per chunk of requests (and one that finds none), in each sweep; not one per request.
    const chunks = Math.ceil(toBreach.length / SLA_SWEEP_CHUNK) + Math.ceil(toWarn.length / SLA_SWEEP_CHUNK) + 2;
    expect(marks.mock.calls.length).toBeLessThanOrEqual(2 * chunks);
    marks.mockRestore();
    // And again: nothing is left to report.
    expect(await sweep.sweep()).toEqual({ warned: 0, breached: 0 });

    const ids = before.map((r) => r.request_id);
    const events: { topic: string; key: string; payload: Record<string, unknown> }[] = await db().query(
      `SELECT topic, message_key AS key, payload FROM link_request.outbox WHERE topic = ANY($1) AND payload->>'requestId' = ANY($2)`,
      [[Topics.LinkRequestSlaWarning, Topics.LinkRequestSlaBreached], ids],
    );
    const eventsOf = (topic: string) => events.filter((e) => e.topic === topic);
    const idsOf = (rows: { request_id: string }[]) => rows.map((r) => r.request_id).sort();
    expect(eventsOf(Topics.LinkRequestSlaBreached).map((e) => e.payload['requestId']).sort()).toEqual(idsOf(toBreach));
    expect(eventsOf(Topics.LinkRequestSlaWarning).map((e) => e.payload['requestId']).sort()).toEqual(idsOf(toWarn));

    // The payloads are built in SQL: each is a valid event of its class, keyed by the PID/SL.
    const dueOf = new Map(before.map((r) => [r.request_id, r.due_date]));
    for (const event of events) {
      const payloadClass = event.topic === Topics.LinkRequestSlaWarning ? LinkRequestSlaWarningV1 : LinkRequestSlaBreachedV1;
      expect(validateSync(plainToInstance(payloadClass, event.payload), { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
      const dueDate = dueOf.get(String(event.payload['requestId'])) ?? 'unknown';
      expect(event).toMatchObject({ key: PIDSL, payload: { pidsl: PIDSL, dueDate, detectedAt: NOW.toISOString() } });
      if (event.topic === Topics.LinkRequestSlaWarning) {
        expect(event.payload['businessDaysRemaining']).toBe(calendar.businessDaysBetween(today, dueDate));
      }
    }

    // Flags and history: exactly the requests announced, once each; decided requests untouched.
    const after: (Row & { history: string[] })[] = await db().query(
      `SELECT r.request_id, r.status, sla_warning_at IS NOT NULL AS warned, sla_breached_at IS NOT NULL AS breached,
              coalesce((SELECT array_agg(h.action ORDER BY h.seq) FROM link_request.link_request_history h
                        WHERE h.request_id = r.request_id), '{}') AS history
       FROM link_request.link_requests r WHERE pidsl = $1`,
      [PIDSL],
    );
    const breachSet = new Set(idsOf(toBreach));
    const warnSet = new Set(idsOf(toWarn));
    const was = new Map(before.map((r) => [r.request_id, r]));
    for (const row of after) {
      const old = was.get(row.request_id) ?? { warned: false, breached: false };
      const expected = [...(warnSet.has(row.request_id) ? ['SLA_WARNING'] : []), ...(breachSet.has(row.request_id) ? ['SLA_BREACHED'] : [])];
      expect({ id: row.request_id, history: row.history }).toEqual({ id: row.request_id, history: expected });
      expect(row.warned).toBe(old.warned || warnSet.has(row.request_id));
      expect(row.breached).toBe(old.breached || breachSet.has(row.request_id));
      if (row.status !== 'SUBMITTED') expect([row.warned, row.breached, row.history]).toEqual([old.warned, old.breached, []]);
    }
  });
});
