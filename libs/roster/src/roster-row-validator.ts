import { type ImportType, isValidNpi, PROVIDER_TYPES, type ProviderType } from '@rosterlink/contracts/browser';
import type { RosterCell, RosterRowErrorCode, RowError } from './roster-cell';
import { ROSTER_COLUMNS, type RosterColumnKey, rosterColumnRequirement } from './roster-columns';
import { dateCellToIso, parseDateText } from './roster-dates';
import type { RosterColumnIndex } from './roster-header';
import {
  type Gender,
  hasDeaNumberFormat,
  hasValidDeaCheckDigit,
  ROSTER_GENDERS,
  US_STATE_AND_TERRITORY_CODES,
} from './roster-values';

/**
 * One valid roster row, normalized: trimmed text, dates as `YYYY-MM-DD`, codes in upper case, the
 * phone as 10 digits, null where the row (or the file) gives nothing.
 *
 * ADD_UPDATE: npi, lastName, firstName, dateOfBirth, providerType, primaryTaxonomy, serviceLocation
 * and effectiveDate are never null.
 * TERMINATE: only npi, serviceLocation and endDate are carried (endDate never null); the other
 * columns were checked but are not applied, so they are null here.
 */
export interface RosterRecord {
  npi: string;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  suffix: string | null;
  gender: Gender | null;
  dateOfBirth: string | null;
  providerType: ProviderType | null;
  primaryTaxonomy: string | null;
  licenseNumber: string | null;
  licenseState: string | null;
  licenseExpirationDate: string | null;
  deaNumber: string | null;
  caqhProviderId: string | null;
  serviceLocation: string;
  effectiveDate: string | null;
  endDate: string | null;
  email: string | null;
  phone: string | null;
}

export interface RosterRowContext {
  importType: ImportType;
  /** From matchRosterHeader. */
  columns: RosterColumnIndex;
  /** The business date (America/New_York), `YYYY-MM-DD`: a date of birth must be before it. */
  today: string;
  /** The group's service-location letters. */
  serviceLocations: ReadonlySet<string>;
}

export interface RosterRowValidator {
  /**
   * Check one data row. Every problem is pushed onto `errors`; the normalized record is returned only
   * when the row has none. `row` is the spreadsheet row number (header = 1, first data row = 2).
   */
  validate(cells: readonly RosterCell[], row: number, errors: RowError[]): RosterRecord | undefined;
}

/** Column ordinals: positions in ROSTER_COLUMNS, the slots of the per-row scratch arrays. */
const ORDINAL = Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c.key, i])) as Record<RosterColumnKey, number>;
const COLUMN_COUNT = ROSTER_COLUMNS.length;
const HEADER = ROSTER_COLUMNS.map((c) => c.header);

const NPI = ORDINAL.npi;
const DATE_OF_BIRTH = ORDINAL.dateOfBirth;
const PROVIDER_TYPE = ORDINAL.providerType;
const LICENSE_NUMBER = ORDINAL.licenseNumber;
const LICENSE_STATE = ORDINAL.licenseState;
const LICENSE_EXPIRATION = ORDINAL.licenseExpirationDate;
const SERVICE_LOCATION = ORDINAL.serviceLocation;
const EFFECTIVE_DATE = ORDINAL.effectiveDate;
const END_DATE = ORDINAL.endDate;

const MAX_TEXT_LENGTH = 50;
/** No practitioner alive was born before this; an earlier date of birth is a typo in the year. */
const EARLIEST_DATE_OF_BIRTH = '1900-01-01';
const MINIMUM_AGE = 18;

const DIGITS_1_TO_10 = /^[0-9]{1,10}$/;
const TAXONOMY = /^[0-9]{3}[0-9A-Z]{6}X$/;
const SEPARATORS = /[\s-]+/g;
/** A plausible address: dot-atom local part, dotted host names, an alphabetic top-level domain. */
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

const UPPER_DEA = /^[A-Z]{2}[0-9]{7}$/;

/** Char code of a letter (either case) → the upper-case letter. */
const LETTER_BY_CHAR: ReadonlyArray<string | undefined> = (() => {
  const table: Array<string | undefined> = [];
  for (let c = 65; c <= 90; c++) table[c] = table[c + 32] = String.fromCharCode(c);
  return table;
})();
const GENDER_SET: ReadonlySet<string> = new Set(ROSTER_GENDERS);
const GENDER_BY_CHAR: ReadonlyArray<string | undefined> = LETTER_BY_CHAR.map((letter) =>
  letter !== undefined && GENDER_SET.has(letter) ? letter : undefined,
);

