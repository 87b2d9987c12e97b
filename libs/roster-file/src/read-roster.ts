import type { ReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Cell, CellValue, Row } from 'exceljs';
import { loadExcelJs } from './exceljs';
import type { RosterFileFormat } from '@rosterlink/contracts';
import { isBlankRow } from '@rosterlink/roster';
import { CsvRecordParser, CsvSyntaxError } from './csv-records';

/**
 * One cell as read from a roster file.
 * - CSV: the text of the field; an empty field is `null`.
 * - XLSX: a date cell is a `Date` (the date and time the sheet shows, expressed in UTC: use the UTC
 *   getters), a number cell a `number` (an NPI typed into Excel arrives as a number), text a `string`,
 *   rich text its concatenated text, a formula its cached result (`null` when the file holds none),
 *   a hyperlink its text, a boolean `'TRUE'`/`'FALSE'`, an error cell its text (`'#N/A'`), an empty cell `null`.
 */
export type RosterCell = string | number | Date | null;

/**
 * Consecutive rows of the roster's first sheet: `rows[i]` is the row a spreadsheet shows as number
 * `firstRow + i` (the header row is row 1). Blank rows are not delivered, so a batch never spans one: a
 * blank row ends the batch and the next batch starts at the next non-blank row, with its own `firstRow`.
 * Rows keep the length they have in the file; checking it is the validator's concern.
 */
export interface RosterRowBatch {
  firstRow: number;
  rows: RosterCell[][];
}

export interface RosterHeader {
  /** The first non-blank row (row 1 in a well-formed roster). Empty when the file has no row at all. */
  header: RosterCell[];
  /** Whether a non-blank row follows the header. */
  hasDataRow: boolean;
}

export interface ReadRosterOptions {
  /** Rows per batch, 1,000 unless told; a batch can be shorter (end of file, a blank row). */
  batchSize?: number;
}

/**
 * The file cannot be read as a roster of its format: malformed CSV, text that is not UTF-8, a ZIP
 * archive that is not an Excel workbook. `row` (as a spreadsheet numbers it) and `line` (of the CSV text)
 * say where, when known. Failures of the input stream itself (I/O) are passed on unchanged, not wrapped.
 */
export class RosterFileError extends Error {
  readonly row?: number;
  readonly line?: number;

  constructor(message: string, where: { row?: number; line?: number } = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RosterFileError';
    if (where.row !== undefined) this.row = where.row;
    if (where.line !== undefined) this.line = where.line;
  }
}

const DEFAULT_BATCH_SIZE = 1000;
/** A practitioner's row is well under 2 KB; a longer record is an unclosed quote eating the file. */
const MAX_CSV_RECORD_CHARACTERS = 64 * 1024;

interface NumberedRow {
  row: number;
  cells: RosterCell[];
}

/**
 * Streams the first sheet of a roster file in batches of consecutive rows, header row included (it is
 * the first row of the first batch). Never holds the whole file: a CSV is parsed as it arrives; an xlsx is
 * unzipped as a stream (worksheets that precede the shared strings in the archive, as Excel and exceljs
 * write them, are spooled to a temporary file by exceljs, not kept in memory).
 *
 * Row numbers are what a spreadsheet shows. CSV: each record is one row — a quoted field spanning several
 * lines is still one row, and a blank line is a row too (Excel shows it as an empty row), so it advances
 * the numbering. XLSX: the sheet's own row numbers; an empty row still advances the number.
 * Blank rows (every cell empty or only spaces) are skipped in both formats.
 *
 * Stopping early (`break`) releases the input. Rejects with `RosterFileError` for a malformed file.
 */
