import { Readable } from 'node:stream';
import { Workbook } from 'exceljs';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import { readRosterRows, type RosterRowBatch } from './read-roster';
import { rosterTemplateCsv, rosterTemplateXlsx } from './roster-template';

const HEADERS = ROSTER_COLUMNS.map((column) => column.header);

async function batches(bytes: Buffer, format: 'CSV' | 'XLSX'): Promise<RosterRowBatch[]> {
  const out: RosterRowBatch[] = [];
  for await (const batch of readRosterRows(Readable.from([bytes]), format)) out.push(batch);
  return out;
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

  function sheet(name: string) {
    const found = workbook.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  }

  beforeAll(async () => {
    file = await rosterTemplateXlsx();
    workbook = new Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  });

  it('reads back as exactly the template headers, from its first sheet', async () => {
    expect(await batches(file, 'XLSX')).toEqual([{ firstRow: 1, rows: [HEADERS] }]);
  });

  it('has a Roster sheet with a bold, frozen header row annotated with each column hint', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Roster', 'Instructions']);
    const roster = sheet('Roster');
    expect(roster.rowCount).toBe(1);
    expect(roster.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    ROSTER_COLUMNS.forEach((column, index) => {
      const cell = roster.getRow(1).getCell(index + 1);
      expect(cell.value).toBe(column.header);
      expect(cell.font?.bold).toBe(true);
      const note = cell.note;
      const text = typeof note === 'string' ? note : note?.texts?.map((part) => part.text).join('');
      expect(text).toBe(column.hint);
      expect(roster.getColumn(index + 1).width).toBeGreaterThanOrEqual(Math.min(column.header.length, 12));
    });
    expect(roster.getRow(1).cellCount).toBe(ROSTER_COLUMNS.length);
  });

  it('keeps identifier columns as text so that Excel does not turn them into numbers', () => {
    const roster = sheet('Roster');
    const npi = ROSTER_COLUMNS.findIndex((column) => column.key === 'npi') + 1;
    expect(roster.getColumn(npi).numFmt).toBe('@');
  });

  it('lists every column with what it is required for and its hint on the Instructions sheet', () => {
    const instructions = sheet('Instructions');
    const rows: unknown[][] = [];
    instructions.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Column', 'Required for', 'Hint'],
      ...ROSTER_COLUMNS.map((column) => [column.header, column.requiredFor.length ? column.requiredFor.join(', ') : 'optional', column.hint]),
    ]);
    expect(rows).toContainEqual(['NPI', 'ADD_UPDATE, TERMINATE', '10 digits with a valid check digit']);
  });
});
