import { Readable } from 'node:stream';
import type { Workbook } from 'exceljs';
import { IMPORT_TYPES, type ImportType, PROVIDER_TYPES } from '@rosterlink/contracts';
import { ROSTER_COLUMNS, type RosterColumnKey, US_STATE_AND_TERRITORY_CODES } from '@rosterlink/roster';
import { readRosterHeader, readRosterRows, type RosterRowBatch } from './read-roster';
import { ROSTER_TEMPLATE_DROP_DOWN_ROWS, rosterTemplateCsv, rosterTemplateXlsx } from './roster-template';
import {
  cellsOf,
  completeRow,
  dropDownOf,
  HEADERS,
  loadWorkbook,
  noteText,
  rowProblems,
  type RowValues,
  sheetOf,
} from './roster-template.test-helpers';

async function batches(bytes: Buffer, format: 'CSV' | 'XLSX'): Promise<RosterRowBatch[]> {
  const out: RosterRowBatch[] = [];
  for await (const batch of readRosterRows(Readable.from([bytes]), format)) out.push(batch);
  return out;
}

/** The group the template is downloaded for, its locations out of order. */
const GROUP_LOCATIONS = ['C', 'A', 'F'];
const IMPORT_TYPE_LABELS: Record<ImportType, string> = { ADD_UPDATE: 'Add/Update', TERMINATE: 'Terminate' };

/**
 * Whether the validator requires a column on rows of this import type and provider type, found by asking it:
 * a complete valid row with the column left blank is refused, and stays refused whatever other single column is
 * blanked with it (License Number and License State are given together: blanking one alone is always refused).
 */
function validatorRequires(key: RosterColumnKey, importType: ImportType, providerType: string): boolean {
  const passes = (values: RowValues) => rowProblems(cellsOf(values), importType, ['A']).length === 0;
  const row = completeRow(1, { providerType, [key]: '' });
  if (passes(row)) return false;
  return !ROSTER_COLUMNS.some((other) => other.key !== key && passes({ ...row, [other.key]: '' }));
}

/** Reads a requirement as the template words it ("required", "optional", "required except for ORP") for one provider type. */
function saysRequired(text: string, providerType: string): boolean {
  if (text === 'required') return true;
  if (text === 'optional') return false;
  const exempt = /^required except for ([A-Z_]+(?:, [A-Z_]+)*)$/.exec(text);
  if (!exempt) throw new Error(`unreadable requirement "${text}"`);
  return !exempt[1].split(', ').includes(providerType);
}

/** The requirement a header note states for an import type: "Required.", or "Add/Update: required. Terminate: optional." */
function noteRequirement(note: string, importType: ImportType): string {
  const sentence = note.split('\n')[0];
  const perImportType = new Map([...sentence.matchAll(/(Add\/Update|Terminate): ([^.]+)\./g)].map((m) => [m[1], m[2]]));
  if (perImportType.size > 0) return perImportType.get(IMPORT_TYPE_LABELS[importType]) ?? `missing ${importType}`;
  return `${sentence[0].toLowerCase()}${sentence.slice(1).replace(/\.$/, '')}`;
}

describe('rosterTemplateCsv', () => {
  it('is the header row of the template, CRLF, without a BOM', () => {
    const csv = rosterTemplateCsv();
    expect(csv).toBe(HEADERS.join(',') + '\r\n');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.split('\r\n')).toHaveLength(2);
  });

  it('reads back as exactly the template headers', async () => {
    expect(await batches(Buffer.from(rosterTemplateCsv()), 'CSV')).toEqual([{ firstRow: 1, rows: [HEADERS] }]);
  });
});

