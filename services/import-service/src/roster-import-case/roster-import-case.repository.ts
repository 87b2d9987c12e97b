import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BUSINESS_TIME_ZONE, CASE_NUMBER_PATTERN, CaseSort } from '@rosterlink/contracts';
import { inOneSnapshot, manyAndCount } from '@rosterlink/platform';
import { CaseError } from './case-error.entity';
import { CaseHistory } from './case-history.entity';
import { RosterImportCase } from './roster-import-case.entity';
import {
  CASE_STATUSES,
  CaseCounts,
  CaseStatus,
  CaseTimelineEntry,
  FinalCaseStatus,
  PROCESSING_STATUS,
} from './roster-import-case.rules';

/** A case as it is opened: everything but what the database and the import set later. */
export type NewRosterImportCase = Pick<
  RosterImportCase,
  | 'caseNumber'
  | 'uploadId'
  | 'groupId'
  | 'importType'
  | 'status'
  | 'fileFormat'
  | 'fileName'
  | 'storageKey'
  | 'supersedesCaseNumber'
  | 'uploadedBy'
  | 'uploadedAt'
  | 'createdAt'
  | 'updatedAt'
>;

export interface CaseFilter {
  status?: CaseStatus;
  uploadId?: string;
  groupId?: string;
  /** Without `groupId`: only cases of these groups (a provider user's); absent for all. */
  groupIds?: readonly string[];
  /** A case number (that case), or text the file name contains (any case). */
  q?: string;
  /** Only these cases (e.g. those that named a practitioner). */
  caseNumbers?: readonly string[];
  /** Business dates (`YYYY-MM-DD`, America/New_York), inclusive: opened on or after / on or before. */
  createdFrom?: string;
  createdTo?: string;
  sort?: CaseSort;
}

