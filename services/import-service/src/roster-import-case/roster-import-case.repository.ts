import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { CaseError } from './case-error.entity';
import { RosterImportCase } from './roster-import-case.entity';
import { CaseCounts, CaseStatus, FinalCaseStatus, PROCESSING_STATUS } from './roster-import-case.rules';

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
  | 'createdAt'
  | 'updatedAt'
>;

export interface CaseFilter {
  status?: CaseStatus;
  uploadId?: string;
  groupId?: string;
  /** Without `groupId`: only cases of these groups (a provider user's); absent for all. */
  groupIds?: readonly string[];
}

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

  /** Records a new case in `tx`. */
  async add(tx: EntityManager, rosterCase: NewRosterImportCase): Promise<RosterImportCase> {
    return tx.save(tx.create(RosterImportCase, rosterCase));
  }

  /** The case, locked until `tx` ends (FOR UPDATE), or null. */
  async lock(tx: EntityManager, caseNumber: string): Promise<RosterImportCase | null> {
    return tx.findOne(RosterImportCase, { where: { caseNumber }, lock: { mode: 'pessimistic_write' } });
  }

  async find(caseNumber: string): Promise<RosterImportCase | null> {
    return this.dataSource.getRepository(RosterImportCase).findOneBy({ caseNumber });
  }

  /** Most recent first, with how many match. */
  async page(filter: CaseFilter, page: Paging): Promise<[RosterImportCase[], number]> {
    const where: FindOptionsWhere<RosterImportCase> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.uploadId ? { uploadId: filter.uploadId } : {}),
    };
    if (filter.groupId) where.groupId = filter.groupId;
    else if (filter.groupIds) where.groupId = In([...filter.groupIds]);
    return this.dataSource.getRepository(RosterImportCase).findAndCount({
      where,
      order: { openedSeq: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  /** The numbers of the cases a job works on (PROCESSING), for the recovery sweep. */
  async processingCaseNumbers(): Promise<string[]> {
    const processing = await this.dataSource
      .getRepository(RosterImportCase)
      .find({ where: { status: PROCESSING_STATUS }, select: { caseNumber: true } });
    return processing.map((c) => c.caseNumber);
  }

  /** Sets the status of a case locked in `tx`. */
  async setStatus(tx: EntityManager, caseNumber: string, status: CaseStatus): Promise<void> {
    await tx.update(RosterImportCase, { caseNumber }, { status });
  }

  /** Sets the final status of a case locked in `tx`, with its counts. */
  async finish(tx: EntityManager, caseNumber: string, status: FinalCaseStatus, counts: CaseCounts): Promise<void> {
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
    return this.dataSource.getRepository(CaseError).findAndCount({
      where: { caseNumber },
      order: { row: direction, seq: direction },
      take: page.limit,
      skip: page.offset,
    });
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
