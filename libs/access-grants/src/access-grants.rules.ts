import type { AccessGrantChangedV1 } from '@rosterlink/contracts';

/**
 * One change per (user, PID/SL), the one with the highest version: one upsert cannot touch a row
 * twice, and within a batch a later change wins as it would one event at a time.
 */
export function newestPerUserAndLocation(changes: readonly AccessGrantChangedV1[]): AccessGrantChangedV1[] {
  const newest = new Map<string, AccessGrantChangedV1>();
  for (const change of changes) {
    const key = `${change.userId}\u0000${change.pidsl}`;
    const held = newest.get(key);
    if (!held || held.version <= change.version) newest.set(key, change);
  }
  return [...newest.values()];
}
