import { type Cell, Workbook, type Worksheet } from 'exceljs';
import { type ImportType, isValidNpi } from '@rosterlink/contracts';
import { createRowValidator, matchRosterHeader, ROSTER_COLUMNS, type RosterColumnKey, type RowError } from '@rosterlink/roster';
import type { RosterCell } from './read-roster';

/** Helpers shared by the template specs (not part of the library's API). */

export const HEADERS: string[] = ROSTER_COLUMNS.map((column) => column.header);
/** The business date the specs validate on. */
export const TODAY = '2026-02-15';

export async function loadWorkbook(file: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

export function sheetOf(workbook: Workbook, name: string): Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** The text of a cell's note (comment), plain or rich. */
export function noteText(cell: Cell): string | undefined {
  const note = cell.note;
  return typeof note === 'string' ? note : note?.texts?.map((part) => part.text).join('');
}

const RANGE = /^'?([^'!]+)'?!\$([A-Z]+)\$([0-9]+):\$([A-Z]+)\$([0-9]+)$/;

/**
 * What the drop-down of a cell offers, as Excel would show it: the list written into the validation, or the
 * cells of the one-column range it names (on any sheet). Undefined when the cell has no list validation.
 */
export function dropDownOf(workbook: Workbook, cell: Cell): { values: string[]; sheet?: Worksheet } | undefined {
  const validation = cell.dataValidation;
  if (validation?.type !== 'list') return undefined;
  const source = String(validation.formulae[0]);
  if (source.startsWith('"')) return { values: source.slice(1, -1).split(',') };
  const range = RANGE.exec(source);
  if (!range || range[2] !== range[4]) throw new Error(`unexpected list source ${source}`);
  const sheet = sheetOf(workbook, range[1]);
  const values: string[] = [];
  for (let row = Number(range[3]); row <= Number(range[5]); row++) values.push(String(sheet.getCell(`${range[2]}${row}`).value));
  return { values, sheet };
}

/** A valid NPI for practitioner number n (the check digit found by trying each). */
export function npiOf(n: number): string {
  const prefix = String(123_450_000 + n);
  for (let digit = 0; digit <= 9; digit++) if (isValidNpi(`${prefix}${digit}`)) return `${prefix}${digit}`;
  throw new Error(`no NPI for ${n}`);
}

export type RowValues = Record<RosterColumnKey, string>;

/** A row with every column filled in, valid on an Add/Update and on a Terminate roster of a group with location A. */
export function completeRow(n: number, changes: Partial<RowValues> = {}): RowValues {
  return {
    npi: npiOf(n),
    lastName: `Lastname${n}`,
    firstName: `First${n}`,
    middleName: 'Q',
    suffix: 'Jr.',
    gender: 'F',
    dateOfBirth: '1980-04-15',
    providerType: 'PHYSICIAN',
    primaryTaxonomy: '207Q00000X',
    licenseNumber: `MD${100000 + n}`,
    licenseState: 'MA',
    licenseExpirationDate: '2030-12-31',
    deaNumber: 'AB1234563',
    caqhProviderId: '12345678',
    serviceLocation: 'A',
    effectiveDate: '2026-03-02',
    endDate: '2026-12-31',
    email: `practitioner${n}@example.org`,
    phone: '(617) 555-0100',
    ...changes,
  };
}

export function cellsOf(values: Partial<RowValues>): RosterCell[] {
  return ROSTER_COLUMNS.map((column) => values[column.key] || null);
}

/** The validator's verdict on one row of a file with the template's header: the problems, none when valid. */
export function rowProblems(
  cells: readonly RosterCell[],
  importType: ImportType,
  serviceLocations: readonly string[],
  header: readonly RosterCell[] = HEADERS,
): RowError[] {
  const match = matchRosterHeader(header, importType);
  if (!match.ok) throw new Error(`header refused: ${match.problems.map((p) => p.message).join('; ')}`);
  const validator = createRowValidator({ importType, columns: match.columns, today: TODAY, serviceLocations: new Set(serviceLocations) });
  const errors: RowError[] = [];
  validator.validate(cells, 2, errors);
  return errors;
}
