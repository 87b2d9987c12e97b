import { parseRosterDate } from './roster-dates';

describe('parseRosterDate', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['  2026-03-01 ', '2026-03-01'],
    ['03/01/2026', '2026-03-01'],
    ['3/1/2026', '2026-03-01'],
    ['12/31/1999', '1999-12-31'],
    ['2024-02-29', '2024-02-29'], // leap year
    ['2000-02-29', '2000-02-29'], // divisible by 400: leap
    ['2/29/2024', '2024-02-29'],
  ])('reads %p as %p', (text, iso) => {
    expect(parseRosterDate(text)).toBe(iso);
  });

  it.each([
    '2026-02-30', // no such day
    '2023-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '02/30/2026',
    '13/01/2026', // day/month order is not accepted
    '1/2/26', // two-digit year
    '2026/01/02',
    '2026-1-2',
    '01-02-2026',
    '2026-01-02T00:00:00Z',
    '20260102',
    'March 1, 2026',
    '0000-01-01',
    'abcd-ef-gh',
    '',
    '   ',
  ])('refuses %p', (text) => {
    expect(parseRosterDate(text)).toBeNull();
  });

  it('reads an xlsx date cell by its UTC calendar date', () => {
    expect(parseRosterDate(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    // exceljs gives date cells as UTC midnight; a time of day never moves the date
    expect(parseRosterDate(new Date('1980-05-17T23:59:59.000Z'))).toBe('1980-05-17');
    expect(parseRosterDate(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
  });

  it('refuses an invalid Date, numbers (Excel serials) and empty cells', () => {
    expect(parseRosterDate(new Date('not a date'))).toBeNull();
    expect(parseRosterDate(46082)).toBeNull();
    expect(parseRosterDate(null)).toBeNull();
    expect(parseRosterDate(undefined)).toBeNull();
  });
});
