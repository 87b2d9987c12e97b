import { Workbook } from 'exceljs';
import { ROSTER_COLUMNS, type RosterColumnKey } from '@rosterlink/roster';
import { toCsvLine } from './csv-export';

/** Identifiers that Excel would otherwise turn into numbers (dropping leading zeros): text columns. */
const TEXT_COLUMNS: readonly RosterColumnKey[] = ['npi', 'caqhProviderId', 'licenseNumber', 'phone'];
const WIDE_COLUMNS: Partial<Record<RosterColumnKey, number>> = { email: 32, primaryTaxonomy: 18 };

/** The approved template as CSV: the header row only, CRLF, no BOM. */
export function rosterTemplateCsv(): string {
  return toCsvLine(ROSTER_COLUMNS.map((column) => column.header));
}

/**
 * The approved template as .xlsx: sheet "Roster" holds the header row only (bold, frozen, each header
 * carrying its column's hint as a note); sheet "Instructions" lists every column with the import types it
 * is required for and its hint. Rosters are read from the first sheet, so "Roster" comes first.
 */
export async function rosterTemplateXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'rosterlink';

  const roster = workbook.addWorksheet('Roster', { views: [{ state: 'frozen', ySplit: 1 }] });
  roster.columns = ROSTER_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: WIDE_COLUMNS[column.key] ?? Math.max(12, column.header.length + 4),
    style: TEXT_COLUMNS.includes(column.key) ? { numFmt: '@' } : {},
  }));
  const header = roster.getRow(1);
  header.font = { bold: true };
  ROSTER_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).note = column.hint;
  });

  const instructions = workbook.addWorksheet('Instructions', { views: [{ state: 'frozen', ySplit: 1 }] });
  instructions.columns = [
    { header: 'Column', key: 'header', width: 26 },
    { header: 'Required for', key: 'requiredFor', width: 24 },
    { header: 'Hint', key: 'hint', width: 48 },
  ];
  instructions.getRow(1).font = { bold: true };
  for (const column of ROSTER_COLUMNS) {
    instructions.addRow({
      header: column.header,
      requiredFor: column.requiredFor.length > 0 ? column.requiredFor.join(', ') : 'optional',
      hint: column.hint,
    });
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