/** The ORDER BY of each sort; opened_seq breaks ties, most recent first. */
const ORDER_OF: Record<CaseSort, [string, 'ASC' | 'DESC'][]> = {
  '-createdAt': [['c.openedSeq', 'DESC']],
  createdAt: [['c.openedSeq', 'ASC']],
  status: [['c.status', 'ASC'], ['c.openedSeq', 'DESC']],
  groupId: [['c.groupId', 'ASC'], ['c.openedSeq', 'DESC']],
};

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * A relation in the caller's transaction with one row per problem found in a roster file:
 * `seq` (the order found), `row_number`, `column_name`, `code`, `message` (RosterStaging's errors).
 */
export type StagedErrors = string & { readonly staged: 'errors' };

/** Errors read per statement when a case's errors are streamed (the CSV download). */
export const ERROR_STREAM_PAGE = 5000;

/**
 * The roster-import cases and their errors (`roster_import.cases`, `roster_import.case_errors`):
 * every read and write of them. A change of status is made on a case locked in the caller's
 * transaction (lock), after roster-import-case.rules allowed it.
 */
@Injectable()
export class RosterImportCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The case of an upload, if one was opened. */
  async findByUpload(tx: EntityManager, uploadId: string): Promise<RosterImportCase | null> {
    return tx.findOneBy(RosterImportCase, { uploadId });
  }

  /** The next number of the case-number sequence (never given out twice, even when `tx` rolls back). */
  async nextSequence(tx: EntityManager): Promise<number> {
    const [{ sequence }] = await tx.query(`SELECT nextval('roster_import.case_number_seq')::int AS sequence`);
    return sequence;
  }

  /** Records a new case in `tx`, with the first steps of its history. */
  async add(tx: EntityManager, rosterCase: NewRosterImportCase, opening: readonly CaseTimelineEntry[]): Promise<RosterImportCase> {
    const added = await tx.save(tx.create(RosterImportCase, rosterCase));
    for (const step of opening) await this.record(tx, added.caseNumber, step);
    return added;
  }

  /** The case, locked until `tx` ends (FOR UPDATE), or null. */
  async lock(tx: EntityManager, caseNumber: string): Promise<RosterImportCase | null> {
    return tx.findOne(RosterImportCase, { where: { caseNumber }, lock: { mode: 'pessimistic_write' } });
  }

  async find(caseNumber: string): Promise<RosterImportCase | null> {
    return this.dataSource.getRepository(RosterImportCase).findOneBy({ caseNumber });
  }

  /** The cases matching `filter` in its sort (most recent first by default), with how many match. */
  async page(filter: CaseFilter, page: Paging): Promise<[RosterImportCase[], number]> {
    const builder = this.dataSource.getRepository(RosterImportCase).createQueryBuilder('c');
    if (filter.status) builder.andWhere('c.status = :status', { status: filter.status });
    if (filter.uploadId) builder.andWhere('c.upload_id = :uploadId', { uploadId: filter.uploadId });
    if (filter.groupId) builder.andWhere('c.group_id = :groupId', { groupId: filter.groupId });
    else if (filter.groupIds) builder.andWhere('c.group_id = ANY(:groupIds)', { groupIds: [...filter.groupIds] });
    if (filter.caseNumbers) builder.andWhere('c.case_number = ANY(:caseNumbers)', { caseNumbers: [...filter.caseNumbers] });
    const q = filter.q?.trim();
    if (q && CASE_NUMBER_PATTERN.test(q.toUpperCase())) {
      builder.andWhere('c.case_number = :caseNumber', { caseNumber: q.toUpperCase() });
    } else if (q) {
      const contains = `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      builder.andWhere('lower(c.file_name) LIKE :contains', { contains });
    }
    if (filter.createdFrom) {
      builder.andWhere('c.created_at >= (CAST(:createdFrom AS date)::timestamp AT TIME ZONE :zone)', {
        createdFrom: filter.createdFrom,
        zone: BUSINESS_TIME_ZONE,
      });
    }
    if (filter.createdTo) {
      builder.andWhere('c.created_at < ((CAST(:createdTo AS date) + 1)::timestamp AT TIME ZONE :zone)', {
        createdTo: filter.createdTo,
        zone: BUSINESS_TIME_ZONE,
      });
    }
    for (const [column, direction] of ORDER_OF[filter.sort ?? '-createdAt']) builder.addOrderBy(column, direction);
    return manyAndCount(builder.take(page.limit).skip(page.offset));
  }

  /** Replaced case → the case of the revised file that replaced it, for those of `caseNumbers` that were superseded. */
  async supersedingCaseNumbers(caseNumbers: readonly string[]): Promise<Map<string, string>> {
    if (caseNumbers.length === 0) return new Map();
    // Two revisions may name one case; the first one opened replaced it (the other found it SUPERSEDED).
    const rows: { replaced: string; revision: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (r.supersedes_case_number) r.supersedes_case_number AS replaced, r.case_number AS revision
       FROM roster_import.cases r
       JOIN roster_import.cases replaced ON replaced.case_number = r.supersedes_case_number AND replaced.status = 'SUPERSEDED'
       WHERE r.supersedes_case_number = ANY($1)
       ORDER BY r.supersedes_case_number, r.opened_seq`,
      [[...caseNumbers]],
    );
    return new Map(rows.map((row) => [row.replaced, row.revision]));
  }

  /** The case's recorded history, in the order it was recorded. */
  async history(caseNumber: string): Promise<CaseTimelineEntry[]> {
    const steps = await this.dataSource.getRepository(CaseHistory).find({ where: { caseNumber }, order: { seq: 'ASC' } });
    return steps.map(({ at, event, by, detail }) => ({ at, event, by, detail }));
  }

  /** How many cases have each status, every status included (zero when none). */
  async countByStatus(): Promise<Record<CaseStatus, number>> {
    const rows: { status: CaseStatus; n: number }[] = await this.dataSource.query(
      'SELECT status, count(*)::int AS n FROM roster_import.cases GROUP BY status',
    );
    return Object.fromEntries(CASE_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<CaseStatus, number>;
  }

  /** How many cases are in PROCESSING and how long the oldest has been there (seconds; 0 when none), for `/metrics`. */
  async processingStanding(): Promise<{ n: number; age: number }> {
    const [row]: { n: number; age: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(updated_at))::float8, 0) AS age
         FROM roster_import.cases WHERE status = $1`,
      [PROCESSING_STATUS],
    );
    return row;
  }

  /** The numbers of the cases a job works on (PROCESSING), for the recovery sweep. */
  async processingCaseNumbers(): Promise<string[]> {
    const processing = await this.dataSource
      .getRepository(RosterImportCase)
      .find({ where: { status: PROCESSING_STATUS }, select: { caseNumber: true } });
    return processing.map((c) => c.caseNumber);
  }

  /** Sets the status of a case locked in `tx`, and records the step on its history. */
  async setStatus(tx: EntityManager, caseNumber: string, status: CaseStatus, step: CaseTimelineEntry): Promise<void> {
    await tx.update(RosterImportCase, { caseNumber }, { status });
    await this.record(tx, caseNumber, step);
  }

  /** Sets the final status of a case locked in `tx`, with its counts, and records the step on its history. */
  async finish(tx: EntityManager, caseNumber: string, status: FinalCaseStatus, counts: CaseCounts, step: CaseTimelineEntry): Promise<void> {
    await this.record(tx, caseNumber, step);
    await tx.update(
      RosterImportCase,
      { caseNumber },
      {
        status,
        rowCount: counts.rows,
        createdCount: counts.created,
        updatedCount: counts.updated,
        terminatedCount: counts.terminated,
        errorCount: counts.errors,
      },
    );
  }

  /** Adds one step to the case's history, in the transaction of the change it tells of. */
  private async record(tx: EntityManager, caseNumber: string, step: CaseTimelineEntry): Promise<void> {
    await tx.insert(CaseHistory, { caseNumber, at: step.at, event: step.event, by: step.by, detail: step.detail });
  }

  /** Replaces the case's errors with `staged`, numbered in row order (then in the order found); returns how many. */
  async replaceErrors(tx: EntityManager, caseNumber: string, staged: StagedErrors): Promise<number> {
    await tx.delete(CaseError, { caseNumber });
    const [{ errors }] = await tx.query(
      `WITH recorded AS (
         INSERT INTO roster_import.case_errors (case_number, seq, row_number, column_name, code, message)
         SELECT $1, row_number() OVER (ORDER BY row_number, seq), row_number, column_name, code, message FROM ${staged}
         RETURNING 1)
       SELECT count(*)::int AS errors FROM recorded`,
      [caseNumber],
    );
    return errors;
  }

  /** A page of the case's errors by row (then as numbered), with how many it has. */
  async errorPage(caseNumber: string, direction: 'ASC' | 'DESC', page: Paging): Promise<[CaseError[], number]> {
    return inOneSnapshot(this.dataSource, (tx) =>
      tx.getRepository(CaseError).findAndCount({
      where: { caseNumber },
      order: { row: direction, seq: direction },
      take: page.limit,
      skip: page.offset,
    }),
    );
  }

  /** Every error of the case by row, ERROR_STREAM_PAGE at a time: never all in memory. */
  async *errorsInRowOrder(caseNumber: string): AsyncGenerator<CaseError> {
    const errors = this.dataSource.getRepository(CaseError);
    for (let skip = 0; ; skip += ERROR_STREAM_PAGE) {
      const page = await errors.find({ where: { caseNumber }, order: { row: 'ASC', seq: 'ASC' }, take: ERROR_STREAM_PAGE, skip });
      yield* page;
      if (page.length < ERROR_STREAM_PAGE) return;
    }
  }
}
