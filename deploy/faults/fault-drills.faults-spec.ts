import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { businessDateOf } from '@rosterlink/contracts';
import { rosterCsv } from '@rosterlink/testing';
import { Drill, drillScale, ROSTER_GROUP } from './drill';
import { SERVICE_NAMES, ServiceName } from './drill-service';
import { duplicated, lost, progress, Violation } from './invariants';
import { twoReplicasDrill } from './replicas';
import { DrillRow, formatTable, RESULTS_FILE, saveRows } from './table';

/**
 * The fault drills: real services as processes against a private PostgreSQL, Redis and Kafka,
 * each drill one fault in the middle of real work, then the invariants (nothing accepted is lost,
 * nothing happens twice). `FAULT_DRILL_SCALE=full` (npm run test:faults) or `short` (npm test).
 * The table goes to .local/faults/drill-table.txt and the table reporter prints it.
 */
const scale = drillScale();
const drill = new Drill(scale);
const sizes = drill.sizes;
const runStarted = Date.now();
let setUpError: unknown;

beforeAll(async () => {
  try {
    await drill.setUp();
  } catch (error) {
    setUpError = error;
  }
}, 600_000);

afterAll(async () => {
  let open: Violation[] | undefined;
  if (!setUpError && drill.rows.some((r) => !r.ok)) open = await drill.stillOpen().catch(() => undefined);
  saveRows(scale, drill.rows, runStarted);
  writeFileSync(RESULTS_FILE.replace(/\.json$/, '.txt'), formatTable(scale, drill.rows, (Date.now() - runStarted) / 1000, open));
  await drill.tearDown();
}, 300_000);

type Body = (started: number) => Promise<DrillRow>;

/** One drill: its row, or a "could not run" row when it threw; fails the test unless the row is clean. */
function drillCase(scenario: string, fault: string, body: Body, { inShort = true } = {}): void {
  // The short run (inside npm test) leaves out the slowest drills; their faults are still covered
  // by a sibling (a kill -9 by the other kills, a PostgreSQL restart by the one during decisions).
  if (scale === 'short' && !inShort) return;
  const timeoutMs = scale === 'full' ? 3_600_000 : 600_000;
  it(scenario, async () => {
    const started = Date.now();
    let row: DrillRow | undefined;
    try {
      if (setUpError) throw setUpError;
      row = await body(started);
    } catch (error) {
      row = {
        scenario,
        fault,
        attempted: '—',
        accepted: '—',
        lost: 0,
        duplicated: 0,
        ok: false,
        notes: [`could not run: ${String((error as Error).message ?? error).split('\n')[0]}`],
        seconds: (Date.now() - started) / 1000,
      };
      drill.rows.push(row);
      await drill.reviveCrashed().catch(() => undefined);
      throw error;
    }
    if (!row.ok) throw new Error(`${scenario} (${fault}):\n  ${row.notes.join('\n  ')}`);
  }, timeoutMs);
}

/** Runs `fault` in the background once `when` says so; `settled` waits for it. */
function trigger(fault: () => Promise<void>) {
  let running: Promise<void> | undefined;
  return {
    fire() {
      running ??= fault();
    },
    get fired() {
      return running !== undefined;
    },
    async settled() {
      await running;
    },
  };
}

const restart = (name: ServiceName, downMs = 500) => async () => {
  await drill.service(name).kill();
  await sleep(downMs);
  await drill.service(name).start();
};

