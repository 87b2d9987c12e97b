import type { ImportType } from '@rosterlink/contracts';
import { matchRosterHeader, ROSTER_COLUMNS, type RowError } from '@rosterlink/roster';
import { DUPLICATE_NPI } from '../practitioner/practitioner.rules';

/**
 * The errors workbook of a case (`GET /cases/{caseNumber}/errors.xlsx`), without a file or a database: how its
 * first sheet lays the roster out, and which of its cells are marked with which notes. The practice fixes the
 * marked cells and uploads the sheet as the revised file.
 */

/** How the roster sheet lays the file out. */
export interface ErrorWorkbookLayout {
  /** The header row, column A first. */
  readonly header: readonly string[];
  /**
   * For each column of the sheet, the position of the file's cell it shows (undefined: none, left empty); null
   * when the sheet shows the file's cells where the file has them.
   */
  readonly sourceOf: readonly (number | undefined)[] | null;
  /** Header → its column (0-based): where an error of that column is noted. */
  readonly columnOf: ReadonlyMap<string, number>;
}

/**
 * The codes of errors about a row as a whole rather than one of its cells, noted on the row's first cell: a
 * practitioner listed twice is fixed by removing (or correcting) the row, not by editing its NPI cell.
 */
export const ROW_LEVEL_ERROR_CODES: ReadonlySet<string> = new Set([DUPLICATE_NPI.code]);

/** The first column: where an error about the row as a whole is noted. */
export const ROW_NOTE_COLUMN = 0;

/**
 * The sheet of a file whose header row is `fileHeader` (undefined when not even a header could be read):
 * - the template's header: every template column in template order, each data cell under its column (so the
 *   sheet is the template filled in, whatever order the file had its columns in);
 * - any other header (the case was rejected for it): the file's own header and cells, so that nothing of the
 *   file is lost and the header problems are noted where they are.
 */
export function errorWorkbookLayout(fileHeader: readonly unknown[] | undefined, importType: ImportType): ErrorWorkbookLayout {
  const match = fileHeader === undefined ? undefined : matchRosterHeader(fileHeader, importType);
  if (match === undefined || match.ok) {
    const header = ROSTER_COLUMNS.map((column) => column.header);
    return {
      header,
      sourceOf: ROSTER_COLUMNS.map((column) => match?.columns[column.key]),
      columnOf: new Map(header.map((name, index) => [name, index])),
    };
  }
  const header = (fileHeader ?? []).map(headerText);
  const columnOf = new Map<string, number>();
  header.forEach((name, index) => {
    if (name !== '' && !columnOf.has(name)) columnOf.set(name, index);
  });
  return { header, sourceOf: null, columnOf };
}

/** A data row of the file as the sheet lays it out. */
export function layRosterRow<T>(cells: readonly T[], layout: ErrorWorkbookLayout): (T | null)[] {
  if (layout.sourceOf === null) return cells.map((cell) => cell ?? null);
  return layout.sourceOf.map((position) => (position === undefined ? null : (cells[position] ?? null)));
}

/**
 * The notes of one row's errors: 0-based column → its errors' messages, one a line, in the order given. An error
 * is noted on the cell of its column; one about the row as a whole (ROW_LEVEL_ERROR_CODES), or whose column the
 * sheet does not have (a file problem, a header the template does not know), on the row's first cell.
 */
export function errorNotesOfRow(errors: readonly Pick<RowError, 'column' | 'code' | 'message'>[], layout: ErrorWorkbookLayout): Map<number, string> {
  const messages = new Map<number, string[]>();
  for (const error of errors) {
    const column = ROW_LEVEL_ERROR_CODES.has(error.code) ? ROW_NOTE_COLUMN : (layout.columnOf.get(error.column) ?? ROW_NOTE_COLUMN);
    const noted = messages.get(column);
    if (noted) noted.push(error.message);
    else messages.set(column, [error.message]);
  }
  return new Map([...messages].map(([column, lines]) => [column, lines.join('\n')]));
}

/** A header cell's text as header problems name it: spaces collapsed and trimmed. */
function headerText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  return text.replace(/\s+/g, ' ').trim();
}
