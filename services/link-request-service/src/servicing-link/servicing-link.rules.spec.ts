import type { PractitionerAffiliatedV1 } from '@rosterlink/contracts';
import { checkAffiliations, placements, roundsByPractitioner, splitByTarget } from './servicing-link.rules';

describe('servicing link rules', () => {
  describe('roundsByPractitioner', () => {
    it('puts the n-th event of each practitioner of a group in round n, keeping their order', () => {
      const events = [
        { groupId: '110000001', npi: 'A', n: 1 },
        { groupId: '110000001', npi: 'B', n: 2 },
        { groupId: '110000001', npi: 'A', n: 3 },
        { groupId: '120000002', npi: 'A', n: 4 },
        { groupId: '110000001', npi: 'A', n: 5 },
      ];
      expect(roundsByPractitioner(events).map((round) => round.map((e) => e.n))).toEqual([[1, 2, 4], [3], [5]]);
    });

    it('gives no round for no events', () => {
      expect(roundsByPractitioner([])).toEqual([]);
    });
  });

  it('refuses a TERMINATED affiliation without an end date', () => {
    const terminated = {
      change: 'TERMINATED',
      endDate: undefined,
    } as PractitionerAffiliatedV1;
    expect(() => checkAffiliations([terminated])).toThrow('A TERMINATED affiliation has no endDate');
    expect(() => checkAffiliations([{ ...terminated, endDate: '2026-12-31' }])).not.toThrow();
  });

  it('ends links elsewhere only for placements, not terminations', () => {
    const round = [{ change: 'ADDED' as const }, { change: 'TERMINATED' as const }, { change: 'UPDATED' as const }];
    expect(placements(round).map((a) => a.change)).toEqual(['ADDED', 'UPDATED']);
  });

  it('splits a round into updates of the links found and new links, by position', () => {
    expect(splitByTarget(['a', 'b', 'c'], new Map([[1, 'link-b']]))).toEqual({
      updates: [{ affiliation: 'b', linkId: 'link-b' }],
      inserts: ['a', 'c'],
    });
  });
});
