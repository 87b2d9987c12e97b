import type { ClientBase } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { ImportType, PractitionerStatus } from '@rosterlink/contracts';
import type { RosterRecord, RowError } from '@rosterlink/roster';
import { CopyIn, copyTextField } from '@rosterlink/platform';
import { PRACTITIONER_RECORD_COLUMNS, PRACTITIONER_RECORD_FIELDS, practitionerColumn } from '../practitioner/practitioner.columns';
import type { StagedPractitioners } from '../practitioner/practitioner.repository';
import { affiliationChange, ANNOUNCED_FIELDS, DUPLICATE_NPI, TERMINATION_REFUSALS } from '../practitioner/practitioner.rules';
import type { StagedErrors } from '../roster-import-case/roster-import-case.repository';

/**
 * Errors held in memory before they are spilled to `roster_errors`: a file of bad rows never has more
 * than this many (plus one batch's) in Node.
 */
const ERROR_BUFFER = 5000;

/** The staged roster details of a practitioner (PRACTITIONER_RECORD_COLUMNS), in COPY order after row_number, status and status_if_credentialed. */
const DETAILS = PRACTITIONER_RECORD_FIELDS.map(practitionerColumn);

const CREATE_TABLES = `
  CREATE TEMP TABLE roster_rows (
    row_number integer NOT NULL,
    ${PRACTITIONER_RECORD_FIELDS.map((field) => {
      const { column, type, inEveryRow } = PRACTITIONER_RECORD_COLUMNS[field];
      return `${column} ${type}${inEveryRow ? ' NOT NULL' : ''}`;
    }).join(', ')},
    status text NOT NULL, status_if_credentialed text NOT NULL,
    existed boolean NOT NULL DEFAULT false
  ) ON COMMIT DROP;
  CREATE TEMP TABLE roster_errors (
    seq integer GENERATED ALWAYS AS IDENTITY, row_number integer NOT NULL,
    column_name text NOT NULL, code text NOT NULL, message text NOT NULL
  ) ON COMMIT DROP`;

const COPY_ROWS = `COPY roster_rows (row_number, status, status_if_credentialed, ${DETAILS.join(', ')}) FROM STDIN`;
const COPY_ERRORS = 'COPY roster_errors (row_number, column_name, code, message) FROM STDIN';

/**
 * What a termination row does not carry but its event tells (who it was): the announced details
 * beyond the row's identity, taken from the group's practitioner record.
 */
const DETAILS_FROM_GROUP = ANNOUNCED_FIELDS.filter((field) => !PRACTITIONER_RECORD_COLUMNS[field].inEveryRow).map(practitionerColumn);

/** An outbox statement's SELECT of `key`, `position` and `payload`, for OutboxPublisher.publishSelected. */
export interface SelectedEvents {
  select: string;
  params: unknown[];
}

/**
 * The file being processed, in temporary tables of the processing transaction (they disappear with
 * it): `roster_rows`, its valid rows, and `roster_errors`, every problem found, in the order found.
 * Rows arrive batch by batch as they are validated and go to PostgreSQL with COPY; errors are
 * spilled every few thousand. Memory stays at about one batch whatever the file's size; the apply
 * step and the error report are set-based statements over these tables.
 *
 * While rows are being copied the transaction's connection runs nothing else: `finish` (or `abort`)
 * before any other statement. Every statement on the two tables is here; the repositories of
 * practitioners and cases read them as `rows` and `errors`.
 */
export class RosterStaging {
  /** The staged valid rows, for PractitionerRepository (in this transaction only). */
  readonly rows = 'roster_rows' as StagedPractitioners;
  /** The staged errors, for RosterImportCaseRepository (in this transaction only). */
  readonly errors = 'roster_errors' as StagedErrors;

  private rowsCopy: CopyIn | undefined;
  private batch = '';
  private pendingErrors: RowError[] = [];
  private errorsFound = 0;

  private constructor(
    private readonly queryRunner: QueryRunner,
    private readonly client: ClientBase,
  ) {}

  /** Creates the staging tables in the transaction `tx` (a PostgreSQL one, opened by DataSource.transaction). */
  static async create(tx: EntityManager): Promise<RosterStaging> {
    const queryRunner = tx.queryRunner;
    if (!queryRunner?.isTransactionActive) throw new Error('Roster staging needs a transaction');
    await queryRunner.query(CREATE_TABLES);
    // TypeORM's PostgreSQL query runner hands out the pg client it holds for the transaction.
    const client = (await queryRunner.connect()) as ClientBase;
    return new RosterStaging(queryRunner, client);
  }

