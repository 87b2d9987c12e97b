import { BusinessCalendar, LINK_REQUEST_DUE_BUSINESS_DAYS, SLA_WARNING_BUSINESS_DAYS } from './business-calendar';
import { defaultClosures } from './massachusetts-holidays';

const calendar = new BusinessCalendar(defaultClosures(2025, 2028));

/** The next calendar date, by the JavaScript Date in UTC (independent of the library's arithmetic). */
function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** addBusinessDays the slow way: walk day by day. */
function walkBusinessDays(cal: BusinessCalendar, date: string, n: number): string {
  let day = date;
  while (!cal.isBusinessDay(day)) day = nextDate(day);
  for (let counted = 0; counted < n; ) {
    day = nextDate(day);
    if (cal.isBusinessDay(day)) counted++;
  }
  return day;
}

/** businessDaysBetween the slow way: business days in (from, to], or minus those in [to, from). */
function walkBetween(cal: BusinessCalendar, from: string, to: string): number {
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  if (sign === 1) {
    for (let day = nextDate(lo); day <= hi; day = nextDate(day)) if (cal.isBusinessDay(day)) count++;
  } else {
    for (let day = lo; day < hi; day = nextDate(day)) if (cal.isBusinessDay(day)) count++;
  }
  return sign * count || 0;
}

describe('BusinessCalendar.isBusinessDay', () => {
  it.each([
    ['2026-11-24', true, 'Tuesday'],
    ['2026-11-26', false, 'Thanksgiving Day'],
    ['2026-11-27', true, 'the Friday after Thanksgiving is open'],
    ['2026-11-28', false, 'Saturday'],
    ['2026-11-29', false, 'Sunday'],
    ['2026-07-03', true, 'Friday: July 4 2026 is a Saturday and is not moved'],
    ['2026-07-04', false, 'Saturday'],
    ['2027-07-05', false, 'Independence Day (observed): July 4 2027 is a Sunday'],
    ['2027-12-24', true, 'Friday: Christmas 2027 is a Saturday and is not moved'],
    ['2027-06-18', true, 'Friday: Juneteenth 2027 is a Saturday and is not moved'],
    ['2026-03-17', true, 'Evacuation Day (Suffolk only), a Tuesday'],
    ['2026-06-17', true, 'Bunker Hill Day (Suffolk only), a Wednesday'],
    ['2026-04-20', false, "Patriots' Day"],
    ['2028-01-03', true, 'Monday: January 1 2028 is a Saturday and is not moved'],
  ])('%s → %p (%s)', (date, expected) => {
    expect(calendar.isBusinessDay(date)).toBe(expected);
  });
});

