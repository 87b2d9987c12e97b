import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { deadLetterTopicOf, Topics } from '@rosterlink/contracts';
import { eventually, KafkaProbe, ServiceProcess, testStack } from '@rosterlink/testing';
import { runDlq } from '../dlq/cli';
import { DeadLetter, formatCoordinates } from '../dlq/dead-letters';
import { endOffsetTotal, kafkaClient, readDeadLetters } from '../dlq/dlq-kafka';

/** Read by two consumer groups: upload-service (tracks the case) and notification-service (tells the group). */
const TOPIC = Topics.RosterImportCompleted;
const DLQ = deadLetterTopicOf(TOPIC);
const GROUP = '110000093';
const CASE = `RI-2031-${String(Date.now() % 1_000_000).padStart(6, '0')}`;
const REPLAYED_BY = 'sre-on-call@example.org';

/**
 * A dead letter replayed by `npm run dlq -- replay` reaches the consumer that dead-lettered it and no other:
 * roster-import.completed.v1 is read by upload-service (A) and notification-service (B). A handles an event;
 * B's handler fails on it (its notifications table refuses that case, as a bug or a broken dependency would)
 * until B dead-letters it. The failure is fixed, the SRE replays the dead letter: B handles it once, A skips
 * it as a duplicate (same ce_id, found in its inbox), and the audit file says who replayed it. A dry run, and a
 * replay without --by, send nothing.
 */
