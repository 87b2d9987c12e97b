import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequestRepository } from '../link-request/link-request.repository';
import { slaDueDates, WarningDueDate } from '../link-request/link-request.rules';

export { SLA_SWEEP_CHUNK } from '../link-request/link-request.repository';

/**
 * The 10-business-day SLA, from PostgreSQL (the source of truth): each open request gets
 * `link-request.sla-warning.v1` when two business days or fewer remain and
 * `link-request.sla-breached.v1` once its due date has passed — each at most once, because the
 * flag, its history row and the event are written in one transaction and only when the flag is
 * still unset. A decided request gets neither; a request already breached gets no warning. Safe
 * to run any number of times, from any instance.
 *
 * Set-based: the rules say which due dates are breached or in warning today (slaDueDates), and
 * each chunk of SLA_SWEEP_CHUNK requests is one transaction of three statements — mark the flag
 * with its history rows (rows another sweep holds are skipped, not waited for), record the events,
 * and wake the relay — so a million open requests take neither a million transactions nor a
 * million rows in memory.
 */
@Injectable()
export class CheckLinkRequestSla {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: LinkRequestRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
  ) {}

  async sweep(): Promise<{ warned: number; breached: number }> {
    const now = this.clock.now();
    const { breachedBefore, warning } = slaDueDates(await this.calendar.calendar(), businessDateOf(now));
    const breached = await inChunks(() => this.breachChunk(breachedBefore, now));
    const warned = warning.length === 0 ? 0 : await inChunks(() => this.warnChunk(warning, now));
    return { warned, breached };
  }

  /** One chunk of open requests due before `breachedBefore` and not yet reported breached. */
  private breachChunk(breachedBefore: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const marked = await this.requests.markBreached(tx, breachedBefore, now);
      if (marked.length === 0) return 0;
      const events = this.requests.breachedEvents(marked, now);
      await this.outbox.publishSelected(tx, Topics.LinkRequestSlaBreached, events.select, events.params);
      return marked.length;
    });
  }

  /** One chunk of open requests due on a date in warning, neither warned nor breached yet. */
  private warnChunk(warning: WarningDueDate[], now: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const marked = await this.requests.markWarned(tx, warning, now);
      if (marked.length === 0) return 0;
      const events = this.requests.warningEvents(marked, now, warning);
      await this.outbox.publishSelected(tx, Topics.LinkRequestSlaWarning, events.select, events.params);
      return marked.length;
    });
  }
}

/** Runs `chunk` until it marks nothing; the total marked. */
async function inChunks(chunk: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let marked = await chunk(); marked > 0; marked = await chunk()) total += marked;
  return total;
}
