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
import { RosterStaging } from './roster-staging';

interface Counts {
  rows: number;
  created: number;
  updated: number;
  terminated: number;
  errors: number;
}

/**
 * The Process Roster Import job. In one transaction: stream the file, validate every row (all
 * errors, not the first), stage the valid rows and the errors in temporary tables, check the rows
 * against the group, then either apply everything with set-based writes and announce it, or apply
 * nothing and record every error on the case (REJECTED). Neither the file, nor its rows, nor its
 * errors are ever all in memory. A crash anywhere before the commit leaves nothing behind; a rerun
 * starts over.
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
    return this.dataSource.transaction(async (tx) => {
      const rosterCase = await this.lockProcessingCase(tx, caseNumber);
      if (!rosterCase) return 'NOT_PROCESSING';
      const staging = await RosterStaging.create(tx);
      const rows = await this.validateAndStage(tx, rosterCase, staging);
      await this.checkDuplicates(staging);
      await this.checkAgainstGroup(rosterCase, staging);
      if (staging.errorCount > 0) {
        // Nothing of the file was applied (its rows are only staged): record the errors instead.
        const errors = await this.recordErrors(tx, caseNumber);
        await this.finish(tx, rosterCase, 'REJECTED', { rows, created: 0, updated: 0, terminated: 0, errors });
        return 'REJECTED';
      }
      const counts = { rows, errors: 0, ...(await this.apply(tx, rosterCase)) };
      await this.finish(tx, rosterCase, 'COMPLETED', counts);
      return 'COMPLETED';
    });
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

  /** Reads, checks and stages every row of the file; returns how many data rows it has. */
  private async validateAndStage(tx: EntityManager, rosterCase: RosterImportCase, staging: RosterStaging): Promise<number> {
    const group = await tx.findOneBy(ProviderGroup, { pid: rosterCase.groupId });
    const serviceLocations = new Set((group?.serviceLocations ?? []).map((l) => l.sl));
    const statusOf = this.statusRule(rosterCase);
    const errors: RowError[] = []; // one batch's
    let validator: RosterRowValidator | undefined;
    let rows = 0;
    try {
      for await (const batch of readRosterRows(this.fileStore.open(rosterCase.storageKey), rosterCase.fileFormat)) {
        let start = 0;
        if (!validator) {
          const header = matchRosterHeader(batch.rows[0], rosterCase.importType);
          if (!header.ok) {
            for (const p of header.problems) staging.addError({ row: 1, column: p.column, code: p.code, message: p.message });
            break;
          }
          validator = createRowValidator({
            importType: rosterCase.importType,
            columns: header.columns,
            today: businessDateOf(this.clock.now()),
            serviceLocations,
          });
          start = 1;
        }
        for (let i = start; i < batch.rows.length; i++) {
          if (isBlankRow(batch.rows[i])) continue;
          const row = batch.firstRow + i;
          rows++;
          const record = validator.validate(batch.rows[i], row, errors);
          if (record) {
            const [status, statusIfCredentialed] = statusOf(record);
            staging.addRow(row, record, status, statusIfCredentialed);
          }
        }
        for (const error of errors) staging.addError(error);
        errors.length = 0;
        await staging.flushBatch();
      }
    } catch (error) {
      if (!(error instanceof RosterFileError)) {
        await staging.abort();
        throw error;
      }
      staging.addError({ row: error.row ?? 1, column: '', code: 'UNREADABLE_FILE', message: error.message });
    }
    if (validator && rows === 0) {
      staging.addError({ row: 2, column: '', code: 'NO_DATA_ROWS', message: 'The file has a header but no practitioner rows' });
    }
    await staging.finish();
    return rows;
  }

  /**
   * The status a record gets once applied, as [not credentialed, credentialed] in the provider
   * master: TERMINATED for a termination; otherwise by the credentialing rule (its type needs
   * credentialing, by configuration, and the provider master does not already record the
   * practitioner as credentialed). Which of the two applies is looked up when applying.
   */
  private statusRule(rosterCase: RosterImportCase): (record: RosterRecord) => [PractitionerStatus, PractitionerStatus] {
    if (rosterCase.importType === 'TERMINATE') return () => ['TERMINATED', 'TERMINATED'];
    const required = new Set(this.config.CREDENTIALING_REQUIRED_PROVIDER_TYPES);
    return (record) => {
      const type = record.providerType as ProviderType;
      return [practitionerStatusFor(type, false, required), practitionerStatusFor(type, true, required)];
    };
  }

  /**
   * "An NPI appears once in a roster file" (libs/roster's DuplicateNpiCheck, with its message), checked
   * over the staged rows rather than with a set of every NPI in memory: each later row of an NPI gets
   * DUPLICATE_NPI naming the first. Only valid rows are staged, so only they are checked, as before.
   */
  private async checkDuplicates(staging: RosterStaging): Promise<void> {
    await staging.addErrorsFrom(
      `INSERT INTO roster_errors (row_number, column_name, code, message)
       SELECT row_number, 'NPI', 'DUPLICATE_NPI',
         format('NPI %s is already on row %s%s; a practitioner may appear only once in a roster file.', npi, first_row,
           CASE WHEN first_location <> '' THEN format(' (Service Location %s)', first_location) ELSE '' END)
       FROM (SELECT row_number, npi, first_value(row_number) OVER earliest AS first_row,
                    first_value(service_location) OVER earliest AS first_location
             FROM roster_rows
             WHERE npi IN (SELECT npi FROM roster_rows GROUP BY npi HAVING count(*) > 1)
             WINDOW earliest AS (PARTITION BY npi ORDER BY row_number)) repeated
       WHERE row_number <> first_row
       ORDER BY row_number`,
      [],
    );
  }

  /**
   * Rules that need the group's practitioners: TERMINATE only ends a practitioner the group has, where
   * it has them, and not before they joined. Checked over the staged rows, the errors written in SQL.
   */
  private async checkAgainstGroup(rosterCase: RosterImportCase, staging: RosterStaging): Promise<void> {
    if (rosterCase.importType !== 'TERMINATE') return;
    await staging.addErrorsFrom(
      `INSERT INTO roster_errors (row_number, column_name, code, message)
       SELECT r.row_number,
         CASE WHEN p.npi IS NULL THEN 'NPI' WHEN r.end_date < p.effective_date THEN 'End Date' ELSE 'Service Location' END,
         CASE WHEN p.npi IS NULL THEN 'NOT_IN_GROUP' WHEN r.end_date < p.effective_date THEN 'END_BEFORE_AFFILIATION'
              ELSE 'WRONG_SERVICE_LOCATION' END,
         CASE WHEN p.npi IS NULL THEN format('NPI %s is not a practitioner of this group, so it cannot be terminated', r.npi)
              WHEN r.end_date < p.effective_date THEN format('End Date %s is before this practitioner''s effective date %s',
                to_char(r.end_date, 'YYYY-MM-DD'), to_char(p.effective_date, 'YYYY-MM-DD'))
              ELSE format('NPI %s is at Service Location %s, not the one given', r.npi, p.service_location) END
       FROM roster_rows r
       LEFT JOIN roster_import.practitioners p ON p.group_id = $1 AND p.npi = r.npi
       WHERE (p.npi IS NULL OR p.service_location <> r.service_location OR r.end_date < p.effective_date)
         AND NOT EXISTS (SELECT 1 FROM roster_errors d WHERE d.row_number = r.row_number AND d.code = 'DUPLICATE_NPI')
       ORDER BY r.row_number`,
      [rosterCase.groupId],
    );
  }

  private async apply(tx: EntityManager, rosterCase: RosterImportCase): Promise<Omit<Counts, 'rows' | 'errors'>> {
    const { groupId, caseNumber } = rosterCase;
    await tx.query(
      `UPDATE roster_rows r SET status = r.status_if_credentialed FROM roster_import.providers c
       WHERE c.npi = r.npi AND c.credentialed AND r.status <> r.status_if_credentialed`,
    );
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

  /** Replaces the case's errors with the staged ones, numbered in row order; returns how many. */
  private async recordErrors(tx: EntityManager, caseNumber: string): Promise<number> {
    await tx.delete(CaseError, { caseNumber });
    const [{ errors }] = await tx.query(
      `WITH recorded AS (
         INSERT INTO roster_import.case_errors (case_number, seq, row_number, column_name, code, message)
         SELECT $1, row_number() OVER (ORDER BY row_number, seq), row_number, column_name, code, message FROM roster_errors
         RETURNING 1)
       SELECT count(*)::int AS errors FROM recorded`,
      [caseNumber],
    );
    return errors;
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