const PROVIDER_TYPE_SET: ReadonlySet<string> = new Set(PROVIDER_TYPES);
const PROVIDER_TYPE_LIST = PROVIDER_TYPES.join(', ');

/** A value as it appears in a message: quoted, cut short. */
function quoted(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/**
 * Checks one non-empty, trimmed value of its column; returns the normalized value, or null after pushing
 * the problem onto `errors`.
 */
type ValueCheck = (text: string, row: number, errors: RowError[]) => string | null;

interface CompiledColumn {
  ordinal: number;
  header: string;
  /** Cell index in the file; -1 when the file lacks the column (only compiled when it is required). */
  index: number;
  required: boolean;
  isDate: boolean;
  check: ValueCheck;
}

function problem(errors: RowError[], row: number, ordinal: number, code: RosterRowErrorCode, message: string): null {
  errors.push({ row, column: HEADER[ordinal], code, message });
  return null;
}

function textCheck(ordinal: number, maxLength: number): ValueCheck {
  const header = HEADER[ordinal];
  return (text, row, errors) =>
    text.length <= maxLength
      ? text
      : problem(errors, row, ordinal, 'TOO_LONG', `${header} is ${text.length} characters long; at most ${maxLength} are allowed.`);
}

function buildChecks(context: RosterRowContext): ValueCheck[] {
  const today = context.today;
  const locations = new Set<string>();
  for (const sl of context.serviceLocations) locations.add(sl.trim().toUpperCase());
  const locationList = [...locations].sort().join(', ');
  const unknownLocationTail =
    locations.size === 0 ? 'this group has no service locations on file.' : `this group's locations are ${locationList}.`;

  const checks: ValueCheck[] = new Array<ValueCheck>(COLUMN_COUNT);
  checks[NPI] = (text, row, errors) => {
    if (text.length !== 10 || !isValidNpiFormat(text)) {
      return problem(errors, row, NPI, 'INVALID_NPI_FORMAT', `NPI ${quoted(text)} must be exactly 10 digits.`);
    }
    if (!isValidNpi(text)) {
      return problem(
        errors,
        row,
        NPI,
        'INVALID_NPI_CHECK_DIGIT',
        `NPI ${text} is not a valid NPI: its check digit does not match; check it for a typo.`,
      );
    }
    return text;
  };
  checks[ORDINAL.lastName] = textCheck(ORDINAL.lastName, MAX_TEXT_LENGTH);
  checks[ORDINAL.firstName] = textCheck(ORDINAL.firstName, MAX_TEXT_LENGTH);
  checks[ORDINAL.middleName] = textCheck(ORDINAL.middleName, MAX_TEXT_LENGTH);
  checks[ORDINAL.suffix] = textCheck(ORDINAL.suffix, MAX_TEXT_LENGTH);
  checks[ORDINAL.licenseNumber] = textCheck(ORDINAL.licenseNumber, MAX_TEXT_LENGTH);
  checks[ORDINAL.gender] = (text, row, errors) =>
    (text.length === 1 ? GENDER_BY_CHAR[text.charCodeAt(0)] : undefined) ??
    problem(errors, row, ORDINAL.gender, 'INVALID_GENDER', `Gender ${quoted(text)} must be M, F, O or U.`);
  checks[DATE_OF_BIRTH] = (date, row, errors) => {
    if (date >= today) return problem(errors, row, DATE_OF_BIRTH, 'DATE_OF_BIRTH_NOT_IN_PAST', `Date of Birth ${date} is not in the past.`);
    if (date < EARLIEST_DATE_OF_BIRTH) {
      return problem(errors, row, DATE_OF_BIRTH, 'IMPLAUSIBLE_DATE_OF_BIRTH', `Date of Birth ${date} is before 1900; check the year.`);
    }
    return date;
  };
  checks[PROVIDER_TYPE] = (text, row, errors) => {
    if (PROVIDER_TYPE_SET.has(text)) return text;
    const code = text.toUpperCase().replace(SEPARATORS, '_');
    return PROVIDER_TYPE_SET.has(code)
      ? code
      : problem(
          errors,
          row,
          PROVIDER_TYPE,
          'INVALID_PROVIDER_TYPE',
          `Provider Type ${quoted(text)} is not a provider type code; use one of ${PROVIDER_TYPE_LIST}.`,
        );
  };
  checks[ORDINAL.primaryTaxonomy] = (text, row, errors) => {
    if (TAXONOMY.test(text)) return text;
    const code = text.toUpperCase();
    return TAXONOMY.test(code)
      ? code
      : problem(
          errors,
          row,
          ORDINAL.primaryTaxonomy,
          'INVALID_TAXONOMY',
          `Primary Taxonomy ${quoted(text)} is not a NUCC taxonomy code: 10 characters, 3 digits, 6 letters or digits, then X (e.g. 207Q00000X).`,
        );
  };
  checks[LICENSE_STATE] = (text, row, errors) => {
    if (US_STATE_AND_TERRITORY_CODES.has(text)) return text;
    const code = text.toUpperCase();
    return US_STATE_AND_TERRITORY_CODES.has(code)
      ? code
      : problem(
          errors,
          row,
          LICENSE_STATE,
          'INVALID_LICENSE_STATE',
          `License State ${quoted(text)} is not a US state or territory code (e.g. MA).`,
        );
  };
  checks[LICENSE_EXPIRATION] = (date) => date;
  checks[ORDINAL.deaNumber] = (text, row, errors) => {
    const value = UPPER_DEA.test(text) ? text : text.toUpperCase();
    if (!hasDeaNumberFormat(value)) {
      return problem(
        errors,
        row,
        ORDINAL.deaNumber,
        'INVALID_DEA_FORMAT',
        `DEA Number ${quoted(text)} must be 2 letters followed by 7 digits.`,
      );
    }
    if (!hasValidDeaCheckDigit(value)) {
      return problem(
        errors,
        row,
        ORDINAL.deaNumber,
        'INVALID_DEA_CHECK_DIGIT',
        `DEA Number ${value} is not valid: its check digit does not match; check it for a typo.`,
      );
    }
    return value;
  };
  checks[ORDINAL.caqhProviderId] = (text, row, errors) =>
    DIGITS_1_TO_10.test(text)
      ? text
      : problem(errors, row, ORDINAL.caqhProviderId, 'INVALID_CAQH_ID', `CAQH Provider ID ${quoted(text)} must be 1 to 10 digits.`);
  checks[SERVICE_LOCATION] = (text, row, errors) => {
    const code = text.length === 1 ? LETTER_BY_CHAR[text.charCodeAt(0)] : undefined;
    if (code === undefined) {
      return problem(errors, row, SERVICE_LOCATION, 'INVALID_SERVICE_LOCATION', `Service Location ${quoted(text)} must be one letter.`);
    }
    return locations.has(code)
      ? code
      : problem(
          errors,
          row,
          SERVICE_LOCATION,
          'UNKNOWN_SERVICE_LOCATION',
          `Service Location ${code} is not a location of this group; ${unknownLocationTail}`,
        );
  };
  checks[EFFECTIVE_DATE] = (date) => date;
  checks[END_DATE] = (date) => date;
  checks[ORDINAL.email] = (text, row, errors) =>
    text.length <= 254 && EMAIL.test(text) && text.indexOf('@') <= 64
      ? text
      : problem(errors, row, ORDINAL.email, 'INVALID_EMAIL', `Email ${quoted(text)} is not a valid e-mail address.`);
  checks[ORDINAL.phone] = (text, row, errors) => {
    const digits = phoneDigits(text);
    return digits !== null
      ? digits
      : problem(errors, row, ORDINAL.phone, 'INVALID_PHONE', `Phone ${quoted(text)} must be a US number of 10 digits, e.g. 617-555-0123.`);
  };
  return checks;
}

/** YYYY-MM-DD → the number YYYYMMDD. */
function dateNumber(date: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7) n = n * 10 + date.charCodeAt(i) - 48;
  return n;
}