  /** How many errors were found so far (spilled or not). */
  get errorCount(): number {
    return this.errorsFound;
  }

  /**
   * Adds a valid row to the current batch, with the status it gets once applied: `status` when the
   * provider master does not record the practitioner as credentialed, `statusIfCredentialed` when it does.
   */
  addRow(row: number, record: RosterRecord, status: PractitionerStatus, statusIfCredentialed: PractitionerStatus): void {
    let line = `${row}\t${status}\t${statusIfCredentialed}`;
    for (const field of PRACTITIONER_RECORD_FIELDS) line += `\t${copyTextField(record[field])}`;
    this.batch += `${line}\n`;
  }

  addError(error: RowError): void {
    // An error may quote the file (a header cell it does not know): a NUL in it would fail the COPY, so it shows as U+FFFD.
    const shown = error.column.includes('\0') || error.message.includes('\0')
      ? { ...error, column: error.column.replace(/\0/g, '\uFFFD'), message: error.message.replace(/\0/g, '\uFFFD') }
      : error;
    this.pendingErrors.push(shown);
    this.errorsFound++;
  }

  /** Sends the current batch of rows on; spills the errors once there are enough of them. */
  async flushBatch(): Promise<void> {
    if (this.batch !== '') {
      this.rowsCopy ??= CopyIn.start(this.client, COPY_ROWS);
      const text = this.batch;
      this.batch = '';
      await this.rowsCopy.write(text);
    }
    if (this.pendingErrors.length >= ERROR_BUFFER) await this.spillErrors();
  }

  /** Every row and error is in the staging tables; the connection is free for other statements. */
  async finish(): Promise<void> {
    await this.flushBatch();
    await this.endRowsCopy();
    await this.spillErrors();
  }

  /** After a failure: cancels a COPY in progress, so that the transaction can be rolled back. */
  async abort(): Promise<void> {
    await this.rowsCopy?.abort('roster import failed');
    this.rowsCopy = undefined;
  }

  private async endRowsCopy(): Promise<void> {
    const copy = this.rowsCopy;
    this.rowsCopy = undefined;
    await copy?.end();
  }

  private async spillErrors(): Promise<void> {
    if (this.pendingErrors.length === 0) return;
    await this.endRowsCopy(); // one COPY at a time on the connection; the next batch starts a new one
    let text = '';
    for (const { row, column, code, message } of this.pendingErrors) {
      text += `${row}\t${copyTextField(column)}\t${copyTextField(code)}\t${copyTextField(message)}\n`;
    }
    this.pendingErrors = [];
    const copy = CopyIn.start(this.client, COPY_ERRORS);
    try {
      await copy.write(text);
      await copy.end();
    } catch (error) {
      await copy.abort('roster import failed');
      throw error;
    }
  }

  /**
   * "An NPI appears once in a roster file" (libs/roster's DuplicateNpiCheck, in its words), checked
   * over the staged rows rather than with a set of every NPI in memory: each later row of an NPI gets
   * DUPLICATE_NPI naming the first. Only valid rows are staged, so only they are checked.
   */
  async checkDuplicateNpis(): Promise<void> {
    await this.addErrorsFrom(
      `INSERT INTO roster_errors (row_number, column_name, code, message)
       SELECT row_number, $1, $2,
         format($3, npi, first_row, CASE WHEN first_location <> '' THEN format($4, first_location) ELSE '' END)
       FROM (SELECT row_number, npi, first_value(row_number) OVER earliest AS first_row,
                    first_value(service_location) OVER earliest AS first_location
             FROM roster_rows
             WHERE npi IN (SELECT npi FROM roster_rows GROUP BY npi HAVING count(*) > 1)
             WINDOW earliest AS (PARTITION BY npi ORDER BY row_number)) repeated
       WHERE row_number <> first_row
       ORDER BY row_number`,
      [DUPLICATE_NPI.column, DUPLICATE_NPI.code, DUPLICATE_NPI.message, DUPLICATE_NPI.where],
    );
  }

