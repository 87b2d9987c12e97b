import type { ImportType } from '@rosterlink/contracts';
import type { RowError } from '@rosterlink/roster';
import { type MarkedRosterRow, RosterFileError, type RosterRowBatch } from '@rosterlink/roster-file';
import { errorNotesOfRow, errorWorkbookLayout, type ErrorWorkbookLayout, layRosterRow } from '../roster-import-case/case-error-workbook.rules';

/**
 * The roster sheet of a case's errors workbook, row by row: the header (row 1, with the notes of the errors on
 * row 1), then each row the file delivers, under its own number, with the notes of its errors. An error on a row
 * the file does not deliver (a blank row, one past its end, or past the point where the file could not be read)
 * gets a row of its own, empty but for its note, so that every error is noted where the Errors sheet says.
 *
 * `batches` are the file's (readRosterRows: header first, rows in order) and `errors` the case's in row order;
 * each is read once, a batch or a page at a time, as the rows are asked for. A file that cannot be read further
 * (RosterFileError: the case's own UNREADABLE_FILE error says so) ends its rows there; any other failure fails.
 */
export async function* markedRosterRows(
  batches: AsyncIterable<RosterRowBatch>,
  errors: AsyncIterable<RowError>,
  importType: ImportType,
): AsyncGenerator<MarkedRosterRow, void, undefined> {
  const pending = new ErrorsInRowOrder(errors[Symbol.asyncIterator]());
  let layout: ErrorWorkbookLayout | undefined;
  try {
    try {
      for await (const batch of batches) {
        let first = 0;
        if (!layout) {
          layout = errorWorkbookLayout(batch.rows[0], importType);
          yield await headerRow(layout, pending);
          first = 1;
        }
        for (let i = first; i < batch.rows.length; i++) {
          const row = batch.firstRow + i;
          yield* rowsOfErrorsOnly(layout, pending, row);
          yield { row, cells: layRosterRow(batch.rows[i], layout), notes: errorNotesOfRow(await pending.ofRow(row), layout) };
        }
      }
    } catch (error) {
      if (!(error instanceof RosterFileError)) throw error;
    }
    if (!layout) {
      layout = errorWorkbookLayout(undefined, importType);
      yield await headerRow(layout, pending);
    }
    yield* rowsOfErrorsOnly(layout, pending, Number.POSITIVE_INFINITY);
  } finally {
    await pending.close();
  }
}

async function headerRow(layout: ErrorWorkbookLayout, pending: ErrorsInRowOrder): Promise<MarkedRosterRow> {
  const onHeader: RowError[] = [];
  for (let row = await pending.nextRow(); row !== undefined && row <= 1; row = await pending.nextRow()) onHeader.push(...(await pending.ofRow(row)));
  return { row: 1, cells: layout.header, notes: errorNotesOfRow(onHeader, layout) };
}

/** A row of its own for each row before `before` that has errors still pending. */
async function* rowsOfErrorsOnly(layout: ErrorWorkbookLayout, pending: ErrorsInRowOrder, before: number): AsyncGenerator<MarkedRosterRow> {
  for (let row = await pending.nextRow(); row !== undefined && row < before; row = await pending.nextRow()) {
    yield { row, cells: [], notes: errorNotesOfRow(await pending.ofRow(row), layout) };
  }
}

/** The case's errors in row order, taken a row at a time. */
class ErrorsInRowOrder {
  private next: IteratorResult<RowError> | undefined;

  constructor(private readonly errors: AsyncIterator<RowError>) {}

  /** The row of the next error not taken yet; undefined when there is none. */
  async nextRow(): Promise<number | undefined> {
    this.next ??= await this.errors.next();
    return this.next.done ? undefined : this.next.value.row;
  }

  /** Takes the errors of `row`, which must be no later than nextRow(): none when it is earlier. */
  async ofRow(row: number): Promise<RowError[]> {
    const taken: RowError[] = [];
    while ((await this.nextRow()) === row) {
      taken.push((this.next as IteratorYieldResult<RowError>).value);
      this.next = undefined;
    }
    return taken;
  }

  async close(): Promise<void> {
    await this.errors.return?.();
  }
}
