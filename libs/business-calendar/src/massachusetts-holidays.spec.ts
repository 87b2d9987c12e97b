import { defaultClosures, massachusettsStateHolidays } from './massachusetts-holidays';

/** Weekday by the JavaScript Date in UTC — an implementation independent of the library's arithmetic. */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

describe('massachusettsStateHolidays', () => {
  it('lists the 2026 closures (July 4 is a Saturday: not moved, no closure)', () => {
    expect(massachusettsStateHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" }, // Thu
      { date: '2026-01-19', name: 'Martin Luther King Jr. Day' }, // Mondays of Jan: 5, 12, 19
      { date: '2026-02-16', name: "Washington's Birthday" }, // Mondays of Feb: 2, 9, 16
      { date: '2026-04-20', name: "Patriots' Day" }, // Mondays of Apr: 6, 13, 20
      { date: '2026-05-25', name: 'Memorial Day' }, // last Monday of May (31 is a Sunday)
      { date: '2026-06-19', name: 'Juneteenth' }, // Fri
      { date: '2026-09-07', name: 'Labor Day' }, // first Monday of Sep (1 is a Tuesday)
      { date: '2026-10-12', name: 'Columbus Day' }, // Mondays of Oct: 5, 12
      { date: '2026-11-11', name: 'Veterans Day' }, // Wed
      { date: '2026-11-26', name: 'Thanksgiving Day' }, // Thursdays of Nov: 5, 12, 19, 26
      { date: '2026-12-25', name: 'Christmas Day' }, // Fri
    ]);
    expect(weekdayOf('2026-07-04')).toBe('Sat');
    expect(massachusettsStateHolidays(2026).map((h) => h.date)).not.toContain('2026-07-03');
  });

  it('lists the 2027 closures (June 19 and December 25 are Saturdays; July 4 is a Sunday → Monday July 5)', () => {
    expect(massachusettsStateHolidays(2027)).toEqual([
      { date: '2027-01-01', name: "New Year's Day" }, // Fri
      { date: '2027-01-18', name: 'Martin Luther King Jr. Day' }, // Mondays of Jan: 4, 11, 18
      { date: '2027-02-15', name: "Washington's Birthday" }, // Mondays of Feb: 1, 8, 15
      { date: '2027-04-19', name: "Patriots' Day" }, // Mondays of Apr: 5, 12, 19
      { date: '2027-05-31', name: 'Memorial Day' }, // last Monday of May
      { date: '2027-07-05', name: 'Independence Day (observed)', observed: true }, // July 4 is a Sunday
      { date: '2027-09-06', name: 'Labor Day' }, // first Monday of Sep (1 is a Wednesday)
      { date: '2027-10-11', name: 'Columbus Day' }, // Mondays of Oct: 4, 11
      { date: '2027-11-11', name: 'Veterans Day' }, // Thu
      { date: '2027-11-25', name: 'Thanksgiving Day' }, // Thursdays of Nov: 4, 11, 18, 25
    ]);
    expect(['2027-06-19', '2027-07-04', '2027-12-25'].map(weekdayOf)).toEqual(['Sat', 'Sun', 'Sat']);
  });

  it('marks only an observed Monday as observed', () => {
    const observed = massachusettsStateHolidays(2027).filter((h) => h.observed);
    expect(observed).toEqual([{ date: '2027-07-05', name: 'Independence Day (observed)', observed: true }]);
    expect(massachusettsStateHolidays(2026).some((h) => 'observed' in h)).toBe(false);
  });

  it.each([
    // A Sunday holiday: the Monday after is the closure.
    [2023, '2023-01-01', '2023-01-02', "New Year's Day (observed)"],
    [2022, '2022-06-19', '2022-06-20', 'Juneteenth (observed)'],
    [2021, '2021-07-04', '2021-07-05', 'Independence Day (observed)'],
    [2029, '2029-11-11', '2029-11-12', 'Veterans Day (observed)'],
    [2022, '2022-12-25', '2022-12-26', 'Christmas Day (observed)'],
    [2033, '2033-12-25', '2033-12-26', 'Christmas Day (observed)'],
  ])('%i: %s is a Sunday → observed on Monday %s', (year, sunday, monday, name) => {
    expect(weekdayOf(sunday)).toBe('Sun');
    expect(weekdayOf(monday)).toBe('Mon');
    const holidays = massachusettsStateHolidays(year);
    expect(holidays).toContainEqual({ date: monday, name, observed: true });
    expect(holidays.map((h) => h.date)).not.toContain(sunday);
  });

  it.each([
    // A Saturday holiday is not moved: no closure that year, the Friday before stays open.
    [2022, '2022-01-01', '2021-12-31', "New Year's Day"],
    [2023, '2023-11-11', '2023-11-10', 'Veterans Day'],
    [2028, '2028-01-01', '2027-12-31', "New Year's Day"],
    [2028, '2028-11-11', '2028-11-10', 'Veterans Day'],
    [2021, '2021-06-19', '2021-06-18', 'Juneteenth'],
    [2021, '2021-12-25', '2021-12-24', 'Christmas Day'],
  ])('%i: %s is a Saturday → no closure (not on %s either)', (year, saturday, friday, name) => {
    expect(weekdayOf(saturday)).toBe('Sat');
    const holidays = massachusettsStateHolidays(year);
    expect(holidays.some((h) => h.name.startsWith(name))).toBe(false);
    expect(holidays.map((h) => h.date)).not.toContain(saturday);
    expect(defaultClosures(year - 1, year + 1).map((h) => h.date)).not.toContain(friday);
  });

  it('lists a year with no weekend holiday in full (2025, 2030)', () => {
    expect(massachusettsStateHolidays(2025).map((h) => h.date)).toEqual([
      '2025-01-01', '2025-01-20', '2025-02-17', '2025-04-21', '2025-05-26', '2025-06-19',
      '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
    ]);
    expect(massachusettsStateHolidays(2030).map((h) => h.date)).toEqual([
      '2030-01-01', '2030-01-21', '2030-02-18', '2030-04-15', '2030-05-27', '2030-06-19',
      '2030-07-04', '2030-09-02', '2030-10-14', '2030-11-11', '2030-11-28', '2030-12-25',
    ]);
  });

  describe.each([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033])('%i', (year) => {
    const holidays = massachusettsStateHolidays(year);
    const fixed = ['01-01', '06-19', '07-04', '11-11', '12-25'].map((md) => `${year}-${md}`);

    it('has the 12 rules minus the fixed-date ones falling on a Saturday', () => {
      const saturdays = fixed.filter((date) => weekdayOf(date) === 'Sat').length;
      expect(holidays).toHaveLength(12 - saturdays);
    });

    it('closes only weekdays, in date order, within the year, each date once', () => {
      for (const { date } of holidays) {
        expect(date.startsWith(`${year}-`)).toBe(true);
        expect(['Sat', 'Sun']).not.toContain(weekdayOf(date));
      }
      const dates = holidays.map((h) => h.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    });

    it('puts each Monday holiday on the right Monday and Thanksgiving on the 4th Thursday', () => {
      const dateOf = (name: string): string => {
        const holiday = holidays.find((h) => h.name === name);
        if (!holiday) throw new Error(`${name} missing in ${year}`);
        return holiday.date;
      };
      const dayOfMonth = (date: string): number => Number(date.slice(8));
      const expectNth = (name: string, month: string, weekday: string, n: number): void => {
        const date = dateOf(name);
        expect(date.slice(5, 7)).toBe(month);
        expect(weekdayOf(date)).toBe(weekday);
        expect(Math.ceil(dayOfMonth(date) / 7)).toBe(n); // the n-th such weekday falls on days 7n-6 … 7n
      };
      expectNth('Martin Luther King Jr. Day', '01', 'Mon', 3);
      expectNth("Washington's Birthday", '02', 'Mon', 3);
      expectNth("Patriots' Day", '04', 'Mon', 3);
      expectNth('Labor Day', '09', 'Mon', 1);
      expectNth('Columbus Day', '10', 'Mon', 2);
      expectNth('Thanksgiving Day', '11', 'Thu', 4);
      const memorial = dateOf('Memorial Day');
      expect(memorial.slice(5, 7)).toBe('05');
      expect(weekdayOf(memorial)).toBe('Mon');
      expect(dayOfMonth(memorial)).toBeGreaterThan(31 - 7); // the last Monday: 25–31
    });

    it('never closes for Evacuation Day (March 17) or Bunker Hill Day (June 17)', () => {
      const dates = holidays.map((h) => h.date);
      expect(dates.some((d) => d.slice(5, 7) === '03')).toBe(false);
      expect(dates).not.toContain(`${year}-06-17`);
      expect(holidays.some((h) => /evacuation|bunker/i.test(h.name))).toBe(false);
    });
  });

  it('handles leap years and the ends of the range', () => {
    expect(massachusettsStateHolidays(2024).find((h) => h.name === 'Memorial Day')?.date).toBe('2024-05-27');
    expect(massachusettsStateHolidays(2000).map((h) => h.date)).toContain('2000-11-23'); // Thanksgiving 2000
    expect(massachusettsStateHolidays(1).every((h) => h.date.startsWith('0001-'))).toBe(true);
    expect(massachusettsStateHolidays(9999)[0].date.startsWith('9999-')).toBe(true);
  });

  it.each([2026.5, 0, 10000, -1, NaN, Infinity])('refuses the year %p with a RangeError naming it', (year) => {
    expect(() => massachusettsStateHolidays(year)).toThrow(RangeError);
    expect(() => massachusettsStateHolidays(year)).toThrow(`Invalid year ${String(year)}`);
  });
});

describe('defaultClosures', () => {
  it('concatenates the years fromYear through toYear in date order', () => {
    const closures = defaultClosures(2026, 2027);
    expect(closures).toEqual([...massachusettsStateHolidays(2026), ...massachusettsStateHolidays(2027)]);
    expect(closures).toHaveLength(11 + 10);
    expect(defaultClosures(2026, 2026)).toEqual(massachusettsStateHolidays(2026));
    expect(defaultClosures(2025, 2030)).toHaveLength(12 + 11 + 10 + 10 + 12 + 12);
  });

  it('refuses a reversed or invalid range', () => {
    expect(() => defaultClosures(2027, 2026)).toThrow(RangeError);
    expect(() => defaultClosures(2027, 2026)).toThrow('fromYear 2027 is after toYear 2026');
    expect(() => defaultClosures(2026.5, 2027)).toThrow('Invalid fromYear 2026.5');
    expect(() => defaultClosures(2026, 10000)).toThrow('Invalid toYear 10000');
  });
});
