import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, validate } from 'class-validator';
import { PageQuery } from './paging';
import { IsCalendarDate, MAX_REQUEST_DEPTH, requestValueProblems } from './request-limits';

class VisitQuery {
  @IsCalendarDate() date: string;
  @IsOptional() @IsCalendarDate() endDate?: string;
  @IsOptional() @Type(() => Number) @IsInt() days?: number;
}

async function dateProblems(value: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(VisitQuery, value));
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('IsCalendarDate', () => {
  it.each([['2026-02-28'], ['2028-02-29'], ['2026-12-31'], ['0001-01-01']])('accepts the real date %s', async (date) => {
    expect(await dateProblems({ date })).toEqual([]);
  });

  it.each([['2026-02-30'], ['2026-02-29'], ['2026-13-01'], ['2026-00-10'], ['2026-04-31'], ['0000-01-01'], ['2026-1-01'], ['12/01/2026'], [''], [20260101]])(
    'refuses %s as "not a valid date"',
    async (date) => {
      expect(await dateProblems({ date })).toEqual(['date is not a valid date: use a real calendar date, YYYY-MM-DD']);
    },
  );
});

describe('PageQuery', () => {
  it.each([['1e20'], ['99999999999999999999'], ['1000000001'], ['-1'], ['1.5'], ['abc']])('refuses offset=%s', async (offset) => {
    expect(await validate(plainToInstance(PageQuery, { offset }))).not.toEqual([]);
  });

  it('takes an offset up to a billion', async () => {
    expect(await validate(plainToInstance(PageQuery, { offset: '1000000000', limit: '1000' }))).toEqual([]);
  });
});

describe('requestValueProblems', () => {
  it('passes ordinary values', () => {
    expect(requestValueProblems({ a: [1, 'two', { b: null }], c: true }, '')).toEqual([]);
  });

  it('allows the deepest permitted nesting and refuses one level more', () => {
    const nest = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
    expect(requestValueProblems(nest(MAX_REQUEST_DEPTH), '')).toEqual([]);
    expect(requestValueProblems(nest(MAX_REQUEST_DEPTH + 1), '')).toHaveLength(1);
  });

  it('names the path of a prototype key and of a NUL character', () => {
    expect(requestValueProblems(JSON.parse('{"a":{"__proto__":{"x":1}},"b":["ok","n\\u0000"]}'), 'body')).toEqual(
      expect.arrayContaining([
        { field: 'body.a.__proto__', message: 'property __proto__ should not exist' },
        { field: 'body.b.1', message: 'must not contain a NUL character' },
      ]),
    );
  });
});
