import { Readable } from 'node:stream';
import type { Workbook } from 'exceljs';
import type { ImportType } from '@rosterlink/contracts';
import { ROSTER_COLUMNS, type RosterColumnKey } from '@rosterlink/roster';
import { readRosterRows, type RosterCell } from './read-roster';
import { rosterTemplateXlsx } from './roster-template';
import { completeRow, dropDownOf, HEADERS, loadWorkbook, rowProblems, type RowValues, sheetOf } from './roster-template.test-helpers';

const GROUP_LOCATIONS = ['A', 'B', 'D'];
type DropDownColumn = 'gender' | 'providerType' | 'licenseState' | 'serviceLocation';

/** What the drop-down of each column offers on the Roster sheet of a downloaded template. */
function dropDownValues(workbook: Workbook): Record<DropDownColumn, string[]> {
  const roster = sheetOf(workbook, 'Roster');
  const of = (key: RosterColumnKey) => {
    const values = dropDownOf(workbook, roster.getCell(2, ROSTER_COLUMNS.findIndex((column) => column.key === key) + 1))?.values;
    if (!values?.length) throw new Error(`no drop-down on ${key}`);
    return values;
  };
  return { gender: of('gender'), providerType: of('providerType'), licenseState: of('licenseState'), serviceLocation: of('serviceLocation') };
}

/** The template downloaded for the group, filled in on its Roster sheet as a practice manager would (exceljs as Excel), saved. */
async function filledTemplate(rowsOf: (lists: ReturnType<typeof dropDownValues>) => Array<Partial<Record<RosterColumnKey, RosterCell>>>) {
  const workbook = await loadWorkbook(await rosterTemplateXlsx({ serviceLocations: GROUP_LOCATIONS }));
  const rows = rowsOf(dropDownValues(workbook));
  const roster = sheetOf(workbook, 'Roster');
  rows.forEach((values, i) => {
    ROSTER_COLUMNS.forEach((column, c) => {
      const value = values[column.key];
      if (value !== undefined && value !== '') roster.getCell(2 + i, c + 1).value = value;
    });
  });
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), rows: rows.length };
}

/** Read back as an upload is (the first sheet, streamed), every row validated: the problems of all rows. */
async function uploadProblems(file: Buffer, importType: ImportType): Promise<{ rows: number; problems: string[] }> {
  let header: RosterCell[] | undefined;
  let rows = 0;
  const problems: string[] = [];
  for await (const batch of readRosterRows(Readable.from([file]), 'XLSX')) {
    batch.rows.forEach((cells, i) => {
      if (!header) {
        header = cells;
        return;
      }
      rows++;
      for (const problem of rowProblems(cells, importType, GROUP_LOCATIONS, header)) {
        problems.push(`row ${batch.firstRow + i} ${problem.column}: ${problem.message}`);
      }
    });
  }
  expect(header).toEqual(HEADERS);
  return { rows, problems };
}

describe('the xlsx template, downloaded, filled in with its drop-down values and uploaded', () => {
  it('passes validation on an Add/Update roster: every provider type, gender, state and location of the lists', async () => {
    const { file, rows } = await filledTemplate((lists) =>
      lists.licenseState.map((state, i): Partial<RowValues> => {
        const providerType = lists.providerType[i % lists.providerType.length];
        return completeRow(i + 1, {
          gender: lists.gender[i % lists.gender.length],
          providerType,
          licenseState: state,
          serviceLocation: lists.serviceLocation[i % lists.serviceLocation.length],
          endDate: '',
        });
      }),
    );
    expect(rows).toBe(56);
    expect(await uploadProblems(file, 'ADD_UPDATE')).toEqual({ rows: 56, problems: [] });
  });

  it('passes validation with what Excel makes of typed values: date cells, an NPI as a number, an ORP without a license', async () => {
    const { file } = await filledTemplate((lists) => [
      { ...completeRow(1, { serviceLocation: lists.serviceLocation[1] }), dateOfBirth: new Date(Date.UTC(1975, 0, 31)) },
      { ...completeRow(2, { providerType: 'ORP', licenseNumber: '', licenseState: '', licenseExpirationDate: '' }) },
      { ...completeRow(3), npi: Number(completeRow(3).npi), effectiveDate: new Date(Date.UTC(2026, 2, 2)) },
    ]);
    expect(await uploadProblems(file, 'ADD_UPDATE')).toEqual({ rows: 3, problems: [] });
  });

  it('passes validation on a Terminate roster filled in with only what Terminate requires', async () => {
    const { file } = await filledTemplate((lists) =>
      lists.serviceLocation.map((sl, i) => ({ npi: completeRow(i + 1).npi, serviceLocation: sl, endDate: '2026-12-31' })),
    );
    expect(await uploadProblems(file, 'TERMINATE')).toEqual({ rows: GROUP_LOCATIONS.length, problems: [] });
  });

  it('still refuses a row with a location outside the group (the drop-down is the group, so is the validator)', async () => {
    const { file } = await filledTemplate(() => [completeRow(1, { serviceLocation: 'C', endDate: '' })]);
    const { problems } = await uploadProblems(file, 'ADD_UPDATE');
    expect(problems).toEqual([expect.stringMatching(/^row 2 Service Location: Service Location C is not a location of this group/)]);
  });
});
