import { Readable } from 'node:stream';
import { readRosterHeader, readRosterRows, RosterFileError } from './read-roster';
import { rosterReading } from './read-roster.test-helpers';

function csv(text: string | Buffer, chunkSize = 0): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  if (!chunkSize) return Readable.from([bytes]);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return Readable.from(chunks);
}

const { batches, numbered, failure } = rosterReading('CSV');

describe('readRosterRows (CSV)', () => {
  it('reads a file with a BOM and CRLF; the header is row 1 of the first batch', async () => {
    expect(await batches(csv('\uFEFFNPI,Last Name\r\n1234567893,Souza\r\n'))).toEqual([
      { firstRow: 1, rows: [['NPI', 'Last Name'], ['1234567893', 'Souza']] },
    ]);
  });

  it('reads LF, CRLF and lone CR line ends, even mixed in one file, with or without a final line end', async () => {
    const expected = [[1, ['NPI', 'Last Name']], [2, ['1', 'A']], [3, ['2', 'B']], [4, ['3', 'C']]];
    expect(await numbered(csv('NPI,Last Name\n1,A\n2,B\n3,C\n'))).toEqual(expected);
    expect(await numbered(csv('NPI,Last Name\r\n1,A\n2,B\r3,C'))).toEqual(expected);
  });

  it('gives the same rows whatever the chunking (CRLF and multi-byte characters split between chunks)', async () => {
    const text = '\uFEFFNPI,Last Name\r\n1234567893,"Müller, José"\r\n\r\n1234567894,"日本\r\n語"\r\n';
    const whole = await batches(csv(text));
    expect(whole).toEqual([
      { firstRow: 1, rows: [['NPI', 'Last Name'], ['1234567893', 'Müller, José']] },
      { firstRow: 4, rows: [['1234567894', '日本\r\n語']] },
    ]);
    expect(await batches(csv(text, 1))).toEqual(whole);
    expect(await batches(csv(text, 7))).toEqual(whole);
  });

  it('unquotes RFC 4180 fields: commas, doubled quotes and line breaks inside quotes; a quoted record is one row', async () => {
    const rows = await numbered(
      csv('NPI,Last Name,Suffix\r\n"1234567893","Souza, Ana","say ""hi"""\r\n1234567894,"two\r\nlines\nthree",""\r\n1234567895,Lee,Jr.\r\n'),
    );
    expect(rows).toEqual([
      [1, ['NPI', 'Last Name', 'Suffix']],
      [2, ['1234567893', 'Souza, Ana', 'say "hi"']],
      [3, ['1234567894', 'two\r\nlines\nthree', null]], // three lines of text, one spreadsheet row
      [4, ['1234567895', 'Lee', 'Jr.']],
    ]);
  });

  it('skips blank lines but counts them, as a spreadsheet shows them as empty rows', async () => {
    const text = 'NPI,Last Name\r\n\r\n1,A\r\n\r\n\r\n2,B\r\n,\r\n   \r\n3,C\r\n\r\n';
    expect(await batches(csv(text))).toEqual([
      { firstRow: 1, rows: [['NPI', 'Last Name']] },
      { firstRow: 3, rows: [['1', 'A']] },
      { firstRow: 6, rows: [['2', 'B']] },
      { firstRow: 9, rows: [['3', 'C']] }, // ',' and '   ' are blank rows 7 and 8
    ]);
  });

  it('counts blank lines before the header too', async () => {
    expect(await numbered(csv('\r\n\r\nNPI\r\n1\r\n'))).toEqual([
      [3, ['NPI']],
      [4, ['1']],
    ]);
  });

  it('delivers rows with more or fewer cells than the header as they are; empty fields are null', async () => {
    expect(await numbered(csv('NPI,Last Name,First Name\n1,A\n2,B,C,D,E\n3,,C\n'))).toEqual([
      [1, ['NPI', 'Last Name', 'First Name']],
      [2, ['1', 'A']],
      [3, ['2', 'B', 'C', 'D', 'E']],
      [4, ['3', null, 'C']],
    ]);
  });

  it('batches consecutive rows, about a thousand at a time', async () => {
    const text = 'NPI\n' + Array.from({ length: 2500 }, (_, i) => `${i}\n`).join('');
    const result = await batches(csv(text));
    expect(result.map((b) => [b.firstRow, b.rows.length])).toEqual([
      [1, 1000],
      [1001, 1000],
      [2001, 501],
    ]);
    expect(result[1].rows[0]).toEqual(['999']); // row 1001 is the 1,000th data row
    expect((await batches(csv(text), 400)).map((b) => b.rows.length)).toEqual([400, 400, 400, 400, 400, 400, 101]);
  });

  it('rejects an unclosed quote, naming the row and the line where it opens', async () => {
    const error = await failure(csv('NPI,Last Name\r\n1,A\r\n2,"B\r\n3,C\r\n4,D\r\n'));
    expect(error.row).toBe(3);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/row 3, starting on line 3, opens a quoted field that is never closed/);
  });

  it('gives the line, not the row, where they differ: after a multi-line field', async () => {
    const error = await failure(csv('NPI,Notes\n1,"a\nb\nc"\n2,"unclosed\n3,x\n'));
    expect(error).toMatchObject({ row: 3, line: 5 });
  });

  it('stops an unclosed quote from swallowing a large file', async () => {
    const text = 'NPI,Last Name\n1,"A\n' + '2,B\n'.repeat(100_000);
    const error = await failure(csv(text));
    expect(error).toMatchObject({ row: 2, line: 2 });
    expect(error.message).toMatch(/longer than 65536 characters/);
  });

  it('rejects stray quotes with the line', async () => {
    expect(await failure(csv('NPI,Last Name\n1,"Souza"x\n'))).toMatchObject({ line: 2, row: 2 });
    const bare = await failure(csv('NPI,Last Name\n1,A\n2,O"Brien\n'));
    expect(bare).toMatchObject({ line: 3, row: 3 });
    expect(bare.message).toMatch(/line 3 \(row 3\)/);
  });

  it('rejects text that is not UTF-8 with its line', async () => {
    const error = await failure(csv(Buffer.from('NPI,Last Name\r\n1,Souza\r\n2,Jos\xe9\r\n', 'latin1')));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/not UTF-8/);
  });

  it('passes a failure of the input stream on unchanged', async () => {
    const broken = new Readable({
      read() {
        this.push('NPI\n1\n');
        this.destroy(new Error('disk on fire'));
      },
    });
    await expect(batches(broken)).rejects.toThrow(new Error('disk on fire'));
    await expect(batches(broken)).rejects.not.toBeInstanceOf(RosterFileError);
  });

  it('releases the input when the caller stops early', async () => {
    const input = csv('NPI\n' + '1\n'.repeat(5000), 100);
    for await (const batch of readRosterRows(input, 'CSV')) {
      expect(batch.firstRow).toBe(1);
      break;
    }
    expect(input.destroyed).toBe(true);
  });

  it('reads an empty file as no rows', async () => {
    expect(await batches(csv(''))).toEqual([]);
    expect(await batches(csv('\uFEFF\r\n\r\n'))).toEqual([]);
  });
});

