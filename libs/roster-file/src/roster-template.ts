import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { loadExcelJs } from './exceljs';
import { IMPORT_TYPES, type ImportType } from '@rosterlink/contracts';
import { ROSTER_COLUMNS, rosterColumnRequirement, type RosterColumnDefinition, type RosterColumnKey } from '@rosterlink/roster';
import { toCsvLine } from './csv-export';

/** Identifiers that Excel would otherwise turn into numbers (dropping leading zeros): text columns. */
const TEXT_COLUMNS: readonly RosterColumnKey[] = ['npi', 'caqhProviderId', 'licenseNumber', 'phone'];
const WIDE_COLUMNS: Partial<Record<RosterColumnKey, number>> = { email: 32, primaryTaxonomy: 18 };

/** Data rows of the Roster sheet (below its header) that offer the drop-downs. */
export const ROSTER_TEMPLATE_DROP_DOWN_ROWS = 10_000;
/** Excel refuses a list written into the validation (`"M,F,O,U"`) longer than this; a longer one is read from a range. */
const INLINE_LIST_LIMIT = 255;
const LISTS_SHEET = 'Lists';

const INSTRUCTIONS_TABLE_WIDTHS = [26, 26, 14, 48];

const IMPORT_TYPE_LABELS: Record<ImportType, string> = { ADD_UPDATE: 'Add/Update', TERMINATE: 'Terminate' };

/**
 * A valid Add/Update row, shown on the Instructions sheet (never on the Roster sheet: an untouched template has no
 * data rows). Text throughout, as a user types it; Service Location is the group's first location.
 */
const EXAMPLE_ROW: Record<RosterColumnKey, string> = {
  npi: '1234567893',
  lastName: 'Rivera',
  firstName: 'Ana',
  middleName: 'Luisa',
  suffix: '',
  gender: 'F',
  dateOfBirth: '1980-04-12',
  providerType: 'PHYSICIAN',
  primaryTaxonomy: '207Q00000X',
  licenseNumber: '254321',
  licenseState: 'MA',
  licenseExpirationDate: '2028-06-30',
  deaNumber: 'AB1234563',
  caqhProviderId: '12345678',
  serviceLocation: 'A',
  effectiveDate: '2026-07-01',
  endDate: '',
  email: 'ana.rivera@example.org',
  phone: '617-555-0123',
};

export interface RosterTemplateOptions {
  /**
   * The service locations (SL letters) of the group the template is downloaded for: the Service Location drop-down.
   * Without them (the public template) that column has no drop-down.
   */
  serviceLocations?: readonly string[];
}

/** The approved template as CSV: the header row only, CRLF, no BOM. */
export function rosterTemplateCsv(): string {
  return toCsvLine(ROSTER_COLUMNS.map((column) => column.header));
}

/**
 * What a column asks of the rows of one import type, as the template words it: `required`, `optional`, or
 * `required except for ORP` (the provider types exempt). Read from the validator's column table.
 */
function rosterColumnRequirementText(column: RosterColumnDefinition, importType: ImportType): string {
  const requirement = rosterColumnRequirement(column, importType);
  if (!requirement.required) return 'optional';
  return requirement.exceptProviderTypes.length > 0 ? `required except for ${requirement.exceptProviderTypes.join(', ')}` : 'required';
}

/** One sentence for a header's note: "Required.", "Optional." or "Add/Update: required. Terminate: optional." */
function requirementSummary(column: RosterColumnDefinition): string {
  const texts = IMPORT_TYPES.map((importType) => rosterColumnRequirementText(column, importType));
  if (texts.every((text) => text === texts[0])) return `${texts[0][0].toUpperCase()}${texts[0].slice(1)}.`;
  return IMPORT_TYPES.map((importType, i) => `${IMPORT_TYPE_LABELS[importType]}: ${texts[i]}.`).join(' ');
}

/**
 * The approved template as .xlsx:
 * - "Roster" (first: rosters are read from the first sheet) holds the header row only — bold, frozen, each header
 *   carrying a note that says what the column requires per import type and its hint — and drop-downs (list
 *   validations) on the data rows for every column with a list of values: Gender, Provider Type, License State,
 *   and Service Location when the group's locations are given;
 * - "Instructions" lists every column with what it requires on an Add/Update and a Terminate roster and its hint,
 *   then an example row;
 * - "Lists" (hidden), only when some list is longer than Excel takes inline: those lists, which drop-downs refer to.
 */