export async function* readRosterRows(
  input: Readable,
  format: RosterFileFormat,
  options: ReadRosterOptions = {},
): AsyncGenerator<RosterRowBatch, void, undefined> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  let batch: RosterRowBatch | undefined;
  for await (const rows of nonBlankRows(input, format)) {
    for (const { row, cells } of rows) {
      if (batch && (batch.rows.length >= batchSize || row !== batch.firstRow + batch.rows.length)) {
        yield batch;
        batch = undefined;
      }
      batch ??= { firstRow: row, rows: [] };
      batch.rows.push(cells);
    }
  }
  if (batch) yield batch;
}

/**
 * Reads a roster file only as far as its first data row — the header row, then the first non-blank row
 * after it (or the end) — and destroys the input: what an upload needs to check the header without
 * reading every row. (An xlsx whose worksheets come before its shared strings in the archive is still
 * unzipped to the end, to a temporary file, before its first row can be read.)
 */
export async function readRosterHeader(input: Readable, format: RosterFileFormat): Promise<RosterHeader> {
  try {
    let header: RosterCell[] | undefined;
    for await (const rows of nonBlankRows(input, format)) {
      for (const { cells } of rows) {
        if (header) return { header, hasDataRow: true };
        header = cells;
      }
    }
    return { header: header ?? [], hasDataRow: false };
  } finally {
    input.destroy();
  }
}

/** The file's non-blank rows, in order, a few hundred at a time (not one promise per row). */
async function* nonBlankRows(input: Readable, format: RosterFileFormat): AsyncGenerator<NumberedRow[]> {
  const pieces = format === 'CSV' ? csvRows(input) : xlsxRows(input);
  for await (const rows of pieces) {
    const nonBlank = rows.filter((row) => !isBlankRow(row.cells)); // the validator's own test: every cell empty or spaces
    if (nonBlank.length > 0) yield nonBlank;
  }
}

// ---------------------------------------------------------------------------------------------- CSV

/**
 * The records of a CSV file as each piece of it arrives: the bytes decoded as UTF-8 (a BOM dropped;
 * anything that is not UTF-8 refused with its line) and parsed by CsvRecordParser.
 */
async function* csvRows(input: Readable): AsyncGenerator<NumberedRow[]> {
  // ignoreBOM false: the decoder drops a leading BOM.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  const parser = new CsvRecordParser(MAX_CSV_RECORD_CHARACTERS);
  const utf8 = new Utf8Check();
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const text = decoder.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, { stream: true });
      utf8.check(text);
      const rows = parser.push(text);
      if (rows.length > 0) yield rows;
    }
    const text = decoder.decode();
    utf8.check(text);
    const rows = parser.end(text);
    if (rows.length > 0) yield rows;
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw csvError(error);
    throw error;
  } finally {
    input.destroy();
  }
}

function csvError({ problem, row, line, startLine }: CsvSyntaxError): RosterFileError {
  const at = `line ${line} (row ${row})`;
  switch (problem) {
    case 'QUOTE_NOT_CLOSED':
      return new RosterFileError(
        `The CSV file is malformed: row ${row}, starting on line ${startLine}, opens a quoted field that is never closed (the file ends inside the quotes).`,
        { row, line: startLine },
      );
    case 'RECORD_TOO_LONG':
      return new RosterFileError(
        `The CSV file is malformed: row ${row}, starting on line ${startLine}, is longer than ${MAX_CSV_RECORD_CHARACTERS} characters — most likely a quoted field that is never closed.`,
        { row, line: startLine },
      );
    case 'INVALID_CLOSING_QUOTE':
      return new RosterFileError(
        `The CSV file is malformed at ${at}: a quoted field must be followed by a comma or the end of the line.`,
        { row, line },
      );
    case 'INVALID_OPENING_QUOTE':
      return new RosterFileError(
        `The CSV file is malformed at ${at}: a field contains a quote but is not enclosed in quotes (enclose the field in quotes and double the quote: "5'10"""").`,
        { row, line },
      );
  }
}

/** Refuses decoded text that held bytes that are not UTF-8 (the decoder made them U+FFFD), naming the line. */
class Utf8Check {
  private line = 1;

