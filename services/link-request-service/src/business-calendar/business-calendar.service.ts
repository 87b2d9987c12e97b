import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
      this.cached = { calendar: calendarOf(await this.closures.all()), loadedAt: Date.now() };
    }
    return this.cached.calendar;
  }

  closuresOf(year: number): Promise<Closure[]> {
    return this.closures.ofYear(year);
  }

  /**
   * The closures, locked in `tx` against other changes (BusinessCalendarRepository.lockAll), and their
   * calendar: what a closure change checks and computes with.
   */
  async locked(tx: EntityManager): Promise<{ calendar: BusinessCalendar; closures: Closure[] }> {
    const closures = await this.closures.lockAll(tx);
    return { calendar: calendarOf(closures), closures };
  }

  /** Forgets the cached calendar: the next due date counts around a closure just added or removed. */
  forget(): void {
    this.cached = undefined;
  }
}

function calendarOf(rows: readonly Closure[]): BusinessCalendar {
  return new BusinessCalendar(rows.map((r) => ({ date: r.date, name: r.name })));
}
