import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  EventPayloads,
  LinkRequestDecision,
  LinkRequestKind,
  LinkRequestStatus,
  pidOf,
  type PostalAddress,
  ProviderType,
  serviceLocationOf,
  Topics,
} from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import type { Page } from '@rosterlink/platform';
import { linkForSubmissionSql } from '../servicing-link/servicing-link.repository';
import { Assignee, LinkRequestAction, OPEN_STATUS, SLA_ACTOR, Submission, SubmissionFacts, WarningDueDate } from './link-request.rules';

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
  today: string;
}

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
    }[] = await this.dataSource.query(
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
    const rows: unknown[] = await this.dataSource.query(
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
  async lockForWork(tx: EntityManager, requestId: string): Promise<LinkRequestRecord | null> {
    const [row]: LinkRequestRecord[] = await tx.query(
      `SELECT ${RECORD} FROM link_request.link_requests r WHERE r.request_id = $1 FOR UPDATE OF r`,
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

  /** The queue of link requests (the back office's, or a provider user's locations'): soonest due first, then by submission. */
  async queue(filter: LinkRequestQueueFilter, page: { limit: number; offset: number }): Promise<Page<LinkRequestRecord>> {
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
    const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${RECORD} FROM link_request.link_requests r ${condition}
         ORDER BY r.due_date, r.submitted_at LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
        params,
      ) as Promise<LinkRequestRecord[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM link_request.link_requests r ${condition}`, params.slice(0, -2)) as Promise<
        { total: number }[]
      >,
    ]);
    return { items, total };
  }

  /** One request with its whole history, oldest first, in one round trip; null when there is no such request. */
  async withHistory(requestId: string): Promise<(LinkRequestRecord & { history: LinkRequestHistoryEntry[] }) | null> {
    const [row]: (LinkRequestRecord & {
      history: (Omit<LinkRequestHistoryEntry, 'at'> & { at: string })[];
    })[] = await this.dataSource.query(
      `SELECT ${RECORD},
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('at', h.at, 'actor', h.actor, 'action', h.action, 'fromStatus', h.from_status,
                                                            'toStatus', h.to_status, 'note', h.note) ORDER BY h.seq), '[]'::jsonb)
               FROM link_request.link_request_history h WHERE h.request_id = r.request_id) AS history
       FROM link_request.link_requests r WHERE r.request_id = $1`,
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
}
