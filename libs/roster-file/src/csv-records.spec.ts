import { parse } from 'csv-parse/sync';
import { CsvRecord, CsvRecordParser, CsvSyntaxError } from './csv-records';

const MAX = 64 * 1024;

/** Every record of `text`, fed to the parser in pieces of `size` characters (all at once when 0). */
function records(text: string, size = 0): CsvRecord[] {
  const parser = new CsvRecordParser(MAX);
  if (size === 0) return parser.end(text);
  const out: CsvRecord[] = [];
  for (let at = 0; at < text.length; at += size) out.push(...parser.push(text.slice(at, at + size)));
  out.push(...parser.end());
  return out;
}

function failure(text: string, max = MAX): CsvSyntaxError {
  try {
    new CsvRecordParser(max).end(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('CsvRecordParser', () => {
  it('splits records at CRLF, LF and lone CR; an empty field is null; text after the last line end is a record', () => {
    expect(records('a,b\r\nc,\n,d\re')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', null] },
      { row: 3, cells: [null, 'd'] },
      { row: 4, cells: ['e'] },
    ]);
  });

  it('numbers blank lines as rows of one empty cell, and adds no record after a final line end', () => {
    expect(records('\r\nA\n\nB\r\n')).toEqual([
      { row: 1, cells: [null] },
      { row: 2, cells: ['A'] },
      { row: 3, cells: [null] },
      { row: 4, cells: ['B'] },
    ]);
    expect(records('')).toEqual([]);
  });

  it('unquotes fields: commas, doubled quotes and line breaks inside; "" is empty', () => {
    expect(records('"a,b","say ""hi""","x\r\ny",""\n')).toEqual([{ row: 1, cells: ['a,b', 'say "hi"', 'x\r\ny', null] }]);
  });

  it('gives the same records however the text is cut (a CRLF, a doubled quote or a field split between pieces)', () => {
    const text = 'NPI,"Last, Name"\r\n1,"O""Brien"\r\n\r\n2,"two\r\nlines"\r3,x,\n4,"""",end';
    const whole = records(text);
    expect(whole.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let size = 1; size <= text.length; size++) expect(records(text, size)).toEqual(whole);
  });

  it('agrees with csv-parse on generated files, cut in random pieces', () => {
    const alphabet = ['a', 'b', 'é', ' ', ',', '"', '\r', '\n', '\r\n', '日'];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let file = 0; file < 300; file++) {
      const lines: string[] = [];
      for (let r = random(6); r >= 0; r--) {
        const fields: string[] = [];
        for (let f = random(4); f >= 0; f--) {
          let value = '';
          for (let k = random(6); k > 0; k--) value += alphabet[random(alphabet.length)];
          fields.push(/[",\r\n]/.test(value) || random(3) === 0 ? `"${value.replace(/"/g, '""')}"` : value);
        }
        lines.push(fields.join(','));
      }
      const text = lines.join(['\n', '\r\n', '\r'][random(3)]) + (random(2) ? '\r\n' : '');
      const expected = (
        parse(text, { relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][]
      ).map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) }));
      expect(records(text, 1 + random(20))).toEqual(expected);
    }
  });

  it('refuses an unclosed quote with the row and the line where that row begins', () => {
    expect(failure('a\n"b\nc\n')).toMatchObject({ problem: 'QUOTE_NOT_CLOSED', row: 2, startLine: 2 });
    expect(failure('a,"x\ny"\n"b\nc\n')).toMatchObject({ problem: 'QUOTE_NOT_CLOSED', row: 2, startLine: 3 });
  });

  it('refuses a quote inside an unquoted field, and anything but a comma or line end after a closing quote', () => {
    expect(failure('a\nb,O"Brien\n')).toMatchObject({ problem: 'INVALID_OPENING_QUOTE', row: 2, line: 2 });
    expect(failure('a\n"x\ny"z\n')).toMatchObject({ problem: 'INVALID_CLOSING_QUOTE', row: 2, line: 3, startLine: 2 });
  });

  it('refuses a record longer than the limit, complete or not', () => {
    expect(failure(`a\n${'x'.repeat(101)}\n`, 100)).toMatchObject({ problem: 'RECORD_TOO_LONG', row: 2, startLine: 2 });
    const parser = new CsvRecordParser(100);
    expect(parser.push('a\n"')).toEqual([{ row: 1, cells: ['a'] }]);
    expect(() => parser.push('y'.repeat(200))).toThrow(expect.objectContaining({ problem: 'RECORD_TOO_LONG', row: 2 }));
  });
});