/** A large CSV generated on demand, counting what has been pulled from it. */
function countingCsv(rows: number): { input: Readable; pulledBytes: () => number; totalBytes: number } {
  const header = 'NPI,Last Name,First Name,Date of Birth\r\n';
  const line = (i: number) => `${1_000_000_000 + i},Souza,Ana,1980-01-02\r\n`;
  let next = 0;
  let pulled = 0;
  const input = new Readable({
    read() {
      if (next > rows) return void this.push(null);
      let chunk = next === 0 ? header : '';
      if (next === 0) next = 1;
      for (let n = 0; n < 200 && next <= rows; n++) chunk += line(next++);
      pulled += Buffer.byteLength(chunk);
      this.push(chunk);
    },
  });
  return { input, pulledBytes: () => pulled, totalBytes: Buffer.byteLength(header) + rows * Buffer.byteLength(line(0)) };
}

describe('readRosterHeader (CSV)', () => {
  it('reads only as far as the first data row of a big file, then destroys the input', async () => {
    const { input, pulledBytes, totalBytes } = countingCsv(200_000);
    expect(totalBytes).toBeGreaterThan(6_000_000);

    const result = await readRosterHeader(input, 'CSV');

    expect(result).toEqual({ header: ['NPI', 'Last Name', 'First Name', 'Date of Birth'], hasDataRow: true });
    expect(pulledBytes()).toBeLessThan(totalBytes / 20);
    expect(input.destroyed).toBe(true);
  });

  it('finds the first data row after blank lines, and reports a header-only file', async () => {
    expect(await readRosterHeader(csv('\uFEFFNPI,Last Name\r\n\r\n,\r\n1,A\r\n'), 'CSV')).toEqual({ header: ['NPI', 'Last Name'], hasDataRow: true });
    expect(await readRosterHeader(csv('NPI,Last Name\r\n\r\n,\r\n'), 'CSV')).toEqual({ header: ['NPI', 'Last Name'], hasDataRow: false });
    expect(await readRosterHeader(csv(''), 'CSV')).toEqual({ header: [], hasDataRow: false });
  });

  it('rejects a malformed header with a RosterFileError', async () => {
    await expect(readRosterHeader(csv('NPI,"Last Name\r\n'), 'CSV')).rejects.toBeInstanceOf(RosterFileError);
  });
});