describe('a dead letter replayed by the dlq tool', () => {
  const stack = testStack();
  const probe = new KafkaProbe();
  const kafka = kafkaClient(stack.kafkaBrokers);
  const db = new Client({ connectionString: stack.databaseUrl });
  const auditFile = join(mkdtempSync(join(tmpdir(), 'rosterlink-dlq-')), 'dlq-replays.jsonl');
  const env = { KAFKA_BROKERS: stack.kafkaBrokers, KAFKA_TOPIC_PREFIX: stack.topicPrefix, DLQ_AUDIT_FILE: auditFile };
  let a: ServiceProcess;
  let b: ServiceProcess;
  const eventId = randomUUID();

  /** Runs the tool as `npm run dlq -- …` would, collecting what it prints. */
  async function dlq(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDlq(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await db.query(sql, params)).rows[0].count);
  const inboxRows = (schema: string, consumer: string, id: string) =>
    count(`SELECT count(*) FROM ${schema}.inbox WHERE consumer = $1 AND event_id = $2`, [consumer, id]);
  const notifications = () => count(`SELECT count(*) FROM notification.notifications WHERE subject_ref = $1`, [CASE]);

  /** A service's `rosterlink_events_consumed_total` for TOPIC and one outcome. */
  async function consumed(service: ServiceProcess, outcome: 'handled' | 'duplicate' | 'dead_lettered'): Promise<number> {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('rosterlink_events_consumed_total{') && l.includes(`topic="${TOPIC}"`) && l.includes(`outcome="${outcome}"`));
    return line ? Number(line.trim().split(/\s+/).pop()) : 0;
  }

  async function deadLetterOfEvent(): Promise<DeadLetter | undefined> {
    const [letter] = await readDeadLetters(kafka, stack.topicPrefix, [DLQ], (l) => l.headers['ce_id'] === eventId);
    return letter;
  }

  beforeAll(async () => {
    await db.connect();
    [a, b] = await Promise.all([
      ServiceProcess.start('upload-service'),
      // Two attempts, not five: the dead letter comes within a second.
      ServiceProcess.start('notification-service', { EVENT_HANDLER_MAX_ATTEMPTS: '2' }),
    ]);
    // B's bug: its notifications table refuses this case (a trigger, dropped below as the fix).
    await db.query(`
      CREATE FUNCTION notification.dlq_e2e_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject_ref = '${CASE}' THEN RAISE EXCEPTION 'dlq e2e: notifications refused for this case'; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER dlq_e2e_refuse BEFORE INSERT ON notification.notifications FOR EACH ROW EXECUTE FUNCTION notification.dlq_e2e_refuse()`);
  }, 180_000);

  afterAll(async () => {
    await db.query('DROP TRIGGER IF EXISTS dlq_e2e_refuse ON notification.notifications').catch(() => undefined);
    await db.query('DROP FUNCTION IF EXISTS notification.dlq_e2e_refuse()').catch(() => undefined);
    await db.end();
    await probe.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('reaches the consumer that dead-lettered it, once, and not the one that handled it; a dry run sends nothing', async () => {
    await probe.publish(
      TOPIC,
      GROUP,
      {
        caseNumber: CASE,
        uploadId: randomUUID(),
        groupId: GROUP,
        importType: 'ADD_UPDATE',
        status: 'COMPLETED',
        counts: { rows: 3, created: 2, updated: 1, terminated: 0, errors: 0 },
        completedAt: new Date().toISOString(),
      },
      eventId,
    );

    // A handled it; B dead-lettered it (its own KafkaEventServer wrote the dead letter).
    await eventually(async () => expect(await inboxRows('roster_upload', 'upload-service', eventId)).toBe(1), { timeoutMs: 30_000 });
    const letter = await eventually(
      async () => {
        const found = await deadLetterOfEvent();
        if (!found) throw new Error('no dead letter yet');
        return found;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(letter.headers).toMatchObject({ dlq_consumer: 'notification-service', dlq_source_topic: TOPIC, dlq_attempts: '2' });
    expect(await inboxRows('notification', 'notification-service', eventId)).toBe(0);
    expect(await notifications()).toBe(0);
    const at = formatCoordinates(letter);

    // The SRE finds it: listed by coordinates and reason, never its payload.
    const listed = await dlq('list', '--topic', TOPIC, '--consumer', 'notification-service', '--error', 'refused for this case');
    expect(listed.code).toBe(0);
    expect(listed.out.filter((l) => l.startsWith(`${at} `))).toHaveLength(1);
    expect(listed.out.join('\n')).not.toContain(CASE);
    const shown = await dlq('show', at);
    expect(shown.code).toBe(0);
    expect(shown.out.join('\n')).toContain(`"caseNumber": "${CASE}"`);

    // B's failure is fixed.
    await db.query('DROP TRIGGER dlq_e2e_refuse ON notification.notifications');

    const aInboxBefore = (await db.query(`SELECT received_at FROM roster_upload.inbox WHERE consumer = 'upload-service' AND event_id = $1`, [eventId])).rows;
    const aHandled = await consumed(a, 'handled');
    const aDuplicates = await consumed(a, 'duplicate');
    const bHandled = await consumed(b, 'handled');
    const sourceEnd = await endOffsetTotal(kafka, stack.topicPrefix, [TOPIC]);

    // A dry run and a replay without --by send nothing and record nothing.
    const dry = await dlq('replay', at, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out[0]).toBe(`would replay ${at}  -> ${TOPIC}:${letter.headers['dlq_source_partition']}  ce_id=${eventId}  consumer=notification-service`);
    const anonymous = await dlq('replay', at);
    expect(anonymous.code).toBe(2);
    expect(anonymous.err[0]).toMatch(/--by/);
    expect(await endOffsetTotal(kafka, stack.topicPrefix, [TOPIC])).toBe(sourceEnd);
    expect(existsSync(auditFile)).toBe(false);

    // The replay.
    const replayStartedAt = new Date();
    const replayed = await dlq('replay', at, '--by', REPLAYED_BY);
    expect(replayed.err).toEqual([]);
    expect(replayed.code).toBe(0);
    expect(await endOffsetTotal(kafka, stack.topicPrefix, [TOPIC])).toBe(sourceEnd + 1n);

    // B handles it: its notification appears; A reads it and skips it as a duplicate.
    await eventually(async () => {
      expect(await notifications()).toBe(1);
      expect(await consumed(a, 'duplicate')).toBe(aDuplicates + 1);
    }, { timeoutMs: 30_000, intervalMs: 250 });
    // B: handled exactly once — one inbox row, one notification (with the event's id), one more handled event.
    expect(await inboxRows('notification', 'notification-service', eventId)).toBe(1);
    expect((await db.query('SELECT notification_id FROM notification.notifications WHERE subject_ref = $1', [CASE])).rows).toEqual([{ notification_id: eventId }]);
    expect(await consumed(b, 'handled')).toBe(bHandled + 1);
    // A: not handled twice — the same inbox row, received when it first came, nothing new handled.
    expect((await db.query(`SELECT received_at FROM roster_upload.inbox WHERE consumer = 'upload-service' AND event_id = $1`, [eventId])).rows).toEqual(aInboxBefore);
    expect(await count(`SELECT count(*) FROM roster_upload.inbox WHERE consumer = 'upload-service' AND topic = $1 AND received_at >= $2`, [TOPIC, replayStartedAt])).toBe(0);
    expect(await consumed(a, 'handled')).toBe(aHandled);

    // Who replayed what: a line in the audit file, the same as printed.
    const audit = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit).toEqual([
      expect.objectContaining({ by: REPLAYED_BY, from: at, eventId, consumer: 'notification-service', to: expect.objectContaining({ topic: TOPIC }) }),
    ]);
    expect(replayed.out).toContain(JSON.stringify(audit[0]));

    // The replayed message on the topic: the original CloudEvents headers, and where it came from.
    const messages = await probe.messages(TOPIC);
    const copies = messages.filter((m) => m.headers['ce_id'] === eventId);
    expect(copies).toHaveLength(2);
    expect(copies[1].headers).toMatchObject({ dlq_replayed_by: REPLAYED_BY, dlq_replayed_from: at, ce_type: TOPIC });
    expect(Object.keys(copies[1].headers).filter((h) => h.startsWith('dlq_') && !h.startsWith('dlq_replayed_'))).toEqual([]);
    expect(copies[1].partition).toBe(copies[0].partition);
  });
});
