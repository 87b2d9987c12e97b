import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@rosterlink/business-calendar';
import { BusinessCalendarRepository } from './business-calendar.repository';
import { Closure } from './closure.entity';

const CACHE_MS = 60_000;

/**
 * The business calendar from the closures table (the database is the source, so every instance
 * agrees and an admin's closure applies everywhere within a minute, at once on this instance).
 */
@Injectable()
export class BusinessCalendarService {
  private cached?: { calendar: BusinessCalendar; loadedAt: number };

  constructor(private readonly closures: BusinessCalendarRepository) {}

  async calendar(): Promise<BusinessCalendar> {
    if (!this.cached || Date.now() - this.cached.loadedAt > CACHE_MS) {
      const rows = await this.closures.all();
      this.cached = {
        calendar: new BusinessCalendar(rows.map((r) => ({ date: r.date, name: r.name }))),
        loadedAt: Date.now(),
      };
    }
    return this.cached.calendar;
  }

  closuresOf(year: number): Promise<Closure[]> {
    return this.closures.ofYear(year);
  }

  /** Forgets the cached calendar: the next due date counts around a closure just added. */
  forget(): void {
    this.cached = undefined;
  }
}
