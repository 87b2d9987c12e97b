import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { Fill, Row, Worksheet } from 'exceljs';
import { type ExcelJS, loadExcelJs } from './exceljs';
import type { RosterCell } from './read-roster';
import { rosterTemplateColumnLook } from './roster-template';

/** One row of the roster sheet of an errors workbook. */
export interface MarkedRosterRow {
  /** Its number as a spreadsheet shows it (1 = the header row). */
  row: number;
  /** Its cells, column A first; null for an empty cell. */
  cells: readonly RosterCell[];
  /** The marked cells: 0-based column → the note it carries. Each is filled light red. */
  notes: ReadonlyMap<number, string>;
}

/** One line of the Errors sheet (as `GET /cases/{caseNumber}/errors` lists it). */
export interface RosterErrorLine {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface RosterErrorsWorkbookContent {
  /**
   * The first sheet: row 1 (the header) first, then rows in ascending row order; a row number that is skipped
   * stays an empty row. Read once, as the sheet is written; stopped (`return()`) when the reader of the
   * workbook goes away.
   */
  rows: AsyncIterable<MarkedRosterRow>;
  /** The second sheet's lines, in order; asked for once the first sheet is written. */
  errors: () => AsyncIterable<RosterErrorLine>;
  /** The first sheet's name; "Roster", as the template's, unless told. */
  rosterSheetName?: string;
  /** How much may wait for the zip writer and for the reader; the defaults below unless told (tests make them small). */
  buffers?: { zipInputMaxBytes: number; outputBytes: number };
}

/** The fill of a cell that has an error: light red. */
export const MARKED_CELL_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } };
export const ERRORS_SHEET_NAME = 'Errors';
export const ERRORS_SHEET_HEADER = ['Row', 'Column', 'Code', 'Message'] as const;

const DATE_FORMAT = 'yyyy-mm-dd';
/** Rows written between two looks at the pace of the zip writer and the reader. */
const ROWS_PER_PACE_CHECK = 250;
const OUTPUT_BUFFER_BYTES = 1 << 20;
/** Sheet XML let wait for the zip writer: enough to keep it busy (a 100,000-row roster is written in ~5 s, not ~15 s as with none). */
const ZIP_INPUT_MAX_BYTES = 4 << 20;

/**
 * An xlsx workbook of a roster and its errors, written as it is read (exceljs' streaming WorkbookWriter): sheet 1
 * the roster with each marked cell filled light red and carrying its note, the header row bold and frozen, columns
 * of the template as wide as the template's and text where the template's are; sheet "Errors" the lines
 * Row, Column, Code, Message. Rows are not kept once written, and the writing waits for the zip writer and for a
 * slow reader (at most about 4 MiB of sheet XML and 1 MiB of the file wait for them), so a 100,000-row roster never
 * sits in memory. Notes do: exceljs holds the first sheet's notes until that sheet ends (under a kilobyte each).
 *
 * The returned stream fails (is destroyed with the error) if reading the content fails after it started; when it
 * is destroyed by its reader, the content's rows are stopped and nothing more is read.
 */
