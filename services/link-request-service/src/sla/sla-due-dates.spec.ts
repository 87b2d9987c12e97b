import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { slaDueDates } from './sla-due-dates';

describe('slaDueDates', () => {
  const calendar = new BusinessCalendar(defaultClosures(2026, 2027));

  it('agrees with slaState and businessDaysBetween on every due date around today', () => {
    for (const today of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-28', '2026-12-04', '2026-12-07', '2026-12-24', '2026-12-31']) {
      const { breachedBefore, warning } = slaDueDates(calendar, today);
      const warned = new Map(warning.map((w) => [w.dueDate, w.businessDaysRemaining]));
      let dueDate = '2026-11-01';
      for (let i = 0; i < 120; i++) {
        const state = calendar.slaState(today, dueDate);
        expect([dueDate, dueDate < breachedBefore]).toEqual([dueDate, state === 'BREACHED']);
        expect([dueDate, warned.has(dueDate)]).toEqual([dueDate, state === 'WARNING']);
        if (warned.has(dueDate)) expect(warned.get(dueDate)).toBe(calendar.businessDaysBetween(today, dueDate));
        dueDate = new Date(Date.parse(`${dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      }
    }
  });

  it('spans a holiday weekend: on Wednesday before Thanksgiving 2026, Wednesday to Monday are in warning', () => {
    // 26 Nov is Thanksgiving; from Wednesday the 25th: Fri 27 (1), Mon 30 (2), Tue 1 Dec (3).
    expect(slaDueDates(calendar, '2026-11-25').warning).toEqual([
      { dueDate: '2026-11-25', businessDaysRemaining: 0 },
      { dueDate: '2026-11-26', businessDaysRemaining: 0 },
      { dueDate: '2026-11-27', businessDaysRemaining: 1 },
      { dueDate: '2026-11-28', businessDaysRemaining: 1 },
      { dueDate: '2026-11-29', businessDaysRemaining: 1 },
      { dueDate: '2026-11-30', businessDaysRemaining: 2 },
    ]);
  });
});
