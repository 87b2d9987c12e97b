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
 */
@Injectable()
export class RecordPractitionerAffiliation {
  async execute(tx: EntityManager, affiliation: PractitionerAffiliatedV1): Promise<void> {
    const { groupId, serviceLocation, npi, effectiveDate, caseNumber, change } = affiliation;
    if (change === 'TERMINATED' && !affiliation.endDate) throw new Error('A TERMINATED affiliation has no endDate');
    const pidsl = `${groupId}${serviceLocation}`;
    const values = [effectiveDate, affiliation.endDate ?? null, caseNumber, affiliation.affiliatedAt];
    if (change !== 'TERMINATED') {
      await tx.query(
        `UPDATE link_request.servicing_links
         SET end_date = GREATEST(effective_date, $4::date - 1), source_reference = $5, updated_at = $6
         WHERE group_id = $1 AND npi = $2 AND service_location <> $3 AND source = 'ROSTER' AND end_date IS NULL AND updated_at < $6`,
        [groupId, npi, serviceLocation, effectiveDate, caseNumber, affiliation.affiliatedAt],
      );
    }

    const [target]: { id: string }[] = await tx.query(
      `SELECT id FROM link_request.servicing_links
       WHERE pidsl = $1 AND npi = $2 AND (effective_date = $3::date OR (source = 'ROSTER' AND end_date IS NULL))
       ORDER BY effective_date = $3::date DESC, effective_date DESC
       LIMIT 1 FOR UPDATE`,
      [pidsl, npi, effectiveDate],
    );
    if (target) {
      await tx.query(
        `UPDATE link_request.servicing_links
         SET effective_date = $2, end_date = $3, source = 'ROSTER', source_reference = $4, updated_at = $5
         WHERE id = $1 AND updated_at < $5`,
        [target.id, ...values],
      );
      return;
    }
    await tx.query(
      `INSERT INTO link_request.servicing_links AS l
         (pidsl, group_id, service_location, provider_pid, npi, effective_date, end_date, source, source_reference, updated_at)
       VALUES ($1, $2, $3, (SELECT pid FROM link_request.providers WHERE npi = $4 ORDER BY updated_at DESC LIMIT 1),
               $4, $5, $6, 'ROSTER', $7, $8)
       ON CONFLICT (pidsl, npi, effective_date) DO UPDATE SET
         end_date = EXCLUDED.end_date, source = 'ROSTER', source_reference = EXCLUDED.source_reference,
         updated_at = EXCLUDED.updated_at
       WHERE l.updated_at < EXCLUDED.updated_at`,
      [pidsl, groupId, serviceLocation, npi, ...values],
    );
  }
}
