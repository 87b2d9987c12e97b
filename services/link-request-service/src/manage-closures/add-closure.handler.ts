import { ConflictException, Injectable } from '@nestjs/common';
import { BusinessCalendarRepository } from '../business-calendar/business-calendar.repository';
import { closureConflict } from '../business-calendar/business-calendar.rules';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { Closure } from '../business-calendar/closure.entity';

/** An admin's extra closure (a storm day): due dates computed after it count around it. */
@Injectable()
export class AddClosure {
  constructor(
    private readonly calendar: BusinessCalendarService,
    private readonly closures: BusinessCalendarRepository,
  ) {}

  async execute(date: string, name: string, createdBy: string): Promise<Closure> {
    const conflict = closureConflict(await this.calendar.calendar(), date);
    if (conflict) throw new ConflictException(conflict);
    const closure = await this.closures.add({
      date,
      name,
      source: 'ADMIN',
      createdBy,
    });
    this.calendar.forget();
    return closure;
  }
}