const phoneBuffer: number[] = new Array<number>(11).fill(48);

/**
 * The 10 digits of a US phone number written with any punctuation ("(617) 555-0123", "+1 617.555.0123"),
 * a leading country code 1 on 11 digits dropped; null when there are letters or another number of digits.
 */
function phoneDigits(text: string): string | null {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count === 11) return null;
      phoneBuffer[count++] = c;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      return null; // letters: an extension ("x12") or a vanity number
    }
  }
  if (count === 10 && text.length === 10) return text;
  const from = count === 11 && phoneBuffer[0] === 49 ? 1 : count === 10 ? 0 : -1;
  if (from < 0) return null;
  const b = phoneBuffer;
  return String.fromCharCode(
    b[from],
    b[from + 1],
    b[from + 2],
    b[from + 3],
    b[from + 4],
    b[from + 5],
    b[from + 6],
    b[from + 7],
    b[from + 8],
    b[from + 9],
  );
}

function isValidNpiFormat(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const DATE_COLUMNS: ReadonlySet<number> = new Set([DATE_OF_BIRTH, LICENSE_EXPIRATION, EFFECTIVE_DATE, END_DATE]);

/**
 * Compile the checks of one file once (its import type, column positions, business date and the group's
 * service locations) and validate each data row with them. The validator keeps two scratch arrays and
 * allocates per row only the result record and the errors it reports.
 */
export function createRowValidator(context: RosterRowContext): RosterRowValidator {
  const { importType, columns } = context;
  if (parseDateText(context.today) !== context.today) throw new Error(`RosterRowContext.today must be YYYY-MM-DD, got "${context.today}"`);
  const terminate = importType === 'TERMINATE';
  const checks = buildChecks(context);
  // License Number and License State are given together, so License Number's requirement is the pair's.
  const licenseRequirement = rosterColumnRequirement(ROSTER_COLUMNS[LICENSE_NUMBER], importType);
  const licenseExempt: ReadonlySet<string> = new Set(licenseRequirement.exceptProviderTypes);
  const licenseExemptList = licenseRequirement.exceptProviderTypes.join(', ');

  const compiled: CompiledColumn[] = [];
  ROSTER_COLUMNS.forEach((column, ordinal) => {
    const required = (column.requiredFor as readonly ImportType[]).includes(importType);
    const index = columns[column.key];
    if (index === undefined && !required) return;
    compiled.push({
      ordinal,
      header: column.header,
      index: index ?? -1,
      required,
      isDate: DATE_COLUMNS.has(ordinal),
      check: checks[ordinal],
    });
  });
  const requiredMessage = (header: string) => (terminate ? `${header} is required on a Terminate roster.` : `${header} is required.`);
  const requiredMessages = compiled.map((c) => requiredMessage(c.header));
  const nulMessages = compiled.map((c) => `${c.header} contains a NUL character (an invisible control character); retype the value.`);

  /** Per row: the normalized value of each column (null when empty or invalid) and whether it was given. */
  const values: Array<string | null> = new Array<string | null>(COLUMN_COUNT).fill(null);
  const given: boolean[] = new Array<boolean>(COLUMN_COUNT).fill(false);

  function validate(cells: readonly RosterCell[], row: number, errors: RowError[]): RosterRecord | undefined {
    const errorsBefore = errors.length;
    for (let k = 0; k < compiled.length; k++) {
      const column = compiled[k];
      const ordinal = column.ordinal;
      values[ordinal] = null;
      given[ordinal] = false;
      const cell = column.index < 0 ? undefined : cells[column.index];

      let text: string;
      if (typeof cell === 'string') {
        if (cell.indexOf('\0') !== -1) {
          // A NUL character cannot be stored (PostgreSQL text refuses it): the row is in error, never retried.
          given[ordinal] = true;
          problem(errors, row, ordinal, 'INVALID_CHARACTER', nulMessages[k]);
          continue;
        }
        text = cell.trim();
      } else if (cell === null || cell === undefined) {
        text = '';
      } else if (typeof cell === 'number') {
        text = numberText(cell);
      } else if (cell instanceof Date) {
        given[ordinal] = true;
        const date = dateCellToIso(cell);
        if (date === null) {
          problem(errors, row, ordinal, 'INVALID_DATE', `${column.header} holds a date cell that is not a valid date.`);
        } else if (column.isDate) {
          values[ordinal] = column.check(date, row, errors);
        } else {
          problem(
            errors,
            row,
            ordinal,
            'UNEXPECTED_DATE',
            `${column.header} holds a date (${date}); format the column as Text in the spreadsheet and re-enter the value.`,
          );
        }
        continue;
      } else {
        text = String(cell).trim();
      }

      if (text === '') {
        if (column.required) {
          errors.push({ row, column: column.header, code: 'REQUIRED' satisfies RosterRowErrorCode, message: requiredMessages[k] });
        }
        continue;
      }
      given[ordinal] = true;
      if (column.isDate) {
        const date = typeof cell === 'string' ? parseDateText(text) : null;
        values[ordinal] =
          date === null
            ? problem(
                errors,
                row,
                ordinal,
                'INVALID_DATE',
                `${column.header} ${quoted(text)} is not a valid date; write it as YYYY-MM-DD or MM/DD/YYYY.`,
              )
            : column.check(date, row, errors);
      } else {
        values[ordinal] = column.check(text, row, errors);
      }
    }

    crossCheck(row, errors);
    if (errors.length !== errorsBefore) return undefined;
    return terminate ? terminateRecord() : addUpdateRecord();
  }

  function crossCheck(row: number, errors: RowError[]): void {
    // License Number and License State: both or neither; required (Add/Update) except for the exempt provider types (ORP).
    const hasNumber = given[LICENSE_NUMBER];
    const hasState = given[LICENSE_STATE];
    if (hasNumber !== hasState) {
      const missing = hasNumber ? LICENSE_STATE : LICENSE_NUMBER;
      const present = hasNumber ? LICENSE_NUMBER : LICENSE_STATE;
      problem(
        errors,
        row,
        missing,
        'LICENSE_INCOMPLETE',
        `${HEADER[missing]} is missing while ${HEADER[present]} is filled in; give both or neither.`,
      );
    } else if (!hasNumber && licenseRequirement.required) {
      const providerType = values[PROVIDER_TYPE];
      if (providerType !== null && !licenseExempt.has(providerType)) {
        problem(
          errors,
          row,
          LICENSE_NUMBER,
          'LICENSE_REQUIRED',
          `A license is required for provider type ${providerType}: fill in License Number and License State (only ${licenseExemptList} providers may leave them blank).`,
        );
      }
    }

    const effective = values[EFFECTIVE_DATE];
    if (effective === null) return;
    const born = values[DATE_OF_BIRTH];
    // 18 or older on the effective date: the 18th birthday (YYYYMMDD + 180000) is on or before it.
    // Someone born on 29 February turns 18 on 1 March when that year is not a leap year.
    if (born !== null && dateNumber(born) + MINIMUM_AGE * 10000 > dateNumber(effective)) {
      problem(
        errors,
        row,
        DATE_OF_BIRTH,
        'UNDER_18',
        `The practitioner (Date of Birth ${born}) is under 18 on the Effective Date ${effective}; practitioners must be 18 or older.`,
      );
    }
    const expires = values[LICENSE_EXPIRATION];
    if (expires !== null && expires <= effective) {
      problem(
        errors,
        row,
        LICENSE_EXPIRATION,
        'LICENSE_EXPIRES_BEFORE_EFFECTIVE_DATE',
        `License Expiration Date ${expires} must be after the Effective Date ${effective}.`,
      );
    }
    const end = values[END_DATE];
    if (end !== null && end < effective) {
      problem(
        errors,
        row,
        END_DATE,
        'END_DATE_BEFORE_EFFECTIVE_DATE',
        `End Date ${end} is before the Effective Date ${effective}; it must be on or after it.`,
      );
    }
  }

  function addUpdateRecord(): RosterRecord {
    const v = values;
    return {
      npi: v[NPI] as string,
      lastName: v[ORDINAL.lastName],
      firstName: v[ORDINAL.firstName],
      middleName: v[ORDINAL.middleName],
      suffix: v[ORDINAL.suffix],
      gender: v[ORDINAL.gender] as Gender | null,
      dateOfBirth: v[DATE_OF_BIRTH],
      providerType: v[PROVIDER_TYPE] as ProviderType | null,
      primaryTaxonomy: v[ORDINAL.primaryTaxonomy],
      licenseNumber: v[LICENSE_NUMBER],
      licenseState: v[LICENSE_STATE],
      licenseExpirationDate: v[LICENSE_EXPIRATION],
      deaNumber: v[ORDINAL.deaNumber],
      caqhProviderId: v[ORDINAL.caqhProviderId],
      serviceLocation: v[SERVICE_LOCATION] as string,
      effectiveDate: v[EFFECTIVE_DATE],
      endDate: v[END_DATE],
      email: v[ORDINAL.email],
      phone: v[ORDINAL.phone],
    };
  }

  function terminateRecord(): RosterRecord {
    return {
      npi: values[NPI] as string,
      lastName: null,
      firstName: null,
      middleName: null,
      suffix: null,
      gender: null,
      dateOfBirth: null,
      providerType: null,
      primaryTaxonomy: null,
      licenseNumber: null,
      licenseState: null,
      licenseExpirationDate: null,
      deaNumber: null,
      caqhProviderId: null,
      serviceLocation: values[SERVICE_LOCATION] as string,
      effectiveDate: null,
      endDate: values[END_DATE],
      email: null,
      phone: null,
    };
  }

  return { validate };
}

/** A row with no value in any cell (trailing rows of a spreadsheet): skip it rather than validate it. */
export function isBlankRow(cells: readonly RosterCell[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string' && cell.trim() === '') continue;
    return false;
  }
  return true;
}