describe('rosterTemplateXlsx', () => {
  let file: Buffer;
  let workbook: Workbook;
  let publicWorkbook: Workbook;

  beforeAll(async () => {
    file = await rosterTemplateXlsx({ serviceLocations: GROUP_LOCATIONS });
    workbook = await loadWorkbook(file);
    publicWorkbook = await loadWorkbook(await rosterTemplateXlsx());
  });

  function rosterHeaderCell(key: RosterColumnKey, book = workbook) {
    return sheetOf(book, 'Roster').getRow(1).getCell(ROSTER_COLUMNS.findIndex((column) => column.key === key) + 1);
  }

  /** The drop-down of a column on the Roster sheet, as its first and its last data rows offer it (they must agree). */
  function dropDown(key: RosterColumnKey, book = workbook): string[] | undefined {
    const column = rosterHeaderCell(key, book).col;
    const roster = sheetOf(book, 'Roster');
    const first = dropDownOf(book, roster.getCell(2, column));
    expect(dropDownOf(book, roster.getCell(ROSTER_TEMPLATE_DROP_DOWN_ROWS + 1, column))).toEqual(first);
    return first?.values;
  }

  /** The Instructions sheet's rows, as values (column A first). */
  function instructionRows(): unknown[][] {
    const rows: unknown[][] = [];
    sheetOf(workbook, 'Instructions').eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  it('reads back as exactly the template headers, from its first sheet: an untouched template has no data rows', async () => {
    expect(await batches(file, 'XLSX')).toEqual([{ firstRow: 1, rows: [HEADERS] }]);
    expect(await readRosterHeader(Readable.from([file]), 'XLSX')).toEqual({ header: HEADERS, hasDataRow: false });
  });

  it('has a Roster sheet with a bold, frozen header row, then Instructions, then the hidden Lists', () => {
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Roster', 'visible'],
      ['Instructions', 'visible'],
      ['Lists', 'hidden'],
    ]);
    const roster = sheetOf(workbook, 'Roster');
    expect(roster.rowCount).toBe(1);
    expect(roster.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    ROSTER_COLUMNS.forEach((column, index) => {
      const cell = roster.getRow(1).getCell(index + 1);
      expect(cell.value).toBe(column.header);
      expect(cell.font?.bold).toBe(true);
      expect(noteText(cell)?.split('\n')[1]).toBe(column.hint);
      expect(roster.getColumn(index + 1).width).toBeGreaterThanOrEqual(Math.min(column.header.length, 12));
    });
    expect(roster.getRow(1).cellCount).toBe(ROSTER_COLUMNS.length);
  });

  it('keeps identifier columns as text so that Excel does not turn them into numbers', () => {
    const roster = sheetOf(workbook, 'Roster');
    for (const key of ['npi', 'caqhProviderId', 'licenseNumber', 'phone'] as const) {
      expect(roster.getColumn(rosterHeaderCell(key).col).numFmt).toBe('@');
    }
  });

  it('says, in each header note and on the Instructions sheet, that a column is required exactly when the validator requires it', () => {
    // The column table: the rows under its header, one per column (the example row further down is not part of it).
    const table = new Map(instructionRows().slice(1, 1 + ROSTER_COLUMNS.length).map((row) => [row[0], row]));
    expect(instructionRows()[0]).toEqual(['Column', 'Add/Update', 'Terminate', 'Hint']);
    const disagreements: string[] = [];
    for (const column of ROSTER_COLUMNS) {
      const note = noteText(rosterHeaderCell(column.key)) ?? '';
      const row = table.get(column.header);
      expect(row?.[3]).toBe(column.hint);
      IMPORT_TYPES.forEach((importType, i) => {
        const noted = noteRequirement(note, importType);
        const listed = String(row?.[1 + i]);
        for (const providerType of PROVIDER_TYPES) {
          const required = validatorRequires(column.key, importType, providerType);
          if (saysRequired(noted, providerType) !== required) {
            disagreements.push(`${column.header} note on ${importType} ${providerType}: "${noted}", validator requires: ${required}`);
          }
          if (saysRequired(listed, providerType) !== required) {
            disagreements.push(`${column.header} instructions on ${importType} ${providerType}: "${listed}", validator requires: ${required}`);
          }
        }
      });
    }
    expect(disagreements).toEqual([]);
    // What this looks like for the columns the template once got wrong or that depend on the import type.
    expect(noteText(rosterHeaderCell('licenseNumber'))?.split('\n')[0]).toBe('Add/Update: required except for ORP. Terminate: optional.');
    expect(noteText(rosterHeaderCell('npi'))?.split('\n')[0]).toBe('Required.');
    expect(noteText(rosterHeaderCell('endDate'))?.split('\n')[0]).toBe('Add/Update: optional. Terminate: required.');
    expect(noteText(rosterHeaderCell('gender'))?.split('\n')[0]).toBe('Optional.');
  });

  it('offers the contract value lists as drop-downs, and the group service locations', () => {
    expect(dropDown('gender')).toEqual(['M', 'F', 'O', 'U']);
    expect(dropDown('providerType')).toEqual([...PROVIDER_TYPES]);
    expect(dropDown('licenseState')).toEqual([...US_STATE_AND_TERRITORY_CODES]);
    expect(dropDown('serviceLocation')).toEqual(['A', 'C', 'F']);
    const withDropDowns = ['gender', 'providerType', 'licenseState', 'serviceLocation'];
    for (const column of ROSTER_COLUMNS.filter((c) => !withDropDowns.includes(c.key))) expect(dropDown(column.key)).toBeUndefined();
    // The header row itself has no drop-down.
    expect(sheetOf(workbook, 'Roster').getCell(1, rosterHeaderCell('gender').col).dataValidation).toBeUndefined();
  });

  it('offers only values that the validator accepts', () => {
    const refused: string[] = [];
    for (const key of ['gender', 'providerType', 'licenseState', 'serviceLocation'] as const) {
      for (const value of dropDown(key) ?? []) {
        const problems = rowProblems(cellsOf(completeRow(1, { [key]: value })), 'ADD_UPDATE', GROUP_LOCATIONS);
        if (problems.length > 0) refused.push(`${key} ${value}: ${problems.map((p) => p.message).join(' ')}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('puts a list longer than Excel takes inline (255 characters) on the hidden Lists sheet and refers to its range', () => {
    const roster = sheetOf(workbook, 'Roster');
    const providerTypes = dropDownOf(workbook, roster.getCell(2, rosterHeaderCell('providerType').col));
    expect(PROVIDER_TYPES.join(',').length).toBeGreaterThan(255);
    expect(providerTypes?.sheet?.name).toBe('Lists');
    expect(providerTypes?.sheet?.state).toBe('hidden');
    for (const key of ['gender', 'licenseState', 'serviceLocation'] as const) {
      const validation = roster.getCell(2, rosterHeaderCell(key).col).dataValidation;
      expect(String(validation.formulae[0]).length).toBeLessThanOrEqual(255 + 2); // inline, in quotes
      expect(validation).toMatchObject({ type: 'list', allowBlank: true, showErrorMessage: true });
    }
  });

  it('without a group (the public template) has no Service Location drop-down, the fixed lists still', () => {
    expect(dropDown('serviceLocation', publicWorkbook)).toBeUndefined();
    expect(dropDown('gender', publicWorkbook)).toEqual(['M', 'F', 'O', 'U']);
    expect(dropDown('providerType', publicWorkbook)).toEqual([...PROVIDER_TYPES]);
  });

  it('shows on the Instructions sheet an example row that the validator accepts, with the group first location', () => {
    const rows = instructionRows();
    const headerAt = rows.findIndex((row) => row.length === HEADERS.length && row.every((cell, i) => cell === HEADERS[i]));
    expect(headerAt).toBeGreaterThan(ROSTER_COLUMNS.length);
    const example = HEADERS.map((_, i) => (rows[headerAt + 1][i] ?? null) as string | null);
    expect(rowProblems(example, 'ADD_UPDATE', GROUP_LOCATIONS)).toEqual([]);
    expect(example[HEADERS.indexOf('Service Location')]).toBe('A');
    expect(example[HEADERS.indexOf('License Number')]).not.toBeNull();
  });
});