describe(`fault drills (${scale})`, () => {
  drillCase('upload burst', 'kill -9 upload-service mid-burst, restart', async (started) => {
    const n = sizes.uploadBurst;
    const fault = trigger(restart('upload-service'));
    const burst = await drill.uploadBurst(n, 6, (done) => done >= Math.floor(n / 3) && fault.fire());
    await fault.settled();
    const own = await drill.uploadsStored(burst.uploadIds);
    return drill.verdict({ scenario: 'upload burst', fault: 'kill -9 upload-service, restart', attempted: `${n} uploads`, accepted: `${burst.accepted} uploads` }, started, own);
  });

  drillCase('large roster import', 'kill -9 import-service mid-import, restart', async (started) => {
    const rows = sizes.importRows;
    const caseNumber = await drill.openImport(rows);
    const answer = await drill.startImport(caseNumber);
    if (answer.status !== 202) throw new Error(`Process Roster Import answered ${answer.status}`);
    const midway = await drill.importMidway(caseNumber);
    await restart('import-service')();
    const own = await drill.importFinished(caseNumber, rows);
    const row = await drill.verdict(
      { scenario: 'large roster import', fault: 'kill -9 import-service, restart', attempted: `${rows} rows`, accepted: `${rows} rows` },
      started,
      own,
    );
    if (!midway) row.notes.push('note: the job finished before the kill landed');
    return row;
  });

  drillCase('back-office decisions', 'kill -9 link-request-service mid-decisions, restart', async (started) => {
    const ids = await drill.submitLinkRequests(sizes.decisions);
    const fault = trigger(restart('link-request-service'));
    const decided = await drill.decideAll(ids, 4, (done) => done >= Math.floor(ids.length / 3) && fault.fire());
    await fault.settled();
    const own = await drill.decisionsRecorded(decided.accepted);
    return drill.verdict(
      { scenario: 'back-office decisions', fault: 'kill -9 link-request-service, restart', attempted: `${ids.length} decisions`, accepted: `${decided.accepted.length} decisions` },
      started,
      own,
    );
  });

  drillCase('letters', 'kill -9 notification-service while letters render and go out, restart', async (started) => {
    const ids = await drill.submitLinkRequests(sizes.decisions);
    const before = await letterCount();
    const decided = await drill.decideAll(ids, 4);
    // The kill lands once the first of these letters exists, while the rest are still on their way.
    await drill.until(async () => (await letterCount()) > before, 60_000, 'the first letter');
    const [{ unsent }] = await drill.stack.sql<{ unsent: number }>(`SELECT count(*)::int AS unsent FROM notification.letters WHERE status <> 'SENT'`);
    await restart('notification-service', 1000)();
    const own = await drill.decisionsRecorded(decided.accepted);
    const row = await drill.verdict(
      { scenario: 'letters', fault: 'kill -9 notification-service, restart', attempted: `${ids.length} decisions`, accepted: `${decided.accepted.length} letters` },
      started,
      own,
    );
    if (unsent === 0) row.notes.push('note: every letter was already sent when the kill landed');
    return row;
  }, { inShort: false });

  drillCase('upload burst, broker away', 'Kafka broker stopped mid-burst, started again', async (started) => {
    const n = sizes.kafkaUploads;
    const fault = trigger(async () => {
      await drill.stack.stopKafka();
      await sleep(scale === 'full' ? 15_000 : 3_000);
      await drill.stack.startKafka();
    });
    const burst = await drill.uploadBurst(n, 6, (done) => done >= Math.floor(n / 4) && fault.fire());
    await fault.settled();
    const own = await drill.uploadsStored(burst.uploadIds);
    return drill.verdict(
      { scenario: 'upload burst, broker away', fault: 'stop Kafka broker mid-burst, start', attempted: `${n} uploads`, accepted: `${burst.accepted} uploads` },
      started,
      own,
    );
  });

  drillCase('roster import, database away', 'PostgreSQL restarted mid-import', async (started) => {
    const rows = sizes.pgImportRows;
    const caseNumber = await drill.openImport(rows);
    const answer = await drill.startImport(caseNumber);
    if (answer.status !== 202) throw new Error(`Process Roster Import answered ${answer.status}`);
    const midway = await drill.importMidway(caseNumber);
    await drill.stack.restartPostgres(5000);
    const own = await drill.importFinished(caseNumber, rows);
    const row = await drill.verdict(
      { scenario: 'roster import, database away', fault: 'restart PostgreSQL (immediate) mid-import', attempted: `${rows} rows`, accepted: `${rows} rows` },
      started,
      own,
    );
    if (!midway) row.notes.push('note: the job finished before the restart landed');
    return row;
  }, { inShort: false });

  drillCase('decisions, database away', 'PostgreSQL restarted mid-decisions', async (started) => {
    const ids = await drill.submitLinkRequests(sizes.decisions);
    // The restart lands while the decided requests' letters are being made (render and delivery jobs
    // in flight), not only between two HTTP requests.
    const fault = trigger(async () => {
      await drill.until(async () => (await lettersInFlight()) > 0, 10_000, 'letters in flight').catch(() => undefined);
      await drill.stack.restartPostgres(5000);
    });
    const decided = await drill.decideAll(ids, 4, (done) => done >= Math.floor(ids.length / 3) && fault.fire());
    await fault.settled();
    const own = await drill.decisionsRecorded(decided.accepted);
    return drill.verdict(
      { scenario: 'decisions, database away', fault: 'restart PostgreSQL (immediate) mid-decisions', attempted: `${ids.length} decisions`, accepted: `${decided.accepted.length} decisions` },
      started,
      own,
    );
  });

  drillCase('jobs pending, Redis flushed', 'FLUSHALL with SLA checks, imports and letter jobs pending', async (started) => {
    // SLA: requests made due (warning) or overdue (breach) by moving their due date, as time
    // itself cannot be moved in another process; the sweep then has work the flush interrupts.
    const sla = await drill.submitLinkRequests(sizes.slaRequests);
    const overdue = sla.slice(0, Math.ceil(sla.length / 2));
    const dueSoon = sla.slice(overdue.length);
    const today = businessDateOf(new Date());
    const next = await drill.http<{ date: string }>('link-request-service', `/business-calendar/add?date=${today}&businessDays=1`);
    if (!next.body?.date) throw new Error(`business calendar answered ${next.status}`);
    const decisions = await drill.submitLinkRequests(sizes.decisions);
    const rows = sizes.redisImportRows;
    const caseNumber = await drill.openImport(rows);

    // Letter jobs pending: with the mail server away, e-mailed letters wait RENDERED between delivery retries,
    // and the breach e-mails to the team wait PENDING.
    await drill.mailbox.stop();
    await drill.stack.sql(`UPDATE link_request.link_requests SET due_date = '2020-01-02' WHERE request_id = ANY($1::uuid[])`, [overdue]);
    await drill.stack.sql(`UPDATE link_request.link_requests SET due_date = $2 WHERE request_id = ANY($1::uuid[])`, [dueSoon, next.body.date]);
    const decided = await drill.decideAll(decisions, 6);
    await drill
      .until(async () => (await pendingDeliveries()) > 0 && (await pendingTeamEmails()) > 0, 30_000, 'letters and team e-mails waiting for the mail server')
      .catch(() => undefined);
    const answer = await drill.startImport(caseNumber);
    if (answer.status !== 202) throw new Error(`Process Roster Import answered ${answer.status}`);
    const midway = await drill.importMidway(caseNumber);
    const [unsent, teamUnsent] = [await pendingDeliveries(), await pendingTeamEmails()];
    await drill.stack.flushRedis();
    await drill.mailbox.start();

    const own: Violation[] = [...(await drill.decisionsRecorded(decided.accepted)), ...(await drill.importFinished(caseNumber, rows))];
    // Every SLA check runs again after the flush (the scheduler is re-declared) and flags each request once.
    const flagged = async () =>
      drill.stack.sql<{ request_id: string; warned: boolean; breached: boolean }>(
        `SELECT request_id, sla_warning_at IS NOT NULL AS warned, sla_breached_at IS NOT NULL AS breached
         FROM link_request.link_requests WHERE request_id = ANY($1::uuid[])`,
        [sla],
      );
    await drill
      .until(async () => (await flagged()).every((r) => (overdue.includes(r.request_id) ? r.breached : r.warned)), 90_000, 'the SLA sweep')
      .catch(() => undefined);
    for (const r of await flagged()) {
      if (overdue.includes(r.request_id) && !r.breached) own.push(lost(`sla-breached:${r.request_id}:flag`, `overdue request ${r.request_id} never breached`));
      if (dueSoon.includes(r.request_id) && !r.warned) own.push(lost(`sla-warning:${r.request_id}:flag`, `request ${r.request_id} due ${next.body.date} never warned`));
    }
    const row = await drill.verdict(
      {
        scenario: 'jobs pending, Redis flushed',
        fault: 'FLUSHALL Redis',
        attempted: `${rows} rows + ${decisions.length} letters + ${sla.length} SLA checks`,
        accepted: `${rows} rows + ${decided.accepted.length} letters + ${sla.length} SLA checks`,
      },
      started,
      own,
    );
    if (!midway) row.notes.push('note: the import finished before the flush');
    if (unsent === 0) row.notes.push('note: no letter was waiting for delivery at the flush');
    if (teamUnsent === 0) row.notes.push('note: no team e-mail was waiting at the flush');
    return row;
  });

  drillCase('two replicas', 'kill -9 one of two link-request-service and of two notification-service mid-batch, restart', (started) =>
    twoReplicasDrill(drill, started),
  );

  drillCase('aborted clients', '50 clients abort uploads and downloads halfway', async (started) => {
    const n = sizes.aborts;
    const uploads = Math.ceil(n / 2);
    const big = rosterCsv(drill.freshRows(3000));
    const [letter] = await drill.stack.sql<{ letter_id: string }>(`SELECT letter_id FROM notification.letters WHERE status = 'SENT' LIMIT 1`);
    const downloads: [ServiceName, string][] = [
      ['upload-service', '/roster-template.xlsx'],
      ['import-service', `/groups/${ROSTER_GROUP}/practitioners?limit=1000`],
      ...(letter ? [['notification-service', `/letters/${letter.letter_id}/pdf`] as [ServiceName, string]] : []),
    ];
    await Promise.all([
      ...Array.from({ length: uploads }, () => abortedUpload(drill.service('upload-service').baseUrl, drill.providerToken, big)),
      ...Array.from({ length: n - uploads }, (_, i) => {
        const [service, path] = downloads[i % downloads.length];
        return abortedDownload(drill.service(service).baseUrl + path, service === 'upload-service' ? undefined : path.startsWith('/letters') ? drill.backOfficeToken : drill.providerToken);
      }),
    ]);
    await sleep(3000);
    const own: Violation[] = [];
    for (const name of SERVICE_NAMES) {
      const service = drill.service(name);
      if (!service.running) continue;
      await service.waitUntilHealthy(30_000).catch(() => own.push(lost(`aborted:${name}:health`, `${name} not healthy after the aborted clients`)));
    }
    // A normal upload afterwards must be served (a crashed service is restarted by the verdict, and the crash fails the drill).
    let accepted = 0;
    if (drill.service('upload-service').running) {
      const outcome = await drill.upload(rosterCsv(drill.freshRows(3)), 'after-aborts.csv');
      if (outcome.status === 202 && outcome.body) {
        accepted = 1;
        own.push(...(await drill.uploadsStored([outcome.body.uploadId])));
      } else own.push(lost('aborted:normal-upload', `a normal upload after the aborted ones answered ${outcome.status} ${outcome.error ?? ''}`));
    }
    return drill.verdict(
      { scenario: 'aborted clients', fault: `${uploads} uploads + ${n - uploads} downloads cut halfway`, attempted: `${n} aborted + 1 upload`, accepted: `${accepted} upload` },
      started,
      own,
    );
  });

  drillCase('replay every topic', 'consumer groups reset to offset 0, services restarted', async (started) => {
    await Promise.all(SERVICE_NAMES.map((name) => drill.service(name).stop()));
    const before = await snapshot();
    progress('replay: services stopped, counts taken; resetting the consumer groups');
    const replayed = await resetConsumerGroups();
    progress(`replay: ${replayed} messages to replay; starting the services`);
    await Promise.all(SERVICE_NAMES.map((name) => drill.service(name).start()));
    const own: Violation[] = [];
    // The verdict waits until every group has caught up again (lag 0), then the counts must not have moved.
    const row = await drill.verdict(
      { scenario: 'replay every topic', fault: 'reset every consumer group to offset 0', attempted: `${replayed} messages`, accepted: `${replayed} messages` },
      started,
      own,
    );
    // Proof that the replay happened: since their restart the services consumed the history again, each as a duplicate.
    const seenAgain = await consumedSinceStart('duplicate');
    if (seenAgain < replayed) row.notes.push(`note: the consumers report ${seenAgain} duplicates skipped for ${replayed} messages replayed`);
    row.accepted = `${seenAgain} skipped as duplicates`;
    const after = await snapshot();
    for (const [what, count] of Object.entries(before)) {
      const now = after[what] ?? 0;
      if (now > count) own.push(duplicated(`replay:${what}`, `${what}: ${count} before the replay, ${now} after`, now - count));
      if (now < count) own.push(lost(`replay:${what}`, `${what}: ${count} before the replay, ${now} after`, count - now));
    }
    if (own.length > 0) {
      row.ok = false;
      row.lost += own.filter((v) => v.kind === 'lost').reduce((n, v) => n + (v.count ?? 1), 0);
      row.duplicated += own.filter((v) => v.kind === 'duplicated').reduce((n, v) => n + (v.count ?? 1), 0);
      row.notes.push(...own.map((v) => `${v.kind.toUpperCase()}: ${v.detail}`));
    }
    return row;
  });
});

