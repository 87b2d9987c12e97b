import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
import { closureConflict } from './business-calendar.rules';

describe('business calendar rules', () => {
  const calendar = new BusinessCalendar(defaultClosures(2026, 2027));

  it('refuses a closure on a day already closed, and accepts any other day', () => {
    expect(closureConflict(calendar, '2026-11-26')).toBe('2026-11-26 is already a closure');
    expect(closureConflict(calendar, '2027-02-08')).toBeNull();
  });
});
