import { isTransientError, retryWhileUnavailable } from './transient-error';

/** An error as node-postgres or Node's net module reports it: a message and a `code`. */
function errorWithCode(code: string, message = `failed with ${code}`): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('isTransientError', () => {
  describe('outages (retried, never dead-lettered)', () => {
    it.each([['ECONNREFUSED'], ['ECONNRESET'], ['ETIMEDOUT']])('a socket error %s', (code) => {
      expect(isTransientError(errorWithCode(code))).toBe(true);
    });

    it.each([
      ['57P01', 'admin_shutdown'],
      ['08006', 'connection_failure'],
      ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
      ['40001', 'serialization_failure'],
      ['40P01', 'deadlock_detected'],
      ['53300', 'too_many_connections'],
    ])('PostgreSQL %s (%s)', (code) => {
      expect(isTransientError(errorWithCode(code))).toBe(true);
    });

    it('a TypeORM-like wrapper whose driverError has code 57P01', () => {
      const wrapper = Object.assign(new Error('Query failed'), { driverError: { code: '57P01' } });
      expect(isTransientError(wrapper)).toBe(true);
      expect(isTransientError({ driverError: { code: '57P01' } })).toBe(true);
    });

    it('an error whose cause is an outage', () => {
      const cause = errorWithCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
      expect(isTransientError(new Error('could not save the case', { cause }))).toBe(true);
    });

    it('an outage two causes deep', () => {
      const root = errorWithCode('08006');
      const middle = new Error('repository failed', { cause: root });
      expect(isTransientError(new Error('handler failed', { cause: middle }))).toBe(true);
    });

    it('a wrapper whose driverError has an outage as its cause', () => {
      const wrapper = { driverError: new Error('pool error', { cause: errorWithCode('ETIMEDOUT') }) };
      expect(isTransientError(wrapper)).toBe(true);
    });

    it.each([
      ['Connection terminated unexpectedly'],
      ['Connection terminated due to connection timeout'],
      ['timeout exceeded when trying to connect'],
    ])('a pg pool error without code: "%s"', (message) => {
      expect(isTransientError(new Error(message))).toBe(true);
    });
  });

  describe('bad messages (dead-lettered)', () => {
    it('a unique violation 23505', () => {
      expect(isTransientError(errorWithCode('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    });

    it.each([['23503'], ['23502'], ['22P02'], ['42P01']])('another non-transient pg code %s', (code) => {
      expect(isTransientError(errorWithCode(code))).toBe(false);
    });

    it('a TypeORM-like wrapper of a unique violation', () => {
      expect(isTransientError({ driverError: { code: '23505' } })).toBe(false);
    });

    it('a plain Error("bad payload")', () => {
      expect(isTransientError(new Error('bad payload'))).toBe(false);
    });

    it('an error whose cause is a bad message', () => {
      expect(isTransientError(new Error('handler failed', { cause: new Error('bad payload') }))).toBe(false);
    });

    it.each([[undefined], [null], [''], [0], ['ECONNREFUSED'], [{}]])('%p', (value) => {
      expect(isTransientError(value)).toBe(false);
    });
  });
});

describe('retryWhileUnavailable', () => {
  const unavailable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('waits out an unavailable database and returns what the task returns', async () => {
    let calls = 0;
    const result = await retryWhileUnavailable(async () => {
      if (++calls < 3) throw unavailable();
      return 'recorded';
    });
    expect([result, calls]).toEqual(['recorded', 3]);
  });

  it('throws any other error at once, and the last unavailable one after its attempts', async () => {
    let calls = 0;
    await expect(retryWhileUnavailable(async () => { calls++; throw new Error('constraint violated'); })).rejects.toThrow('constraint violated');
    expect(calls).toBe(1);
    await expect(retryWhileUnavailable(async () => { throw unavailable(); }, 2)).rejects.toThrow('ECONNREFUSED');
  });
});
