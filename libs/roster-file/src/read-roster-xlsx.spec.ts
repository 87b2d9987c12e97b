import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { readRosterHeader, readRosterRows, type RosterCell } from './read-roster';
import { rosterReading } from './read-roster.test-helpers';

/** A workbook as exceljs writes it: the worksheets come before the shared strings in the archive. */
async function xlsx(build: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same workbook with shared strings and styles first, so that worksheets stream straight from the zip. */
async function streamableOrder(file: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  const reordered = new JSZip();
  for (const name of [...first, ...names.filter((name) => !first.includes(name))]) {
    const part = zip.file(name);
    if (part) reordered.file(name, await part.async('nodebuffer'));
  }
  return reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function chunked(bytes: Buffer, size = 16 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

const { batches, numbered, failure } = rosterReading('XLSX');

/** A large workbook written by hand, parts in streaming order: shared strings first, then the sheet. */
async function handWrittenWorkbook(rows: number, name = (row: number) => `Name ${row}`): Promise<Buffer> {
  const zip = new JSZip();
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${relationships}"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}" count="2" uniqueCount="2"><si><t>NPI</t></si><si><t>Last Name</t></si></sst>`);
  const data: string[] = [];
  for (let r = 2; r <= rows + 1; r++) data.push(`<row r="${r}"><c r="A${r}"><v>${1_000_000_000 + r}</v></c><c r="B${r}" t="inlineStr"><is><t>${name(r)}</t></is></c></row>`);
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>${data.join('')}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const HEADER = ['NPI', 'Last Name', 'First Name', 'Date of Birth', 'Effective Date', 'Email', 'Phone', 'Gender', 'Notes'];

function roster(workbook: Workbook): void {
  const sheet = workbook.addWorksheet('Roster');
  sheet.addRow(HEADER);
  sheet.addRow([
    1234567893, // an NPI typed into Excel: a number
    { richText: [{ text: 'Souza-' }, { font: { bold: true }, text: 'Lima' }] },
    'Ana',
    new Date(Date.UTC(1980, 0, 2)),
    { formula: 'DATE(2026,12,1)', result: new Date(Date.UTC(2026, 11, 1)) },
    { text: 'ana@example.com', hyperlink: 'mailto:ana@example.com' },
    { formula: '6175550000+123', result: 6175550123 },
    { formula: 'LEFT("Female",1)', result: 'F' },
    true,
  ]);
  sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
  sheet.getCell('E2').numFmt = 'mm/dd/yyyy';
  // Row 3 is left empty; row 4 has holes and an error cell.
  sheet.getRow(4).values = [1234567894, 'Lee', null, null, new Date(Date.UTC(2026, 0, 15)), null, null, { error: '#N/A' }];
  sheet.getCell('E4').numFmt = 'mm/dd/yyyy';
  sheet.getRow(6).values = ['', '  '];
  sheet.getRow(7).values = [1234567895, 'Kim'];

  const other = workbook.addWorksheet('Lists');
  other.addRow(['Provider Type']);
  other.addRow(['PHYSICIAN']);
}

const EXPECTED_ROSTER: [number, RosterCell[]][] = [
  [1, HEADER],
  [2, [1234567893, 'Souza-Lima', 'Ana', new Date(Date.UTC(1980, 0, 2)), new Date(Date.UTC(2026, 11, 1)), 'ana@example.com', 6175550123, 'F', 'TRUE']],
  [4, [1234567894, 'Lee', null, null, new Date(Date.UTC(2026, 0, 15)), null, null, '#N/A']],
  [7, [1234567895, 'Kim']],
];

// Workbooks are generated and unzipped in each test: allow for a loaded CI machine.
jest.setTimeout(30_000);

describe('readRosterRows (XLSX)', () => {
  it('reads the first sheet with real row numbers and normalised cells; the second sheet is ignored', async () => {
    const file = await xlsx(roster);
    expect(await numbered(chunked(file))).toEqual(EXPECTED_ROSTER);
    expect(await batches(chunked(file))).toEqual([
      { firstRow: 1, rows: [EXPECTED_ROSTER[0][1], EXPECTED_ROSTER[1][1]] },
      { firstRow: 4, rows: [EXPECTED_ROSTER[2][1]] },
      { firstRow: 7, rows: [EXPECTED_ROSTER[3][1]] },
    ]);
  });

  it('reads the same when the worksheets stream straight from the archive', async () => {
    expect(await numbered(chunked(await streamableOrder(await xlsx(roster))))).toEqual(EXPECTED_ROSTER);
  });

  it('takes the first sheet in tab order, not the first part in the archive', async () => {
    const zip = await JSZip.loadAsync(await xlsx(roster)); // sheet1.xml = Roster, sheet2.xml = Lists
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const sheets = workbookXml.match(/<sheet [^>]*\/>/g) ?? [];
    expect(sheets).toHaveLength(2);
    zip.file('xl/workbook.xml', workbookXml.replace(sheets[0] + sheets[1], sheets[1] + sheets[0]));
    const reordered = await zip.generateAsync({ type: 'nodebuffer' });

    expect(await numbered(chunked(reordered))).toEqual([
      [1, ['Provider Type']],
      [2, ['PHYSICIAN']],
    ]);
  });

  it('keeps characters that straddle chunk boundaries whole', async () => {
    const name = (i: number) => `José Müller-Łukasz 日本語 ${i}`;
    const file = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('Roster');
      sheet.addRow(['NPI', 'Last Name']);
      for (let i = 0; i < 20_000; i++) sheet.addRow([1_000_000_000 + i, name(i)]);
    });
    for (const bytes of [file, await streamableOrder(file)]) {
      const rows = await numbered(chunked(bytes, 4096));
      expect(rows).toHaveLength(20_001);
      expect(rows.filter(([row, cells]) => row > 1 && cells[1] !== name(row - 2))).toEqual([]);
    }
  });

  it('keeps characters that straddle chunk boundaries whole in inline strings too', async () => {
    const name = (row: number) => `Łukasz Müller-José 日本語 ${row}`;
    const rows = await numbered(chunked(await handWrittenWorkbook(20_000, name), 4096));
    expect(rows).toHaveLength(20_001);
    expect(rows.filter(([row, cells]) => row > 1 && cells[1] !== name(row))).toEqual([]);
  });

  it('batches a long sheet a thousand rows at a time', async () => {
    const file = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('Roster');
      sheet.addRow(['NPI']);
      for (let i = 0; i < 2100; i++) sheet.addRow([i]);
    });
    expect((await batches(chunked(file))).map((b) => [b.firstRow, b.rows.length])).toEqual([
      [1, 1000],
      [1001, 1000],
      [2001, 101],
    ]);
  });

  it('reads a workbook stored without compression, as SheetJS writes by default', async () => {
    const zip = await JSZip.loadAsync(await xlsx(roster));
    for (const stored of [
      await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }),
      await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE', streamFiles: true }), // sizes after the data
    ]) {
      expect(await numbered(Readable.from([stored]))).toEqual(EXPECTED_ROSTER);
    }
  });

  it('rejects a ZIP archive that is not a workbook', async () => {
    const plain = new JSZip();
    plain.file('roster.csv', 'NPI,Last Name\r\n');
    const error = await failure(chunked(await plain.generateAsync({ type: 'nodebuffer' })));
    expect(error.message).toMatch(/ZIP archive but not an Excel workbook/);
  });

  it('rejects a workbook whose workbook part is missing', async () => {
    const zip = await JSZip.loadAsync(await xlsx(roster));
    zip.remove('xl/workbook.xml');
    const error = await failure(chunked(await zip.generateAsync({ type: 'nodebuffer' })));
    expect(error.message).toMatch(/not an Excel workbook: it has no workbook part/);
  });

  it('rejects a workbook whose first sheet is missing', async () => {
    const zip = await JSZip.loadAsync(await xlsx(roster));
    zip.remove('xl/worksheets/sheet1.xml');
    expect((await failure(chunked(await zip.generateAsync({ type: 'nodebuffer' })))).message).toMatch(/first sheet is not a worksheet/);
  });

  it('rejects bytes that are not a ZIP archive, and a cut-short file', async () => {
    expect((await failure(chunked(Buffer.from('NPI,Last Name\r\n')))).message).toMatch(/not a ZIP archive/);
    const file = await xlsx(roster);
    expect((await failure(chunked(file.subarray(0, Math.floor(file.length / 2))))).message).toMatch(/cut short/);
    const centralDirectory = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // cut between two parts
    expect((await failure(chunked(file.subarray(0, centralDirectory)))).message).toMatch(/cut short/);
    expect((await failure(chunked(Buffer.alloc(0)))).message).toMatch(/not a ZIP archive/);
  });

  it('passes a failure of the input stream on unchanged, without hanging', async () => {
    const file = await xlsx(roster);
    const broken = new Readable({
      read() {
        this.push(file.subarray(0, 2000));
        this.destroy(new Error('disk on fire'));
      },
    });
    await expect(batches(broken)).rejects.toThrow(new Error('disk on fire'));
  });

  it('releases the input when the caller stops early', async () => {
    const input = chunked(await streamableOrder(await xlsx(roster)), 512);
    for await (const batch of readRosterRows(input, 'XLSX')) {
      expect(batch.firstRow).toBe(1);
      break;
    }
    expect(input.destroyed).toBe(true);
  });
});

describe('readRosterHeader (XLSX)', () => {
  it('reads a hand-written workbook', async () => {
    expect(await numbered(chunked(await handWrittenWorkbook(3)))).toEqual([
      [1, ['NPI', 'Last Name']],
      [2, [1_000_000_002, 'Name 2']],
      [3, [1_000_000_003, 'Name 3']],
      [4, [1_000_000_004, 'Name 4']],
    ]);
  });

  it('reads the header and whether a data row follows', async () => {
    expect(await readRosterHeader(chunked(await xlsx(roster)), 'XLSX')).toEqual({ header: HEADER, hasDataRow: true });
    const headerOnly = await xlsx((workbook) => {
      workbook.addWorksheet('Roster').addRow(['NPI', 'Last Name']);
      workbook.addWorksheet('Other').addRow(['x']).commit();
    });
    expect(await readRosterHeader(chunked(headerOnly), 'XLSX')).toEqual({ header: ['NPI', 'Last Name'], hasDataRow: false });
  });

  it('stops reading a streamable workbook after the first data row', async () => {
    const file = await handWrittenWorkbook(100_000);
    const chunks: Buffer[] = [];
    for (let at = 0; at < file.length; at += 1024) chunks.push(file.subarray(at, at + 1024));
    expect(chunks.length).toBeGreaterThan(1000); // unzipping keeps about 100 KB in flight
    let pulled = 0;
    const input = new Readable({
      read() {
        this.push(chunks[pulled++] ?? null);
      },
    });

    expect(await readRosterHeader(input, 'XLSX')).toEqual({ header: ['NPI', 'Last Name'], hasDataRow: true });
    expect(pulled).toBeLessThan(chunks.length / 4);
    expect(input.destroyed).toBe(true);
  });

  it('leaves no temporary file behind when it stops early in a spooled workbook', async () => {
    const ours = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = await ours();
    expect(await readRosterHeader(chunked(await xlsx(roster)), 'XLSX')).toEqual({ header: HEADER, hasDataRow: true });
    await new Promise((resolve) => setTimeout(resolve, 200)); // exceljs' tmp removes files asynchronously
    expect((await ours()).filter((name) => !before.includes(name))).toEqual([]);
  });
});
