import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { LINK_REQUEST_DAYS_LEFT_LABELS } from '@rosterlink/contracts';
import {
  daysLeftLabel,
  dueRangeProblem,
  lastBusinessDayOnOrBefore,
  OpenRequestCount,
  queueSearchOf,
  slaDueDateRange,
  slaDueDates,
  slaStanding,
  slaStartDateFor,
  slaStartDateOf,
  slaSummary,
  summaryWeeks,
  weeklyCounts,
  weekOf,
} from './link-request.rules';

const calendar = new BusinessCalendar(defaultClosures(2026, 2027));
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const open = (dueDate: string, slaStartDate: string) => ({ status: 'SUBMITTED' as const, dueDate, slaStartDate });

describe('the queue’s SLA rules', () => {
  describe('slaStartDate', () => {
    it.each([
      ['2026-11-24', '2026-11-24', 'a Tuesday: the day itself'],
      ['2026-11-28', '2026-11-30', 'Saturday: the Monday after'],
      ['2026-11-29', '2026-11-30', 'Sunday: the Monday after'],
      ['2026-11-26', '2026-11-27', 'Thanksgiving: the Friday after'],
      ['2027-07-04', '2027-07-06', 'Sunday 4 July 2027, Monday observed: Tuesday'],
    ])('%s → %s (%s)', (submittedOn, start) => {
      expect(slaStartDateOf(submittedOn, calendar)).toBe(start);
    });

    it('reads the submission instant in America/New_York', () => {
      // 23:30 on Friday 27 Nov in Boston is Saturday in UTC: the SLA starts that Friday.
      expect(slaStartDateFor(new Date('2026-11-28T04:30:00Z'), calendar)).toBe('2026-11-27');
      expect(slaStartDateFor(new Date('2026-11-29T15:00:00Z'), calendar)).toBe('2026-11-30');
    });
  });

  describe('businessDaysRemaining before the SLA starts (the Sunday count)', () => {
    it('shows the full 10 on the Sunday of a Sunday submission (29 Nov 2026, due Mon 14 Dec), not 11', () => {
      const due = calendar.dueDateFor(new Date('2026-11-29T15:00:00Z'));
      expect(due).toBe('2026-12-14');
      const start = slaStartDateOf('2026-11-29', calendar);
      expect(slaStanding(open(due, start), calendar, '2026-11-29')).toEqual({ businessDaysRemaining: 10, slaState: 'ON_TRACK' });
      expect(slaStanding(open(due, start), calendar, '2026-11-28')).toEqual({ businessDaysRemaining: 10, slaState: 'ON_TRACK' });
    });

    it('counts from today once the SLA has started', () => {
      const start = '2026-11-30';
      expect(slaStanding(open('2026-12-14', start), calendar, '2026-11-30').businessDaysRemaining).toBe(10);
      expect(slaStanding(open('2026-12-14', start), calendar, '2026-12-01').businessDaysRemaining).toBe(9);
      expect(slaStanding(open('2026-12-14', start), calendar, '2026-12-14')).toEqual({ businessDaysRemaining: 0, slaState: 'WARNING' });
      expect(slaStanding(open('2026-12-14', start), calendar, '2026-12-15')).toEqual({ businessDaysRemaining: -1, slaState: 'BREACHED' });
    });

    it('is the full 10 on every day from the submission to the SLA’s start, for every submission date of 2026', () => {
      for (let submittedOn = '2026-01-01'; submittedOn <= '2026-12-31'; submittedOn = nextDay(submittedOn)) {
        const start = slaStartDateOf(submittedOn, calendar);
        const due = calendar.addBusinessDays(submittedOn, 10);
        for (let today = submittedOn; today <= start; today = nextDay(today)) {
          const standing = slaStanding(open(due, start), calendar, today);
          if (standing.businessDaysRemaining !== 10) throw new Error(`submitted ${submittedOn}, on ${today}: ${standing.businessDaysRemaining} left`);
        }
      }
    });

    it('keeps the SLA sweep consistent: a request in WARNING has the days left the warning event carries', () => {
      for (let today = '2026-11-01'; today <= '2027-01-31'; today = nextDay(today)) {
        for (const { dueDate, businessDaysRemaining } of slaDueDates(calendar, today).warning) {
          // A request in warning started its SLA long before (its due date is ten business days after the start).
          const start = slaStartDateOf('2026-10-01', calendar);
          expect(slaStanding(open(dueDate, start), calendar, today)).toEqual({ businessDaysRemaining, slaState: 'WARNING' });
        }
      }
    });
  });

  describe('slaDueDateRange (the list’s slaState filter)', () => {
    it('selects exactly the due dates slaState puts in each state', () => {
      for (const today of ['2026-11-24', '2026-11-25', '2026-11-28', '2026-11-29', '2026-12-24', '2026-12-31']) {
        for (let due = '2026-11-01'; due <= '2027-01-31'; due = nextDay(due)) {
          const state = calendar.slaState(today, due);
          for (const candidate of ['ON_TRACK', 'WARNING', 'BREACHED'] as const) {
            const { onOrAfter, before } = slaDueDateRange(calendar, today, candidate);
            const inRange = (onOrAfter === undefined || due >= onOrAfter) && (before === undefined || due < before);
            if (inRange !== (state === candidate)) throw new Error(`today ${today}, due ${due}: ${state}, range of ${candidate} says ${inRange}`);
          }
        }
      }
    });
  });

  describe('the summary', () => {
    it('labels the days left', () => {
      expect([-3, -1, 0, 1, 9, 10, 11, 250].map(daysLeftLabel)).toEqual(['overdue', 'overdue', '0', '1', '9', '10+', '10+', '10+']);
    });

    it('finds the last business day on or before today', () => {
      expect(lastBusinessDayOnOrBefore(calendar, '2026-11-24')).toBe('2026-11-24');
      expect(lastBusinessDayOnOrBefore(calendar, '2026-11-29')).toBe('2026-11-27');
      expect(lastBusinessDayOnOrBefore(calendar, '2026-11-26')).toBe('2026-11-25');
    });

    it('counts open requests as slaStanding counts each of them, whether or not their SLA has started', () => {
      const today = '2026-11-29'; // Sunday
      const startedBy = lastBusinessDayOnOrBefore(calendar, today);
      // Requests as submitted on these dates; the SQL collapses a submission date to GREATEST(it, startedBy).
      const requests = [
        { submittedOn: '2026-11-29', dueDate: '2026-12-14' },
        { submittedOn: '2026-11-28', dueDate: '2026-12-14' },
        { submittedOn: '2026-11-27', dueDate: '2026-12-11' },
        { submittedOn: '2026-11-16', dueDate: '2026-12-01' },
        { submittedOn: '2026-11-13', dueDate: '2026-11-30' },
        { submittedOn: '2026-11-02', dueDate: '2026-11-16' },
      ];
      const counts = new Map<string, OpenRequestCount>();
      for (const r of requests) {
        const submittedOn = r.submittedOn > startedBy ? r.submittedOn : startedBy;
        const key = `${r.dueDate}/${submittedOn}`;
        const entry = counts.get(key) ?? { dueDate: r.dueDate, submittedOn, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
      const summary = slaSummary([...counts.values()], calendar, today);
      const expected = new Map<string, number>(LINK_REQUEST_DAYS_LEFT_LABELS.map((l) => [l, 0]));
      const states = { ON_TRACK: 0, WARNING: 0, BREACHED: 0 };
      for (const r of requests) {
        const standing = slaStanding(open(r.dueDate, slaStartDateOf(r.submittedOn, calendar)), calendar, today);
        expected.set(daysLeftLabel(standing.businessDaysRemaining as number), (expected.get(daysLeftLabel(standing.businessDaysRemaining as number)) ?? 0) + 1);
        if (standing.slaState) states[standing.slaState]++;
      }
      expect(summary.open).toBe(6);
      expect(summary.bySlaState).toEqual(states);
      expect(summary.bySlaState).toEqual({ ON_TRACK: 3, WARNING: 2, BREACHED: 1 });
      expect(summary.byDaysLeft).toEqual([...expected].map(([label, value]) => ({ label, value })));
      // Sunday: the two weekend submissions and Friday's (due 11 Dec: Mon 30 … Fri 11) have 10 left; 1 Dec: 2; 30 Nov: 1.
      expect(Object.fromEntries(summary.byDaysLeft.filter((b) => b.value > 0).map((b) => [b.label, b.value]))).toEqual({
        overdue: 1,
        '1': 1,
        '2': 1,
        '10+': 3,
      });
    });

    it('lists the last weeks by their Mondays, oldest first, with zeros for quiet weeks', () => {
      expect(weekOf('2026-11-29')).toBe('2026-11-23');
      expect(weekOf('2026-11-23')).toBe('2026-11-23');
      expect(summaryWeeks('2026-11-29', 3)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
      expect(summaryWeeks('2026-01-01', 2)).toEqual(['2025-12-22', '2025-12-29']);
      expect(weeklyCounts(['2026-11-16', '2026-11-23'], [{ week: '2026-11-23', breaches: 2, decisions: 5 }])).toEqual([
        { week: '2026-11-16', breaches: 0, decisions: 0 },
        { week: '2026-11-23', breaches: 2, decisions: 5 },
      ]);
    });
  });

  describe('the list’s search and due dates', () => {
    it.each([
      ['1234567893', { npi: '1234567893' }],
      [' 1234567893 ', { npi: '1234567893' }],
      ['6F1C2B9E-52B0-4C1A-9D7E-0A2B3C4D5E6F', { requestId: '6f1c2b9e-52b0-4c1a-9d7e-0a2b3c4d5e6f' }],
      ['Rivera, Ana', { lastName: 'Rivera', firstNamePrefix: 'Ana' }],
      ['Rivera,', { lastName: 'Rivera', firstNamePrefix: '' }],
      ['riv', { namePrefix: 'riv' }],
      ['12345', { namePrefix: '12345' }],
      ["O'Brien", { namePrefix: "O'Brien" }],
    ])('q=%p → %p', (q, search) => {
      expect(queueSearchOf(q)).toEqual(search);
    });

    it('refuses dueFrom after dueTo, and nothing else', () => {
      expect(dueRangeProblem('2026-12-02', '2026-12-01')).toBe('dueFrom (2026-12-02) must be on or before dueTo (2026-12-01)');
      expect(dueRangeProblem('2026-12-01', '2026-12-01')).toBeNull();
      expect(dueRangeProblem('2026-12-01', undefined)).toBeNull();
      expect(dueRangeProblem(undefined, '2026-12-01')).toBeNull();
    });
  });
});
