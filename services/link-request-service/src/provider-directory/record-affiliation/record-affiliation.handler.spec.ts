import { roundsByPractitioner } from './record-affiliation.handler';

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
