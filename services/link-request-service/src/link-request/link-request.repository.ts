import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  BUSINESS_TIME_ZONE,
  EventPayloads,
  LINK_REQUEST_DEFAULT_SORT,
  LinkRequestDecision,
  LinkRequestKind,
  LinkRequestSort,
  LinkRequestStatus,
  pidOf,
  type PostalAddress,
  ProviderType,
  serviceLocationOf,
  Topics,
} from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { inOneSnapshot, type Page, preparedQuery } from '@rosterlink/platform';
import { linkForSubmissionSql } from '../servicing-link/servicing-link.repository';
import {
  Assignee,
  LinkRequestAction,
  OPEN_STATUS,
  OpenRequestCount,
  QueueSearch,
  SLA_ACTOR,
  Submission,
  SubmissionFacts,
  WarningDueDate,
} from './link-request.rules';
import { DUE_DATE_MOVED, DueDateCandidate, DueDateMove } from './due-date-move.rules';

/** A link request as stored (`link_request.link_requests`), read without entity hydration. */
export interface LinkRequestRecord {
  requestId: string;
  kind: LinkRequestKind;
  pidsl: string;
  groupId: string;
  serviceLocation: string;
  providerPid: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  effectiveDate: string | null;
  endDate: string | null;
  status: LinkRequestStatus;
  submittedAt: Date;
  submittedBy: string;
  dueDate: string;
  attestationVersion: string;
  attestedBy: string;
  attestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
  slaWarningAt: Date | null;
  slaBreachedAt: Date | null;
  /** The analyst working the request, and since when; all three null when nobody is. */
  assigneeId: string | null;
  assigneeName: string | null;
  assignedAt: Date | null;
}

/** What a decision, the SLA sweep and the back office's assignment set later, after the submission. */
const SET_LATER = ['decidedAt', 'decidedBy', 'decisionReason', 'slaWarningAt', 'slaBreachedAt', 'assigneeId', 'assigneeName', 'assignedAt'] as const;

/** A new request: everything but what a decision, the SLA sweep and an assignment set later. */
export type NewLinkRequest = Omit<LinkRequestRecord, (typeof SET_LATER)[number]>;

/** An internal note of the back office on a request, as stored (`link_request.link_request_notes`). */
export interface LinkRequestNoteRecord {
  noteId: string;
  requestId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: Date;
}

/** A row of a request's audit trail: who did what, when, from which status to which. */
export interface LinkRequestHistoryEntry {
  at: Date;
  actor: string;
  action: LinkRequestAction;
  fromStatus: LinkRequestStatus | null;
  toStatus: LinkRequestStatus | null;
  note: string | null;
}

/** Where a decision's letter goes: the group's DBA name and address, and its correspondence e-mail. */
export interface LetterRecipient {
  name: string;
  address: PostalAddress;
  email: string | null;
}

export interface LinkRequestQueueFilter {
  status?: LinkRequestStatus;
  pidsl?: string;
  /** only requests at these locations (a provider user's grants); null or absent: every location */
  locations?: readonly string[] | null;
  /** only open requests past their due date on `today` (true) or all but those (false) */
  overdue?: boolean;
  /** only the requests assigned to this user id; null: only those assigned to nobody; absent: any */
  assigneeId?: string | null;
  /** only open requests due in this range: an SLA state today (the rules' slaDueDateRange); `before` exclusive */
  slaDue?: { onOrAfter?: string; before?: string };
  /** `q` (the rules' queueSearchOf) */
  search?: QueueSearch;
  /** due on or after / on or before (inclusive) */
  dueFrom?: string;
  dueTo?: string;
  /** default `dueDate` */
  sort?: LinkRequestSort;
  today: string;
}

/** The names the provider master projection holds for a request's group and location; null when it does not know them. */
export interface ProviderMasterNames {
  /** the group's legal name */
  groupName: string | null;
  /** the group's DBA name, as the List of Locations shows it */
  dbaName: string | null;
}

/** A request as the queue lists it: the record and the provider master's names. */
export type LinkRequestListing = LinkRequestRecord & ProviderMasterNames;

