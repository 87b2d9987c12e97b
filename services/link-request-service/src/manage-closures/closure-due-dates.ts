import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BusinessCalendar } from '@rosterlink/business-calendar';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { BusinessCalendarRepository } from '../business-calendar/business-calendar.repository';
import { LinkRequestRepository } from '../link-request/link-request.repository';
import { calendarAfter, ClosureChange, closureWindow, dueDateMoves } from '../link-request/due-date-move.rules';

/**
 * What follows a closure added or removed, in the transaction that made the change (with the
 * closures locked): the due dates of the open requests whose SLA window it falls in move, each with
 * a history entry, the change is audited with how many moved, and `business-calendar.changed.v1`
 * says so (the operations dashboards refresh their calendar and queue on it).
 */
@Injectable()
export class ClosureDueDates {
  constructor(
    private readonly requests: LinkRequestRepository,
    private readonly closures: BusinessCalendarRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** `before`: the calendar the due dates were computed with. The number of due dates moved. */
  async follow(tx: EntityManager, before: BusinessCalendar, change: ClosureChange, by: string, at: Date): Promise<number> {
    const candidates = await this.requests.lockOpenAround(tx, closureWindow(before, change.date));
    const moves = dueDateMoves(calendarAfter(before, change), change, candidates);
    const moved = await this.requests.moveDueDates(tx, moves, at, by);
    await this.closures.audit(tx, { at, actor: by, action: change.change, date: change.date, name: change.name, dueDatesMoved: moved });
    await this.outbox.publish(tx, Topics.BusinessCalendarChanged, {
      change: change.change,
      date: change.date,
      name: change.name,
      dueDatesMoved: moved,
      changedAt: at.toISOString(),
    });
    return moved;
  }
}
