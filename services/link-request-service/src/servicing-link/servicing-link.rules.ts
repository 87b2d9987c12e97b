import type { PractitionerAffiliatedV1 } from '@rosterlink/contracts';

/**
 * The rules of servicing links as roster imports state them (`practitioner.affiliated.v1`), pure.
 * An event says: this practitioner is at this location from `effectiveDate` (to `endDate`). It
 * applies to the location's link with the same effective date, else to the open link an earlier
 * roster started (a roster update may move the effective date); with neither, it starts a new
 * link, so a practitioner re-added after a termination keeps the ended period in the list. An
 * event no newer than what the link already holds (`affiliatedAt` against `updated_at`) changes
 * nothing, so replayed and out-of-order events converge.
 *
 * A roster places a practitioner at one service location of the group (import-service keeps one
 * record per group and NPI): placing them at another ends the open roster link at the old one the
 * day before. Links made by link requests are the group's own statements and stay as they are.
 */

/** A TERMINATED affiliation must say when the link ends. */
export function checkAffiliations(affiliations: readonly PractitionerAffiliatedV1[]): void {
  for (const affiliation of affiliations) {
    if (affiliation.change === 'TERMINATED' && !affiliation.endDate) throw new Error('A TERMINATED affiliation has no endDate');
  }
}

/**
 * Splits affiliations, kept in order, into rounds in which each practitioner of a group appears
 * at most once: round n holds the n-th event of each. Applying the rounds one after another
 * keeps each practitioner's order; within a round no two events touch the same link.
 */
export function roundsByPractitioner<T extends Pick<PractitionerAffiliatedV1, 'groupId' | 'npi'>>(affiliations: readonly T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const affiliation of affiliations) {
    const key = `${affiliation.groupId}:${affiliation.npi}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (rounds[n] ??= []).push(affiliation);
  }
  return rounds;
}

/** The affiliations that place a practitioner at a location (all but terminations): they end the open roster link elsewhere. */
export function placements<T extends Pick<PractitionerAffiliatedV1, 'change'>>(round: readonly T[]): T[] {
  return round.filter((a) => a.change !== 'TERMINATED');
}

/**
 * Which affiliations of a round update an existing link (`targetOf`: the round's index → the link
 * it applies to) and which start a new one.
 */
export function splitByTarget<T>(
  round: readonly T[],
  targetOf: ReadonlyMap<number, string>,
): { updates: { affiliation: T; linkId: string }[]; inserts: T[] } {
  const updates: { affiliation: T; linkId: string }[] = [];
  const inserts: T[] = [];
  round.forEach((affiliation, index) => {
    const linkId = targetOf.get(index);
    if (linkId === undefined) inserts.push(affiliation);
    else updates.push({ affiliation, linkId });
  });
  return { updates, inserts };
}
