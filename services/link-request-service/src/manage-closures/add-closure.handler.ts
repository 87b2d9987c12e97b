import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarRepository } from '../business-calendar/business-calendar.repository';
import { closureConflict } from '../business-calendar/business-calendar.rules';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { Closure } from '../business-calendar/closure.entity';
import { ClosureDueDates } from './closure-due-dates';

/**
 * An admin's extra closure (a storm day): in one transaction the closure, the due dates it moves
 * (open requests whose SLA window it falls in) with their history entries, and its audit entry.
 * Due dates computed after it count around it.
 */
@Injectable()
export class AddClosure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: BusinessCalendarService,
    private readonly closures: BusinessCalendarRepository,
    private readonly dueDates: ClosureDueDates,
    private readonly clock: Clock,
  ) {}

  async execute(date: string, name: string, createdBy: string): Promise<{ closure: Closure; dueDatesMoved: number }> {
    const added = await this.dataSource.transaction(async (tx) => {
      const { calendar } = await this.calendar.locked(tx);
      const conflict = closureConflict(calendar, date);
      if (conflict) throw new ConflictException(conflict);
      const closure = await this.closures.add(tx, { date, name, source: 'ADMIN', createdBy });
      const dueDatesMoved = await this.dueDates.follow(tx, calendar, { date, name, change: 'ADDED' }, createdBy, this.clock.now());
      return { closure, dueDatesMoved };
    });
    this.calendar.forget();
    return added;
  }
}
