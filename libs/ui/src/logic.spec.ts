import { sortErrors, toggleSort } from './case-errors';
import { offsetOf, pageNumbersOf, pageStandingOf } from './paging';
import { SseParser } from './sse';

describe('the error table', () => {
  const errors = [
    { row: 5, column: 'NPI', code: 'X', message: 'bad check digit' },
    { row: 3, column: 'Date of Birth', code: 'Y', message: 'age under 18' },
    { row: 4, column: 'NPI', code: 'Z', message: 'also in row 5' },
  ];

  it('sorts by row, column or message, either way', () => {
    expect(sortErrors(errors, { key: 'row', descending: false }).map((e) => e.row)).toEqual([3, 4, 5]);
    expect(sortErrors(errors, { key: 'row', descending: true }).map((e) => e.row)).toEqual([5, 4, 3]);
    expect(sortErrors(errors, { key: 'column', descending: false }).map((e) => e.row)).toEqual([3, 4, 5]);
    expect(sortErrors(errors, { key: 'message', descending: false }).map((e) => e.row)).toEqual([3, 4, 5]);
  });

  it('flips on a second click and starts ascending on another column', () => {
    expect(toggleSort({ key: 'row', descending: false }, 'row')).toEqual({ key: 'row', descending: true });
    expect(toggleSort({ key: 'row', descending: true }, 'message')).toEqual({ key: 'message', descending: false });
  });
});

describe('server-sent events', () => {
  it('parses server-sent events split across chunks, skipping comments', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 3000\n\n: heartbeat\n\nevent: change\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\r\n\r\nevent: change\ndata: 2\n\n')).toEqual([
      { event: 'change', data: '{"a":1}' },
      { event: 'change', data: '2' },
    ]);
  });
});

describe('paging', () => {
  it('says which rows a page shows, and whether there is more either way', () => {
    expect(pageStandingOf({ offset: 0, shown: 20, total: 45 })).toEqual({ first: 1, last: 20, total: 45, hasPrevious: false, hasNext: true });
    expect(pageStandingOf({ offset: 40, shown: 5, total: 45 })).toEqual({ first: 41, last: 45, total: 45, hasPrevious: true, hasNext: false });
    expect(pageStandingOf({ offset: 0, shown: 0, total: 0 })).toEqual({ first: 0, last: 0, total: 0, hasPrevious: false, hasNext: false });
  });

  it('moves a page either way, never below the first', () => {
    expect(offsetOf(20, 20, 'next')).toBe(40);
    expect(offsetOf(20, 20, 'previous')).toBe(0);
    expect(offsetOf(10, 20, 'previous')).toBe(0);
  });
});

describe('page numbers', () => {
  it('says which page of how many, at least one', () => {
    expect(pageNumbersOf({ offset: 0, limit: 50, total: 120 })).toEqual({ page: 1, pages: 3 });
    expect(pageNumbersOf({ offset: 100, limit: 50, total: 120 })).toEqual({ page: 3, pages: 3 });
    expect(pageNumbersOf({ offset: 0, limit: 50, total: 0 })).toEqual({ page: 1, pages: 1 });
  });
});
