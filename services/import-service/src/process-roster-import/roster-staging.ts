import { EntityManager } from 'typeorm';
import type { PractitionerStatus } from '@rosterlink/contracts';
import type { RosterRecord } from '@rosterlink/roster';

/**
 * The valid rows of the file being processed, in a temporary table of the processing transaction:
 * rows go in batch by batch as they are validated (memory stays flat), and the apply step is a
 * handful of set-based statements over it. It disappears with the transaction.
 */
export async function createRosterStaging(tx: EntityManager): Promise<void> {
  await tx.query(`
    CREATE TEMP TABLE roster_rows (
      row_number integer PRIMARY KEY, npi text NOT NULL, service_location text NOT NULL,
      first_name text, last_name text, middle_name text, suffix text, gender text, date_of_birth date,
      provider_type text, primary_taxonomy text, license_number text, license_state text,
      license_expiration_date date, dea_number text, caqh_provider_id text, effective_date date, end_date date,
      email text, phone text, status text NOT NULL, existed boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
}

const COLUMNS: [column: string, type: string, value: (r: RosterRecord) => string | null][] = [
  ['npi', 'text', (r) => r.npi],
  ['service_location', 'text', (r) => r.serviceLocation],
  ['first_name', 'text', (r) => r.firstName],
  ['last_name', 'text', (r) => r.lastName],
  ['middle_name', 'text', (r) => r.middleName],
  ['suffix', 'text', (r) => r.suffix],
  ['gender', 'text', (r) => r.gender],
  ['date_of_birth', 'date', (r) => r.dateOfBirth],
  ['provider_type', 'text', (r) => r.providerType],
  ['primary_taxonomy', 'text', (r) => r.primaryTaxonomy],
  ['license_number', 'text', (r) => r.licenseNumber],
  ['license_state', 'text', (r) => r.licenseState],
  ['license_expiration_date', 'date', (r) => r.licenseExpirationDate],
  ['dea_number', 'text', (r) => r.deaNumber],
  ['caqh_provider_id', 'text', (r) => r.caqhProviderId],
  ['effective_date', 'date', (r) => r.effectiveDate],
  ['end_date', 'date', (r) => r.endDate],
  ['email', 'text', (r) => r.email],
  ['phone', 'text', (r) => r.phone],
];

const INSERT = `INSERT INTO roster_rows (row_number, status, ${COLUMNS.map(([c]) => c).join(', ')})
  SELECT * FROM unnest($1::integer[], $2::text[], ${COLUMNS.map(([, type], i) => `$${i + 3}::${type}[]`).join(', ')})`;

export interface StagedBatch {
  rows: number[];
  records: RosterRecord[];
  /** The practitioner status each record will have once applied. */
  statuses: PractitionerStatus[];
}

/** Adds one batch of validated rows (one statement, column arrays). */
export async function stageRosterRows(tx: EntityManager, batch: StagedBatch): Promise<void> {
  if (batch.records.length === 0) return;
  await tx.query(INSERT, [batch.rows, batch.statuses, ...COLUMNS.map(([, , value]) => batch.records.map(value))]);
}
