import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { calendarAfter, ClosureChange, closureWindow, DueDateCandidate, dueDateMoves, inClosureWindow } from './due-date-move.rules';

describe('due dates moved by a closure', () => {
  const holidays = new BusinessCalendar(defaultClosures(2026, 2027));
  const blizzard: ClosureChange = { date: '2026-12-08', name: 'Blizzard closure', change: 'ADDED' };
  /** Submitted at 10:00 in Boston on `date`, due as the submission computed it with `calendar`. */
  const request = (requestId: string, date: string, calendar = holidays): DueDateCandidate => {
    const submittedAt = new Date(`${date}T15:00:00Z`);
    return { requestId, submittedAt, dueDate: calendar.dueDateFor(submittedAt), slaBreachedAt: null };
  };

  it('moves the open requests whose SLA window the added closure falls in, by the submission’s own computation', () => {
    const monday = request('monday', '2026-11-30'); // due Mon 14 Dec
    const beforeThanksgiving = request('tuesday', '2026-11-24'); // due Wed 9 Dec
    const onTheDay = request('on-the-day', '2026-12-08'); // counted from the closure day itself
    const after = calendarAfter(holidays, blizzard);
    expect(dueDateMoves(after, blizzard, [monday, beforeThanksgiving, onTheDay])).toEqual([
      { requestId: 'monday', from: '2026-12-14', to: '2026-12-15', clearsWarning: true, note: 'Due date moved from 2026-12-14 to 2026-12-15: closure 2026-12-08 Blizzard closure added' },
      { requestId: 'tuesday', from: '2026-12-09', to: '2026-12-10', clearsWarning: true, note: 'Due date moved from 2026-12-09 to 2026-12-10: closure 2026-12-08 Blizzard closure added' },
      { requestId: 'on-the-day', from: '2026-12-22', to: '2026-12-23', clearsWarning: true, note: 'Due date moved from 2026-12-22 to 2026-12-23: closure 2026-12-08 Blizzard closure added' },
    ]);
    // Exactly what a submission computes with the closure in the calendar.
    expect(after.dueDateFor(monday.submittedAt)).toBe('2026-12-15');
  });

  it('leaves alone requests submitted after the closure, due before it, or untouched by it (a weekend closure)', () => {
    const later = request('later', '2026-12-09');
    const dueBefore = request('due-before', '2026-11-20'); // due 2026-12-07
    expect(dueBefore.dueDate).toBe('2026-12-07');
    expect(inClosureWindow(later, blizzard.date)).toBe(false);
    expect(inClosureWindow(dueBefore, blizzard.date)).toBe(false);
    expect(dueDateMoves(calendarAfter(holidays, blizzard), blizzard, [later, dueBefore])).toEqual([]);

    const saturday: ClosureChange = { date: '2026-12-12', name: 'Saturday storm', change: 'ADDED' };
    expect(dueDateMoves(calendarAfter(holidays, saturday), saturday, [request('monday', '2026-11-30')])).toEqual([]);
  });

  it('moves them back when the closure is removed; a breached request keeps its warning flag', () => {
    const closed = calendarAfter(holidays, blizzard);
    const monday = { ...request('monday', '2026-11-30', closed), slaBreachedAt: new Date('2026-12-16T12:00:00Z') };
    expect(monday.dueDate).toBe('2026-12-15');
    const removed: ClosureChange = { ...blizzard, change: 'REMOVED' };
    expect(dueDateMoves(calendarAfter(closed, removed), removed, [monday])).toEqual([
      { requestId: 'monday', from: '2026-12-15', to: '2026-12-14', clearsWarning: false, note: 'Due date moved from 2026-12-15 to 2026-12-14: closure 2026-12-08 Blizzard closure removed' },
    ]);
    expect(calendarAfter(closed, removed).closureOn('2026-12-08')).toBeUndefined();
    expect(calendarAfter(closed, removed).closureOn('2026-12-25')).toBeDefined();
  });

  it('bounds the search: due from the closure day to 10 business days after it', () => {
    expect(closureWindow(holidays, '2026-12-08')).toEqual({ date: '2026-12-08', dueFrom: '2026-12-08', dueTo: '2026-12-22' });
  });
});