describe('BusinessCalendar.addBusinessDays (the link-request due date)', () => {
  it.each([
    // [submission, n, due date, derivation]
    [
      '2026-11-24', 10, '2026-12-09',
      'Tue, a business day: after it 11-25 (1), [11-26 Thanksgiving], 11-27 (2), 11-30 (3), 12-01 (4), 12-02 (5), 12-03 (6), 12-04 (7), 12-07 (8), 12-08 (9), 12-09 (10)',
    ],
    [
      '2026-11-28', 10, '2026-12-14',
      'Sat: counts from Mon 11-30; after it 12-01 (1), 12-02 (2), 12-03 (3), 12-04 (4), 12-07 (5), 12-08 (6), 12-09 (7), 12-10 (8), 12-11 (9), 12-14 (10)',
    ],
    ['2026-11-29', 10, '2026-12-14', 'Sun: counts from Mon 11-30, as Saturday'],
    [
      '2026-11-26', 10, '2026-12-11',
      'Thanksgiving: counts from Fri 11-27; after it 11-30 (1) … 12-04 (5), 12-07 (6) … 12-11 (10)',
    ],
    ['2026-11-27', 10, '2026-12-11', 'Fri 11-27, the start the holiday above counted from'],
    [
      '2026-11-25', 10, '2026-12-10',
      'Wed: 11-27 (1), 11-30 (2) … 12-04 (6), 12-07 (7) … 12-10 (10)',
    ],
    [
      '2026-12-22', 10, '2027-01-07',
      'Tue: 12-23 (1), 12-24 (2), [12-25 Christmas, Fri], 12-28 (3) … 12-31 (6), [01-01 New Year, Fri], 01-04 (7) … 01-07 (10)',
    ],
    [
      '2026-07-01', 10, '2026-07-15',
      'Wed: 07-02 (1), 07-03 (2, open: July 4 is a Saturday), 07-06 (3) … 07-10 (7), 07-13 (8), 07-14 (9), 07-15 (10)',
    ],
    [
      '2027-06-30', 10, '2027-07-15',
      'Wed: 07-01 (1), 07-02 (2), [07-05 observed Independence Day], 07-06 (3) … 07-09 (6), 07-12 (7) … 07-15 (10)',
    ],
    [
      '2027-07-04', 10, '2027-07-20',
      'Sun (the holiday itself), then Mon 07-05 is closed: counts from Tue 07-06; 07-07 (1) … 07-09 (3), 07-12 (4) … 07-16 (8), 07-19 (9), 07-20 (10)',
    ],
    [
      '2026-04-18', 10, '2026-05-05',
      "Sat before Patriots' Day (Mon 04-20): counts from Tue 04-21; 04-22 (1) … 04-24 (3), 04-27 (4) … 05-01 (8), 05-04 (9), 05-05 (10)",
    ],
    [
      '2026-01-16', 10, '2026-02-02',
      'Fri before MLK Day (Mon 01-19): 01-20 (1) … 01-23 (4), 01-26 (5) … 01-30 (9), 02-02 (10)',
    ],
    ['2026-11-24', 0, '2026-11-24', 'n = 0: the start itself, a business day'],
    ['2026-11-28', 0, '2026-11-30', 'n = 0: the start, the next business day after a Saturday'],
    ['2026-11-26', 0, '2026-11-27', 'n = 0: the start, the next business day after a holiday'],
    ['2026-11-25', 1, '2026-11-27', 'Wed + 1: Thanksgiving skipped'],
    ['2026-11-27', 1, '2026-11-30', 'Fri + 1: the weekend skipped'],
    [
      '2026-12-31', 251, '2027-12-31',
      'Thu: 2027 has 261 weekdays (52 weeks + Fri 12-31) − 10 closures = 251 business days, the last Fri 12-31 (Christmas on a Saturday is not moved)',
    ],
    ['2026-12-31', 250, '2027-12-30', 'one fewer: Thu 2027-12-30'],
  ])('%s + %i → %s (%s)', (date, n, due, _derivation) => {
    expect(calendar.addBusinessDays(date, n)).toBe(due);
  });

  it('uses 10 business days for a link request', () => {
    expect(LINK_REQUEST_DUE_BUSINESS_DAYS).toBe(10);
  });

  it('agrees with a day-by-day walk for every start date of 2026–2027', () => {
    for (let date = '2025-12-25'; date <= '2027-12-31'; date = nextDate(date)) {
      for (const n of [0, 1, 2, 4, 5, 6, 10, 23, 130]) {
        const expected = walkBusinessDays(calendar, date, n);
        const actual = calendar.addBusinessDays(date, n);
        if (actual !== expected) throw new Error(`addBusinessDays(${date}, ${n}) = ${actual}, walking gives ${expected}`);
      }
    }
  });

  it('lets an admin-added closure (a storm day) shift a due date', () => {
    const storm = { date: '2026-12-02', name: 'Storm closure' };
    const withStorm = new BusinessCalendar([...defaultClosures(2026, 2027), storm]);
    expect(calendar.addBusinessDays('2026-11-24', 10)).toBe('2026-12-09');
    expect(withStorm.addBusinessDays('2026-11-24', 10)).toBe('2026-12-10'); // 12-02 no longer counts
    expect(withStorm.isBusinessDay('2026-12-02')).toBe(false);
    expect(withStorm.closureOn('2026-12-02')).toEqual(storm);

    // A storm on the Monday a Saturday submission would count from moves the start to Tuesday 12-01:
    // 12-02 (1) … 12-04 (3), 12-07 (4) … 12-11 (8), 12-14 (9), 12-15 (10).
    const mondayStorm = new BusinessCalendar([...defaultClosures(2026, 2027), { date: '2026-11-30', name: 'Storm' }]);
    expect(mondayStorm.addBusinessDays('2026-11-28', 10)).toBe('2026-12-15');

    // A closure after the due date, or on a weekend, changes nothing.
    const later = new BusinessCalendar([...defaultClosures(2026, 2027), { date: '2026-12-10', name: 'Storm' }]);
    expect(later.addBusinessDays('2026-11-24', 10)).toBe('2026-12-09');
    const weekend = new BusinessCalendar([...defaultClosures(2026, 2027), { date: '2026-12-05', name: 'Storm' }]);
    expect(weekend.addBusinessDays('2026-11-24', 10)).toBe('2026-12-09');
    expect(weekend.businessDaysBetween('2026-11-24', '2026-12-09')).toBe(10);
  });

  it('knows only the closures it is given', () => {
    // Without Thanksgiving: 11-25 (1), 11-26 (2), 11-27 (3), 11-30 (4) … 12-04 (8), 12-07 (9), 12-08 (10).
    expect(new BusinessCalendar([]).addBusinessDays('2026-11-24', 10)).toBe('2026-12-08');
  });

  it.each([-1, 1.5, NaN, Infinity, 1e15])('refuses n = %p', (n) => {
    expect(() => calendar.addBusinessDays('2026-11-24', n)).toThrow(RangeError);
    expect(() => calendar.addBusinessDays('2026-11-24', n)).toThrow('Invalid number of business days');
  });

  it('refuses a due date past the year 9999', () => {
    expect(() => calendar.addBusinessDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('BusinessCalendar.businessDaysBetween', () => {
  it.each([
    ['2026-11-24', '2026-11-24', 0, 'the same day'],
    ['2026-11-28', '2026-11-28', 0, 'the same Saturday'],
    ['2026-11-24', '2026-12-09', 10, 'the Thanksgiving-week due date: 10 remain on the submission day'],
    ['2026-11-28', '2026-12-14', 11, 'on the Saturday submission day, Mon 11-30 (the start) is still ahead: 1 + 10 remain'],
    ['2026-11-25', '2026-11-27', 1, 'Thanksgiving between: only Friday counts'],
    ['2026-11-27', '2026-11-30', 1, 'over a weekend'],
    ['2026-11-27', '2026-11-28', 0, 'Friday to Saturday'],
    ['2026-12-07', '2026-12-09', 2, 'Mon to Wed'],
    ['2026-12-04', '2026-12-09', 3, 'Fri to Wed: Mon, Tue, Wed'],
    ['2025-12-31', '2026-12-31', 250, '2026: 261 weekdays − 11 closures'],
    ['2026-12-31', '2027-12-31', 251, '2027: 261 weekdays − 10 closures'],
    // overdue: from exclusive, to inclusive, walking backwards = minus the business days in [to, from)
    ['2026-12-10', '2026-12-09', -1, 'due yesterday (Wed), today Thu'],
    ['2026-12-12', '2026-12-11', -1, 'due Friday, today Saturday'],
    ['2026-12-14', '2026-12-11', -1, 'due Friday, today Monday'],
    ['2026-12-15', '2026-12-11', -2, 'due Friday, today Tuesday'],
    ['2026-11-27', '2026-11-25', -1, 'due Wed, today Fri: Thanksgiving does not count'],
    ['2026-12-31', '2025-12-31', -250, 'a year back: [2025-12-31, 2026-12-31) = Wed 2025-12-31 + the 249 business days of 2026 before Thu 12-31'],
  ])('(%s, %s] → %i (%s)', (from, to, expected) => {
    expect(calendar.businessDaysBetween(from, to)).toBe(expected);
  });

  it('gives n from a business-day submission to its due date', () => {
    for (const date of ['2026-11-24', '2026-11-27', '2026-12-22', '2027-07-01']) {
      expect(calendar.businessDaysBetween(date, calendar.addBusinessDays(date, 10))).toBe(10);
    }
  });

  it('agrees with a day-by-day walk, both ways', () => {
    const dates: string[] = [];
    for (let date = '2026-11-01'; date <= '2027-01-15'; date = nextDate(date)) dates.push(date);
    for (const from of dates) {
      for (const to of dates) {
        const expected = walkBetween(calendar, from, to);
        const actual = calendar.businessDaysBetween(from, to);
        if (actual !== expected) throw new Error(`businessDaysBetween(${from}, ${to}) = ${actual}, walking gives ${expected}`);
      }
    }
  });
});

describe('BusinessCalendar.slaState', () => {
  // The Thanksgiving-week request: submitted Tue 2026-11-24, due Wed 2026-12-09.
  const due = '2026-12-09';

  it.each([
    ['2026-11-24', 'ON_TRACK', '10 business days remain'],
    ['2026-12-03', 'ON_TRACK', '4 remain: Fri 12-04, Mon, Tue, Wed'],
    ['2026-12-04', 'ON_TRACK', '3 remain: Mon 12-07, Tue 12-08, Wed 12-09'],
    ['2026-12-05', 'ON_TRACK', 'Saturday: still 3 remain'],
    ['2026-12-06', 'ON_TRACK', 'Sunday: still 3 remain'],
    ['2026-12-07', 'WARNING', '2 remain: Tue, Wed'],
    ['2026-12-08', 'WARNING', '1 remains'],
    ['2026-12-09', 'WARNING', 'due today: 0 remain'],
    ['2026-12-10', 'BREACHED', 'the due date passed'],
    ['2027-03-01', 'BREACHED', 'long overdue'],
  ])('today %s → %s (%s)', (today, state) => {
    expect(calendar.slaState(today, due)).toBe(state);
  });

  it('counts holidays out of the remaining days', () => {
    // Due Mon 2026-11-30. On Tue 11-24: 11-25, 11-27, 11-30 remain (3) → ON_TRACK;
    // on Wed 11-25: 11-27, 11-30 (2; Thanksgiving does not count) → WARNING.
    expect(calendar.businessDaysBetween('2026-11-24', '2026-11-30')).toBe(3);
    expect(calendar.slaState('2026-11-24', '2026-11-30')).toBe('ON_TRACK');
    expect(calendar.slaState('2026-11-25', '2026-11-30')).toBe('WARNING');
    // Without the Thanksgiving closure, Wednesday would still have 3 days: 11-26, 11-27, 11-30.
    expect(new BusinessCalendar([]).slaState('2026-11-25', '2026-11-30')).toBe('ON_TRACK');
  });

  it('is BREACHED the day after a Friday due date even on the weekend', () => {
    expect(calendar.slaState('2026-12-11', '2026-12-11')).toBe('WARNING');
    expect(calendar.slaState('2026-12-12', '2026-12-11')).toBe('BREACHED');
    expect(calendar.businessDaysBetween('2026-12-12', '2026-12-11')).toBe(-1);
  });

  it('takes another warning threshold', () => {
    expect(SLA_WARNING_BUSINESS_DAYS).toBe(2);
    expect(calendar.slaState('2026-12-08', due, 0)).toBe('ON_TRACK');
    expect(calendar.slaState('2026-12-09', due, 0)).toBe('WARNING');
    expect(calendar.slaState('2026-12-02', due, 5)).toBe('WARNING'); // 12-03, 12-04, 12-07, 12-08, 12-09
    expect(calendar.slaState('2026-12-01', due, 5)).toBe('ON_TRACK'); // 6 remain
    expect(() => calendar.slaState('2026-12-01', due, -1)).toThrow('Invalid warningDays -1');
  });
});

describe('BusinessCalendar.dueDateFor', () => {
  it('takes the submission date in America/New_York', () => {
    // 03:30Z on 11-25 is 22:30 on Tuesday 11-24 in New York (EST, UTC−5) → the Thanksgiving-week example.
    expect(calendar.dueDateFor(new Date('2026-11-25T03:30:00Z'))).toBe('2026-12-09');
    // 05:30Z is 00:30 on Wednesday 11-25 → 11-27 (1), 11-30 (2) … 12-10 (10).
    expect(calendar.dueDateFor(new Date('2026-11-25T05:30:00Z'))).toBe('2026-12-10');
    // Saturday afternoon → counts from Monday 11-30.
    expect(calendar.dueDateFor(new Date('2026-11-28T15:00:00Z'))).toBe('2026-12-14');
    expect(calendar.dueDateFor(new Date('2026-11-24T15:00:00Z'), 0)).toBe('2026-11-24');
  });

  it('refuses an invalid Date', () => {
    expect(() => calendar.dueDateFor(new Date('nonsense'))).toThrow(RangeError);
    expect(() => calendar.dueDateFor('2026-11-24' as unknown as Date)).toThrow('Invalid submittedAt 2026-11-24');
  });
});

describe('BusinessCalendar closures and input checks', () => {
  it('keeps one closure per date, the first given, in date order, as copies', () => {
    const cal = new BusinessCalendar([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-02-09', name: 'Blizzard' },
      { date: '2026-12-25', name: 'Duplicate' },
    ]);
    expect(cal.closures).toEqual([
      { date: '2026-02-09', name: 'Blizzard' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    cal.closures[0].date = '2026-02-10';
    expect(cal.isBusinessDay('2026-02-09')).toBe(false);
    expect(cal.isBusinessDay('2026-02-10')).toBe(true);
    expect(cal.closureOn('2026-02-10')).toBeUndefined();
    expect(cal.closureOn('2027-07-05')).toBeUndefined();
    expect(calendar.closureOn('2027-07-05')).toEqual({ date: '2027-07-05', name: 'Independence Day (observed)', observed: true });
  });

  it('refuses a closure with a malformed date, naming it', () => {
    expect(() => new BusinessCalendar([{ date: '2026-11-31', name: 'No such day' }])).toThrow(RangeError);
    expect(() => new BusinessCalendar([{ date: '2026-11-31', name: 'No such day' }])).toThrow(
      'Invalid closure date "2026-11-31"',
    );
  });

  it('refuses malformed dates everywhere, naming them', () => {
    expect(() => calendar.isBusinessDay('2026-02-30')).toThrow('Invalid date "2026-02-30"');
    expect(() => calendar.addBusinessDays('11/24/2026', 10)).toThrow('Invalid date "11/24/2026"');
    expect(() => calendar.businessDaysBetween('2026-11-24', '2026-13-01')).toThrow('Invalid to "2026-13-01"');
    expect(() => calendar.businessDaysBetween('2026-11-24T10:00', '2026-12-01')).toThrow('Invalid from "2026-11-24T10:00"');
    expect(() => calendar.slaState('today', '2026-12-09')).toThrow('Invalid today "today"');
    expect(() => calendar.slaState('2026-12-01', '')).toThrow('Invalid dueDate ""');
    expect(() => calendar.closureOn('2026-12-1')).toThrow(RangeError);
  });
});