export async function rosterTemplateXlsx(options: RosterTemplateOptions = {}): Promise<Buffer> {
  const serviceLocations = [...new Set((options.serviceLocations ?? []).map((sl) => sl.trim().toUpperCase()))].sort();
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'rosterlink';

  const roster = workbook.addWorksheet('Roster', { views: [{ state: 'frozen', ySplit: 1 }] });
  roster.columns = ROSTER_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: columnWidth(column.key, column.header),
    style: TEXT_COLUMNS.includes(column.key) ? { numFmt: '@' } : {},
  }));
  const header = roster.getRow(1);
  header.font = { bold: true };
  ROSTER_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).note = `${requirementSummary(column)}\n${column.hint}`;
  });

  addInstructions(workbook, serviceLocations[0] ?? EXAMPLE_ROW.serviceLocation);
  addDropDowns(workbook, roster, serviceLocations);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function columnWidth(key: RosterColumnKey, header: string): number {
  return WIDE_COLUMNS[key] ?? Math.max(12, header.length + 4);
}

/**
 * How the Roster sheet shows the template column headed `header` (case and surrounding spaces ignored): its width,
 * and whether it is formatted as text; undefined for a header that is not the template's. For other workbooks that
 * lay a roster out as the template does.
 */
export function rosterTemplateColumnLook(header: string): { width: number; text: boolean } | undefined {
  const column = ROSTER_COLUMNS.find((c) => c.header.toLowerCase() === header.trim().toLowerCase());
  return column && { width: columnWidth(column.key, column.header), text: TEXT_COLUMNS.includes(column.key) };
}

function addInstructions(workbook: Workbook, exampleServiceLocation: string): void {
  const instructions = workbook.addWorksheet('Instructions', { views: [{ state: 'frozen', ySplit: 1 }] });
  instructions.addRow(['Column', ...IMPORT_TYPES.map((importType) => IMPORT_TYPE_LABELS[importType]), 'Hint']).font = { bold: true };
  for (const column of ROSTER_COLUMNS) {
    instructions.addRow([column.header, ...IMPORT_TYPES.map((importType) => rosterColumnRequirementText(column, importType)), column.hint]);
  }

  instructions.addRow([]);
  instructions.addRow([
    'Example of a filled-in Add/Update row. Type your rows on the Roster sheet: rows on this sheet are not read.',
  ]).font = { italic: true };
  instructions.addRow(ROSTER_COLUMNS.map((column) => column.header)).font = { bold: true };
  instructions.addRow(
    ROSTER_COLUMNS.map((column) => {
      const value = column.key === 'serviceLocation' ? exampleServiceLocation : EXAMPLE_ROW[column.key];
      return value === '' ? null : value;
    }),
  );
  // Wide enough for the column table (Column, Add/Update, Terminate, Hint) and for the example row under it.
  ROSTER_COLUMNS.forEach((column, index) => {
    instructions.getColumn(index + 1).width = Math.max(columnWidth(column.key, column.header), INSTRUCTIONS_TABLE_WIDTHS[index] ?? 0);
  });
}

/** exceljs keeps a sheet's validations by address, ranges included; its typings leave them out. */
type SheetValidations = Worksheet & { dataValidations: { add(address: string, validation: DataValidation): void } };

function addDropDowns(workbook: Workbook, roster: Worksheet, serviceLocations: readonly string[]): void {
  let lists: Worksheet | undefined;
  const lastRow = ROSTER_TEMPLATE_DROP_DOWN_ROWS + 1;
  ROSTER_COLUMNS.forEach((column: RosterColumnDefinition, index) => {
    const values = column.choices === 'GROUP_SERVICE_LOCATIONS' ? serviceLocations : column.choices;
    if (!values || values.length === 0) return;

    let source = `"${values.join(',')}"`;
    if (source.length - 2 > INLINE_LIST_LIMIT || values.some((value) => /[",]/.test(value))) {
      lists ??= workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
      const listColumn = lists.getColumn(lists.actualColumnCount + 1);
      listColumn.values = [column.header, ...values]; // rows 1, 2, …: the header, then the list
      source = `${LISTS_SHEET}!$${listColumn.letter}$2:$${listColumn.letter}$${values.length + 1}`;
    }

    const letter = roster.getColumn(index + 1).letter;
    (roster as SheetValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [source],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: column.header,
      error: `Choose a ${column.header} from the list.`,
    });
  });
}
