import { topicLag } from './consumer-lag';

describe('topicLag', () => {
  it('sums what each partition has beyond the committed offset', () => {
    const partitions = [
      { partition: 0, low: '0', high: '10' },
      { partition: 1, low: '0', high: '4' },
    ];
    expect(topicLag(partitions, [{ partition: 0, offset: '7' }, { partition: 1, offset: '4' }])).toBe(3);
  });

  it('counts an uncommitted partition from its earliest offset', () => {
    expect(topicLag([{ partition: 0, low: '5', high: '12' }], [{ partition: 0, offset: '-1' }])).toBe(7);
    expect(topicLag([{ partition: 0, low: '5', high: '12' }], [])).toBe(7);
  });

  it('is never negative, even when the log was truncated below a commit', () => {
    expect(topicLag([{ partition: 0, low: '0', high: '3' }], [{ partition: 0, offset: '9' }])).toBe(0);
  });
});
