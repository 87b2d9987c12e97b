import { judge, percentile } from './bench-results';

describe('bench results', () => {
  it('judges a figure by its ratio to the floor measured in the same run', () => {
    const judged = judge({ section: 's', measure: 'm', value: 3, unit: 's', floor: { label: 'psql', value: 1 }, goal: { op: '<=', value: 4, of: 'ratio' } });
    expect(judged).toMatchObject({ ratio: 3, met: true });
    expect(judge({ ...judged, value: 5 })).toMatchObject({ ratio: 5, met: false });
  });

  it('judges a figure by its value when the goal says so, and leaves a figure without a goal unjudged', () => {
    expect(judge({ section: 's', measure: 'm', value: 12_000, unit: 'events/s', goal: { op: '>=', value: 10_000, of: 'value' } }).met).toBe(true);
    expect(judge({ section: 's', measure: 'm', value: 9_000, unit: 'events/s', goal: { op: '>=', value: 10_000, of: 'value' } }).met).toBe(false);
    expect(judge({ section: 's', measure: 'm', value: 1, unit: 's' }).met).toBeUndefined();
    // A ratio goal without a floor cannot be met.
    expect(judge({ section: 's', measure: 'm', value: 1, unit: 's', goal: { op: '<=', value: 4, of: 'ratio' } }).met).toBeUndefined();
  });

  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(samples, 50), percentile(samples, 95), percentile(samples, 99), percentile(samples, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 95)).toBe(7);
  });
});
