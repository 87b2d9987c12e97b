import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Closure } from './closure.entity';

/** The closures table (days state offices are closed): every statement on it. */
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

  add(closure: Pick<Closure, 'date' | 'name' | 'source' | 'createdBy'>): Promise<Closure> {
    return this.closures.save(this.closures.create(closure));
  }
}
