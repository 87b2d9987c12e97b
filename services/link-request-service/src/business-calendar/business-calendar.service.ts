import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BusinessCalendar } from '@rosterlink/business-calendar';
import { Closure } from './closure.entity';

const CACHE_MS = 60_000;

/**
 * The business calendar from the closures table (the database is the source, so every instance
 * agrees and an admin's closure applies everywhere within a minute, at once on this instance).
 */
@Injectable()
export class BusinessCalendarService {
  private cached?: { calendar: BusinessCalendar; loadedAt: number };

  constructor(@InjectRepository(Closure) private readonly closures: Repository<Closure>) {}

  async calendar(): Promise<BusinessCalendar> {
    if (!this.cached || Date.now() - this.cached.loadedAt > CACHE_MS) {
      const rows = await this.closures.find({ order: { date: 'ASC' } });
      this.cached = { calendar: new BusinessCalendar(rows.map((r) => ({ date: r.date, name: r.name }))), loadedAt: Date.now() };
    }
    return this.cached.calendar;
  }

  async closuresOf(year: number): Promise<Closure[]> {
    return this.closures
      .createQueryBuilder('c')
      .where(`c.date >= make_date(:year, 1, 1) AND c.date < make_date(:year + 1, 1, 1)`, { year })
      .orderBy('c.date')
      .getMany();
  }

  async addClosure(date: string, name: string, createdBy: string): Promise<Closure> {
    const closure = await this.closures.save(this.closures.create({ date, name, source: 'ADMIN', createdBy }));
    this.cached = undefined;
    return closure;
  }
}