  check(text: string): void {
    const bad = text.indexOf('\uFFFD');
    if (bad < 0) {
      this.line += countLineFeeds(text, text.length);
      return;
    }
    const line = this.line + countLineFeeds(text, bad);
    throw new RosterFileError(
      `The CSV file is not UTF-8 text (line ${line}): save it as "CSV UTF-8 (Comma delimited)".`,
      { line },
    );
  }
}

function countLineFeeds(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

// --------------------------------------------------------------------------------------------- XLSX

/** The parts of exceljs' streaming WorkbookReader (4.4) used here beyond its typings. */
interface WorkbookReaderInternals {
  model?: { sheets?: { rId?: string }[] };
  workbookRels?: { Id?: string; Target?: string }[];
  properties?: { model?: { date1904?: boolean } };
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

interface WorksheetSource {
  /** n of `xl/worksheets/sheet<n>.xml`. */
  sheetNo: string;
  /** What exceljs reads the sheet from: the zip entry, or a temporary file (an `fs.ReadStream`). */
  raw: AsyncIterable<unknown>;
}

async function* xlsxRows(input: Readable): AsyncGenerator<NumberedRow[]> {
  const { stream: excelStream } = await loadExcelJs();
  const zip = feedZip(input);
  const reader = new excelStream.xlsx.WorkbookReader(zip.stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // date cells are numbers with a date format
    entries: 'ignore',
  });
  const internals = reader as unknown as WorkbookReaderInternals;
  const sources = instrument(internals);
  const sheets = reader[Symbol.asyncIterator]();
  let rows: AsyncIterator<Row> | undefined;
  let spooled = false;
  let finished = false;
  let lastRow = 0;

  try {
    let firstSheetSeen = false;
    for (;;) {
      const next = await zip.next(sheets);
      if (next.done) break;
      const source = sources.get(next.value);
      if (firstSheetSeen || !source || source.sheetNo !== firstSheetNumber(internals)) {
        closeUnread(source);
        continue;
      }
      firstSheetSeen = true;
      spooled = isFileStream(source.raw);
      const date1904 = internals.properties?.model?.date1904 === true;
      rows = next.value[Symbol.asyncIterator]();
      for (;;) {
        const row = await zip.next(rows);
        if (row.done) break;
        // A <row> without its optional r attribute follows the previous one.
        lastRow = Number.isInteger(row.value.number) && row.value.number > 0 ? row.value.number : lastRow + 1;
        yield [{ row: lastRow, cells: rowCells(row.value, date1904) }];
      }
      rows = undefined;
      // Straight from the zip: the first sheet is all we read. Spooled: exceljs has read the archive
      // already and removes each temporary file once asked for the next sheet, so let it finish.
      if (!spooled) break;
    }
    if (!firstSheetSeen) {
      throw notAWorkbook(internals.model ? 'its first sheet is not a worksheet' : 'it contains no worksheet');
    }
    finished = true;
  } catch (error) {
    if (error instanceof RosterFileError || isStreamFailure(error, input)) throw error;
    const after = lastRow > 0 ? ` (after row ${lastRow})` : '';
    throw new RosterFileError(`The XLSX file cannot be read${after}: ${xlsxProblem(error)}.`, {}, { cause: error });
  } finally {
    zip.close();
    input.destroy();
    if (spooled && !finished) {
      // Stopped early (readRosterHeader, the caller's break, a broken sheet): the archive has been read
      // already; close the current temporary file and walk the remaining spooled sheets without reading
      // them, so that exceljs deletes its temporary files now rather than at process exit.
      try {
        await rows?.return?.(undefined);
        for (let next = await sheets.next(); !next.done; next = await sheets.next()) closeUnread(sources.get(next.value));
      } catch {
        // already failing, or nothing left to clean
      }
    } else {
      // Streaming from the zip: the input is gone, nothing else to release. (Not awaited: after a failure
      // exceljs' reader may never settle.)
      void sheets.return(undefined).catch(() => undefined);
    }
  }
}

const ZIP_LOCAL_FILE_SIGNATURE = 0x04034b50;
const ZIP_END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const ZIP_END_OF_CENTRAL_DIRECTORY_MAX_BYTES = 22 + 0xffff; // the record and its longest comment

interface ZipFeed {
  /** What exceljs reads instead of the input. */
  stream: PassThrough;
  /** The next item of an exceljs iterator, or the failure of the input. */
  next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>>;
  close(): void;
}

/**
 * Hands the input to exceljs, working around its unzipper (0.10):
 * - it ignores errors of its input, and would then wait for ever: they are raced here;
 * - it says `end` as soon as it has parsed the end-of-central-directory record, even when entries it
 *   found are still waiting to be read — exceljs then never sees them. Small stored (uncompressed) parts
 *   are parsed far ahead of the reader, so archives written without compression (SheetJS' default) lose
 *   `xl/workbook.xml` or a sheet. That early `end` is held back; Node emits the real one once every entry
 *   has been read;
 * - an input that stops at an entry boundary just ends the archive early, without error: the input must
 *   end with an end-of-central-directory record, or it is cut short (or no ZIP archive at all).
 */
function feedZip(input: Readable): ZipFeed {
  const stream = new PassThrough();
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  // Not a promise raced against every read: each race would leave a reaction on it, holding the row.
  let failure: { error: unknown } | undefined;
  const waiting = new Set<(error: unknown) => void>();
  const fail = (error: unknown) => {
    failure ??= { error };
    for (const reject of waiting) reject(failure.error);
  };

  const pipe = stream.pipe.bind(stream);
  stream.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    if (destination instanceof Readable) holdEarlyEnd(destination);
    return pipe(destination, options);
  }) as PassThrough['pipe'];

  input.on('data', (data: Buffer | string) => {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > 2 * ZIP_END_OF_CENTRAL_DIRECTORY_MAX_BYTES) tail = tail.subarray(-ZIP_END_OF_CENTRAL_DIRECTORY_MAX_BYTES);
    if (!stream.write(chunk)) input.pause();
  });
  stream.on('drain', () => input.resume());
  input.once('error', (error) => fail(error));
  input.once('end', () => {
    if (head.length < 4 || head.readUInt32LE(0) !== ZIP_LOCAL_FILE_SIGNATURE) {
      fail(new RosterFileError(`The XLSX file cannot be read: ${xlsxProblem(new Error('invalid signature'))}.`));
    } else if (!hasEndOfCentralDirectory(tail)) {
      fail(new RosterFileError(`The XLSX file cannot be read: ${xlsxProblem(new Error('FILE_ENDED'))}.`));
    }
    stream.end();
  });

  return {
    stream,
    next<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
      if (failure) return Promise.reject(failure.error);
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting.add(reject);
        iterator
          .next()
          .then(resolve, reject)
          .finally(() => waiting.delete(reject));
      });
    },
    close: () => stream.destroy(),
  };
}

