import { ROSTER_COLUMNS, type RowError } from '@rosterlink/roster';
import { type MarkedRosterRow, RosterFileError, type RosterRowBatch } from '@rosterlink/roster-file';
import { markedRosterRows } from './marked-roster-rows';

const TEMPLATE: string[] = ROSTER_COLUMNS.map((column) => column.header);
const at = (header: string) => TEMPLATE.indexOf(header);

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function all(rows: AsyncIterable<MarkedRosterRow>): Promise<{ row: number; cells: unknown[]; notes: [number, string][] }[]> {
  const out = [];
  for await (const { row, cells, notes } of rows) out.push({ row, cells: [...cells], notes: [...notes] });
  return out;
}

const error = (row: number, column: string, message: string, code = 'SOME_CODE'): RowError => ({ row, column, code, message });

describe('markedRosterRows', () => {
  it('gives the header, then every row of the file under its own number with the notes of its errors', async () => {
    const batches: RosterRowBatch[] = [
      // A Terminate roster's columns, in an order of the file's own.
      { firstRow: 1, rows: [['Last Name', 'NPI', 'End Date', 'Service Location'], ['Souza', '1234567893', '2027-06-30', 'A'], ['Lee', '123', '2027-06-30', 'A']] },
      // Rows 4 and 5 were blank in the file; row 6 starts a new batch.
      { firstRow: 6, rows: [['Kim', '1234567893', '2027-06-30', 'B']] },
    ];
    const rows = await all(
      markedRosterRows(
        from(batches),
        from([
          error(3, 'NPI', 'NPI must be 10 digits'),
          error(5, 'Email', 'On a blank row?'),
          error(6, 'NPI', 'NPI 1234567893 is already on row 2', 'DUPLICATE_NPI'),
          error(6, 'Last Name', 'Too long'),
        ]),
        'TERMINATE',
      ),
    );
    const laid = (values: Record<string, string>) => TEMPLATE.map((header) => values[header] ?? null);
    expect(rows).toEqual([
      { row: 1, cells: TEMPLATE, notes: [] },
      { row: 2, cells: laid({ NPI: '1234567893', 'Last Name': 'Souza', 'End Date': '2027-06-30', 'Service Location': 'A' }), notes: [] },
      { row: 3, cells: laid({ NPI: '123', 'Last Name': 'Lee', 'End Date': '2027-06-30', 'Service Location': 'A' }), notes: [[at('NPI'), 'NPI must be 10 digits']] },
      { row: 5, cells: [], notes: [[at('Email'), 'On a blank row?']] },
      {
        row: 6,
        cells: laid({ NPI: '1234567893', 'Last Name': 'Kim', 'End Date': '2027-06-30', 'Service Location': 'B' }),
        notes: [
          [0, 'NPI 1234567893 is already on row 2'],
          [at('Last Name'), 'Too long'],
        ],
      },
    ]);
  });

  it('notes the errors of row 1 on the header, and errors past the last row on rows of their own', async () => {
    const rows = await all(
      markedRosterRows(
        from([{ firstRow: 1, rows: [['NPI', 'Nick']] }]),
        from([error(1, 'Nick', 'Column "Nick" is not in the roster template'), error(2, '', 'The file has a header but no practitioner rows')]),
        'ADD_UPDATE',
      ),
    );
    expect(rows).toEqual([
      { row: 1, cells: ['NPI', 'Nick'], notes: [[1, 'Column "Nick" is not in the roster template']] },
      { row: 2, cells: [], notes: [[0, 'The file has a header but no practitioner rows']] },
    ]);
  });

  it('ends the rows where the file cannot be read, and still notes every error', async () => {
    async function* brokenAfterRow2(): AsyncGenerator<RosterRowBatch> {
      yield { firstRow: 1, rows: [TEMPLATE, TEMPLATE.map(() => 'x')] };
      throw new RosterFileError('The XLSX file cannot be read (after row 2): it is damaged');
    }
    const rows = await all(
      markedRosterRows(brokenAfterRow2(), from([error(2, 'NPI', 'Bad NPI'), error(2, '', 'The XLSX file cannot be read (after row 2): it is damaged')]), 'ADD_UPDATE'),
    );
    expect(rows.map(({ row, notes }) => [row, notes])).toEqual([
      [1, []],
      [2, [[0, 'Bad NPI\nThe XLSX file cannot be read (after row 2): it is damaged']]],
    ]);
  });

  it('lays the template out when not even the header could be read', async () => {
    const unreadable: AsyncIterable<RosterRowBatch> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new RosterFileError('The CSV file is not UTF-8 text (line 1)')) }),
    };
    const rows = await all(markedRosterRows(unreadable, from([error(1, '', 'The CSV file is not UTF-8 text (line 1)')]), 'ADD_UPDATE'));
    expect(rows).toEqual([{ row: 1, cells: TEMPLATE, notes: [[0, 'The CSV file is not UTF-8 text (line 1)']] }]);
  });

  it('fails on any other failure of the file', async () => {
    async function* failing(): AsyncGenerator<RosterRowBatch> {
      yield { firstRow: 1, rows: [TEMPLATE] };
      throw new Error('EIO');
    }
    await expect(all(markedRosterRows(failing(), from([]), 'ADD_UPDATE'))).rejects.toThrow('EIO');
  });

  it('releases the file and the errors when its reader stops early', async () => {
    const released: string[] = [];
    async function* file(): AsyncGenerator<RosterRowBatch> {
      try {
        yield { firstRow: 1, rows: [TEMPLATE, TEMPLATE, TEMPLATE] };
      } finally {
        released.push('file');
      }
    }
    async function* errors(): AsyncGenerator<RowError> {
      try {
        yield error(3, 'NPI', 'x');
      } finally {
        released.push('errors');
      }
    }
    for await (const row of markedRosterRows(file(), errors(), 'ADD_UPDATE')) if (row.row === 2) break;
    expect(released.sort()).toEqual(['errors', 'file']);
  });
});
