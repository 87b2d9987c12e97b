import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarRepository } from '../business-calendar/business-calendar.repository';
import { removableClosure } from '../business-calendar/business-calendar.rules';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { ClosureDueDates } from './closure-due-dates';

/**
 * An admin takes back a closure an admin added (a statutory holiday stays): in one transaction the
 * closure goes, the due dates it had moved move back, and the removal is audited.
 */
@Injectable()
export class RemoveClosure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: BusinessCalendarService,
    private readonly closures: BusinessCalendarRepository,
    private readonly dueDates: ClosureDueDates,
    private readonly clock: Clock,
  ) {}

  async execute(date: string, removedBy: string): Promise<{ dueDatesMoved: number }> {
    const removed = await this.dataSource.transaction(async (tx) => {
      const { calendar, closures } = await this.calendar.locked(tx);
      const removable = removableClosure(date, closures);
      if ('kind' in removable)
        throw removable.kind === 'NOT_FOUND' ? new NotFoundException(removable.message) : new ConflictException(removable.message);
      await this.closures.remove(tx, date);
      const change = { date, name: removable.closure.name, change: 'REMOVED' } as const;
      const dueDatesMoved = await this.dueDates.follow(tx, calendar, change, removedBy, this.clock.now());
      return { dueDatesMoved };
    });
    this.calendar.forget();
    return removed;
  }
}
