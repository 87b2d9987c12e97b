import type { ClientBase } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { PractitionerStatus } from '@rosterlink/contracts';
import type { RosterRecord, RowError } from '@rosterlink/roster';
import { CopyIn } from './copy-in';
import { copyTextField } from './copy-text';

/**
 * Errors held in memory before they are spilled to `roster_errors`: a file of bad rows never has more
 * than this many (plus one batch's) in Node.
 */
const ERROR_BUFFER = 5000;

/** The staged columns of a practitioner, in COPY order after row_number, status and status_if_credentialed. */
const RECORD_COLUMNS: [column: string, value: (r: RosterRecord) => string | null][] = [
  ['npi', (r) => r.npi],
  ['service_location', (r) => r.serviceLocation],
  ['first_name', (r) => r.firstName],
  ['last_name', (r) => r.lastName],
  ['middle_name', (r) => r.middleName],
  ['suffix', (r) => r.suffix],
  ['gender', (r) => r.gender],
  ['date_of_birth', (r) => r.dateOfBirth],
  ['provider_type', (r) => r.providerType],
  ['primary_taxonomy', (r) => r.primaryTaxonomy],
  ['license_number', (r) => r.licenseNumber],
  ['license_state', (r) => r.licenseState],
  ['license_expiration_date', (r) => r.licenseExpirationDate],
  ['dea_number', (r) => r.deaNumber],
  ['caqh_provider_id', (r) => r.caqhProviderId],
  ['effective_date', (r) => r.effectiveDate],
  ['end_date', (r) => r.endDate],
  ['email', (r) => r.email],
  ['phone', (r) => r.phone],
];
const RECORD_VALUES = RECORD_COLUMNS.map(([, value]) => value);

const COPY_ROWS = `COPY roster_rows (row_number, status, status_if_credentialed, ${RECORD_COLUMNS.map(([c]) => c).join(', ')}) FROM STDIN`;
const COPY_ERRORS = 'COPY roster_errors (row_number, column_name, code, message) FROM STDIN';

/**
 * The file being processed, in temporary tables of the processing transaction (they disappear with
 * it): `roster_rows`, its valid rows, and `roster_errors`, every problem found, in the order found.
 * Rows arrive batch by batch as they are validated and go to PostgreSQL with COPY; errors are
 * spilled every few thousand. Memory stays at about one batch whatever the file's size; the apply
 * step and the error report are set-based statements over these tables.
 *
 * While rows are being copied the transaction's connection runs nothing else: `finish` (or `abort`)
 * before any other statement.
 */
export class RosterStaging {
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
    await queryRunner.query(`
      CREATE TEMP TABLE roster_rows (
        row_number integer NOT NULL, npi text NOT NULL, service_location text NOT NULL,
        first_name text, last_name text, middle_name text, suffix text, gender text, date_of_birth date,
        provider_type text, primary_taxonomy text, license_number text, license_state text,
        license_expiration_date date, dea_number text, caqh_provider_id text, effective_date date, end_date date,
        email text, phone text, status text NOT NULL, status_if_credentialed text NOT NULL,
        existed boolean NOT NULL DEFAULT false
      ) ON COMMIT DROP;
      CREATE TEMP TABLE roster_errors (
        seq integer GENERATED ALWAYS AS IDENTITY, row_number integer NOT NULL,
        column_name text NOT NULL, code text NOT NULL, message text NOT NULL
      ) ON COMMIT DROP`);
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
    for (const value of RECORD_VALUES) line += `\t${copyTextField(value(record))}`;
    this.batch += `${line}\n`;
  }

  addError(error: RowError): void {
    this.pendingErrors.push(error);
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

  /** Adds errors found by a statement over the staged rows (`INSERT INTO roster_errors … SELECT`); returns how many. */
  async addErrorsFrom(insert: string, params: unknown[]): Promise<number> {
    const { affected } = await this.queryRunner.query(insert, params, true);
    this.errorsFound += affected ?? 0;
    return affected ?? 0;
  }
}
