import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  businessDateOf,
  FinalCaseStatus,
  PractitionerStatus,
  ProviderType,
  Topics,
} from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { ProviderGroup } from '@rosterlink/provider-master';
import {
  createDuplicateNpiCheck,
  createRowValidator,
  isBlankRow,
  matchRosterHeader,
  practitionerStatusFor,
  RosterRecord,
  RosterRowValidator,
  RowError,
} from '@rosterlink/roster';
import { readRosterRows, RosterFileError, RosterFileStore } from '@rosterlink/roster-file';
import { ImportServiceConfig } from '../config/import-service.config';
import { CaseError } from '../roster-import-case/case-error.entity';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { createRosterStaging, StagedBatch, stageRosterRows } from './roster-staging';

interface Counts {
  rows: number;
  created: number;
  updated: number;
  terminated: number;
  errors: number;
}

/** Thrown inside the processing transaction so that nothing of a file with errors is applied. */
class RosterRejected extends Error {
  constructor(
    readonly rows: number,
    readonly problems: RowError[],
  ) {
    super('roster rejected');
  }
}

/**
 * The Process Roster Import job. In one transaction: stream the file, validate every row (all
 * errors, not the first), stage the valid rows, check them against the group, then either apply
 * everything with set-based writes and announce it, or roll back and record every error on the
 * case (REJECTED). A crash anywhere before the commit leaves nothing behind; a rerun starts over.
 */
