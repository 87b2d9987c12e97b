import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries `probe` until it stops throwing, then returns its result; after `timeoutMs` the last
 * failure is thrown. For waiting on consumers and relays without fixed sleeps.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
