/**
 * One cell of a roster row as the file readers give it: text from CSV; from xlsx also a Date for a date
 * cell (UTC midnight) and a number for a numeric cell (an NPI typed into Excel arrives as a number).
 */
export type RosterCell = string | number | Date | null | undefined;

/** One problem of one row, as `GET /cases/{caseNumber}/errors` lists it. */
export interface RowError {
  /** The row as a spreadsheet shows it: header = 1, first data row = 2. */
  row: number;
  /** The template header of the column, e.g. "Date of Birth". */
  column: string;
  /** A RosterRowErrorCode for the rules of this library; services may add their own codes. */
  code: string;
  message: string;
}

/** The codes the roster rules report on rows. */
export type RosterRowErrorCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'INVALID_CHARACTER'
  | 'INVALID_DATE'
  | 'UNEXPECTED_DATE'
  | 'INVALID_NPI_FORMAT'
  | 'INVALID_NPI_CHECK_DIGIT'
  | 'INVALID_GENDER'
  | 'DATE_OF_BIRTH_NOT_IN_PAST'
  | 'IMPLAUSIBLE_DATE_OF_BIRTH'
  | 'UNDER_18'
  | 'INVALID_PROVIDER_TYPE'
  | 'INVALID_TAXONOMY'
  | 'INVALID_LICENSE_STATE'
  | 'LICENSE_INCOMPLETE'
  | 'LICENSE_REQUIRED'
  | 'LICENSE_EXPIRES_BEFORE_EFFECTIVE_DATE'
  | 'INVALID_DEA_FORMAT'
  | 'INVALID_DEA_CHECK_DIGIT'
  | 'INVALID_CAQH_ID'
  | 'INVALID_SERVICE_LOCATION'
  | 'UNKNOWN_SERVICE_LOCATION'
  | 'END_DATE_BEFORE_EFFECTIVE_DATE'
  | 'INVALID_EMAIL'
  | 'INVALID_PHONE'
  | 'DUPLICATE_NPI';
