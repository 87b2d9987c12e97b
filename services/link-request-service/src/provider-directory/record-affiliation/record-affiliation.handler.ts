import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PractitionerAffiliatedV1 } from '@rosterlink/contracts';

/**
 * Keeps the servicing links a roster import states (`practitioner.affiliated.v1`). An event says:
 * this practitioner is at this location from `effectiveDate` (to `endDate`). It applies to the
 * location's link with the same effective date, else to the open link an earlier roster started
 * (a roster update may move the effective date); with neither, it starts a new link, so a
 * practitioner re-added after a termination keeps the ended period in the list. An event no newer
 * than what the link already holds (`affiliatedAt` against `updated_at`) changes nothing, so
 * replayed and out-of-order events converge.
 *
 * A roster places a practitioner at one service location of the group (import-service keeps one
 * record per group and NPI): placing them at another ends the open roster link at the old one the
 * day before. Links made by link requests are the group's own statements and stay as they are.
 *
 * Set-based: a consumed batch is applied in rounds, the n-th round holding the n-th event of each
 * practitioner of a group (events of different practitioners touch different rows), each round in
 * four statements whatever its size. Each statement also names the batch's NPIs, once each, as
 * `npi = ANY(array)`, which PostgreSQL reads through the NPI index: joined to `unnest` alone it
 * may scan every link of the group instead, once per batch.
 */
@Injectable()
export class RecordPractitionerAffiliation {
  async execute(tx: EntityManager, affiliations: readonly PractitionerAffiliatedV1[]): Promise<void> {
    for (const affiliation of affiliations) {
      if (affiliation.change === 'TERMINATED' && !affiliation.endDate) throw new Error('A TERMINATED affiliation has no endDate');
    }
    for (const round of roundsByPractitioner(affiliations)) await this.applyRound(tx, round);
  }

  private async applyRound(tx: EntityManager, round: PractitionerAffiliatedV1[]): Promise<void> {
    const column = <K extends keyof PractitionerAffiliatedV1>(key: K) => round.map((a) => a[key] ?? null);
    const pidsls = round.map((a) => `${a.groupId}${a.serviceLocation}`);

    // Placed at one location: the open roster link at any other location of the group ends the day before.
    const placed = round.filter((a) => a.change !== 'TERMINATED');
    if (placed.length > 0) {
      await tx.query(
        `UPDATE link_request.servicing_links l
         SET end_date = GREATEST(l.effective_date, i.effective_date - 1), source_reference = i.case_number, updated_at = i.affiliated_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::timestamptz[])
              AS i(group_id, service_location, npi, effective_date, case_number, affiliated_at)
         WHERE l.npi = ANY($7) AND l.source = 'ROSTER' AND l.end_date IS NULL
           AND l.group_id = i.group_id AND l.npi = i.npi AND l.service_location <> i.service_location
           AND l.updated_at < i.affiliated_at`,
        [
          placed.map((a) => a.groupId),
          placed.map((a) => a.serviceLocation),
          placed.map((a) => a.npi),
          placed.map((a) => a.effectiveDate),
          placed.map((a) => a.caseNumber),
          placed.map((a) => a.affiliatedAt),
          distinct(placed.map((a) => a.npi)),
        ],
      );
    }

    // The link each event applies to: the one with its effective date, else the open roster link.
    const targets: { position: number; id: string }[] = await tx.query(
      `SELECT DISTINCT ON (i.position) i.position, l.id
       FROM unnest($1::text[], $2::text[], $3::date[]) WITH ORDINALITY AS i(pidsl, npi, effective_date, position)
       JOIN link_request.servicing_links l
         ON l.pidsl = i.pidsl AND l.npi = i.npi AND (l.effective_date = i.effective_date OR (l.source = 'ROSTER' AND l.end_date IS NULL))
       WHERE l.npi = ANY($4)
       ORDER BY i.position, l.effective_date = i.effective_date DESC, l.effective_date DESC`,
      [pidsls, column('npi'), column('effectiveDate'), distinct(column('npi'))],
    );
    const targetOf = new Map(targets.map((t) => [Number(t.position) - 1, t.id]));
    const updates = round.flatMap((a, index) => (targetOf.has(index) ? [{ a, id: targetOf.get(index)! }] : []));
    if (updates.length > 0) {
      await tx.query(
        `UPDATE link_request.servicing_links l
         SET effective_date = i.effective_date, end_date = i.end_date, source = 'ROSTER', source_reference = i.case_number,
             updated_at = i.affiliated_at
         FROM unnest($1::uuid[], $2::date[], $3::date[], $4::text[], $5::timestamptz[])
              AS i(id, effective_date, end_date, case_number, affiliated_at)
         WHERE l.id = ANY($1) AND l.id = i.id AND l.updated_at < i.affiliated_at`,
        [
          updates.map((u) => u.id),
          updates.map((u) => u.a.effectiveDate),
          updates.map((u) => u.a.endDate ?? null),
          updates.map((u) => u.a.caseNumber),
          updates.map((u) => u.a.affiliatedAt),
        ],
      );
    }

    // Neither: a new link.
    const inserts = round.filter((_, index) => !targetOf.has(index));
    if (inserts.length === 0) return;
    await tx.query(
      `INSERT INTO link_request.servicing_links AS l
         (pidsl, group_id, service_location, provider_pid, npi, effective_date, end_date, source, source_reference, updated_at)
       SELECT i.group_id || i.service_location, i.group_id, i.service_location,
              (SELECT p.pid FROM link_request.providers p WHERE p.npi = i.npi ORDER BY p.updated_at DESC LIMIT 1),
              i.npi, i.effective_date, i.end_date, 'ROSTER', i.case_number, i.affiliated_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[], $7::timestamptz[])
            AS i(group_id, service_location, npi, effective_date, end_date, case_number, affiliated_at)
       ON CONFLICT (pidsl, npi, effective_date) DO UPDATE SET
         end_date = EXCLUDED.end_date, source = 'ROSTER', source_reference = EXCLUDED.source_reference,
         updated_at = EXCLUDED.updated_at
       WHERE l.updated_at < EXCLUDED.updated_at`,
      [
        inserts.map((a) => a.groupId),
        inserts.map((a) => a.serviceLocation),
        inserts.map((a) => a.npi),
        inserts.map((a) => a.effectiveDate),
        inserts.map((a) => a.endDate ?? null),
        inserts.map((a) => a.caseNumber),
        inserts.map((a) => a.affiliatedAt),
      ],
    );
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

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