/** Lets through only the `end` Node emits itself, after the last buffered entry was read. */
function holdEarlyEnd(zip: Readable): void {
  const emit = zip.emit;
  zip.emit = function (this: Readable, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'end' && !this.readableEnded) return false;
    return emit.call(this, event, ...args);
  } as Readable['emit'];
}

function hasEndOfCentralDirectory(tail: Buffer): boolean {
  for (let at = tail.length - 22; at >= 0 && at >= tail.length - ZIP_END_OF_CENTRAL_DIRECTORY_MAX_BYTES; at--) {
    if (tail.readUInt32LE(at) === ZIP_END_OF_CENTRAL_DIRECTORY_SIGNATURE && at + 22 + tail.readUInt16LE(at + 20) === tail.length) {
      return true;
    }
  }
  return false;
}

/**
 * Hooks into exceljs' reader: records which file each worksheet comes from, and decodes UTF-8 across
 * chunk boundaries (exceljs 4.4 decodes each chunk on its own, so a character split between two chunks
 * becomes U+FFFD — a name like "José" comes out as "Jos\uFFFD" at random places in a large sheet).
 */
function instrument(internals: WorkbookReaderInternals): WeakMap<object, WorksheetSource> {
  const sources = new WeakMap<object, WorksheetSource>();
  const parseSharedStrings = internals._parseSharedStrings;
  const parseWorksheet = internals._parseWorksheet;
  internals._parseSharedStrings = function (this: WorkbookReaderInternals, entry: Readable) {
    entry.setEncoding('utf8');
    return parseSharedStrings.call(this, entry);
  };
  internals._parseWorksheet = function* (this: WorkbookReaderInternals, raw: AsyncIterable<unknown>, sheetNo: string) {
    // exceljs itself would fail on the missing part with a TypeError.
    if (!this.model) throw notAWorkbook('it has no workbook part (xl/workbook.xml)');
    for (const event of parseWorksheet.call(this, decodeUtf8(raw), sheetNo)) {
      if (event.value && typeof event.value === 'object') sources.set(event.value, { sheetNo: String(sheetNo), raw });
      yield event;
    }
  };
  return sources;
}

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** The sheet number of the workbook's first sheet (tab order), as its relationship names the part. */
function firstSheetNumber(internals: WorkbookReaderInternals): string | undefined {
  const first = internals.model?.sheets?.[0];
  const relationship = internals.workbookRels?.find((rel) => rel.Id === first?.rId);
  return relationship?.Target?.match(/(?:^|\/)worksheets\/sheet(\d+)\.xml$/)?.[1];
}

