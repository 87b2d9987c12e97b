import { once } from 'node:events';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { Workbook } from 'exceljs';
import { readRosterRows, type RosterCell } from './read-roster';
import { MarkedRosterRow, RosterErrorLine, rosterErrorsWorkbook } from './roster-errors-workbook';

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const none = new Map<number, string>();

describe('rosterErrorsWorkbook', () => {
  const rows: MarkedRosterRow[] = [
    { row: 1, cells: ['NPI', 'Last Name', 'Date of Birth', 'Extra'], notes: none },
    { row: 2, cells: ['0123456789', 'Souza', new Date(Date.UTC(1980, 3, 12)), null], notes: new Map([[0, 'NPI check digit is wrong']]) },
    // Row 3 is blank in the file: it stays an empty row, so that row numbers match the Errors sheet.
    { row: 4, cells: [1234567893, '=HYPERLINK("http://example.invalid")', null], notes: new Map([[2, 'Date of Birth is required\nsecond problem']]) },
  ];
  const errors: RosterErrorLine[] = [
    { row: 2, column: 'NPI', code: 'INVALID_NPI_CHECK_DIGIT', message: 'NPI check digit is wrong' },
    { row: 4, column: 'Date of Birth', code: 'REQUIRED', message: 'Date of Birth is required' },
  ];

  async function written(content = { rows: from(rows), errors: () => from(errors) }): Promise<Buffer> {
    return buffer(rosterErrorsWorkbook(content));
  }

  it('writes the roster with its marked cells filled and noted, and the Errors sheet', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await written()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Roster', 'Errors']);

    const roster = workbook.worksheets[0];
    expect(roster.getRow(1).values).toEqual([undefined, 'NPI', 'Last Name', 'Date of Birth', 'Extra']);
    expect(roster.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect(roster.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(roster.getCell('A2').value).toBe('0123456789'); // text stays text: leading zero kept
    expect(roster.getCell('A2').numFmt).toBe('@'); // a template text column, as in the template
    expect(roster.getCell('C2').value).toEqual(new Date(Date.UTC(1980, 3, 12)));
    expect(roster.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(roster.getRow(3).cellCount).toBe(0);
    expect(roster.getCell('A4').value).toBe(1234567893);
    expect(roster.getCell('B4').value).toBe('=HYPERLINK("http://example.invalid")'); // text, never a formula

    const marked: Record<string, unknown> = {};
    roster.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.note !== undefined || (cell.fill as { pattern?: string } | undefined)?.pattern === 'solid') {
          marked[cell.address] = { note: cell.note, fill: cell.fill };
        }
      }),
    );
    const fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } };
    expect(marked).toEqual({
      A2: { note: 'NPI check digit is wrong', fill },
      C4: { note: 'Date of Birth is required\nsecond problem', fill },
    });

    const sheet = workbook.worksheets[1];
    const lines: unknown[] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
    expect(lines).toEqual([
      ['Row', 'Column', 'Code', 'Message'],
      [2, 'NPI', 'INVALID_NPI_CHECK_DIGIT', 'NPI check digit is wrong'],
      [4, 'Date of Birth', 'REQUIRED', 'Date of Birth is required'],
    ]);
  });

  it('is read back by the roster reader as the rows it was given: it can be uploaded as the revised file', async () => {
    const read: [number, RosterCell[]][] = [];
    for await (const batch of readRosterRows(Readable.from(await written()), 'XLSX')) {
      batch.rows.forEach((cells, i) => read.push([batch.firstRow + i, cells]));
    }
    expect(read).toEqual([
      [1, ['NPI', 'Last Name', 'Date of Birth', 'Extra']],
      [2, ['0123456789', 'Souza', new Date(Date.UTC(1980, 3, 12))]],
      [4, [1234567893, '=HYPERLINK("http://example.invalid")']],
    ]);
  });

  it('waits for a slow reader instead of reading every row ahead of it', async () => {
    const total = 20_000;
    let produced = 0;
    async function* many(): AsyncGenerator<MarkedRosterRow> {
      yield rows[0];
      for (let row = 2; row <= total; row++) {
        produced++;
        // Text that compresses poorly, as names and addresses do more than repeated words.
        yield { row, cells: [`${1_000_000_000 + row}`, `${(row * 7919).toString(36)} ${Math.random().toString(36)} ${Math.random().toString(36)}`], notes: none };
      }
    }
    // Buffers of 64 KiB instead of 4 MiB and 1 MiB: the same pacing, at a size this test can outgrow.
    const output = rosterErrorsWorkbook({ rows: many(), errors: () => from([]), buffers: { zipInputMaxBytes: 64 << 10, outputBytes: 64 << 10 } });
    // Nobody reads: production stops (the count holds still for half a second) well short of the whole roster,
    // however fast or slow this machine is.
    let whileNobodyReads = -1;
    for (let waited = 0; produced !== whileNobodyReads && waited < 30_000; waited += 500) {
      whileNobodyReads = produced;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(whileNobodyReads).toBe(produced);
    expect(whileNobodyReads).toBeLessThan(total / 2);

    let last: [number, RosterCell[]] | undefined;
    for await (const batch of readRosterRows(output, 'XLSX')) last = [batch.firstRow + batch.rows.length - 1, batch.rows[batch.rows.length - 1]];
    expect(produced).toBe(total - 1);
    expect(last?.[0]).toBe(total);
    expect(last?.[1][0]).toBe(`${1_000_000_000 + total}`);
  }, 60_000);

  it('stops reading the rows, and releases their source, when its reader goes away', async () => {
    let released = false;
    let produced = 0;
    async function* endless(): AsyncGenerator<MarkedRosterRow> {
      try {
        yield rows[0];
        for (let row = 2; ; row++) {
          produced++;
          yield { row, cells: [`${row}`, 'x'.repeat(200)], notes: new Map([[1, 'bad']]) };
        }
      } finally {
        released = true;
      }
    }
    const output = rosterErrorsWorkbook({ rows: endless(), errors: () => from([]) });
    output.once('data', () => output.destroy());
    await once(output, 'close');
    for (let i = 0; i < 50 && !released; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released).toBe(true);
    const stoppedAt = produced;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(produced).toBe(stoppedAt);
  });

  it('fails the stream when its rows fail', async () => {
    async function* failing(): AsyncGenerator<MarkedRosterRow> {
      yield rows[0];
      throw new Error('disk gone');
    }
    await expect(buffer(rosterErrorsWorkbook({ rows: failing(), errors: () => from([]) }))).rejects.toThrow('disk gone');
  });
});
