import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { inOneSnapshot, type Page } from '@rosterlink/platform';
import { BusinessCalendarAuditEntry, Closure } from './closure.entity';

/** An entry of the calendar's audit, as read. */
export type CalendarAuditRecord = Omit<BusinessCalendarAuditEntry, 'seq'>;

/** The closures table (days state offices are closed) and its audit: every statement on them. */
@Injectable()
export class BusinessCalendarRepository {
  constructor(@InjectRepository(Closure) private readonly closures: Repository<Closure>) {}

  all(): Promise<Closure[]> {
    return this.closures.find({ order: { date: 'ASC' } });
  }

  ofYear(year: number): Promise<Closure[]> {
    return this.closures
      .createQueryBuilder('c')
      .where(`c.date >= make_date(:year, 1, 1) AND c.date < make_date(:year + 1, 1, 1)`, { year })
      .orderBy('c.date')
      .getMany();
  }

  /**
   * Every closure, with the table locked against other changes until the transaction ends: closure
   * changes, and the due dates they move, happen one at a time. Reads (and submissions) go on.
   */
  async lockAll(tx: EntityManager): Promise<Closure[]> {
    await tx.query('LOCK TABLE link_request.closures IN SHARE ROW EXCLUSIVE MODE');
    return tx.getRepository(Closure).find({ order: { date: 'ASC' } });
  }

  add(tx: EntityManager, closure: Pick<Closure, 'date' | 'name' | 'source' | 'createdBy'>): Promise<Closure> {
    const closures = tx.getRepository(Closure);
    return closures.save(closures.create(closure));
  }

  async remove(tx: EntityManager, date: string): Promise<void> {
    await tx.getRepository(Closure).delete({ date });
  }

  async audit(tx: EntityManager, entry: CalendarAuditRecord): Promise<void> {
    await tx.getRepository(BusinessCalendarAuditEntry).insert(entry);
  }

  /** The audit, newest first. */
  async auditPage(page: { limit: number; offset: number }): Promise<Page<CalendarAuditRecord>> {
    const [entries, total] = await inOneSnapshot(this.closures.manager.connection, (tx) =>
      tx.getRepository(BusinessCalendarAuditEntry).findAndCount({ order: { seq: 'DESC' }, take: page.limit, skip: page.offset }),
    );
    return { items: entries.map(({ seq: _seq, ...entry }) => entry), total };
  }
}
