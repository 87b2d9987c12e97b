import { groupPractice, individualProvider } from '@rosterlink/testing';
import { newestByPid } from './provider-master.consumer';

describe('newestByPid', () => {
  it('keeps the newest record of each PID and kind, the later one on a tie', () => {
    const older = individualProvider({ pid: '210000001', lastName: 'Old', updatedAt: '2026-11-01T00:00:00Z' });
    const newer = individualProvider({ pid: '210000001', lastName: 'New', updatedAt: '2026-11-02T00:00:00Z' });
    const tieA = individualProvider({ pid: '210000002', lastName: 'A', updatedAt: '2026-11-02T00:00:00Z' });
    const tieB = individualProvider({ pid: '210000002', lastName: 'B', updatedAt: '2026-11-02T00:00:00Z' });
    const group = groupPractice({ pid: '210000001' });
    expect(newestByPid([newer, older, tieA, tieB, group])).toEqual([newer, tieB, group]);
  });
});
