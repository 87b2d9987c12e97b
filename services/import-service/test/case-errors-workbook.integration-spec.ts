import { Workbook, type Worksheet } from 'exceljs';
import { DataSource } from 'typeorm';
import { ImportType } from '@rosterlink/contracts';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import { LocalDirectoryRosterFileStore } from '@rosterlink/roster-file';
import {
  backOfficeUser,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  rosterXlsx,
  RunningService,
  startService,
  testStack,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { seedProviderMaster } from './provider-master-fixture';
import { announceRosterUpload, caseOpenedFor, processToEnd as processCaseToEnd } from './roster-upload-fixture';
import { IMPORT_SERVICE } from '../src/app.module';

const GROUP = '110000026';
const OTHER_GROUP = '110000027';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE: string[] = ROSTER_COLUMNS.map((column) => column.header);
const MARKED_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4CCCC' } };

interface CaseError {
  row: number;
  column: string;
  code: string;
  message: string;
}

interface OpenedCase {
  caseNumber: string;
  storageKey: string;
}

/**
 * GET /cases/{caseNumber}/errors.xlsx against the real stack: a roster is stored as upload-service stores it,
 * processed to REJECTED, and its errors workbook downloaded and read back with exceljs.
 */
describe('import-service: the errors workbook of a case (errors.xlsx)', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;
  let practiceManager: string;
  let stranger: string;

  beforeAll(async () => {
    service = await startService(IMPORT_SERVICE);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
    practiceManager = await tokenFor(providerUser(`${GROUP}A`));
    stranger = await tokenFor(providerUser(`${OTHER_GROUP}A`));
    await seedProviderMaster(probe, db, GROUP, { pid: '210000926', npi: validNpi(2600) });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  function db(): DataSource {
    return service.app.get(DataSource);
  }

  async function get(path: string, token = backOffice): Promise<Response> {
    return fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  }

  /** Stores a roster file as upload-service would and announces it; resolves with the opened case. */
  async function openCase(content: string | Buffer, importType: ImportType = 'ADD_UPDATE'): Promise<OpenedCase> {
    const { upload } = await announceRosterUpload(probe, content, { groupId: GROUP, importType });
    const { caseNumber } = await caseOpenedFor(service, backOffice, upload.uploadId);
    return { caseNumber, storageKey: upload.storageKey };
  }

  async function processToEnd(caseNumber: string): Promise<string> {
    return (await processCaseToEnd(service, backOffice, caseNumber)).status;
  }


  async function errorsOf(caseNumber: string): Promise<CaseError[]> {
    const body = (await (await get(`/cases/${caseNumber}/errors?limit=1000`)).json()) as { items: CaseError[]; total: number };
    expect(body.items).toHaveLength(body.total);
    return body.items.map(({ row, column, code, message }: CaseError) => ({ row, column, code, message }));
  }

  async function downloadWorkbook(caseNumber: string, token = practiceManager): Promise<Workbook> {
    const response = await get(`/cases/${caseNumber}/errors.xlsx`, token);
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition')]).toEqual([
      200,
      XLSX_TYPE,
      `attachment; filename="${caseNumber}-errors.xlsx"`,
    ]);
    const workbook = new Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return workbook;
  }

  /** Every cell of the sheet that is filled or carries a note: address → what it shows. */
  function markedCells(sheet: Worksheet): Record<string, { note: unknown; fill: unknown }> {
    const marked: Record<string, { note: unknown; fill: unknown }> = {};
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const filled = (cell.fill as { pattern?: string } | undefined)?.pattern === 'solid';
        if (filled || cell.note !== undefined) marked[cell.address] = { note: cell.note, fill: filled ? cell.fill : undefined };
      }),
    );
    return marked;
  }

  /**
   * What the errors say must be marked, worked out here from the errors list alone: each error on the cell of its
   * template column in its row, an error about the whole row (a duplicate NPI) or of no template column on the row's
   * first cell; the messages of one cell one a line, in the list's order.
   */
  function expectedMarks(errors: CaseError[]): Record<string, { note: string; fill: unknown }> {
    const notes = new Map<string, string[]>();
    for (const error of errors) {
      const index = error.code === 'DUPLICATE_NPI' || !TEMPLATE.includes(error.column) ? 0 : TEMPLATE.indexOf(error.column);
      const address = `${String.fromCharCode(65 + index)}${error.row}`;
      notes.set(address, [...(notes.get(address) ?? []), error.message]);
    }
    return Object.fromEntries([...notes].map(([address, messages]) => [address, { note: messages.join('\n'), fill: MARKED_FILL }]));
  }

  function sheetLines(sheet: Worksheet): unknown[][] {
    const lines: unknown[][] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
    return lines;
  }

  /** The sheet's cells of `row` by template header (empty cells left out). */
  function rowByHeader(sheet: Worksheet, row: number): Record<string, unknown> {
    return Object.fromEntries(
      TEMPLATE.map((header, index) => [header, sheet.getRow(row).getCell(index + 1).value] as const).filter(([, value]) => value !== null && value !== undefined),
    );
  }

  it('marks exactly the cells of a rejected CSV roster that have errors, lays it out as the template, and lists its errors', async () => {
    // The file's columns in an order of its own (reversed): the workbook lays them out as the template does.
    const headers = [...TEMPLATE].reverse();
    const csv = rosterCsv(
      [
        rosterRow(2601), // row 2: valid
        rosterRow(2602, { NPI: '1234567890' }), // row 3: check digit
        rosterRow(2603, { 'Date of Birth': '2015-01-01', 'Service Location': 'Z' }), // row 4: two cells
        rosterRow(2604, { 'Provider Type': 'WIZARD', Email: 'not-an-address' }), // row 5: two cells
        rosterRow(2601, { 'First Name': 'Again' }), // row 6 → 7 (after the blank line): the NPI of row 2 again
        rosterRow(2605, { 'Date of Birth': 'yesterday' }), // row 8
      ],
      headers,
    );
    // A blank line after row 5: Excel shows it as row 6, so the rows after it are 7 and 8.
    const lines = csv.split('\r\n');
    const withBlankRow = [...lines.slice(0, 5), '', ...lines.slice(5)].join('\r\n');
    const opened = await openCase(withBlankRow);
    expect(await processToEnd(opened.caseNumber)).toBe('REJECTED');
    const errors = await errorsOf(opened.caseNumber);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual(
      expect.arrayContaining([
        [3, 'NPI', 'INVALID_NPI_CHECK_DIGIT'],
        [4, 'Date of Birth', 'UNDER_18'],
        [4, 'Service Location', 'UNKNOWN_SERVICE_LOCATION'],
        [5, 'Provider Type', 'INVALID_PROVIDER_TYPE'],
        [7, 'NPI', 'DUPLICATE_NPI'],
        [8, 'Date of Birth', 'INVALID_DATE'],
      ]),
    );

    const workbook = await downloadWorkbook(opened.caseNumber);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Roster', 'Errors']);
    const roster = workbook.worksheets[0];

    // The highlighted and noted cells are exactly the error cells, with their messages.
    const marked = markedCells(roster);
    expect(marked).toEqual(expectedMarks(errors));
    // NPI is column A, Date of Birth G, Provider Type H, Service Location O, Email R; the duplicate is noted on A7.
    expect(Object.keys(marked)).toEqual(expect.arrayContaining(['A3', 'G4', 'O4', 'H5', 'R5', 'A7', 'G8']));
    expect(marked['A7']?.note).toContain(`NPI ${validNpi(2601)} is already on row 2`);

    // The roster as the template lays it out: the template's header, every data row under its own number.
    expect((roster.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE);
    expect(rowByHeader(roster, 2)).toEqual(Object.fromEntries(Object.entries(rosterRow(2601)).filter(([, value]) => value !== '')));
    expect(rowByHeader(roster, 3)).toMatchObject({ NPI: '1234567890', 'Last Name': 'Lastname2602' });
    expect(roster.getRow(6).cellCount).toBe(0); // the blank row stays blank
    expect(rowByHeader(roster, 7)).toMatchObject({ NPI: validNpi(2601), 'First Name': 'Again' });
    expect(rowByHeader(roster, 8)).toMatchObject({ NPI: validNpi(2605), 'Date of Birth': 'yesterday' });
    expect(roster.actualRowCount).toBe(7);

    // The Errors sheet: the list GET /cases/{n}/errors answers, in its order.
    expect(sheetLines(workbook.worksheets[1])).toEqual([
      ['Row', 'Column', 'Code', 'Message'],
      ...errors.map((e) => [e.row, e.column, e.code, e.message]),
    ]);
  });

  it('keeps the date and number cells of an xlsx roster, and once the marked cells are fixed the sheet is accepted as the revised file', async () => {
    const opened = await openCase(
      await rosterXlsx([
        rosterRow(2611, { 'Date of Birth': new Date(Date.UTC(1975, 5, 1)), 'Effective Date': new Date(Date.UTC(2027, 1, 1)) }),
        rosterRow(2612, { NPI: '1234567890' }),
        rosterRow(2613, { 'Provider Type': 'WIZARD' }),
      ]),
    );
    expect(await processToEnd(opened.caseNumber)).toBe('REJECTED');
    const errors = await errorsOf(opened.caseNumber);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'NPI', 'INVALID_NPI_CHECK_DIGIT'],
      [4, 'Provider Type', 'INVALID_PROVIDER_TYPE'],
    ]);

    const workbook = await downloadWorkbook(opened.caseNumber);
    const roster = workbook.worksheets[0];
    expect(markedCells(roster)).toEqual(expectedMarks(errors));
    expect(rowByHeader(roster, 2)).toMatchObject({
      'Date of Birth': new Date(Date.UTC(1975, 5, 1)),
      'Effective Date': new Date(Date.UTC(2027, 1, 1)),
    });
    expect(roster.getCell(`${String.fromCharCode(65 + TEMPLATE.indexOf('Date of Birth'))}2`).numFmt).toBe('yyyy-mm-dd');

    // The practice fixes the marked cells and uploads the workbook as it is.
    roster.getCell('A3').value = validNpi(2612);
    roster.getCell(`${String.fromCharCode(65 + TEMPLATE.indexOf('Provider Type'))}4`).value = 'PHYSICIAN';
    const revised = await openCase(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(await processToEnd(revised.caseNumber)).toBe('COMPLETED');
    const done = (await (await get(`/cases/${revised.caseNumber}`)).json()) as { counts: Record<string, number> };
    expect(done.counts).toMatchObject({ rows: 3, created: 3, errors: 0 });
  });

  it('answers 404 to a user of another group, for a case that does not exist, and when the file is no longer stored', async () => {
    const opened = await openCase(rosterCsv([rosterRow(2621, { NPI: '1234567890' }), rosterRow(2622)]));
    expect(await processToEnd(opened.caseNumber)).toBe('REJECTED');
    expect((await get(`/cases/${opened.caseNumber}/errors.xlsx`, practiceManager)).status).toBe(200);

    const refused = await get(`/cases/${opened.caseNumber}/errors.xlsx`, stranger);
    expect([refused.status, ((await refused.json()) as { message: string }).message]).toEqual([404, `Case ${opened.caseNumber} not found`]);
    expect((await get('/cases/RI-2026-999999/errors.xlsx')).status).toBe(404);
    expect((await get(`/cases/${opened.caseNumber}/errors.xlsx`, '')).status).toBe(401);

    await new LocalDirectoryRosterFileStore(testStack().fileStoreDir).discard(opened.storageKey);
    const gone = await get(`/cases/${opened.caseNumber}/errors.xlsx`, practiceManager);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({
      statusCode: 404,
      message: `The roster file of case ${opened.caseNumber} is no longer stored, so its cells cannot be marked; download the errors as CSV instead`,
    });
    // The list and its CSV do not need the file.
    expect((await get(`/cases/${opened.caseNumber}/errors.csv`, practiceManager)).status).toBe(200);
  });
});
