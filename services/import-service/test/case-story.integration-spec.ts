import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { businessDateOf } from '@rosterlink/contracts';
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

// Groups of their own: other specs' cases never count here.
const GROUP = '110000086';
const OTHER_GROUP = '110000087';

describe('import-service: the story of a case (lists, timeline, file, summary)', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;
  let practiceManager: string;

  beforeAll(async () => {
    service = await startService(IMPORT_SERVICE);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
    practiceManager = await tokenFor(providerUser(`${GROUP}B`));
    await seedProviderMaster(probe, () => service.app.get(DataSource), GROUP, { pid: '210000961', npi: validNpi(961) });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  async function call(path: string, token = backOffice): Promise<{ status: number; body: any; bytes: Buffer; headers: Headers }> {
    const response = await fetch(`${service.baseUrl}${path}`, { method: path.endsWith('/process') ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: response.status, bytes, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : undefined };
  }

  /** Stores a roster file as upload-service would and announces it; resolves with the opened case. */
  async function openCase(content: string | Buffer, options: { groupId?: string; fileName?: string; supersedes?: string } = {}) {
    const { upload, bytes } = await announceRosterUpload(probe, content, {
      groupId: options.groupId ?? GROUP,
      fileName: options.fileName,
      supersedesCaseNumber: options.supersedes,
      uploadedBy: 'provider-61',
      uploadedAt: new Date(Date.now() - 1000),
    });
    const opened = await caseOpenedFor<any>(service, backOffice, upload.uploadId);
    return { opened, upload, bytes };
  }

  function processToEnd(caseNumber: string, token = backOffice) {
    return processCaseToEnd<any>(service, token, caseNumber);
  }


  it('tells the story of an upload processed to the end: uploader, file name, timeline oldest first', async () => {
    const { opened, upload } = await openCase(rosterCsv([rosterRow(961), rosterRow(962)]), { fileName: 'Harbor roster Nov.csv' });
    expect(opened).toMatchObject({ fileName: 'Harbor roster Nov.csv', uploadedBy: 'provider-61', uploadedAt: upload.uploadedAt });
    const done = await processToEnd(opened.caseNumber, practiceManager);
    expect(done.status).toBe('COMPLETED');
    expect(done.timeline.map((step: any) => step.event)).toEqual(['UPLOADED', 'OPENED', 'PROCESSING', 'COMPLETED']);
    expect(done.timeline[0]).toEqual({ at: upload.uploadedAt, event: 'UPLOADED', by: 'provider-61', detail: 'Harbor roster Nov.csv' });
    expect(done.timeline[2]).toMatchObject({ event: 'PROCESSING', by: providerUser(`${GROUP}B`).sub });
    expect(done.timeline[3]).toMatchObject({ by: null, detail: '2 rows: 2 created, 0 updated, 0 terminated' });
    const times = done.timeline.map((step: any) => Date.parse(step.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('tells of a rejection and a supersession, both ways', async () => {
    const { opened } = await openCase(rosterCsv([rosterRow(963, { NPI: '1234567890' })]));
    const rejected = await processToEnd(opened.caseNumber);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.timeline.at(-1)).toMatchObject({ event: 'REJECTED', detail: '1 error in 1 rows; nothing applied' });

    const revision = await openCase(rosterCsv([rosterRow(963)]), { supersedes: opened.caseNumber });
    expect(revision.opened.supersedesCaseNumber).toBe(opened.caseNumber);
    const replaced = await eventually(async () => {
      const { body } = await call(`/cases/${opened.caseNumber}`);
      if (body.status !== 'SUPERSEDED') throw new Error(`still ${body.status}`);
      return body;
    });
    expect(replaced.supersededByCaseNumber).toBe(revision.opened.caseNumber);
    expect(replaced.timeline.at(-1)).toMatchObject({ event: 'SUPERSEDED', detail: `Replaced by the revised file of ${revision.opened.caseNumber}` });
    const listed = (await call(`/cases?q=${opened.caseNumber}`)).body;
    expect(listed).toMatchObject({ total: 1, items: [{ caseNumber: opened.caseNumber, supersededByCaseNumber: revision.opened.caseNumber }] });
  });

  it('rejects a roster with a NUL character at once, as a row error, instead of failing the job attempt after attempt', async () => {
    const { opened } = await openCase(rosterCsv([rosterRow(964, { 'Last Name': 'Sou\u0000za' }), rosterRow(965)]));
    const done = await processToEnd(opened.caseNumber);
    expect(done).toMatchObject({ status: 'REJECTED', counts: { rows: 2, errors: 1 } });
    expect(done.timeline.filter((step: any) => step.event === 'PROCESSING')).toHaveLength(1);
    const { body } = await call(`/cases/${opened.caseNumber}/errors`);
    expect(body.items).toEqual([expect.objectContaining({ row: 2, column: 'Last Name', code: 'INVALID_CHARACTER' })]);
  });

  it('finds cases by file name, case number and practitioner, in the asked order, with the total of every match', async () => {
    const marker = randomUUID().slice(0, 8);
    const first = await openCase(rosterCsv([rosterRow(966)]), { fileName: `Clinic ${marker} A.csv` });
    const second = await openCase(rosterCsv([rosterRow(967)]), { fileName: `clinic ${marker.toUpperCase()} b.csv` });
    await processToEnd(second.opened.caseNumber);

    const byName = (await call(`/cases?q=${encodeURIComponent(`CLINIC ${marker}`)}&limit=1`)).body;
    expect(byName.total).toBe(2);
    expect(byName.items.map((c: any) => c.caseNumber)).toEqual([second.opened.caseNumber]);
    const oldestFirst = (await call(`/cases?q=${marker}&sort=createdAt`)).body;
    expect(oldestFirst.items.map((c: any) => c.caseNumber)).toEqual([first.opened.caseNumber, second.opened.caseNumber]);
    const byStatus = (await call(`/cases?q=${marker}&sort=status`)).body;
    expect(byStatus.items.map((c: any) => c.status)).toEqual(['COMPLETED', 'NEW']);
    // A wildcard in q is text, not a pattern.
    expect((await call(`/cases?q=${encodeURIComponent('%')}${marker}`)).body.total).toBe(0);
    expect((await call(`/cases?q=${first.opened.caseNumber.toLowerCase()}`)).body.items.map((c: any) => c.caseNumber)).toEqual([first.opened.caseNumber]);

    const byNpi = (await call(`/cases?npi=${validNpi(967)}`)).body;
    expect(byNpi.items.map((c: any) => c.caseNumber)).toEqual([second.opened.caseNumber]);
    expect((await call(`/cases?npi=${validNpi(967)}`, await tokenFor(providerUser(`${OTHER_GROUP}A`)))).body.total).toBe(0);

    const today = businessDateOf(new Date());
    const todays = (await call(`/cases?q=${marker}&createdFrom=${today}&createdTo=${today}`)).body;
    expect(todays.total).toBe(2);
    expect((await call(`/cases?q=${marker}&createdTo=2020-01-01`)).body.total).toBe(0);
    expect((await call(`/cases?q=${marker}&createdFrom=2999-01-01`)).body.total).toBe(0);
  });

  it('downloads the roster file as uploaded: same bytes, its content type, the uploaded name', async () => {
    const csv = await openCase(rosterCsv([rosterRow(968)]), { fileName: 'Zoë "final".csv' });
    const file = await call(`/cases/${csv.opened.caseNumber}/file`, practiceManager);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(csv.bytes)).toBe(true);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="Zo_ 'final'.csv"; filename*=UTF-8''Zo%C3%AB%20%22final%22.csv`);

    const xlsx = await openCase(await rosterXlsx([rosterRow(969)]), { fileName: 'roster.xlsx' });
    const workbook = await call(`/cases/${xlsx.opened.caseNumber}/file`);
    expect(workbook.bytes.equals(xlsx.bytes)).toBe(true);
    expect(workbook.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.headers.get('content-disposition')).toBe('attachment; filename="roster.xlsx"');
  });

  it('keeps another group’s cases, files and story out of a provider user’s reach (404)', async () => {
    const theirs = await openCase(rosterCsv([rosterRow(970)]), { groupId: OTHER_GROUP });
    for (const path of [`/cases/${theirs.opened.caseNumber}`, `/cases/${theirs.opened.caseNumber}/file`, `/cases?groupId=${OTHER_GROUP}`]) {
      expect([path, (await call(path, practiceManager)).status]).toEqual([path, 404]);
    }
    expect((await call(`/cases?q=${theirs.opened.caseNumber}`, practiceManager)).body.total).toBe(0);
    expect((await call('/cases/RI-2026-999999/file')).status).toBe(404);
  });

  it('counts every case by status for the back office only', async () => {
    const summary = await call('/cases/summary');
    expect(summary.status).toBe(200);
    expect(Object.keys(summary.body.byStatus).sort()).toEqual(['COMPLETED', 'FAILED', 'NEW', 'PROCESSING', 'REJECTED', 'SUPERSEDED']);
    expect(summary.body.total).toBe(Object.values<number>(summary.body.byStatus).reduce((a, b) => a + b, 0));
    expect(summary.body.byStatus.COMPLETED).toBeGreaterThanOrEqual(1);
    expect((await call('/cases/summary', practiceManager)).status).toBe(403);
  });

  it('answers 400 naming the field for a bad parameter, never 500', async () => {
    for (const [query, field] of [
      ['npi=123', 'npi'],
      ['createdFrom=2026-02-30', 'createdFrom'],
      ['createdTo=yesterday', 'createdTo'],
      ['createdFrom=2026-12-02&createdTo=2026-12-01', 'createdFrom'],
      ['sort=fileName', 'sort'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=', 'q'],
      ['q=a%00b', 'q'],
      ['color=red', 'color'],
    ]) {
      const { status, body } = await call(`/cases?${query}`);
      expect([query, status, JSON.stringify(body).includes(field)]).toEqual([query, 400, true]);
    }
  });
});