/** What `GET /link-requests/summary` reads, in one round trip (the rules turn it into the answer). */
export interface LinkRequestSummaryCounts {
  /** Open requests by due date and GREATEST(submission date, `startedBy`): a few rows per due date, however many requests. */
  open: OpenRequestCount[];
  unassigned: number;
  /** Breaches (by `sla_breached_at`) and decisions (by `decided_at`) per week (its Monday), from `fromWeek` through today. */
  weekly: { week: string; breaches: number; decisions: number }[];
}

/** The queue's orders; each ends on the request id, so that paging (and exporting in batches) is stable. */
const QUEUE_ORDER: Record<LinkRequestSort, string> = {
  dueDate: 'r.due_date, r.submitted_at, r.request_id',
  '-dueDate': 'r.due_date DESC, r.submitted_at DESC, r.request_id DESC',
  submittedAt: 'r.submitted_at, r.request_id',
  '-submittedAt': 'r.submitted_at DESC, r.request_id DESC',
  provider: 'lower(r.last_name), lower(r.first_name), r.due_date, r.request_id',
};

/** `text` for a LIKE pattern: its own `%`, `_` and `\` match themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The business date of a timestamp column, in SQL (America/New_York, as businessDateOf). */
const businessDateSql = (column: string) => `(${column} AT TIME ZONE '${BUSINESS_TIME_ZONE}')::date`;
/** The first instant of a business date, in SQL. */
const startOfBusinessDateSql = (date: string) => `((${date})::date::timestamp AT TIME ZONE '${BUSINESS_TIME_ZONE}')`;

/** The provider master's names of a request's group, beside `r`'s record. */
const NAMES = 'g.name AS "groupName", g.dba_name AS "dbaName"';
const WITH_NAMES = 'link_request.link_requests r LEFT JOIN link_request.provider_groups g ON g.pid = r.group_id';

/** An outbox statement's SELECT of `key`, `position` and `payload`, for OutboxPublisher.publishSelected. */
export interface SelectedEvents {
  select: string;
  params: unknown[];
}

/** Requests marked per transaction by the SLA sweep: bounded memory and lock time, whatever the backlog. */
export const SLA_SWEEP_CHUNK = 5000;

const COLUMNS: Record<keyof LinkRequestRecord, string> = {
  requestId: 'request_id',
  kind: 'kind',
  pidsl: 'pidsl',
  groupId: 'group_id',
  serviceLocation: 'service_location',
  providerPid: 'provider_pid',
  npi: 'npi',
  firstName: 'first_name',
  lastName: 'last_name',
  providerType: 'provider_type',
  effectiveDate: 'effective_date',
  endDate: 'end_date',
  status: 'status',
  submittedAt: 'submitted_at',
  submittedBy: 'submitted_by',
  dueDate: 'due_date',
  attestationVersion: 'attestation_version',
  attestedBy: 'attested_by',
  attestedAt: 'attested_at',
  decidedAt: 'decided_at',
  decidedBy: 'decided_by',
  decisionReason: 'decision_reason',
  slaWarningAt: 'sla_warning_at',
  slaBreachedAt: 'sla_breached_at',
  assigneeId: 'assignee_id',
  assigneeName: 'assignee_name',
  assignedAt: 'assigned_at',
};
/** `r.request_id AS "requestId", …`: a whole record, camel-cased, from `link_requests r`. */
const RECORD = Object.entries(COLUMNS)
  .map(([field, column]) => `r.${column} AS "${field}"`)
  .join(', ');
const NEW_REQUEST_FIELDS = (Object.keys(COLUMNS) as (keyof LinkRequestRecord)[]).filter(
  (field) => !(SET_LATER as readonly string[]).includes(field),
) as (keyof NewLinkRequest)[];
/** `n.note_id AS "noteId", …`: a whole note, camel-cased, from `link_request_notes n`. */
const NOTE = 'n.note_id AS "noteId", n.request_id AS "requestId", n.author_id AS "authorId", n.author_name AS "authorName", n.text, n.created_at AS "createdAt"';

/**
 * The link requests, their audit trail and the back office's notes on them (`link_requests`,
 * `link_request_history`, `link_request_notes`): every statement on them. Reads return plain records (no entity hydration: the submit path is hot).
 * Writes go through the caller's transaction, or are one statement that is its own.
 */
