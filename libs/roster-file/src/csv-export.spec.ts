import { Readable } from 'node:stream';
import { toCsvLine } from './csv-export';
import { readRosterRows } from './read-roster';

describe('toCsvLine', () => {
  it('writes plain values separated by commas and ends with CRLF', () => {
    expect(toCsvLine(['1234567893', 'Souza', 42, null, undefined, ''])).toBe('1234567893,Souza,42,,,\r\n');
    expect(toCsvLine([])).toBe('\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, doubling inner quotes', () => {
    expect(toCsvLine(['Souza, Jr.', 'say "hi"', 'two\nlines', 'cr\rhere', 'plain'])).toBe(
      '"Souza, Jr.","say ""hi""","two\nlines","cr\rhere",plain\r\n',
    );
  });

  it('neutralises strings a spreadsheet would run as a formula', () => {
    expect(toCsvLine(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'a=b', "'quoted"])).toBe(
      "'=1+1,'+1,'-1,'@SUM(A1),'\tx,a=b,'quoted\r\n",
    );
    expect(toCsvLine(['\rx'])).toBe(`"'\rx"\r\n`); // neutralised, then quoted for its CR
    expect(toCsvLine(['=HYPERLINK("http://x","y")'])).toBe(`"'=HYPERLINK(""http://x"",""y"")"\r\n`);
  });

  it('leaves numbers alone', () => {
    expect(toCsvLine([-5, 0, 1.5])).toBe('-5,0,1.5\r\n');
  });

  it('round-trips through the roster reader', async () => {
    const values = ['Souza, Jr.', 'say "hi"', 'two\r\nlines', '=cmd', 'José'];
    const csv = toCsvLine(['A', 'B', 'C', 'D', 'E']) + toCsvLine(values);
    const batches = [];
    for await (const batch of readRosterRows(Readable.from([Buffer.from(csv)]), 'CSV')) batches.push(batch);
    expect(batches).toEqual([{ firstRow: 1, rows: [['A', 'B', 'C', 'D', 'E'], ['Souza, Jr.', 'say "hi"', 'two\r\nlines', "'=cmd", 'José']] }]);
  });
});
