/**
 * Errors that say the infrastructure is unavailable rather than the message is bad. A
 * message failing with one of these is retried for as long as it takes, never dead-lettered.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

export function isTransientError(error: unknown): boolean {
  // Walks both wrapping styles (TypeORM's driverError, the standard cause), breadth-first.
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 16; seen++) {
    const e = queue.shift() as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | null;
    if (!e || typeof e !== 'object') continue;
    const code = String(e.code ?? '');
    if (TRANSIENT_CODES.has(code) || code.startsWith('08')) return true;
    if (/Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(String(e.message)))
      return true;
    queue.push(e.driverError, e.cause);
  }
  return false;
}

/**
 * Runs `task` until it succeeds, waiting out an unavailable database or broker (0.2 s doubling to
 * 5 s, about two minutes in all); any other error, or the last attempt's, is thrown. For the
 * write that records an effect outside the system (a letter or e-mail sent): failing it would
 * make the job's retry repeat the effect.
 */
export async function retryWhileUnavailable<T>(task: () => Promise<T>, attempts = 30): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (!isTransientError(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
    }
  }
}