@Injectable()
export class RunRosterImport {
  private readonly logger = new Logger(RunRosterImport.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly fileStore: RosterFileStore,
    private readonly config: ImportServiceConfig,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string): Promise<FinalCaseStatus | 'NOT_PROCESSING'> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const rosterCase = await this.lockProcessingCase(tx, caseNumber);
        if (!rosterCase) return 'NOT_PROCESSING';
        await createRosterStaging(tx);
        const { rows, errors } = await this.validateAndStage(tx, rosterCase);
        errors.push(...(await this.groupErrors(tx, rosterCase)));
        if (errors.length > 0) throw new RosterRejected(rows, errors);
        const counts = { rows, errors: 0, ...(await this.apply(tx, rosterCase)) };
        await this.finish(tx, rosterCase, 'COMPLETED', counts);
        return 'COMPLETED';
      });
    } catch (error) {
      if (!(error instanceof RosterRejected)) throw error;
      return this.dataSource.transaction(async (tx) => {
        const rosterCase = await this.lockProcessingCase(tx, caseNumber);
        if (!rosterCase) return 'NOT_PROCESSING';
        await this.recordErrors(tx, caseNumber, error.problems);
        const counts = { rows: error.rows, created: 0, updated: 0, terminated: 0, errors: error.problems.length };
        await this.finish(tx, rosterCase, 'REJECTED', counts);
        return 'REJECTED';
      });
    }
  }

  /** After the job's last attempt failed: the case is FAILED, visible, and announced. */
  async markFailed(caseNumber: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const rosterCase = await this.lockProcessingCase(tx, caseNumber);
      if (!rosterCase) return;
      await this.finish(tx, rosterCase, 'FAILED', { rows: 0, created: 0, updated: 0, terminated: 0, errors: 0 });
    });
  }

  /** The case row, locked for this transaction, if it is still PROCESSING (a rerun of a finished job is a no-op). */
  private async lockProcessingCase(tx: EntityManager, caseNumber: string): Promise<RosterImportCase | null> {
    const found = await tx.findOne(RosterImportCase, { where: { caseNumber }, lock: { mode: 'pessimistic_write' } });
    return found?.status === 'PROCESSING' ? found : null;
  }

  private async validateAndStage(tx: EntityManager, rosterCase: RosterImportCase): Promise<{ rows: number; errors: RowError[] }> {
    const group = await tx.findOneBy(ProviderGroup, { pid: rosterCase.groupId });
    const serviceLocations = new Set((group?.serviceLocations ?? []).map((l) => l.sl));
    const duplicates = createDuplicateNpiCheck();
    const errors: RowError[] = [];
    let validator: RosterRowValidator | undefined;
    let rows = 0;
    try {
      for await (const batch of readRosterRows(this.fileStore.open(rosterCase.storageKey), rosterCase.fileFormat)) {
        let start = 0;
        if (!validator) {
          const header = matchRosterHeader(batch.rows[0], rosterCase.importType);
          if (!header.ok) {
            return { rows, errors: header.problems.map((p) => ({ row: 1, column: p.column, code: p.code, message: p.message })) };
          }
          validator = createRowValidator({
            importType: rosterCase.importType,
            columns: header.columns,
            today: businessDateOf(this.clock.now()),
            serviceLocations,
          });
          start = 1;
        }
        const staged: StagedBatch = { rows: [], records: [], statuses: [] };
        for (let i = start; i < batch.rows.length; i++) {
          if (isBlankRow(batch.rows[i])) continue;
          const row = batch.firstRow + i;
          rows++;
          const record = validator.validate(batch.rows[i], row, errors);
          if (record && duplicates.check(record.npi, record.serviceLocation, row, errors)) {
            staged.rows.push(row);
            staged.records.push(record);
          }
        }
        // Once a row has failed nothing will be applied; validation goes on to list every error.
        if (errors.length === 0) {
          staged.statuses = await this.statusesOf(tx, rosterCase, staged.records);
          await stageRosterRows(tx, staged);
        }
      }
    } catch (error) {
      if (!(error instanceof RosterFileError)) throw error;
      errors.push({ row: error.row ?? 1, column: '', code: 'UNREADABLE_FILE', message: error.message });
    }
    if (validator && rows === 0) {
      errors.push({ row: 2, column: '', code: 'NO_DATA_ROWS', message: 'The file has a header but no practitioner rows' });
    }
    return { rows, errors };
  }

  /** Rules that need the group's practitioners: TERMINATE only ends a practitioner the group has, where it has them. */
  private async groupErrors(tx: EntityManager, rosterCase: RosterImportCase): Promise<RowError[]> {
    if (rosterCase.importType !== 'TERMINATE') return [];
    const problems: { row_number: number; npi: string; location: string | null; effective_date: string | null; end_date: string }[] =
      await tx.query(
        `SELECT r.row_number, r.npi, p.service_location AS location, p.effective_date, r.end_date
         FROM roster_rows r
         LEFT JOIN roster_import.practitioners p ON p.group_id = $1 AND p.npi = r.npi
         WHERE p.npi IS NULL OR p.service_location <> r.service_location OR r.end_date < p.effective_date
         ORDER BY r.row_number`,
        [rosterCase.groupId],
      );
    return problems.map(({ row_number: row, npi, location, effective_date: effective, end_date: end }) => {
      if (location === null) {
        return { row, column: 'NPI', code: 'NOT_IN_GROUP', message: `NPI ${npi} is not a practitioner of this group, so it cannot be terminated` };
      }
      if (end < (effective ?? end)) {
        return { row, column: 'End Date', code: 'END_BEFORE_AFFILIATION', message: `End Date ${end} is before this practitioner's effective date ${effective}` };
      }
      return { row, column: 'Service Location', code: 'WRONG_SERVICE_LOCATION', message: `NPI ${npi} is at Service Location ${location}, not the one given` };
    });
  }

  private async apply(tx: EntityManager, rosterCase: RosterImportCase): Promise<Omit<Counts, 'rows' | 'errors'>> {
    const { groupId, caseNumber } = rosterCase;
    await tx.query(
      `UPDATE roster_rows r SET existed = true FROM roster_import.practitioners p WHERE p.group_id = $1 AND p.npi = r.npi`,
      [groupId],
    );
    if (rosterCase.importType === 'TERMINATE') {
      const [, terminated] = await tx.query(
        `UPDATE roster_import.practitioners p
         SET status = 'TERMINATED', end_date = r.end_date, last_case_number = $2, updated_at = now()
         FROM roster_rows r WHERE p.group_id = $1 AND p.npi = r.npi`,
        [groupId, caseNumber],
      );
      // A termination row carries only NPI, location and end date: the event tells who it was.
      await tx.query(
        `UPDATE roster_rows r SET first_name = p.first_name, last_name = p.last_name,
           provider_type = p.provider_type, effective_date = p.effective_date
         FROM roster_import.practitioners p WHERE p.group_id = $1 AND p.npi = r.npi`,
        [groupId],
      );
      await this.announceAffiliations(tx, rosterCase);
      return { created: 0, updated: 0, terminated };
    }
    await tx.query(
      `INSERT INTO roster_import.practitioners AS p (
         group_id, npi, service_location, first_name, last_name, middle_name, suffix, gender, date_of_birth,
         provider_type, primary_taxonomy, license_number, license_state, license_expiration_date, dea_number,
         caqh_provider_id, effective_date, end_date, email, phone, status, last_case_number)
       SELECT $1, npi, service_location, first_name, last_name, middle_name, suffix, gender, date_of_birth,
         provider_type, primary_taxonomy, license_number, license_state, license_expiration_date, dea_number,
         caqh_provider_id, effective_date, end_date, email, phone, status, $2
       FROM roster_rows
       ON CONFLICT (group_id, npi) DO UPDATE SET
         service_location = EXCLUDED.service_location, first_name = EXCLUDED.first_name,
         last_name = EXCLUDED.last_name, middle_name = EXCLUDED.middle_name, suffix = EXCLUDED.suffix,
         gender = EXCLUDED.gender, date_of_birth = EXCLUDED.date_of_birth, provider_type = EXCLUDED.provider_type,
         primary_taxonomy = EXCLUDED.primary_taxonomy, license_number = EXCLUDED.license_number,
         license_state = EXCLUDED.license_state, license_expiration_date = EXCLUDED.license_expiration_date,
         dea_number = EXCLUDED.dea_number, caqh_provider_id = EXCLUDED.caqh_provider_id,
         effective_date = EXCLUDED.effective_date, end_date = EXCLUDED.end_date, email = EXCLUDED.email,
         phone = EXCLUDED.phone, status = EXCLUDED.status, last_case_number = EXCLUDED.last_case_number,
         updated_at = now()`,
      [groupId, caseNumber],
    );
    const [{ created, updated }] = await tx.query(
      `SELECT count(*) FILTER (WHERE NOT existed)::int AS created, count(*) FILTER (WHERE existed)::int AS updated FROM roster_rows`,
    );
    await this.announceAffiliations(tx, rosterCase);
    return { created, updated, terminated: 0 };
  }

  /**
   * The status each record gets: TERMINATED for a termination; otherwise by the credentialing
   * rule (its type needs credentialing, by configuration, and the provider master does not
   * already record the practitioner as credentialed).
   */
  private async statusesOf(tx: EntityManager, rosterCase: RosterImportCase, records: RosterRecord[]): Promise<PractitionerStatus[]> {
    if (rosterCase.importType === 'TERMINATE') return records.map(() => 'TERMINATED');
    const credentialed = new Set<string>(
      (
        await tx.query('SELECT npi FROM roster_import.providers WHERE credentialed AND npi = ANY($1::text[])', [
          records.map((r) => r.npi),
        ])
      ).map((r: { npi: string }) => r.npi),
    );
    const required = new Set(this.config.CREDENTIALING_REQUIRED_PROVIDER_TYPES);
    return records.map((r) => practitionerStatusFor(r.providerType as ProviderType, credentialed.has(r.npi), required));
  }

  /**
   * One practitioner.affiliated.v1 per practitioner, in row order, built from the staged rows in one
   * statement (a 100,000-row roster's events never pass through Node). Keyed by the group PID.
   */
  private async announceAffiliations(tx: EntityManager, rosterCase: RosterImportCase): Promise<void> {
    await this.outbox.publishSelected(
      tx,
      Topics.PractitionerAffiliated,
      `SELECT $1::text AS key, row_number AS position,
              jsonb_build_object(
                'groupId', $1::text, 'serviceLocation', service_location, 'npi', npi,
                'firstName', first_name, 'lastName', last_name, 'providerType', provider_type,
                'change', CASE WHEN $2::boolean THEN 'TERMINATED' WHEN existed THEN 'UPDATED' ELSE 'ADDED' END,
                'status', status, 'effectiveDate', effective_date, 'caseNumber', $3::text, 'affiliatedAt', $4::text)
              || CASE WHEN end_date IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('endDate', end_date) END AS payload
       FROM roster_rows`,
      [rosterCase.groupId, rosterCase.importType === 'TERMINATE', rosterCase.caseNumber, this.clock.now().toISOString()],
    );
  }

  private async recordErrors(tx: EntityManager, caseNumber: string, errors: RowError[]): Promise<void> {
    await tx.delete(CaseError, { caseNumber });
    for (let start = 0; start < errors.length; start += 5000) {
      const chunk = errors.slice(start, start + 5000);
      await tx.query(
        `INSERT INTO roster_import.case_errors (case_number, seq, row_number, column_name, code, message)
         SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[])`,
        [
          caseNumber,
          chunk.map((_, i) => start + i + 1),
          chunk.map((e) => e.row),
          chunk.map((e) => e.column),
          chunk.map((e) => e.code),
          chunk.map((e) => e.message),
        ],
      );
    }
  }

  private async finish(tx: EntityManager, rosterCase: RosterImportCase, status: FinalCaseStatus, counts: Counts): Promise<void> {
    await tx.update(RosterImportCase, { caseNumber: rosterCase.caseNumber }, {
      status,
      rowCount: counts.rows,
      createdCount: counts.created,
      updatedCount: counts.updated,
      terminatedCount: counts.terminated,
      errorCount: counts.errors,
    });
    await this.outbox.publish(tx, Topics.RosterImportCompleted, {
      caseNumber: rosterCase.caseNumber,
      uploadId: rosterCase.uploadId,
      groupId: rosterCase.groupId,
      importType: rosterCase.importType,
      status,
      counts,
      completedAt: this.clock.now().toISOString(),
    });
    this.logger.log({ msg: 'Roster import finished', caseNumber: rosterCase.caseNumber, status, ...counts });
  }
}