/** `rosterlink_events_consumed_total{outcome}` summed over the four services (since their last start). */
async function consumedSinceStart(outcome: 'handled' | 'duplicate'): Promise<number> {
  let total = 0;
  for (const name of SERVICE_NAMES) {
    const text = await (await fetch(`${drill.service(name).baseUrl}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (line.startsWith('rosterlink_events_consumed_total{') && line.includes(`outcome="${outcome}"`)) total += Number(line.split(' ').at(-1));
    }
  }
  return total;
}

/** Letters not yet sent (their render or delivery job queued or running). */
async function lettersInFlight(): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification.letters WHERE status IN ('PENDING', 'RENDERED')`);
  return n;
}

/** Letters rendered whose delivery failed and waits for a retry. */
async function pendingDeliveries(): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification.letters WHERE status = 'RENDERED' AND last_error IS NOT NULL`);
  return n;
}

async function pendingTeamEmails(): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification.team_alert_emails WHERE status = 'PENDING'`);
  return n;
}

async function letterCount(): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM notification.letters');
  return n;
}

/** Row counts of everything a consumed event can create, and of every outbox (a new event is a new effect). */
async function snapshot(): Promise<Record<string, number>> {
  const tables = [
    'roster_upload.roster_uploads', 'roster_upload.outbox', 'roster_upload.provider_groups',
    'roster_import.cases', 'roster_import.practitioners', 'roster_import.case_errors', 'roster_import.outbox', 'roster_import.provider_groups',
    'link_request.link_requests', 'link_request.link_request_history', 'link_request.servicing_links', 'link_request.providers', 'link_request.provider_groups', 'link_request.outbox',
    'notification.letters', 'notification.notifications', 'notification.team_alert_emails', 'notification.letter_resends', 'notification.outbox',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await drill.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  counts['sent letters'] = (await drill.stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notification.letters WHERE status = 'SENT'`))[0].n;
  counts['team e-mails received'] = drill.mailbox.received.length;
  return counts;
}

/**
 * Resets every service's consumer group to the earliest offset of each topic it has read, all
 * groups at once; returns the messages to replay. (kafkajs' admin.setOffsets joins the group once
 * per topic, seconds each; one join per group here does the same: seek while paused, which commits.)
 */
async function resetConsumerGroups(): Promise<number> {
  const kafka = drill.stack.kafka('fault-replay');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const counts = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const groupId = drill.stack.topicPrefix + name;
        const topics = (await admin.fetchOffsets({ groupId })).map((t) => t.topic);
        const offsets = await Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })));
        // Offsets can only be set on an empty group: a stopped service's members may take a moment to leave.
        let state = '';
        await drill.until(async () => {
          state = (await admin.describeGroups([groupId])).groups[0]?.state ?? '';
          return ['Empty', 'Dead'].includes(state);
        }, 60_000, `${groupId} to be empty`).catch((error) => {
          throw new Error(`${(error as Error).message} (state ${state})`);
        });
        const consumer = kafka.consumer({ groupId });
        await consumer.connect();
        try {
          await consumer.subscribe({ topics, fromBeginning: true });
          await new Promise<void>((resolve, reject) => {
            consumer.on(consumer.events.FETCH, () => resolve());
            consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
            consumer.pause(topics.map((topic) => ({ topic })));
            for (const { topic, offsets: partitions } of offsets) {
              for (const o of partitions) consumer.seek({ topic, partition: o.partition, offset: o.low });
            }
          });
          await consumer.stop();
        } finally {
          await consumer.disconnect();
        }
        const after = await admin.fetchOffsets({ groupId, topics });
        for (const t of after) {
          const lows = new Map((offsets.find((o) => o.topic === t.topic)?.offsets ?? []).map((o) => [o.partition, o.low]));
          const wrong = t.partitions.filter((p) => p.offset !== lows.get(p.partition) && !(p.offset === '-1' && lows.get(p.partition) === '0'));
          if (wrong.length > 0) throw new Error(`${groupId} on ${t.topic}: offsets not reset (${JSON.stringify(wrong)})`);
        }
        return offsets.reduce((n, t) => n + t.offsets.reduce((m, o) => m + Number(o.high) - Number(o.low), 0), 0);
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  } finally {
    await admin.disconnect();
  }
}

/** Sends the first half of a multipart upload, then cuts the connection. */
function abortedUpload(baseUrl: string, token: string, csv: string): Promise<void> {
  const boundary = `----drill${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.from(
    field('groupId', ROSTER_GROUP) +
      field('importType', 'ADD_UPDATE') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="aborted.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/roster-uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => (res.resume(), resolve()));
    // Half-way through the file: the service is writing its temporary file when the client goes.
    req.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
  });
}

/** Starts a download, takes its first chunk, then cuts the connection. */
function abortedDownload(url: string, token?: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
      res.once('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.end();
  });
}
