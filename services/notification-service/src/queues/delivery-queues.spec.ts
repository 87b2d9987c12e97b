import { isLastAttempt, recordedError } from './delivery-queues';

describe('delivery retries', () => {
  it('knows the last attempt from the attempts made and allowed (one when unset)', () => {
    expect(isLastAttempt({ attemptsMade: 2, opts: { attempts: 3 } })).toBe(false);
    expect(isLastAttempt({ attemptsMade: 3, opts: { attempts: 3 } })).toBe(true);
    expect(isLastAttempt({ attemptsMade: 1, opts: {} })).toBe(true);
  });

  it('keeps at most 500 characters of an error', () => {
    expect(recordedError(new Error('mail house unreachable'))).toBe('mail house unreachable');
    expect(recordedError(new Error('x'.repeat(600)))).toHaveLength(500);
  });
});
