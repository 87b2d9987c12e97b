import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PractitionerStatus } from '@rosterlink/contracts';
import { manyAndCount } from '@rosterlink/platform';
import { PRACTITIONER_RECORD_FIELDS, practitionerColumn } from './practitioner.columns';
import { Practitioner } from './practitioner.entity';

/**
 * A relation in the caller's transaction with one row per practitioner of a roster: the columns
 * of PRACTITIONER_RECORD_COLUMNS and `status`, the status the row gives (RosterStaging's rows).
 */
export type StagedPractitioners = string & { readonly staged: 'practitioners' };

export interface PractitionerFilter {
  status?: PractitionerStatus;
  serviceLocation?: string;
  /** The start of a last or first name, or of an NPI (any case). */
  search?: string;
}

const DETAILS = PRACTITIONER_RECORD_FIELDS.map(practitionerColumn);
/** What a roster row sets on a practitioner the group already has (all but the key). */
const UPDATED_DETAILS = DETAILS.filter((column) => column !== 'npi').map((column) => `${column} = EXCLUDED.${column}`);

/**
 * The practitioner records of groups (`roster_import.practitioners`): every read and write of them.
 * Roster imports write them set-based, from the staged rows of the import's transaction.
 */
@Injectable()
export class PractitionerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the staged practitioners to the group, or updates those it has (every roster detail, the status and the case). */
  async upsertStaged(tx: EntityManager, staged: StagedPractitioners, groupId: string, caseNumber: string): Promise<void> {
    await tx.query(
      `INSERT INTO roster_import.practitioners AS p (group_id, ${DETAILS.join(', ')}, status, last_case_number)
       SELECT $1, ${DETAILS.join(', ')}, status, $2
       FROM ${staged}
       ON CONFLICT (group_id, npi) DO UPDATE SET
         ${UPDATED_DETAILS.join(', ')},
         status = EXCLUDED.status, last_case_number = EXCLUDED.last_case_number, updated_at = now()`,
      [groupId, caseNumber],
    );
  }

  /** Ends the group's practitioners that are staged (TERMINATED, with the staged end date); returns how many. */
  async terminateStaged(tx: EntityManager, staged: StagedPractitioners, groupId: string, caseNumber: string): Promise<number> {
    const [, terminated] = await tx.query(
      `UPDATE roster_import.practitioners p
       SET status = 'TERMINATED', end_date = r.end_date, last_case_number = $2, updated_at = now()
       FROM ${staged} r WHERE p.group_id = $1 AND p.npi = r.npi`,
      [groupId, caseNumber],
    );
    return terminated;
  }

  /**
   * The cases that last applied the practitioner of `npi` at each group that has them (`last_case_number`),
   * within `groupIds` when given (a provider user's groups).
   */
  async caseNumbersNaming(npi: string, groupIds?: readonly string[]): Promise<string[]> {
    const rows: { case_number: string }[] = await this.dataSource.query(
      `SELECT DISTINCT last_case_number AS case_number FROM roster_import.practitioners
       WHERE npi = $1 AND ($2::text[] IS NULL OR group_id = ANY($2))`,
      [npi, groupIds ? [...groupIds] : null],
    );
    return rows.map((row) => row.case_number);
  }

  /** A page of the group's practitioners by last name, first name and NPI, with how many match. */
  async pageOfGroup(groupId: string, filter: PractitionerFilter, page: { limit: number; offset: number }): Promise<[Practitioner[], number]> {
    const builder = this.dataSource
      .getRepository(Practitioner)
      .createQueryBuilder('p')
      .where('p.group_id = :groupId', { groupId })
      .orderBy('lower(p.last_name)')
      .addOrderBy('lower(p.first_name)')
      .addOrderBy('p.npi')
      .take(page.limit)
      .skip(page.offset);
    if (filter.status) builder.andWhere('p.status = :status', { status: filter.status });
    if (filter.serviceLocation) builder.andWhere('p.service_location = :sl', { sl: filter.serviceLocation });
    if (filter.search) {
      const prefix = `${filter.search.trim().toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      builder.andWhere('(lower(p.last_name) LIKE :prefix OR lower(p.first_name) LIKE :prefix OR p.npi LIKE :prefix)', { prefix });
    }
    return manyAndCount(builder);
  }
}
