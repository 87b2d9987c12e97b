import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { slaDueDates, WarningDueDate } from './sla-due-dates';

/** Requests marked per transaction: bounded memory and lock time, whatever the backlog. */
export const SLA_SWEEP_CHUNK = 5000;

const SLA_ACTOR = 'sla-monitor';

/**
 * The 10-business-day SLA, from PostgreSQL (the source of truth): each open request gets
 * `link-request.sla-warning.v1` when two business days or fewer remain and
 * `link-request.sla-breached.v1` once its due date has passed — each at most once, because the
 * flag, its history row and the event are written in one transaction and only when the flag is
 * still unset. A decided request gets neither; a request already breached gets no warning. Safe
 * to run any number of times, from any instance.
 *
 * Set-based: the calendar says which due dates are breached or in warning today (slaDueDates),
 * and each chunk of SLA_SWEEP_CHUNK requests is one transaction of three statements — mark the
 * flag (rows another sweep holds are skipped, not waited for), add the history rows, record the
 * events — so a million open requests take neither a million transactions nor a million rows in
 * memory.
 */
@Injectable()
export class CheckLinkRequestSla {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
  ) {}

  async sweep(): Promise<{ warned: number; breached: number }> {
    const now = this.clock.now();
    const { breachedBefore, warning } = slaDueDates(await this.calendar.calendar(), businessDateOf(now));
    const breached = await this.inChunks(() => this.dataSource.transaction((tx) => this.markBreached(tx, breachedBefore, now)));
    const warned = warning.length === 0 ? 0 : await this.inChunks(() => this.dataSource.transaction((tx) => this.markWarned(tx, warning, now)));
    return { warned, breached };
  }

  private async inChunks(chunk: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let marked = await chunk(); marked > 0; marked = await chunk()) total += marked;
    return total;
  }

  /** One chunk of open requests due before `breachedBefore` and not yet reported breached. */
  private async markBreached(tx: EntityManager, breachedBefore: string, now: Date): Promise<number> {
    const marked = await this.mark(tx, 'sla_breached_at', 'SLA_BREACHED', now, `due_date < $3::date`, [breachedBefore]);
    if (marked.length === 0) return 0;
    await this.outbox.publishSelected(
      tx,
      Topics.LinkRequestSlaBreached,
      `SELECT r.pidsl AS key, r.due_date AS position,
              jsonb_build_object('requestId', r.request_id, 'pidsl', r.pidsl, 'dueDate', to_char(r.due_date, 'YYYY-MM-DD'),
                                 'detectedAt', $2::text) AS payload
       FROM link_request.link_requests r WHERE r.request_id = ANY($1::uuid[])`,
      [marked, now.toISOString()],
    );
    return marked.length;
  }

  /** One chunk of open requests due on a date in warning, neither warned nor breached yet. */
  private async markWarned(tx: EntityManager, warning: WarningDueDate[], now: Date): Promise<number> {
    const dueDates = warning.map((w) => w.dueDate);
    const marked = await this.mark(tx, 'sla_warning_at', 'SLA_WARNING', now, `due_date = ANY($3::date[]) AND sla_warning_at IS NULL`, [dueDates]);
    if (marked.length === 0) return 0;
    await this.outbox.publishSelected(
      tx,
      Topics.LinkRequestSlaWarning,
      `SELECT r.pidsl AS key, r.due_date AS position,
              jsonb_build_object('requestId', r.request_id, 'pidsl', r.pidsl, 'dueDate', to_char(r.due_date, 'YYYY-MM-DD'),
                                 'businessDaysRemaining', w.remaining, 'detectedAt', $2::text) AS payload
       FROM link_request.link_requests r
       JOIN unnest($3::date[], $4::int[]) AS w(due_date, remaining) ON w.due_date = r.due_date
       WHERE r.request_id = ANY($1::uuid[])`,
      [marked, now.toISOString(), dueDates, warning.map((w) => w.businessDaysRemaining)],
    );
    return marked.length;
  }

  /**
   * Sets `flag` on up to SLA_SWEEP_CHUNK open requests matching `due` (SQL over $3…) whose breach
   * is not reported yet, and adds their history rows; returns their ids. Rows locked by another
   * sweep or a decision are skipped: the other transaction settles them, or the next chunk does.
   */
  private async mark(
    tx: EntityManager,
    flag: 'sla_warning_at' | 'sla_breached_at',
    action: 'SLA_WARNING' | 'SLA_BREACHED',
    now: Date,
    due: string,
    dueParams: unknown[],
  ): Promise<string[]> {
    const open = `status = 'SUBMITTED' AND sla_breached_at IS NULL AND ${due}`;
    const rows: { request_id: string }[] = await tx.query(
      `WITH picked AS MATERIALIZED (
         SELECT request_id FROM link_request.link_requests WHERE ${open} LIMIT $2 FOR UPDATE SKIP LOCKED
       ), marked AS (
         UPDATE link_request.link_requests SET ${flag} = $1
         FROM picked WHERE link_requests.request_id = picked.request_id AND ${open}
         RETURNING link_requests.request_id, due_date
       ), history AS (
         INSERT INTO link_request.link_request_history (request_id, at, actor, action, from_status, to_status, note)
         SELECT request_id, $1, '${SLA_ACTOR}', '${action}', 'SUBMITTED', 'SUBMITTED', 'due ' || to_char(due_date, 'YYYY-MM-DD')
         FROM marked ORDER BY due_date, request_id
       )
       SELECT request_id FROM marked`,
      [now, SLA_SWEEP_CHUNK, ...dueParams],
    );
    return rows.map((r) => r.request_id);
  }
}
