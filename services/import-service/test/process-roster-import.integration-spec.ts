import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { ImportType, PractitionerAffiliatedV1, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  rosterXlsx,
  RunningService,
  startService,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { seedProviderMaster } from './provider-master-fixture';
import { announceRosterUpload, caseOpenedFor, processToEnd as processCaseToEnd } from './roster-upload-fixture';
import { IMPORT_SERVICE } from '../src/app.module';

const GROUP = '110000021';
const OTHER_GROUP = '110000022';

interface CaseBody {
  caseNumber: string;
  status: string;
  counts: { rows: number; created: number; updated: number; terminated: number; errors: number };
}

describe('import-service: Process Roster Import', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;
  let practiceManager: string;

  beforeAll(async () => {
    service = await startService(IMPORT_SERVICE);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
    practiceManager = await tokenFor(providerUser(`${GROUP}B`));
    // Practitioner 2 is already credentialed in the provider master: no CAQH wait for them.
    await seedProviderMaster(probe, db, GROUP, { pid: '210000902', npi: validNpi(2) });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  function db(): DataSource {
    return service.app.get(DataSource);
  }

  async function call(method: string, path: string, token = backOffice): Promise<{ status: number; body: any; text: string }> {
    const response = await fetch(`${service.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    return { status: response.status, text, body: text.startsWith('{') ? JSON.parse(text) : undefined };
  }

  /** Stores a roster file as upload-service would and announces it; resolves with the opened case. */
  async function openCase(content: string | Buffer, importType: ImportType = 'ADD_UPDATE', groupId = GROUP): Promise<CaseBody> {
    const { upload } = await announceRosterUpload(probe, content, { groupId, importType });
    return caseOpenedFor(service, backOffice, upload.uploadId);
  }

  function processToEnd(caseNumber: string, token = backOffice): Promise<CaseBody> {
    return processCaseToEnd(service, token, caseNumber);
  }

  async function practitioners(groupId = GROUP, query = ''): Promise<any[]> {
    const { status, body } = await call('GET', `/groups/${groupId}/practitioners?limit=1000${query}`);
    expect(status).toBe(200);
    return body.items;
  }

  it('applies a clean CSV roster: practitioners Waiting for CAQH or Submitted, events announced', async () => {
    const opened = await openCase(
      rosterCsv([
        rosterRow(1),
        rosterRow(2, { 'Service Location': 'B' }),
        rosterRow(3, { 'Provider Type': 'PHYSICAL_THERAPIST', 'Primary Taxonomy': '225100000X' }),
      ]),
    );
    expect(opened.status).toBe('NEW');
    const done = await processToEnd(opened.caseNumber, practiceManager);
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { rows: 3, created: 3, updated: 0, terminated: 0, errors: 0 } });

    const byNpi = Object.fromEntries((await practitioners()).map((p) => [p.npi, p]));
    expect(byNpi[validNpi(1)]).toMatchObject({ status: 'WAITING_FOR_CAQH', serviceLocation: 'A', effectiveDate: '2027-01-04', lastName: 'Lastname1' });
    expect(byNpi[validNpi(2)]).toMatchObject({ status: 'SUBMITTED', serviceLocation: 'B' });
    expect(byNpi[validNpi(3)]).toMatchObject({ status: 'SUBMITTED', providerType: 'PHYSICAL_THERAPIST' });

    const completed = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterImportCompleted)).find((m) => m.value['caseNumber'] === opened.caseNumber);
      if (!found) throw new Error('completed not published yet');
      return found;
    });
    expect(completed.key).toBe(GROUP);
    expect(completed.value).toMatchObject({ status: 'COMPLETED', counts: { created: 3 } });
    const affiliated = (await probe.messages(Topics.PractitionerAffiliated)).filter((m) => m.value['caseNumber'] === opened.caseNumber);
    // One key, one partition: the events arrive in the roster's row order.
    expect(affiliated.map((m) => m.value['npi'])).toEqual([validNpi(1), validNpi(2), validNpi(3)]);
    expect(affiliated.every((m) => m.key === GROUP && m.value['change'] === 'ADDED')).toBe(true);
    // The payloads are built in SQL: each must be exactly what the event's class allows.
    for (const { value } of affiliated) {
      expect(await validate(plainToInstance(PractitionerAffiliatedV1, value), { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
    }
    expect(affiliated.find((m) => m.value['npi'] === validNpi(1))?.value).toEqual({
      groupId: GROUP,
      serviceLocation: 'A',
      npi: validNpi(1),
      firstName: 'First1',
      lastName: 'Lastname1',
      providerType: 'PHYSICIAN',
      change: 'ADDED',
      status: 'WAITING_FOR_CAQH',
      effectiveDate: '2027-01-04',
      caseNumber: opened.caseNumber,
      affiliatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const ids = affiliated.map((m) => m.headers['ce_id']);
    expect(new Set(ids).size).toBe(3);
    expect(affiliated.every((m) => m.headers['ce_type'] === Topics.PractitionerAffiliated && m.headers['ce_source'] === '/rosterlink/import-service')).toBe(true);
  });

  it('applies an xlsx roster with date cells, and updates a practitioner already in the group', async () => {
    const opened = await openCase(
      await rosterXlsx([
        rosterRow(1, { 'Date of Birth': new Date(Date.UTC(1975, 5, 1)), 'Effective Date': new Date(Date.UTC(2027, 1, 1)) }),
        rosterRow(4),
      ]),
    );
    const done = await processToEnd(opened.caseNumber);
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { rows: 2, created: 1, updated: 1 } });
    const [updated] = await practitioners(GROUP, `&search=${validNpi(1)}`);
    expect(updated).toMatchObject({ npi: validNpi(1), effectiveDate: '2027-02-01' });
  });

  it('rejects a file with errors on many rows, lists every one, and writes nothing', async () => {
    const before = (await practitioners()).length;
    const opened = await openCase(
      rosterCsv([
        rosterRow(10),
        rosterRow(11, { NPI: '1234567890' }),
        rosterRow(12, { 'Date of Birth': '2015-01-01', 'Service Location': 'Z' }),
        rosterRow(13, { 'Provider Type': 'WIZARD' }),
        rosterRow(10, { 'First Name': 'Again' }),
        rosterRow(14, { 'Last Name': '=HYPERLINK("http://example.invalid")' }),
      ]),
    );
    const done = await processToEnd(opened.caseNumber);
    expect(done.status).toBe('REJECTED');
    const { body } = await call('GET', `/cases/${opened.caseNumber}/errors?limit=100`);
    const found = body.items.map((e: any) => [e.row, e.column, e.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        [3, 'NPI', 'INVALID_NPI_CHECK_DIGIT'],
        [4, 'Date of Birth', 'UNDER_18'],
        [4, 'Service Location', 'UNKNOWN_SERVICE_LOCATION'],
        [5, 'Provider Type', 'INVALID_PROVIDER_TYPE'],
        [6, 'NPI', 'DUPLICATE_NPI'],
      ]),
    );
    expect(done.counts.errors).toBe(body.total);
    expect(body.items.map((e: any) => e.row)).toEqual([...body.items.map((e: any) => e.row)].sort((a, b) => a - b));
    expect((await practitioners()).length).toBe(before);

    const descending = await call('GET', `/cases/${opened.caseNumber}/errors?sort=-row&limit=1`);
    expect(descending.body.items[0].row).toBe(Math.max(...body.items.map((e: any) => e.row)));
    const csv = await call('GET', `/cases/${opened.caseNumber}/errors.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toBe('Row,Column,Code,Message');
    expect(csv.text).toContain('DUPLICATE_NPI');
  });

  it('stages awkward values through COPY and stores them exactly: tabs, backslashes, line breaks, unicode, empty vs null', async () => {
    const awkward = [
      { 'First Name': 'Tab\there', 'Last Name': 'Back\\slash \\N \\t', 'Middle Name': 'Line one\nline two', Suffix: 'CR\r\nLF' },
      { 'First Name': 'Zoë', 'Last Name': 'Ñúñez-名前 🩺', 'Middle Name': '', Suffix: '\\N', 'License Number': 'MD "7", #2; 50%' },
      { 'First Name': '\\', 'Last Name': "O'Brien\t\\\tx", 'Middle Name': '""', Suffix: '' },
    ];
    const opened = await openCase(rosterCsv(awkward.map((values, i) => rosterRow(60 + i, values))));
    expect(await processToEnd(opened.caseNumber)).toMatchObject({ status: 'COMPLETED', counts: { rows: 3, created: 3, errors: 0 } });
    const stored = await db().query(
      `SELECT first_name, last_name, middle_name, suffix, license_number FROM roster_import.practitioners
       WHERE group_id = $1 AND npi = ANY($2::text[]) ORDER BY npi = $3 DESC, npi = $4 DESC`,
      [GROUP, [validNpi(60), validNpi(61), validNpi(62)], validNpi(60), validNpi(61)],
    );
    expect(stored).toEqual([
      { first_name: 'Tab\there', last_name: 'Back\\slash \\N \\t', middle_name: 'Line one\nline two', suffix: 'CR\r\nLF', license_number: 'MD100060' },
      // An empty cell is null; the two characters \N are text, never null.
      { first_name: 'Zoë', last_name: 'Ñúñez-名前 🩺', middle_name: null, suffix: '\\N', license_number: 'MD "7", #2; 50%' },
      { first_name: '\\', last_name: "O'Brien\t\\\tx", middle_name: '""', suffix: null, license_number: 'MD100062' },
    ]);
  });

  it('rejects a file whose text holds a NUL character (which PostgreSQL text cannot store) at once, as a row error, applying none of it', async () => {
    // Upload refuses such files; one that reached the store anyway is a row error, never a retried failure.
    const rows = Array.from({ length: 1500 }, (_, i) => rosterRow(70_000 + i));
    rows[1200] = rosterRow(71_200, { 'Middle Name': 'Nul\u0000Here' });
    const opened = await openCase(rosterCsv(rows));
    expect(await processToEnd(opened.caseNumber)).toMatchObject({ status: 'REJECTED', counts: { errors: 1 } });
    const [{ n }] = await db().query(
      'SELECT count(*)::int AS n FROM roster_import.practitioners WHERE group_id = $1 AND npi = $2',
      [GROUP, validNpi(70_000)],
    );
    expect(n).toBe(0);
  });

  it('rejects a file of 20,000 bad rows among good ones, recording every error in row order, and applies nothing', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => {
      const n = 100_000 + i;
      if (i % 5 === 0) return rosterRow(n); // valid rows between the bad ones keep the staging COPY going
      if (i % 7 === 0) return rosterRow(n, { 'Provider Type': 'WIZARD', 'Service Location': 'Z' }); // two errors on one row
      return rosterRow(n, { 'Provider Type': 'WIZARD' });
    });
    rows[12_345] = rosterRow(100_000); // the NPI of the first row again, in the middle of the file
    const opened = await openCase(rosterCsv(rows));
    const done = await processToEnd(opened.caseNumber);

    // Spreadsheet rows (header = 1) of the bad rows, and of the two-error ones among them.
    const bad = rows.map((_, i) => i).filter((i) => i % 5 !== 0).map((i) => i + 2);
    const twoErrors = new Set(bad.filter((row) => (row - 2) % 7 === 0));
    expect(done).toMatchObject({ status: 'REJECTED', counts: { rows: 25_000, created: 0, updated: 0, terminated: 0 } });
    const recorded: { seq: number; row_number: number; column_name: string; code: string; message: string }[] = await db().query(
      'SELECT seq, row_number, column_name, code, message FROM roster_import.case_errors WHERE case_number = $1 ORDER BY seq',
      [opened.caseNumber],
    );
    expect(recorded).toHaveLength(done.counts.errors);
    expect(recorded.length).toBeGreaterThanOrEqual(bad.length + twoErrors.size + 1);
    expect(recorded.map((e) => e.seq)).toEqual(recorded.map((_, i) => i + 1));
    // Row order: the spreadsheet row of each error never goes back, whichever check found it.
    expect(recorded.every((e, i) => i === 0 || e.row_number >= recorded[i - 1].row_number)).toBe(true);
    // Every bad row has its errors, and only the bad rows and the repeated NPI have any.
    expect([...new Set(recorded.map((e) => e.row_number))]).toEqual([...bad, 12_347].sort((a, b) => a - b));
    const codesOf = new Map<number, string[]>();
    for (const e of recorded) codesOf.set(e.row_number, [...(codesOf.get(e.row_number) ?? []), e.code]);
    for (const row of bad) {
      expect([row, codesOf.get(row)]).toEqual([
        row,
        expect.arrayContaining(twoErrors.has(row) ? ['INVALID_PROVIDER_TYPE', 'UNKNOWN_SERVICE_LOCATION'] : ['INVALID_PROVIDER_TYPE']),
      ]);
    }
    expect(recorded.find((e) => e.row_number === 12_347)).toEqual(
      expect.objectContaining({
        code: 'DUPLICATE_NPI',
        message: `NPI ${validNpi(100_000)} is already on row 2 (Service Location A); a practitioner may appear only once in a roster file.`,
      }),
    );
    const [{ n }] = await db().query(
      'SELECT count(*)::int AS n FROM roster_import.practitioners WHERE group_id = $1 AND npi = ANY($2::text[])',
      [GROUP, [validNpi(100_000), validNpi(100_005), validNpi(124_995)]],
    );
    expect(n).toBe(0);
  });

  it('lets a revised file replace a rejected case, which can then no longer be processed', async () => {
    const rejected = await openCase(rosterCsv([rosterRow(20, { NPI: '1234567890' })]));
    expect((await processToEnd(rejected.caseNumber)).status).toBe('REJECTED');

    const revision = await openRevision(rosterCsv([rosterRow(21)]), rejected.caseNumber);
    await eventually(async () => {
      const { body } = await call('GET', `/cases/${rejected.caseNumber}`);
      if (body.status !== 'SUPERSEDED') throw new Error(`still ${body.status}`);
    });
    const refused = await call('POST', `/cases/${rejected.caseNumber}/process`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('SUPERSEDED');
    expect((await processToEnd(revision.caseNumber)).status).toBe('COMPLETED');
  });

  async function openRevision(content: string, supersedesCaseNumber: string): Promise<CaseBody> {
    const { upload } = await announceRosterUpload(probe, content, { groupId: GROUP, fileName: 'revised.csv', supersedesCaseNumber });
    return caseOpenedFor(service, backOffice, upload.uploadId);
  }


  it('says so when Process is clicked again, and refuses a case that is not NEW', async () => {
    const opened = await openCase(rosterCsv([rosterRow(30)]));
    const first = await call('POST', `/cases/${opened.caseNumber}/process`);
    const second = await call('POST', `/cases/${opened.caseNumber}/process`);
    expect(first.status).toBe(202);
    // The second click lands while the job runs (a no-op that says so) or after it finished (409).
    if (second.status === 202) expect(second.body).toMatchObject({ started: false, message: expect.stringContaining('already') });
    else expect(second.status).toBe(409);
    await eventually(async () => {
      const { body } = await call('GET', `/cases/${opened.caseNumber}`);
      if (body.status !== 'COMPLETED') throw new Error(body.status);
    });
    const after = await call('POST', `/cases/${opened.caseNumber}/process`);
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ status: 'COMPLETED' });
  });

  it('terminates practitioners of the group and refuses to terminate one it does not have', async () => {
    const refused = await openCase(
      rosterCsv([{ NPI: validNpi(3), 'Service Location': 'A', 'End Date': '2027-06-30' }, { NPI: validNpi(99), 'Service Location': 'A', 'End Date': '2027-06-30' }], ['NPI', 'Service Location', 'End Date']),
      'TERMINATE',
    );
    const rejected = await processToEnd(refused.caseNumber);
    expect(rejected.status).toBe('REJECTED');
    const { body } = await call('GET', `/cases/${refused.caseNumber}/errors`);
    expect(body.items).toEqual([expect.objectContaining({ row: 3, code: 'NOT_IN_GROUP' })]);
    expect((await practitioners(GROUP, '&status=TERMINATED')).length).toBe(0);

    const accepted = await openCase(
      rosterCsv([{ NPI: validNpi(3), 'Service Location': 'A', 'End Date': '2027-06-30' }], ['NPI', 'Service Location', 'End Date']),
      'TERMINATE',
    );
    expect(await processToEnd(accepted.caseNumber)).toMatchObject({ status: 'COMPLETED', counts: { terminated: 1 } });
    expect(await practitioners(GROUP, '&status=TERMINATED')).toEqual([
      expect.objectContaining({ npi: validNpi(3), endDate: '2027-06-30', status: 'TERMINATED' }),
    ]);
    // The termination row carries only NPI, location and end date; the event tells who it was.
    const terminated = await eventually(async () => {
      const found = (await probe.messages(Topics.PractitionerAffiliated)).find((m) => m.value['caseNumber'] === accepted.caseNumber);
      if (!found) throw new Error('practitioner.affiliated.v1 not published yet');
      return found;
    });
    expect(terminated.value).toMatchObject({
      npi: validNpi(3),
      firstName: 'First3',
      lastName: 'Lastname3',
      providerType: 'PHYSICAL_THERAPIST',
      change: 'TERMINATED',
      status: 'TERMINATED',
      effectiveDate: '2027-01-04',
      endDate: '2027-06-30',
    });
    expect(await validate(plainToInstance(PractitionerAffiliatedV1, terminated.value), { forbidNonWhitelisted: true, whitelist: true })).toEqual([]);
  });

  it('answers 404 to a user of another group on every case and practitioner endpoint', async () => {
    const opened = await openCase(rosterCsv([rosterRow(40)]));
    const stranger = await tokenFor(providerUser(`${OTHER_GROUP}A`));
    for (const [method, path] of [
      ['GET', `/cases/${opened.caseNumber}`],
      ['GET', `/cases/${opened.caseNumber}/errors`],
      ['GET', `/cases/${opened.caseNumber}/errors.csv`],
      ['GET', `/cases/${opened.caseNumber}/errors.xlsx`],
      ['POST', `/cases/${opened.caseNumber}/process`],
      ['GET', `/groups/${GROUP}/practitioners`],
    ]) {
      expect([path, (await call(method, path, stranger)).status]).toEqual([path, 404]);
    }
    expect((await call('GET', `/cases/${opened.caseNumber}`)).body.status).toBe('NEW');
  });

  it('finishes with the same result when the database connection dies mid-job', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => rosterRow(1000 + i));
    const opened = await openCase(rosterCsv(rows));
    expect((await call('POST', `/cases/${opened.caseNumber}/process`)).status).toBe(202);
    // Kill the backend running the import transaction as soon as it has staged rows.
    await eventually(
      async () => {
        const [{ killed }] = await db().query(
          `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
             AND query ILIKE '%roster_rows%'`,
        );
        if (killed === 0) throw new Error('import transaction not seen yet');
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    const done = await eventually(
      async () => {
        const { body } = await call('GET', `/cases/${opened.caseNumber}`);
        if (body.status !== 'COMPLETED') throw new Error(body.status);
        return body;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(done.counts).toMatchObject({ rows: 3000, created: 3000 });
    const [{ n }] = await db().query(
      `SELECT count(*)::int AS n FROM roster_import.practitioners WHERE group_id = $1 AND last_case_number = $2`,
      [GROUP, opened.caseNumber],
    );
    expect(n).toBe(3000);
    const events = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterImportCompleted)).filter((m) => m.value['caseNumber'] === opened.caseNumber);
      if (found.length === 0) throw new Error('completed not published yet');
      return found;
    });
    expect(events).toHaveLength(1);
  });
});
