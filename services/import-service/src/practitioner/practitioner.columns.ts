import type { RosterRecord } from '@rosterlink/roster';

/** A practitioner's detail as a roster row carries it (a field of RosterRecord). */
export type PractitionerRecordField = keyof RosterRecord;

/** Where a roster detail is kept: its column (in `practitioners` and in the staging table) and its type there. */
export interface PractitionerRecordColumn {
  column: string;
  type: 'text' | 'date';
  /** NOT NULL in `practitioners`: every practitioner has it (a termination row still may not carry it). */
  required: boolean;
  /** In every valid roster row, whatever its import type: the row's identity. */
  inEveryRow: boolean;
}

/**
 * The one list of a practitioner's roster details, in column order: the entity's mapping, the
 * staging table and its COPY, the upsert and the event payload are all made from it. Every field of
 * RosterRecord appears once (the type says so). The `practitioners` table (migration
 * 1764200000000) has these columns, with the group's and those the import sets (status,
 * last_case_number, created_at, updated_at); the integration test checks the table against the entity.
 */
export const PRACTITIONER_RECORD_COLUMNS = {
  npi: { column: 'npi', type: 'text', required: true, inEveryRow: true },
  serviceLocation: { column: 'service_location', type: 'text', required: true, inEveryRow: true },
  firstName: { column: 'first_name', type: 'text', required: true, inEveryRow: false },
  lastName: { column: 'last_name', type: 'text', required: true, inEveryRow: false },
  middleName: { column: 'middle_name', type: 'text', required: false, inEveryRow: false },
  suffix: { column: 'suffix', type: 'text', required: false, inEveryRow: false },
  gender: { column: 'gender', type: 'text', required: false, inEveryRow: false },
  dateOfBirth: { column: 'date_of_birth', type: 'date', required: false, inEveryRow: false },
  providerType: { column: 'provider_type', type: 'text', required: true, inEveryRow: false },
  primaryTaxonomy: { column: 'primary_taxonomy', type: 'text', required: false, inEveryRow: false },
  licenseNumber: { column: 'license_number', type: 'text', required: false, inEveryRow: false },
  licenseState: { column: 'license_state', type: 'text', required: false, inEveryRow: false },
  licenseExpirationDate: { column: 'license_expiration_date', type: 'date', required: false, inEveryRow: false },
  deaNumber: { column: 'dea_number', type: 'text', required: false, inEveryRow: false },
  caqhProviderId: { column: 'caqh_provider_id', type: 'text', required: false, inEveryRow: false },
  effectiveDate: { column: 'effective_date', type: 'date', required: true, inEveryRow: false },
  endDate: { column: 'end_date', type: 'date', required: false, inEveryRow: false },
  email: { column: 'email', type: 'text', required: false, inEveryRow: false },
  phone: { column: 'phone', type: 'text', required: false, inEveryRow: false },
} as const satisfies Record<PractitionerRecordField, PractitionerRecordColumn>;

/** The roster details in column order. */
export const PRACTITIONER_RECORD_FIELDS = Object.keys(PRACTITIONER_RECORD_COLUMNS) as PractitionerRecordField[];

/** The column of a roster detail. */
export function practitionerColumn(field: PractitionerRecordField): string {
  return PRACTITIONER_RECORD_COLUMNS[field].column;
}
