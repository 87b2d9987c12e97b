import { civilFromDay, dayFromCivil, formatDay, isoWeekday, MAX_DAY, MIN_DAY, parseDay } from './calendar-date';

const MS_PER_DAY = 86_400_000;

describe('calendar-date arithmetic', () => {
  it('agrees with the JavaScript Date in UTC on every day of 1900–2100', () => {
    const first = Date.UTC(1900, 0, 1) / MS_PER_DAY;
    const last = Date.UTC(2100, 11, 31) / MS_PER_DAY;
    for (let day = first; day <= last; day++) {
      const utc = new Date(day * MS_PER_DAY);
      const iso = utc.toISOString().slice(0, 10);
      if (formatDay(day) !== iso) throw new Error(`formatDay(${day}) = ${formatDay(day)}, Date says ${iso}`);
      if (parseDay(iso) !== day) throw new Error(`parseDay(${iso}) = ${parseDay(iso)}, expected ${day}`);
      if (isoWeekday(day) !== (utc.getUTCDay() || 7)) throw new Error(`isoWeekday wrong on ${iso}`);
    }
    expect(formatDay(first)).toBe('1900-01-01');
    expect(formatDay(last)).toBe('2100-12-31');
  });

  it('covers the four-digit years exactly', () => {
    const year1 = new Date(0);
    year1.setUTCFullYear(1, 0, 1); // Date.UTC would read year 1 as 1901
    expect(MIN_DAY).toBe(year1.getTime() / MS_PER_DAY);
    expect(MAX_DAY).toBe(Date.UTC(9999, 11, 31) / MS_PER_DAY);
    expect(parseDay('0001-01-01')).toBe(MIN_DAY);
    expect(parseDay('9999-12-31')).toBe(MAX_DAY);
    expect(isoWeekday(MIN_DAY)).toBe(1); // 0001-01-01 was a Monday (proleptic Gregorian)
    expect(() => formatDay(MIN_DAY - 1)).toThrow(RangeError);
    expect(() => formatDay(MAX_DAY + 1)).toThrow(RangeError);
    expect(civilFromDay(dayFromCivil(2024, 2, 29))).toEqual([2024, 2, 29]);
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(isoWeekday(0)).toBe(4); // a Thursday
    expect(isoWeekday(-1)).toBe(3);
  });

  it.each([
    '2026-02-30',
    '2023-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-1-2',
    '11/24/2026',
    '2026-11-24T00:00:00Z',
    ' 2026-11-24',
    '20261124',
    '',
  ])('refuses %p with a RangeError naming it', (text) => {
    expect(() => parseDay(text, 'dueDate')).toThrow(RangeError);
    expect(() => parseDay(text, 'dueDate')).toThrow(`Invalid dueDate ${JSON.stringify(text)}`);
  });

  it('refuses values that are not strings', () => {
    expect(() => parseDay(undefined as unknown as string)).toThrow('Invalid date undefined');
    expect(() => parseDay(20261124 as unknown as string)).toThrow('Invalid date 20261124');
    expect(() => parseDay(new Date() as unknown as string)).toThrow('Invalid date (object)');
  });

  it('accepts leap days', () => {
    expect(formatDay(parseDay('2024-02-29'))).toBe('2024-02-29');
    expect(formatDay(parseDay('2000-02-29'))).toBe('2000-02-29');
  });
});
