import { dayText, SlaFacts, slaWording } from './sla';

/**
 * The numbers are link-request-service's (its BusinessCalendar with the 2026 Massachusetts holidays:
 * Thanksgiving is Thursday 26 November, Christmas Friday 25 December): the due date it stored, and the
 * business days it counts from today (exclusive) to the due date (inclusive), negative when overdue.
 */
const open = (dueDate: string, businessDaysRemaining: number, slaState: SlaFacts['slaState'], slaStartDate = '2026-11-30'): SlaFacts => ({
  status: 'SUBMITTED',
  dueDate,
  slaStartDate,
  businessDaysRemaining,
  slaState,
  decidedAt: null,
});

describe('a date in words', () => {
  it('is the weekday, the day and the month, with the year only when it is not this year', () => {
    expect(dayText('2026-12-14', '2026-11-30')).toBe('Mon 14 Dec');
    expect(dayText('2026-11-01', '2026-11-30')).toBe('Sun 1 Nov');
    expect(dayText('2027-01-04', '2026-12-30')).toBe('Mon 4 Jan 2027');
  });
});

describe('the SLA in words', () => {
  describe('on track', () => {
    it('says the due date, the business days left and the day the SLA counts from', () => {
      // Submitted Tuesday 24 November: counted from that day, due Wednesday 9 December.
      expect(slaWording(open('2026-12-09', 10, 'ON_TRACK', '2026-11-24'), '2026-11-24')).toEqual({
        tone: 'on_track',
        label: 'On track',
        text: 'Due Wed 9 Dec · 10 business days left, counted from Tue 24 Nov',
      });
    });

    it('counts a weekend submission from the Monday after, on the Sunday too (the service counts the full SLA before it starts)', () => {
      // Submitted Sunday 29 November: counted from Monday 30 November, due Monday 14 December.
      expect(slaWording(open('2026-12-14', 10, 'ON_TRACK', '2026-11-30'), '2026-11-30').text).toBe('Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov');
      expect(slaWording(open('2026-12-14', 10, 'ON_TRACK', '2026-11-30'), '2026-11-29').text).toBe('Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov');
    });

    it('counts a holiday submission from the next business day', () => {
      // Submitted on Thanksgiving: counted from Friday 27 November, due Friday 11 December.
      expect(slaWording(open('2026-12-11', 10, 'ON_TRACK', '2026-11-27'), '2026-11-26').text).toBe('Due Fri 11 Dec · 10 business days left, counted from Fri 27 Nov');
      expect(slaWording(open('2026-12-11', 8, 'ON_TRACK', '2026-11-27'), '2026-12-01').text).toBe('Due Fri 11 Dec · 8 business days left, counted from Fri 27 Nov');
    });

    it('leaves out where the count starts when the service does not say', () => {
      expect(slaWording({ ...open('2026-12-14', 10, 'ON_TRACK'), slaStartDate: '' }, '2026-11-30').text).toBe('Due Mon 14 Dec · 10 business days left');
    });
  });

  describe('warning', () => {
    it('says "Due today" on the due date', () => {
      expect(slaWording(open('2026-12-14', 0, 'WARNING', '2026-11-30'), '2026-12-14')).toEqual({
        tone: 'warning',
        label: 'Warning',
        text: 'Due today',
      });
    });

    it('says the due date and the business days left before it, over a weekend too', () => {
      expect(slaWording(open('2026-12-14', 2, 'WARNING'), '2026-12-10').text).toBe('Due Mon 14 Dec · 2 business days left');
      expect(slaWording(open('2026-12-14', 1, 'WARNING'), '2026-12-11').text).toBe('Due Mon 14 Dec · 1 business day left');
    });
  });

  describe('breached', () => {
    it('says the business days overdue and when it was due: by one', () => {
      // Due Friday 11 December, seen on Monday 14 (or over the weekend): one business day overdue.
      expect(slaWording(open('2026-12-11', -1, 'BREACHED'), '2026-12-14')).toEqual({
        tone: 'breached',
        label: 'Breached',
        text: '1 business day overdue, was due Fri 11 Dec',
      });
      expect(slaWording(open('2026-12-11', -1, 'BREACHED'), '2026-12-12').text).toBe('1 business day overdue, was due Fri 11 Dec');
    });

    it('by many, into the next year', () => {
      // 11 December to 31 December, less Christmas: 14 business days before Monday 4 January.
      expect(slaWording(open('2026-12-11', -14, 'BREACHED'), '2027-01-04').text).toBe('14 business days overdue, was due Fri 11 Dec 2026');
    });

    it('says overdue even when no business day has passed (a closure added on the due date)', () => {
      expect(slaWording(open('2026-12-11', 0, 'BREACHED'), '2026-12-12').text).toBe('Overdue, was due Fri 11 Dec');
    });
  });

  describe('decided', () => {
    const decided = (decidedAt: string | null): SlaFacts => ({ status: 'APPROVED', dueDate: '2026-12-14', businessDaysRemaining: null, slaState: null, decidedAt, slaStartDate: '2026-11-30' });

    it('says when it was decided and whether that was by the due date', () => {
      expect(slaWording(decided('2026-12-10T15:00:00Z'), '2026-12-20')).toEqual({
        tone: 'decided',
        label: 'Decided',
        text: 'Decided Thu 10 Dec, on time (due Mon 14 Dec)',
      });
      expect(slaWording(decided('2026-12-15T15:00:00Z'), '2026-12-20').text).toBe('Decided Tue 15 Dec, after its due date Mon 14 Dec');
    });

    it('reads the decision date in the business time zone: 10 pm in Boston on the due date is on time', () => {
      expect(slaWording(decided('2026-12-15T03:00:00Z'), '2026-12-20').text).toBe('Decided Mon 14 Dec, on time (due Mon 14 Dec)');
    });

    it('still says the due date without a decision time', () => {
      expect(slaWording(decided(null), '2026-12-20').text).toBe('Was due Mon 14 Dec');
    });
  });
});