function isFileStream(raw: AsyncIterable<unknown>): raw is ReadStream {
  return raw instanceof Readable && typeof (raw as Partial<ReadStream>).path === 'string';
}

function closeUnread(source: WorksheetSource | undefined): void {
  // A spooled sheet's temporary file stream may not have opened yet when it is handed out: exceljs
  // deletes the file as soon as it is asked for the next sheet, and the late open then fails with
  // ENOENT on a stream nobody reads. That error belongs to nobody: swallow it, never crash on it.
  // A zip entry that is not read is drained by exceljs.
  if (source && isFileStream(source.raw)) {
    source.raw.on('error', () => undefined);
    source.raw.destroy();
  }
}

function notAWorkbook(why: string): RosterFileError {
  return new RosterFileError(`The file is a ZIP archive but not an Excel workbook: ${why}.`);
}

function isStreamFailure(error: unknown, input: Readable): boolean {
  return error !== null && typeof error === 'object' && input.errored === error;
}

/** unzipper's and saxes' errors, in the user's words. */
function xlsxProblem(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/\.$/, '');
  if (message === 'FILE_ENDED') return 'the file is cut short, it does not end as a ZIP archive ends (an incomplete upload or copy?)';
  if (message.startsWith('invalid signature')) return 'it is not a ZIP archive, as an .xlsx workbook is';
  return `it is damaged or not an Excel workbook (${message || 'unknown error'})`;
}

function rowCells(row: Row, date1904: boolean): RosterCell[] {
  const cells: RosterCell[] = [];
  row.eachCell((cell, column) => {
    cells[column - 1] = cellValue(cell.value, cell, date1904);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= null;
  return cells;
}

function cellValue(value: CellValue, cell: Cell, date1904: boolean): RosterCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
  }
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result: unknown = value.result;
    // exceljs leaves a formula's numeric result a number even in a date-formatted cell.
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(cell.numFmt)) {
      return excelSerialToDate(result, date1904);
    }
    if (typeof result === 'number' && !Number.isFinite(result)) return '#ERROR'; // an error result; exceljs drops its text
    return result === undefined ? null : cellValue(result as CellValue, cell, date1904);
  }
  if ('text' in value) return cellValue(value.text as CellValue, cell, date1904); // a hyperlink: its text
  return null;
}

/** exceljs' own test for a date number format: date/time letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}
