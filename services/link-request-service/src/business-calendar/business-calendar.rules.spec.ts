import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { closureConflict, closureSourceView, removableClosure } from './business-calendar.rules';

describe('business calendar rules', () => {
  const calendar = new BusinessCalendar(defaultClosures(2026, 2027));

  it('refuses a closure on a day already closed, and accepts any other day', () => {
    expect(closureConflict(calendar, '2026-11-26')).toBe('2026-11-26 is already a closure');
    expect(closureConflict(calendar, '2027-02-08')).toBeNull();
  });

  it('removes only a closure an admin added: a statutory holiday cannot be removed, a day without one is not found', () => {
    const closures = [
      { date: '2026-11-26', name: 'Thanksgiving Day', source: 'RULE' as const },
      { date: '2027-02-08', name: 'Blizzard closure', source: 'ADMIN' as const },
    ];
    expect(removableClosure('2027-02-08', closures)).toEqual({ closure: closures[1] });
    expect(removableClosure('2026-11-26', closures)).toEqual({
      kind: 'CONFLICT',
      message: '2026-11-26 is a statutory holiday (Thanksgiving Day): it cannot be removed, only closures an admin added can',
    });
    expect(removableClosure('2027-02-09', closures)).toEqual({ kind: 'NOT_FOUND', message: 'Closure on 2027-02-09 not found' });
  });

  it('names a generated closure a HOLIDAY', () => {
    expect(closureSourceView('RULE')).toBe('HOLIDAY');
    expect(closureSourceView('ADMIN')).toBe('ADMIN');
  });
});