export function rosterErrorsWorkbook(content: RosterErrorsWorkbookContent): Readable {
  const output = new PassThrough({ highWaterMark: content.buffers?.outputBytes ?? OUTPUT_BUFFER_BYTES });
  writeWorkbook(output, content).catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

interface Zip {
  on(event: 'error', listener: (error: Error) => void): void;
  abort(): void;
}

async function writeWorkbook(output: PassThrough, content: RosterErrorsWorkbookContent): Promise<void> {
  const { stream: excelStream } = await loadExcelJs();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'rosterlink';
  const zip = (workbook as unknown as { zip: Zip }).zip;
  zip.on('error', (error) => output.destroy(error));
  try {
    if ((await writeSheets(workbook, output, content)) === 'abandoned') zip.abort();
  } catch (error) {
    zip.abort(); // nothing more is written; the output is destroyed with the error
    throw error;
  }
}

/** Writes both sheets and finishes the workbook, or stops ('abandoned') once the output is gone. */
async function writeSheets(
  workbook: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>,
  output: PassThrough,
  content: RosterErrorsWorkbookContent,
): Promise<'written' | 'abandoned'> {
  const gone = () => output.destroyed;
  const zipInputMax = content.buffers?.zipInputMaxBytes ?? ZIP_INPUT_MAX_BYTES;
  // The rows are asked for before anything is awaited, so that their source is always released (`return()`).
  const roster = workbook.addWorksheet(content.rosterSheetName ?? 'Roster', { views: [{ state: 'frozen', ySplit: 1 }] });
  let written = 0;
  for await (const row of content.rows) {
    if (gone()) break;
    if (written === 0) roster.columns = columnsOf(row.cells);
    writeRow(roster, row);
    if (++written % ROWS_PER_PACE_CHECK === 0) await paced(roster, output, zipInputMax);
  }
  if (gone()) return 'abandoned';
  roster.commit();

  const errors = workbook.addWorksheet(ERRORS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  errors.columns = [{ width: 8 }, { width: 20 }, { width: 28 }, { width: 100 }];
  const header = errors.addRow([...ERRORS_SHEET_HEADER]);
  header.font = { bold: true };
  header.commit();
  for await (const line of content.errors()) {
    if (gone()) break;
    errors.addRow([line.row, line.column, line.code, line.message]).commit();
    if (++written % ROWS_PER_PACE_CHECK === 0) await paced(errors, output, zipInputMax);
  }
  if (gone()) return 'abandoned';
  errors.commit();
  await workbook.commit();
  return 'written';
}

/** Columns look as the template's where the header is a template column (width, text format), else as wide as their header. */
function columnsOf(header: readonly RosterCell[]): Worksheet['columns'] {
  return header.map((cell) => {
    const text = cell === null ? '' : String(cell);
    const look = rosterTemplateColumnLook(text);
    return look ? { width: look.width, style: look.text ? { numFmt: '@' } : {} } : { width: Math.min(60, Math.max(12, text.length + 4)) };
  });
}

function writeRow(sheet: Worksheet, source: MarkedRosterRow): void {
  const row: Row = sheet.getRow(source.row);
  source.cells.forEach((value, index) => {
    if (value === null || value === undefined) return;
    const cell = row.getCell(index + 1);
    cell.value = value;
    if (value instanceof Date) cell.numFmt = DATE_FORMAT;
  });
  for (const [index, note] of source.notes) {
    const cell = row.getCell(index + 1);
    cell.fill = MARKED_CELL_FILL;
    cell.note = note;
  }
  if (source.row === 1) row.font = { bold: true };
  row.commit();
}

/**
 * exceljs' streaming worksheet (4.4) beyond its typings: the buffer its rows are written to, once the first is,
 * and what that buffer writes into (the zip writer's input for the sheet) without ever waiting for it.
 */
interface SheetStreamInternals {
  _stream?: { pipes?: Writable[] };
}

/**
 * Waits while the zip writer is behind with `sheet` (more than `zipInputMaxBytes` wait for it), or the reader is behind
 * (the output's buffer is full, which pauses the zip writer in turn), so that rows do not pile up in memory in
 * front of either: exceljs writes every committed row on at once, and compressing is slower than writing rows.
 * Also yields to the event loop, so that compressing and sending keep going while rows are written.
 */
async function paced(sheet: Worksheet, output: PassThrough, zipInputMaxBytes: number): Promise<void> {
  const zipInput = (sheet as unknown as SheetStreamInternals)._stream?.pipes ?? [];
  const behind = () => zipInput.find((input) => input.writableLength > zipInputMaxBytes) ?? (output.writableNeedDrain ? output : undefined);
  await new Promise((resolve) => setImmediate(resolve));
  for (let waiting = behind(); waiting && !output.destroyed; waiting = behind()) await drainOf(waiting, output);
}

/** Resolves once `stream` drains, or `output` closes. */
function drainOf(stream: Writable, output: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      output.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    output.on('close', done);
  });
}
