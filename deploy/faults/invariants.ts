import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@rosterlink/contracts';
import type { LoopbackMailbox } from '@rosterlink/testing';
import type { EventLedger } from './event-ledger';
import type { PrivateStack } from './private-stack';

/** A progress line on stderr, live while the drills run (Jest would buffer console.log). */
export function progress(message: string): void {
  process.stderr.write(`[fault drills] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/**
 * One broken promise: something accepted that is missing, something that happened twice, or
 * two events of one key applied in the wrong order.
 */
export interface Violation {
  kind: 'lost' | 'duplicated' | 'disordered';
  /** Names the thing, so the same violation found twice is counted once. */
  key: string;
  detail: string;
  /** Operations it stands for (rows of an import), 1 by default. */
  count?: number;
}

export const lost = (key: string, detail: string, count = 1): Violation => ({ kind: 'lost', key, detail, count });
export const duplicated = (key: string, detail: string, count = 1): Violation => ({ kind: 'duplicated', key, detail, count });
export const disordered = (key: string, detail: string, count = 1): Violation => ({ kind: 'disordered', key, detail, count });

export interface Checked {
  violations: Violation[];
  /** Same-id redeliveries seen on the topics (at-least-once; harmless to idempotent consumers). */
  redeliveries: number;
}

/**
 * The system-wide promises, counted with SQL over the services' schemas and with the events on
 * the topics (the ledger), over everything the run has done so far:
 *  - every accepted upload has exactly one case, one roster.uploaded.v1 and one case-created.v1;
 *  - every processed case applied its rows once: one practitioner row and one
 *    practitioner.affiliated.v1 per row, one roster-import.completed.v1, one roster notification;
 *  - every decided request has one letter, SENT, one link-request.processed.v1 and one letter.sent.v1,
 *    and the letter reached its channel once (one e-mail in the mailbox, or its mail-house manifest);
 *  - every SLA warning and breach was emitted once (flag, event, notification, team e-mail).
 */
export async function checkInvariants(
  stack: PrivateStack,
  ledger: EventLedger,
  mailbox?: LoopbackMailbox,
  mailHouseOutbox?: string,
): Promise<Checked> {
  await ledger.catchUp();
  const violations: Violation[] = [];
  const eventCount = (topic: Parameters<EventLedger['count']>[0], subject: string, what: string, key: string) => {
    const n = ledger.count(topic, subject);
    if (n === 0) violations.push(lost(key, `${what}: no ${topic}`));
    if (n > 1) violations.push(duplicated(key, `${what}: ${n} distinct ${topic} events`));
  };

  // Uploads and their cases.
  const uploads = await stack.sql<{ upload_id: string; cases: number; case_number: string | null }>(`
    SELECT u.upload_id, count(c.case_number)::int AS cases, min(c.case_number) AS case_number
    FROM roster_upload.roster_uploads u LEFT JOIN roster_import.cases c ON c.upload_id = u.upload_id
    GROUP BY u.upload_id`);
  for (const u of uploads) {
    const key = `upload:${u.upload_id}`;
    if (u.cases === 0) violations.push(lost(key, `accepted upload ${u.upload_id} has no case`));
    if (u.cases > 1) violations.push(duplicated(key, `upload ${u.upload_id} has ${u.cases} cases`));
    eventCount(Topics.RosterUploaded, u.upload_id, `upload ${u.upload_id}`, `${key}:uploaded-event`);
    if (u.cases > 0) eventCount(Topics.RosterImportCaseCreated, u.upload_id, `case of upload ${u.upload_id}`, `${key}:case-event`);
  }
  const ghosts = await stack.sql<{ case_number: string }>(`
    SELECT c.case_number FROM roster_import.cases c
    WHERE NOT EXISTS (SELECT 1 FROM roster_upload.roster_uploads u WHERE u.upload_id = c.upload_id)`);
  for (const g of ghosts) violations.push(duplicated(`case:${g.case_number}:ghost`, `case ${g.case_number} has no stored upload`));

  // Processed cases: rows applied exactly once.
  const affiliatedByCase = new Map<string, { events: number; duplicates: number }>();
  for (const subject of ledger.subjects(Topics.PractitionerAffiliated)) {
    const caseNumber = subject.slice(0, subject.indexOf('/'));
    const entry = affiliatedByCase.get(caseNumber) ?? { events: 0, duplicates: 0 };
    entry.events++;
    if (ledger.count(Topics.PractitionerAffiliated, subject) > 1) entry.duplicates++;
    affiliatedByCase.set(caseNumber, entry);
  }
  const cases = await stack.sql<{ case_number: string; status: string; import_type: string; row_count: number; applied: number; practitioners: number }>(`
    SELECT c.case_number, c.status, c.import_type, c.row_count,
           c.created_count + c.updated_count + c.terminated_count AS applied,
           (SELECT count(*)::int FROM roster_import.practitioners p WHERE p.last_case_number = c.case_number) AS practitioners
    FROM roster_import.cases c WHERE c.status IN ('COMPLETED', 'REJECTED', 'FAILED')`);
  const notified = new Map(
    (await stack.sql<{ subject_ref: string; n: number }>(
      `SELECT subject_ref, count(*)::int AS n FROM notification.notifications WHERE kind LIKE 'roster-%' GROUP BY subject_ref`,
    )).map((r) => [r.subject_ref, r.n]),
  );
  for (const c of cases) {
    const key = `case:${c.case_number}`;
    eventCount(Topics.RosterImportCompleted, c.case_number, `case ${c.case_number}`, `${key}:completed-event`);
    const notifications = notified.get(c.case_number) ?? 0;
    if (notifications === 0) violations.push(lost(`${key}:notification`, `case ${c.case_number} (${c.status}) has no notification`));
    if (notifications > 1) violations.push(duplicated(`${key}:notification`, `case ${c.case_number} has ${notifications} notifications`));
    if (c.status !== 'COMPLETED') continue;
    const events = affiliatedByCase.get(c.case_number) ?? { events: 0, duplicates: 0 };
    if (c.applied !== c.row_count) violations.push(lost(`${key}:rows`, `case ${c.case_number} applied ${c.applied} of ${c.row_count} rows`, c.row_count - c.applied));
    if (events.events < c.applied) {
      violations.push(lost(`${key}:affiliated`, `case ${c.case_number}: ${events.events} practitioner.affiliated.v1 for ${c.applied} rows`, c.applied - events.events));
    }
    if (events.events > c.applied) {
      violations.push(duplicated(`${key}:affiliated-extra`, `case ${c.case_number}: ${events.events} practitioner.affiliated.v1 for ${c.applied} rows`, events.events - c.applied));
    }
    if (events.duplicates > 0) {
      violations.push(duplicated(`${key}:affiliated-dup`, `case ${c.case_number}: ${events.duplicates} rows announced twice`, events.duplicates));
    }
    if (c.import_type === 'ADD_UPDATE' && c.practitioners !== c.applied) {
      violations.push(lost(`${key}:practitioners`, `case ${c.case_number}: ${c.practitioners} practitioner rows for ${c.applied} applied`, Math.abs(c.applied - c.practitioners)));
    }
  }

  // Decisions and their letters.
  const decided = await stack.sql<{ request_id: string; letters: number; sent: number }>(`
    SELECT r.request_id, count(l.letter_id)::int AS letters, count(l.letter_id) FILTER (WHERE l.status = 'SENT')::int AS sent
    FROM link_request.link_requests r LEFT JOIN notification.letters l ON l.request_id = r.request_id
    WHERE r.status <> 'SUBMITTED' GROUP BY r.request_id`);
  for (const d of decided) {
    const key = `decision:${d.request_id}`;
    if (d.letters === 0) violations.push(lost(`${key}:letter`, `decided request ${d.request_id} has no letter`));
    else if (d.sent === 0) violations.push(lost(`${key}:letter`, `the letter of request ${d.request_id} was never sent`));
    if (d.letters > 1) violations.push(duplicated(`${key}:letter`, `request ${d.request_id} has ${d.letters} letters`));
    eventCount(Topics.LinkRequestProcessed, d.request_id, `decision on ${d.request_id}`, `${key}:processed-event`);
    if (d.sent > 0) eventCount(Topics.LetterSent, d.request_id, `letter of ${d.request_id}`, `${key}:sent-event`);
  }
  const sentLetters = await stack.sql<{ letter_id: string; channel: string }>(`SELECT letter_id, channel FROM notification.letters WHERE status = 'SENT'`);
  const mailsByLetter = new Map<string, number>();
  for (const mail of mailbox?.received ?? []) {
    for (const a of mail.attachments) {
      const id = /^letter-(.+)\.pdf$/.exec(a.filename ?? '')?.[1];
      if (id) mailsByLetter.set(id, (mailsByLetter.get(id) ?? 0) + 1);
    }
  }
  for (const letter of sentLetters) {
    const key = `letter:${letter.letter_id}:delivery`;
    if (letter.channel === 'EMAIL' && mailbox) {
      const n = mailsByLetter.get(letter.letter_id) ?? 0;
      if (n === 0) violations.push(lost(key, `letter ${letter.letter_id} marked SENT by e-mail, never received`));
      if (n > 1) violations.push(duplicated(key, `letter ${letter.letter_id} e-mailed ${n} times`, n - 1));
    }
    if (letter.channel === 'PRINT_MAIL' && mailHouseOutbox && !existsSync(join(mailHouseOutbox, `${letter.letter_id}.manifest.jsonl`))) {
      violations.push(lost(key, `letter ${letter.letter_id} marked SENT to print and mail, not in the mail-house outbox`));
    }
  }
  const decidedIds = new Set(decided.map((d) => d.request_id));
  for (const requestId of ledger.subjects(Topics.LetterSent)) {
    if (!decidedIds.has(requestId)) violations.push(duplicated(`letter-sent:${requestId}`, `letter.sent.v1 for undecided request ${requestId}`));
  }

  // SLA warnings and breaches.
  const flagged = await stack.sql<{ request_id: string; warned: boolean; breached: boolean }>(`
    SELECT request_id, sla_warning_at IS NOT NULL AS warned, sla_breached_at IS NOT NULL AS breached
    FROM link_request.link_requests WHERE sla_warning_at IS NOT NULL OR sla_breached_at IS NOT NULL`);
  const slaNotes = new Map(
    (await stack.sql<{ ref: string; n: number }>(
      `SELECT kind || '/' || subject_ref AS ref, count(*)::int AS n FROM notification.notifications
       WHERE kind IN ('sla-warning', 'sla-breached') GROUP BY 1`,
    )).map((r) => [r.ref, r.n]),
  );
  for (const f of flagged) {
    for (const [flag, topic, kind] of [
      [f.warned, Topics.LinkRequestSlaWarning, 'sla-warning'],
      [f.breached, Topics.LinkRequestSlaBreached, 'sla-breached'],
    ] as const) {
      if (!flag) continue;
      const key = `${kind}:${f.request_id}`;
      eventCount(topic, f.request_id, `${kind} of ${f.request_id}`, `${key}:event`);
      const n = slaNotes.get(`${kind}/${f.request_id}`) ?? 0;
      if (n === 0) violations.push(lost(`${key}:notification`, `${kind} of ${f.request_id} has no notification`));
      if (n > 1) violations.push(duplicated(`${key}:notification`, `${kind} of ${f.request_id} has ${n} notifications`));
    }
  }
  const flaggedIds = new Map(flagged.map((f) => [f.request_id, f]));
  for (const [topic, flag] of [[Topics.LinkRequestSlaWarning, 'warned'], [Topics.LinkRequestSlaBreached, 'breached']] as const) {
    for (const requestId of ledger.subjects(topic)) {
      if (!flaggedIds.get(requestId)?.[flag]) violations.push(duplicated(`${topic}:${requestId}:unflagged`, `${topic} for ${requestId}, whose flag is unset`));
    }
  }
  const alerts = await stack.sql<{ notification_id: string; status: string }>(
    `SELECT notification_id, status FROM notification.team_alert_emails`,
  );
  for (const a of alerts) {
    const key = `team-alert:${a.notification_id}`;
    if (a.status !== 'SENT') violations.push(lost(key, `team alert e-mail ${a.notification_id} is ${a.status}`));
    if (mailbox) {
      const n = mailbox.received.filter((m) => m.messageId === `<sla-alert-${a.notification_id}@rosterlink>`).length;
      if (a.status === 'SENT' && n === 0) violations.push(lost(`${key}:mail`, `team alert e-mail ${a.notification_id} marked SENT, not received`));
      if (n > 1) violations.push(duplicated(`${key}:mail`, `team alert e-mail ${a.notification_id} received ${n} times`));
    }
  }
  return { violations, redeliveries: ledger.redeliveries() };
}

/**
 * Waits until nothing is in flight: every outbox published, every consumer group caught up, no
 * case PROCESSING, no letter or team e-mail unfinished. Returns what was still busy on timeout
 * (empty when the system settled). `tend` runs between polls (it restarts a crashed service).
 */
export async function waitForQuiet(
  stack: PrivateStack,
  consumerLag: () => Promise<Record<string, number>>,
  timeoutMs: number,
  tend: () => Promise<void> = async () => undefined,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  let lastLog = Date.now();
  for (;;) {
    const [row] = await stack.sql<Record<string, number>>(`
      SELECT (SELECT count(*) FROM roster_upload.outbox WHERE published_at IS NULL)::int AS "upload-service outbox",
             (SELECT count(*) FROM roster_import.outbox WHERE published_at IS NULL)::int AS "import-service outbox",
             (SELECT count(*) FROM link_request.outbox WHERE published_at IS NULL)::int AS "link-request-service outbox",
             (SELECT count(*) FROM notification.outbox WHERE published_at IS NULL)::int AS "notification-service outbox",
             (SELECT count(*) FROM roster_import.cases WHERE status = 'PROCESSING')::int AS "cases PROCESSING",
             (SELECT count(*) FROM notification.letters WHERE status IN ('PENDING', 'RENDERED'))::int AS "letters unsent",
             (SELECT count(*) FROM notification.team_alert_emails WHERE status = 'PENDING')::int AS "team e-mails unsent"`);
    const lag = await consumerLag().catch(() => ({ 'consumer lag': -1 }) as Record<string, number>);
    const busy = [
      ...Object.entries(row).filter(([, n]) => Number(n) !== 0).map(([what, n]) => `${what}: ${n}`),
      ...Object.entries(lag).filter(([, n]) => n !== 0).map(([group, n]) => `${group} lag: ${n < 0 ? 'unknown' : n}`),
    ];
    if (busy.length === 0) {
      quietSince ||= Date.now();
      // Quiet for a while: an event just consumed may still be queuing its job.
      if (Date.now() - quietSince >= 1500) return [];
    } else {
      quietSince = 0;
    }
    if (Date.now() > deadline) return busy;
    await tend();
    if (busy.length > 0 && Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      progress(`settling: ${busy.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