  /**
   * A termination ends a practitioner the group has, where it has them, and not before they joined
   * (practitioner.rules TERMINATION_REFUSALS, first failing one per row); a row already reported
   * as a duplicate is not checked again.
   */
  async checkTerminations(groupId: string): Promise<void> {
    const { notInGroup, endBeforeAffiliation: endTooEarly, wrongServiceLocation: elsewhere } = TERMINATION_REFUSALS;
    await this.addErrorsFrom(
      `INSERT INTO roster_errors (row_number, column_name, code, message)
       SELECT r.row_number,
         CASE WHEN p.npi IS NULL THEN $2 WHEN r.end_date < p.effective_date THEN $5 ELSE $8 END,
         CASE WHEN p.npi IS NULL THEN $3 WHEN r.end_date < p.effective_date THEN $6 ELSE $9 END,
         CASE WHEN p.npi IS NULL THEN format($4, r.npi)
              WHEN r.end_date < p.effective_date
                THEN format($7, to_char(r.end_date, 'YYYY-MM-DD'), to_char(p.effective_date, 'YYYY-MM-DD'))
              ELSE format($10, r.npi, p.service_location) END
       FROM roster_rows r
       LEFT JOIN roster_import.practitioners p ON p.group_id = $1 AND p.npi = r.npi
       WHERE (p.npi IS NULL OR p.service_location <> r.service_location OR r.end_date < p.effective_date)
         AND NOT EXISTS (SELECT 1 FROM roster_errors d WHERE d.row_number = r.row_number AND d.code = $11)
       ORDER BY r.row_number`,
      [
        groupId,
        ...[notInGroup, endTooEarly, elsewhere].flatMap((refusal) => [refusal.column, refusal.code, refusal.message]),
        DUPLICATE_NPI.code,
      ],
    );
  }

  /** Rows of practitioners the provider master records as credentialed take the status that gives. */
  async applyCredentialing(): Promise<void> {
    await this.queryRunner.query(
      `UPDATE roster_rows r SET status = r.status_if_credentialed FROM roster_import.providers c
       WHERE c.npi = r.npi AND c.credentialed AND r.status <> r.status_if_credentialed`,
    );
  }

  /** Marks the rows of practitioners the group already has (before they are applied). */
  async markExisting(groupId: string): Promise<void> {
    await this.queryRunner.query(
      `UPDATE roster_rows r SET existed = true FROM roster_import.practitioners p WHERE p.group_id = $1 AND p.npi = r.npi`,
      [groupId],
    );
  }

  /** A termination row carries only NPI, location and end date: its event's other details come from the group's record. */
  async takeAnnouncedDetailsFromGroup(groupId: string): Promise<void> {
    await this.queryRunner.query(
      `UPDATE roster_rows r SET ${DETAILS_FROM_GROUP.map((column) => `${column} = p.${column}`).join(', ')}
       FROM roster_import.practitioners p WHERE p.group_id = $1 AND p.npi = r.npi`,
      [groupId],
    );
  }

  /** How many staged rows add a practitioner to the group, and how many update one it had (markExisting first). */
  async changeCounts(): Promise<{ created: number; updated: number }> {
    const [counts] = await this.queryRunner.query(
      `SELECT count(*) FILTER (WHERE NOT existed)::int AS created, count(*) FILTER (WHERE existed)::int AS updated FROM roster_rows`,
    );
    return counts;
  }

  /**
   * One practitioner.affiliated.v1 per staged row, in row order, built in one statement (a
   * 100,000-row roster's events never pass through Node): what practitioner.rules
   * affiliationAnnouncement makes of the record, keyed by the group PID. The rows must hold what
   * was applied (statuses after applyCredentialing, markExisting; a termination's details taken
   * from the group).
   */
  affiliationEvents(groupId: string, importType: ImportType, caseNumber: string, affiliatedAt: string): SelectedEvents {
    const announced = ANNOUNCED_FIELDS.map((field) => `'${field}', ${practitionerColumn(field)}`).join(', ');
    const endDate = practitionerColumn('endDate');
    return {
      select: `SELECT $1::text AS key, row_number AS position,
                 jsonb_build_object(
                   'groupId', $1::text, ${announced},
                   'change', CASE WHEN existed THEN $2::text ELSE $3::text END,
                   'status', status, 'caseNumber', $4::text, 'affiliatedAt', $5::text)
                 || CASE WHEN ${endDate} IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('endDate', ${endDate}) END AS payload
               FROM roster_rows`,
      params: [groupId, affiliationChange(importType, true), affiliationChange(importType, false), caseNumber, affiliatedAt],
    };
  }

  /** Adds errors found by a statement over the staged rows (`INSERT INTO roster_errors … SELECT`). */
  private async addErrorsFrom(insert: string, params: unknown[]): Promise<void> {
    const { affected } = await this.queryRunner.query(insert, params, true);
    this.errorsFound += affected ?? 0;
  }
}
