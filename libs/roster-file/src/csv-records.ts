/**
 * RFC 4180 records out of text that arrives in pieces, as a spreadsheet numbers them: the roster CSV
 * reader's parser. One pass over each piece, one string per field, no per-record objects beyond the
 * row itself: a 100,000-row roster parses in well under a second.
 *
 * - Fields are separated by commas; a field may be quoted (`"…"`, an inner quote doubled), and then
 *   holds commas and line breaks. A quote anywhere else is malformed, as is anything but a comma or a
 *   line end after a closing quote.
 * - A record ends at CRLF, LF or a lone CR (old Mac Excel), even mixed in one file. Each record is one
 *   row — a quoted field spanning lines is still one row — and a blank line is a row too (its one cell
 *   is empty), as a spreadsheet shows it. Text after the last line end is a last record.
 * - An empty field is `null`. Records keep the number of fields they have.
 * - A record longer than `maxRecordCharacters` is refused: an unclosed quote would otherwise swallow
 *   the rest of the file.
 * - `line` (of the text, counting line breaks inside quoted fields) and `row` locate each problem.
 */

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export interface CsvRecord {
  /** The spreadsheet row: 1 for the first record, blank records counted. */
  row: number;
  cells: (string | null)[];
}

export type CsvProblem = 'QUOTE_NOT_CLOSED' | 'RECORD_TOO_LONG' | 'INVALID_CLOSING_QUOTE' | 'INVALID_OPENING_QUOTE';

/** Malformed CSV: what, in which row, on which line (`startLine`: where that row begins). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly problem: CsvProblem,
    readonly row: number,
    readonly line: number,
    readonly startLine: number,
  ) {
    super(`${problem} in row ${row} (line ${line})`);
    this.name = 'CsvSyntaxError';
  }
}

/** Marks a record that the text so far does not complete (the rest is kept for the next piece). */
const INCOMPLETE = Symbol('incomplete');

export class CsvRecordParser {
  /** Text of a record not yet complete, kept from the previous piece. */
  private rest = '';
  /** Records completed so far (the next one is row `records + 1`). */
  private records = 0;
  /** The line on which `rest` begins. */
  private line = 1;

  constructor(private readonly maxRecordCharacters: number) {}

  /** The records that `text` completes, in order. Throws CsvSyntaxError for malformed text. */
  push(text: string): CsvRecord[] {
    return this.parse(this.rest === '' ? text : this.rest + text, false);
  }

  /** The text ended: its last records. */
  end(text = ''): CsvRecord[] {
    const all = this.rest === '' ? text : this.rest + text;
    this.rest = '';
    return this.parse(all, true);
  }

  private parse(text: string, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let at = 0;
    while (at < n) {
      const startLine = this.line;
      const end = this.record(text, at, final, out);
      if (end === INCOMPLETE) {
        if (n - at > this.maxRecordCharacters) this.fail('RECORD_TOO_LONG', startLine, startLine);
        this.rest = text.slice(at);
        this.line = startLine;
        return out;
      }
      at = end;
    }
    this.rest = '';
    return out;
  }

  /**
   * Parses the record that starts at `at`; pushes it and returns where the next one starts, or
   * INCOMPLETE when the text ends first (and more may come). Advances `line` past the record only when complete.
   */
  private record(text: string, at: number, final: boolean, out: CsvRecord[]): number | typeof INCOMPLETE {
    const n = text.length;
    const startLine = this.line;
    let line = startLine;
    const cells: (string | null)[] = [];
    let i = at;
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // A quoted field: up to the quote that is not doubled.
        let from = i + 1;
        let j = from;
        value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || (q + 1 === n && !final)) {
            if (final) this.fail('QUOTE_NOT_CLOSED', startLine, startLine);
            return INCOMPLETE;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            j = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          line += lineBreaks(text, i + 1, q);
          i = q + 1;
          break;
        }
      } else {
        // An unquoted field: up to the next comma or line end; a quote in it is malformed.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) this.fail('INVALID_OPENING_QUOTE', line, startLine);
          j++;
        }
        if (j === n && !final) return INCOMPLETE;
        value = text.slice(i, j);
        i = j;
      }
      cells.push(value === '' ? null : value);

      if (i === n) {
        if (!final) return INCOMPLETE;
        this.emit(cells, out, line, i - at);
        return i;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === LF) {
        this.emit(cells, out, line + 1, i - at);
        return i + 1;
      }
      if (c === CR) {
        if (i + 1 === n && !final) return INCOMPLETE; // CRLF cut between pieces?
        this.emit(cells, out, line + 1, i - at);
        return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      }
      this.fail('INVALID_CLOSING_QUOTE', line, startLine);
    }
  }

  /** Records a complete record of `length` characters (its line end not counted). */
  private emit(cells: (string | null)[], out: CsvRecord[], nextLine: number, length: number): void {
    if (length > this.maxRecordCharacters) this.fail('RECORD_TOO_LONG', this.line, this.line);
    out.push({ row: ++this.records, cells });
    this.line = nextLine;
  }

  private fail(problem: CsvProblem, line: number, startLine: number): never {
    throw new CsvSyntaxError(problem, this.records + 1, line, startLine);
  }
}

/** Line breaks (CRLF, LF, lone CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
