import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import { toCsvLine } from '@rosterlink/roster-file';
import { validNpi } from './provider-master-factory';

type Header = (typeof ROSTER_COLUMNS)[number]['header'];
export type RosterRowValues = Partial<Record<Header, string | number | Date>>;

/** A valid ADD_UPDATE row of the approved template for practitioner number `n` (distinct NPI per n). */
export function rosterRow(n: number, overrides: RosterRowValues = {}): RosterRowValues {
  return {
    NPI: validNpi(n),
    'Last Name': `Lastname${n}`,
    'First Name': `First${n}`,
    'Middle Name': '',
    Suffix: '',
    Gender: 'F',
    'Date of Birth': '1980-04-15',
    'Provider Type': 'PHYSICIAN',
    'Primary Taxonomy': '207Q00000X',
    'License Number': `MD${100000 + n}`,
    'License State': 'MA',
    'License Expiration Date': '2030-12-31',
    'DEA Number': '',
    'CAQH Provider ID': '',
    'Service Location': 'A',
    'Effective Date': '2027-01-04',
    'End Date': '',
    Email: `practitioner${n}@example.org`,
    Phone: '(617) 555-0100',
    ...overrides,
  };
}

/** A CSV roster with the template's header (or the given headers) and these rows. */
export function rosterCsv(rows: RosterRowValues[], headers: readonly string[] = ROSTER_COLUMNS.map((c) => c.header)): string {
  const cell = (value: string | number | Date | undefined) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? '');
  return [toCsvLine(headers), ...rows.map((row) => toCsvLine(headers.map((h) => cell(row[h as Header]))))].join('');
}

/** The same roster as an Excel workbook (dates given as Date become date cells). */
export async function rosterXlsx(
  rows: RosterRowValues[],
  headers: readonly string[] = ROSTER_COLUMNS.map((c) => c.header),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Roster');
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h as Header] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
