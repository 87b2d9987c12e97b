import type { AccessGrantChangedV1 } from '@rosterlink/contracts';
import { newestPerUserAndLocation } from './access-grants.rules';

const change = (userId: string, pidsl: string, version: number, granted: boolean): AccessGrantChangedV1 => ({
  userId,
  pidsl,
  version,
  granted,
  primary: false,
  change: granted ? 'GRANTED' : 'REVOKED',
  by: 'primary-1',
  at: '2026-11-30T10:00:00Z',
});

describe('newestPerUserAndLocation', () => {
  it('keeps the highest version of each user and PID/SL, whatever the order they came in', () => {
    const revoked = change('u1', '110000001A', 3, false);
    const granted = change('u1', '110000001A', 2, true);
    const other = change('u1', '110000001B', 1, true);
    const colleague = change('u2', '110000001A', 1, true);
    expect(newestPerUserAndLocation([revoked, granted, other, colleague])).toEqual([revoked, other, colleague]);
  });

  it('takes the later of two changes with the same version (a redelivery)', () => {
    const first = change('u1', '110000001A', 4, true);
    const again = { ...first };
    expect(newestPerUserAndLocation([first, again])[0]).toBe(again);
  });
});
