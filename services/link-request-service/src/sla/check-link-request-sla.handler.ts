import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequest, LinkRequestHistory } from '../link-request/link-request.entity';

/**
 * The 10-business-day SLA, from PostgreSQL (the source of truth): each open request gets
 * `link-request.sla-warning.v1` when two business days or fewer remain and
 * `link-request.sla-breached.v1` once its due date has passed — each at most once, because the
 * flag and the event are written in one transaction and only when the flag is still unset. A
 * decided request gets neither. Safe to run any number of times, from any instance.
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
    const today = businessDateOf(now);
    const calendar = await this.calendar.calendar();
    const open = await this.dataSource
      .getRepository(LinkRequest)
      .find({ where: { status: 'SUBMITTED', slaBreachedAt: IsNull() }, order: { dueDate: 'ASC' } });
    let warned = 0;
    let breached = 0;
    for (const request of open) {
      const state = calendar.slaState(today, request.dueDate);
      if (state === 'BREACHED' && (await this.mark(request, 'sla_breached_at', now))) breached++;
      if (state === 'WARNING' && !request.slaWarningAt && (await this.mark(request, 'sla_warning_at', now))) warned++;
    }
    return { warned, breached };

  }

  private mark(request: LinkRequest, flag: 'sla_warning_at' | 'sla_breached_at', now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const [rows] = await tx.query(
        `UPDATE link_request.link_requests SET ${flag} = $2
         WHERE request_id = $1 AND status = 'SUBMITTED' AND ${flag} IS NULL RETURNING request_id`,
        [request.requestId, now],
      );
      if (rows.length === 0) return false;
      const detectedAt = now.toISOString();
      if (flag === 'sla_breached_at') {
        await this.outbox.publish(tx, Topics.LinkRequestSlaBreached, { requestId: request.requestId, pidsl: request.pidsl, dueDate: request.dueDate, detectedAt });
      } else {
        const businessDaysRemaining = (await this.calendar.calendar()).businessDaysBetween(businessDateOf(now), request.dueDate);
        await this.outbox.publish(tx, Topics.LinkRequestSlaWarning, {
          requestId: request.requestId,
          pidsl: request.pidsl,
          dueDate: request.dueDate,
          businessDaysRemaining,
          detectedAt,
        });
      }
      await tx.insert(LinkRequestHistory, {
        requestId: request.requestId,
        at: now,
        actor: 'sla-monitor',
        action: flag === 'sla_breached_at' ? 'SLA_BREACHED' : 'SLA_WARNING',
        fromStatus: 'SUBMITTED',
        toStatus: 'SUBMITTED',
        note: `due ${request.dueDate}`,
      });
      return true;
    });
  }
}