@Injectable()
export class LinkRequestRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  /**
   * What a submission is checked against, in one round trip: whether the provider master has the
   * location, the individual named, and the link of that individual at the location the request
   * would collide with (LINK: the earliest overlapping the period; UNLINK: the one in force on the
   * end date).
   */
  async submissionFacts(submission: Submission): Promise<SubmissionFacts> {
    const params: unknown[] = [
      pidOf(submission.pidsl),
      JSON.stringify([{ sl: serviceLocationOf(submission.pidsl) }]),
      submission.servicingProviderId,
      submission.pidsl,
    ];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const link = linkForSubmissionSql(
      submission.kind === 'LINK'
        ? { kind: 'LINK', pidsl: '$4', npi: 'p.npi', from: bind(submission.effectiveDate), to: bind(submission.endDate ?? null) }
        : { kind: 'UNLINK', pidsl: '$4', npi: 'p.npi', on: bind(submission.endDate) },
    );
    const [row]: {
      locationExists: boolean;
      pid: string | null;
      npi: string;
      firstName: string;
      lastName: string;
      providerType: ProviderType;
      linkEffectiveDate: string | null;
      linkEndDate: string | null;
    }[] = await preparedQuery(
      this.dataSource,
      `SELECT EXISTS (SELECT FROM link_request.provider_groups g WHERE g.pid = $1 AND g.service_locations @> $2::jsonb) AS "locationExists",
              p.pid, p.npi, p.first_name AS "firstName", p.last_name AS "lastName", p.provider_type AS "providerType",
              l.effective_date AS "linkEffectiveDate", l.end_date AS "linkEndDate"
       FROM (VALUES (1)) AS one
       LEFT JOIN link_request.providers p ON p.pid = $3
       LEFT JOIN LATERAL (${link}) AS l ON true`,
      params,
    );
    return {
      locationExists: row.locationExists,
      provider:
        row.pid === null
          ? null
          : {
              pid: row.pid,
              npi: row.npi,
              firstName: row.firstName,
              lastName: row.lastName,
              providerType: row.providerType,
            },
      link: row.linkEffectiveDate === null ? null : { effectiveDate: row.linkEffectiveDate, endDate: row.linkEndDate },
    };
  }

  /**
   * Records a submitted request, its first history row and `link-request.submitted.v1` in the
   * outbox, in one statement (one round trip, its own transaction), and wakes the outbox relay.
   * False, recording nothing, when the provider already has an open request at the location
   * (the partial unique index `link_requests_one_pending_idx`; a concurrent submission waits for
   * the other to settle).
   */
  async submit(
    request: NewLinkRequest,
    history: LinkRequestHistoryEntry,
    event: EventPayloads[typeof Topics.LinkRequestSubmitted],
  ): Promise<boolean> {
    const values = NEW_REQUEST_FIELDS.map((field) => request[field]);
    const n = values.length;
    const outbox = this.outbox.eventRow(this.dataSource, Topics.LinkRequestSubmitted, event, n + 7);
    const rows = await preparedQuery(
      this.dataSource,
      `WITH request AS (
         INSERT INTO link_request.link_requests (${NEW_REQUEST_FIELDS.map((field) => COLUMNS[field]).join(', ')})
         VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (pidsl, provider_pid) WHERE status = '${OPEN_STATUS}' DO NOTHING
         RETURNING request_id
       ), history AS (
         INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
         SELECT request_id, $${n + 1}::timestamptz, $${n + 2}::text, $${n + 3}::text, $${n + 4}::text, $${n + 5}::text, $${n + 6}::text FROM request
       ), event AS (
         ${outbox.insert} FROM request
       )
       SELECT ${outbox.notify} FROM request`,
      [...values, history.at, history.actor, history.action, history.fromStatus, history.toStatus, history.note, ...outbox.params],
    );
    return rows.length === 1;
  }

  /**
   * The request with the recipient of its decision letter, locked for the decision (a concurrent
   * decision waits, then finds it decided); null when there is no such request.
   */
  async lockForDecision(tx: EntityManager, requestId: string): Promise<(LinkRequestRecord & { recipient: LetterRecipient | null }) | null> {
    const [row]: (LinkRequestRecord & {
      recipientName: string | null;
      recipientAddress: PostalAddress | null;
      recipientEmail: string | null;
    })[] = await tx.query(
      `SELECT ${RECORD}, g.dba_name AS "recipientName", g.dba_address AS "recipientAddress", g.correspondence_email AS "recipientEmail"
         FROM link_request.link_requests r
         LEFT JOIN link_request.provider_groups g ON g.pid = r.group_id
         WHERE r.request_id = $1
         FOR UPDATE OF r`,
      [requestId],
    );
    if (!row) return null;
    const { recipientName, recipientAddress, recipientEmail, ...request } = row;
    const recipient =
      recipientName === null || recipientAddress === null
        ? null
        : {
            name: recipientName,
            address: recipientAddress,
            email: recipientEmail,
          };
    return { ...request, recipient };
  }

  /** Records a decision on an open request and its history row (one statement). */
  async recordDecision(
    tx: EntityManager,
    decision: {
      requestId: string;
      status: LinkRequestDecision;
      decidedAt: Date;
      decidedBy: string;
      reason: string | null;
    },
  ): Promise<void> {
    await tx.query(
      `WITH decided AS (
         UPDATE link_request.link_requests SET status = $2, decided_at = $3, decided_by = $4, decision_reason = $5
         WHERE request_id = $1
         RETURNING request_id
       )
       INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
       SELECT request_id, $3::timestamptz, $4::text, $2::text, $6::text, $2::text, $5::text FROM decided`,
      [decision.requestId, decision.status, decision.decidedAt, decision.decidedBy, decision.reason, OPEN_STATUS],
    );
  }

  /** The request, locked for a change by the back office (assignment, a note); null when there is no such request. */
  async lockForWork(tx: EntityManager, requestId: string): Promise<LinkRequestListing | null> {
    const [row]: LinkRequestListing[] = await tx.query(
      `SELECT ${RECORD}, ${NAMES} FROM ${WITH_NAMES} WHERE r.request_id = $1 FOR UPDATE OF r`,
      [requestId],
    );
    return row ?? null;
  }

  /** Sets (or clears, for null) the request's assignee and records the history row (one statement). */
  async recordAssignment(tx: EntityManager, requestId: string, assignee: Assignee | null, history: LinkRequestHistoryEntry): Promise<void> {
    await tx.query(
      `WITH assigned AS (
         UPDATE link_request.link_requests SET assignee_id = $2, assignee_name = $3, assigned_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $4::timestamptz END
         WHERE request_id = $1
         RETURNING request_id
       )
       INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
       SELECT request_id, $4::timestamptz, $5::text, $6::text, $7::text, $8::text, $9::text FROM assigned`,
      [requestId, assignee?.userId ?? null, assignee?.name ?? null, history.at, history.actor, history.action, history.fromStatus, history.toStatus, history.note],
    );
  }

  /** Adds a note to the request's thread and records the history row (one statement). */
  async addNote(tx: EntityManager, note: LinkRequestNoteRecord, history: LinkRequestHistoryEntry): Promise<void> {
    await tx.query(
      `WITH note AS (
         INSERT INTO link_request.link_request_notes (note_id, request_id, author_id, author_name, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING request_id
       )
       INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
       SELECT request_id, $7::timestamptz, $8::text, $9::text, $10::text, $11::text, $12::text FROM note`,
      [
        note.noteId,
        note.requestId,
        note.authorId,
        note.authorName,
        note.text,
        note.createdAt,
        history.at,
        history.actor,
        history.action,
        history.fromStatus,
        history.toStatus,
        history.note,
      ],
    );
  }

  /** A page of the request's notes, oldest first, in one round trip; null when there is no such request. */
  async notes(requestId: string, page: { limit: number; offset: number }): Promise<Page<LinkRequestNoteRecord> | null> {
    const [row]: { found: boolean; total: number; items: (Omit<LinkRequestNoteRecord, 'createdAt'> & { createdAt: string })[] }[] =
      await this.dataSource.query(
        `SELECT EXISTS (SELECT FROM link_request.link_requests WHERE request_id = $1) AS found,
                (SELECT count(*)::int FROM link_request.link_request_notes WHERE request_id = $1) AS total,
                (SELECT COALESCE(jsonb_agg(to_jsonb(page) ORDER BY page.seq_order), '[]'::jsonb)
                 FROM (SELECT ${NOTE}, row_number() OVER (ORDER BY n.created_at, n.seq) AS seq_order
                       FROM link_request.link_request_notes n WHERE n.request_id = $1
                       ORDER BY n.created_at, n.seq LIMIT $2 OFFSET $3) page) AS items`,
        [requestId, page.limit, page.offset],
      );
    if (!row.found) return null;
    return {
      items: row.items.map(({ noteId, requestId: id, authorId, authorName, text, createdAt }) => ({
        noteId,
        requestId: id,
        authorId,
        authorName,
        text,
        createdAt: new Date(createdAt),
      })),
      total: row.total,
    };
  }

  /** The queue of link requests (the back office's, or a provider user's locations'), in `filter.sort`'s order (soonest due first), with the provider master's names. */
  async queue(filter: LinkRequestQueueFilter, page: { limit: number; offset: number }): Promise<Page<LinkRequestListing>> {
    const { condition, params } = queueCondition(filter);
    const bind = (value: unknown) => `$${params.push(value)}`;
    const [items, [{ total }]] = await inOneSnapshot(this.dataSource, async (tx) => [
      (await tx.query(
        `SELECT ${RECORD}, ${NAMES} FROM ${WITH_NAMES} ${condition}
         ORDER BY ${QUEUE_ORDER[filter.sort ?? LINK_REQUEST_DEFAULT_SORT]} LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
        params,
      )) as LinkRequestListing[],
      (await tx.query(`SELECT count(*)::int AS total FROM link_request.link_requests r ${condition}`, params.slice(0, -2))) as { total: number }[],
    ]);
    return { items, total };
  }

  /**
   * Every request of the queue matching `filter` (at most `max`), in its order, `batchSize` at a
   * time, read from one snapshot (a read-only REPEATABLE READ transaction: a decision meanwhile
   * neither repeats nor drops a row). Stopping the iteration early ends the transaction.
   */
  async *queueInBatches(filter: LinkRequestQueueFilter, max: number, batchSize = 1000): AsyncGenerator<LinkRequestListing[]> {
    const { condition, params } = queueCondition(filter);
    const n = params.length;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      for (let offset = 0; offset < max; offset += batchSize) {
        const limit = Math.min(batchSize, max - offset);
        const rows: LinkRequestListing[] = await runner.query(
          `SELECT ${RECORD}, ${NAMES} FROM ${WITH_NAMES} ${condition}
           ORDER BY ${QUEUE_ORDER[filter.sort ?? LINK_REQUEST_DEFAULT_SORT]} LIMIT $${n + 1} OFFSET $${n + 2}`,
          [...params, limit, offset],
        );
        if (rows.length > 0) yield rows;
        if (rows.length < limit) break;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * The summary's counts over every request, in one round trip, never a page: the open requests by
   * due date and collapsed submission date (a few rows per due date, however many requests — the
   * rules' slaSummary counts them as slaStanding counts each request), the unassigned open ones, and
   * breaches and decisions by week.
   * @param startedBy the last business day on or before today (the rules' lastBusinessDayOnOrBefore)
   * @param fromWeek the Monday of the first week counted
   */
  async summaryCounts(today: string, startedBy: string, fromWeek: string): Promise<LinkRequestSummaryCounts> {
    const [row]: LinkRequestSummaryCounts[] = await this.dataSource.query(
      `SELECT
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('dueDate', to_char(c.due_date, 'YYYY-MM-DD'),
                                                       'submittedOn', to_char(c.submitted_on, 'YYYY-MM-DD'), 'count', c.n)), '[]'::jsonb)
          FROM (SELECT r.due_date, GREATEST(${businessDateSql('r.submitted_at')}, $2::date) AS submitted_on,
                       count(*)::int AS n
                FROM link_request.link_requests r WHERE r.status = '${OPEN_STATUS}'
                GROUP BY 1, 2) c) AS open,
         (SELECT count(*)::int FROM link_request.link_requests r WHERE r.status = '${OPEN_STATUS}' AND r.assignee_id IS NULL) AS unassigned,
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('week', to_char(w.week, 'YYYY-MM-DD'), 'breaches', w.breaches, 'decisions', w.decisions)), '[]'::jsonb)
          FROM (SELECT e.week, count(*) FILTER (WHERE e.breach)::int AS breaches, count(*) FILTER (WHERE NOT e.breach)::int AS decisions
                FROM (SELECT date_trunc('week', r.sla_breached_at AT TIME ZONE '${BUSINESS_TIME_ZONE}')::date AS week, true AS breach
                      FROM link_request.link_requests r
                      WHERE r.sla_breached_at >= ${startOfBusinessDateSql('$3')} AND r.sla_breached_at < ${startOfBusinessDateSql('$1::date + 1')}
                      UNION ALL
                      SELECT date_trunc('week', r.decided_at AT TIME ZONE '${BUSINESS_TIME_ZONE}')::date, false
                      FROM link_request.link_requests r
                      WHERE r.decided_at >= ${startOfBusinessDateSql('$3')} AND r.decided_at < ${startOfBusinessDateSql('$1::date + 1')}) e
                GROUP BY e.week) w) AS weekly`,
      [today, startedBy, fromWeek],
    );
    return row;
  }

  /** One request with its whole history, oldest first, in one round trip; null when there is no such request. */
  async withHistory(requestId: string): Promise<(LinkRequestListing & { history: LinkRequestHistoryEntry[] }) | null> {
    const [row]: (LinkRequestListing & {
      history: (Omit<LinkRequestHistoryEntry, 'at'> & { at: string })[];
    })[] = await preparedQuery(
      this.dataSource,
      `SELECT ${RECORD},
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('at', h.at, 'actor', h.actor, 'action', h.action, 'fromStatus', h.from_status,
                                                            'toStatus', h.to_status, 'note', h.note) ORDER BY h.seq), '[]'::jsonb)
               FROM link_request.link_request_history h WHERE h.request_id = r.request_id) AS history,
              ${NAMES}
       FROM ${WITH_NAMES} WHERE r.request_id = $1`,
      [requestId],
    );
    if (!row) return null;
    return {
      ...row,
      history: row.history.map((h) => ({ ...h, at: new Date(h.at) })),
    };
  }

  // ---- the SLA sweep ------------------------------------------------------------------------

  /** Marks one chunk of open requests due before `breachedBefore` and not yet reported breached; their ids. */
  markBreached(tx: EntityManager, breachedBefore: string, now: Date): Promise<string[]> {
    return this.markSla(tx, 'sla_breached_at', 'SLA_BREACHED', now, `due_date < $3::date`, [breachedBefore]);
  }

  /** Marks one chunk of open requests due on a date in warning, neither warned nor breached yet; their ids. */
  markWarned(tx: EntityManager, warning: readonly WarningDueDate[], now: Date): Promise<string[]> {
    return this.markSla(tx, 'sla_warning_at', 'SLA_WARNING', now, `due_date = ANY($3::date[]) AND sla_warning_at IS NULL`, [
      warning.map((w) => w.dueDate),
    ]);
  }

  /** `link-request.sla-breached.v1` of the requests just marked, built in SQL. */
  breachedEvents(requestIds: readonly string[], now: Date): SelectedEvents {
    return {
      select: `SELECT r.pidsl AS key, r.due_date AS position,
                      jsonb_build_object('requestId', r.request_id, 'pidsl', r.pidsl, 'dueDate', to_char(r.due_date, 'YYYY-MM-DD'),
                                         'detectedAt', $2::text) AS payload
               FROM link_request.link_requests r WHERE r.request_id = ANY($1::uuid[])`,
      params: [requestIds, now.toISOString()],
    };
  }

  /** `link-request.sla-warning.v1` of the requests just marked, with the business days left by due date, built in SQL. */
  warningEvents(requestIds: readonly string[], now: Date, warning: readonly WarningDueDate[]): SelectedEvents {
    return {
      select: `SELECT r.pidsl AS key, r.due_date AS position,
                      jsonb_build_object('requestId', r.request_id, 'pidsl', r.pidsl, 'dueDate', to_char(r.due_date, 'YYYY-MM-DD'),
                                         'businessDaysRemaining', w.remaining, 'detectedAt', $2::text) AS payload
               FROM link_request.link_requests r
               JOIN unnest($3::date[], $4::int[]) AS w(due_date, remaining) ON w.due_date = r.due_date
               WHERE r.request_id = ANY($1::uuid[])`,
      params: [requestIds, now.toISOString(), warning.map((w) => w.dueDate), warning.map((w) => w.businessDaysRemaining)],
    };
  }

  /**
   * Sets `flag` on up to SLA_SWEEP_CHUNK open requests matching `due` (SQL over $3…) whose breach
   * is not reported yet, and adds their history rows; returns their ids. Rows locked by another
   * sweep or a decision are skipped: the other transaction settles them, or the next chunk does.
   * The status is written into the SQL (a constant), so the partial index on open requests applies.
   */
  private async markSla(
    tx: EntityManager,
    flag: 'sla_warning_at' | 'sla_breached_at',
    action: Extract<LinkRequestAction, 'SLA_WARNING' | 'SLA_BREACHED'>,
    now: Date,
    due: string,
    dueParams: unknown[],
  ): Promise<string[]> {
    const open = `status = '${OPEN_STATUS}' AND sla_breached_at IS NULL AND ${due}`;
    const rows: { request_id: string }[] = await tx.query(
      `WITH picked AS MATERIALIZED (
         SELECT request_id FROM link_request.link_requests WHERE ${open} LIMIT $2 FOR UPDATE SKIP LOCKED
       ), marked AS (
         UPDATE link_request.link_requests SET ${flag} = $1
         FROM picked WHERE link_requests.request_id = picked.request_id AND ${open}
         RETURNING link_requests.request_id, due_date
       ), history AS (
         INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
         SELECT request_id, $1, '${SLA_ACTOR}', '${action}', '${OPEN_STATUS}', '${OPEN_STATUS}', 'due ' || to_char(due_date, 'YYYY-MM-DD')
         FROM marked ORDER BY due_date, request_id
       )
       SELECT request_id FROM marked`,
      [now, SLA_SWEEP_CHUNK, ...dueParams],
    );
    return rows.map((r) => r.request_id);
  }

  // ---- the decision context and due dates moved by a closure -------------------------------

  /** The request and the provider's other open requests (any location), oldest first, in one round trip; null when there is no such request. */
  async withOtherOpenRequests(
    requestId: string,
  ): Promise<(LinkRequestRecord & { otherOpenRequests: OtherOpenRequest[] }) | null> {
    const [row]: (LinkRequestRecord & { otherOpenRequests: (Omit<OtherOpenRequest, 'submittedAt'> & { submittedAt: string })[] })[] =
      await this.dataSource.query(
        `SELECT ${RECORD},
                (SELECT COALESCE(jsonb_agg(jsonb_build_object('requestId', o.request_id, 'kind', o.kind, 'pidsl', o.pidsl,
                                                              'submittedAt', o.submitted_at, 'dueDate', to_char(o.due_date, 'YYYY-MM-DD'))
                                           ORDER BY o.submitted_at, o.request_id), '[]'::jsonb)
                 FROM link_request.link_requests o
                 WHERE o.provider_pid = r.provider_pid AND o.status = '${OPEN_STATUS}' AND o.request_id <> r.request_id) AS "otherOpenRequests"
         FROM link_request.link_requests r WHERE r.request_id = $1`,
        [requestId],
      );
    if (!row) return null;
    return { ...row, otherOpenRequests: row.otherOpenRequests.map((o) => ({ ...o, submittedAt: new Date(o.submittedAt) })) };
  }

  /**
   * The open requests whose SLA window a closure on `window.date` can fall in (submitted on or before
   * that day in New York, due from `dueFrom` to `dueTo`), locked for the move: a concurrent decision
   * waits, then finds the due date moved.
   */
  lockOpenAround(tx: EntityManager, window: { date: string; dueFrom: string; dueTo: string }): Promise<DueDateCandidate[]> {
    return tx.query(
      `SELECT request_id AS "requestId", submitted_at AS "submittedAt", to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
              sla_breached_at AS "slaBreachedAt"
       FROM link_request.link_requests
       WHERE status = '${OPEN_STATUS}' AND due_date BETWEEN $2::date AND $3::date
         AND submitted_at < (($1::date + 1)::timestamp AT TIME ZONE 'America/New_York')
       ORDER BY request_id
       FOR UPDATE`,
      [window.date, window.dueFrom, window.dueTo],
    );
  }

  /** Moves the due dates (one UPDATE for all of them) and records their history entries (one INSERT), in one statement. */
  async moveDueDates(tx: EntityManager, moves: readonly DueDateMove[], at: Date, actor: string): Promise<number> {
    if (moves.length === 0) return 0;
    const [{ moved }]: { moved: number }[] = await tx.query(
      `WITH moved AS (
         UPDATE link_request.link_requests r
         SET due_date = m.to_date, sla_warning_at = CASE WHEN m.clears_warning THEN NULL ELSE r.sla_warning_at END
         FROM unnest($1::uuid[], $2::date[], $3::date[], $4::boolean[], $5::text[]) AS m(request_id, from_date, to_date, clears_warning, note)
         WHERE r.request_id = ANY($1::uuid[]) AND r.request_id = m.request_id AND r.status = '${OPEN_STATUS}' AND r.due_date = m.from_date
         RETURNING r.request_id, m.note
       ), history AS (
         INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
         SELECT request_id, $6::timestamptz, $7::text, '${DUE_DATE_MOVED}', '${OPEN_STATUS}', '${OPEN_STATUS}', note FROM moved ORDER BY request_id
       )
       SELECT count(*)::int AS moved FROM moved`,
      [
        moves.map((m) => m.requestId),
        moves.map((m) => m.from),
        moves.map((m) => m.to),
        moves.map((m) => m.clearsWarning),
        moves.map((m) => m.note),
        at,
        actor,
      ],
    );
    return moved;
  }
}

/** The WHERE clause of the queue's `filter` over `link_requests r`, and its parameters. */
function queueCondition(filter: LinkRequestQueueFilter): { condition: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (filter.status) where.push(`r.status = ${bind(filter.status)}`);
  if (filter.pidsl) where.push(`r.pidsl = ${bind(filter.pidsl)}`);
  if (filter.locations) where.push(`r.pidsl = ANY(${bind(filter.locations)}::text[])`);
  if (filter.assigneeId === null) where.push('r.assignee_id IS NULL');
  if (typeof filter.assigneeId === 'string') where.push(`r.assignee_id = ${bind(filter.assigneeId)}`);
  if (filter.overdue !== undefined) {
    const overdue = `(r.status = ${bind(OPEN_STATUS)} AND r.due_date < ${bind(filter.today)})`;
    where.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.slaDue) {
    // The status as a constant, so the partial index on open requests' due dates applies.
    where.push(`r.status = '${OPEN_STATUS}'`);
    if (filter.slaDue.onOrAfter) where.push(`r.due_date >= ${bind(filter.slaDue.onOrAfter)}::date`);
    if (filter.slaDue.before) where.push(`r.due_date < ${bind(filter.slaDue.before)}::date`);
  }
  if (filter.dueFrom) where.push(`r.due_date >= ${bind(filter.dueFrom)}::date`);
  if (filter.dueTo) where.push(`r.due_date <= ${bind(filter.dueTo)}::date`);
  const search = filter.search;
  if (search && 'npi' in search) where.push(`r.npi = ${bind(search.npi)}`);
  if (search && 'requestId' in search) where.push(`r.request_id = ${bind(search.requestId)}::uuid`);
  if (search && 'lastName' in search) {
    where.push(`lower(r.last_name) = lower(${bind(search.lastName)})`);
    if (search.firstNamePrefix) where.push(`r.first_name ILIKE ${bind(`${likeLiteral(search.firstNamePrefix)}%`)}`);
  }
  if (search && 'namePrefix' in search) {
    const prefix = bind(`${likeLiteral(search.namePrefix)}%`);
    where.push(`(r.last_name ILIKE ${prefix} OR r.first_name ILIKE ${prefix})`);
  }
  return { condition: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Another open request of the same provider, as the decision context lists it. */
export interface OtherOpenRequest {
  requestId: string;
  kind: LinkRequestKind;
  pidsl: string;
  submittedAt: Date;
  dueDate: string;
}
