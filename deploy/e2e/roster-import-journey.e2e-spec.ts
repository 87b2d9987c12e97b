import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  ServiceProcess,
  tokenFor,
} from '@rosterlink/testing';

const GROUP = '110000001';
const SAMPLES = join(__dirname, '../../samples');

/** The seed's roster journey over the running services, with the sample rosters of the README. */
describe('roster uploads end to end', () => {
  const probe = new KafkaProbe();
  let upload: ServiceProcess;
  let importer: ServiceProcess;
  let manager: string;

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    [upload, importer] = await Promise.all([ServiceProcess.start('upload-service'), ServiceProcess.start('import-service')]);
    manager = await tokenFor(providerUser(`${GROUP}A`));
  });

  afterAll(async () => {
    await probe.close();
    await Promise.all([upload?.stop(), importer?.stop()]);
  });

  async function uploadRoster(file: Buffer | string, fileName: string, importType = 'ADD_UPDATE', extra: Record<string, string> = {}) {
    return eventually(async () => {
      const form = new FormData();
      form.append('groupId', GROUP);
      form.append('importType', importType);
      for (const [k, v] of Object.entries(extra)) form.append(k, v);
      form.append('file', new Blob([file]), fileName);
      const response = await fetch(`${upload.baseUrl}/roster-uploads`, { method: 'POST', headers: { authorization: `Bearer ${manager}` }, body: form });
      if (response.status === 404) throw new Error('group not known to upload-service yet');
      if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { uploadId: string }).uploadId;
    });
  }

  async function importerGet(path: string): Promise<any> {
    const response = await fetch(`${importer.baseUrl}${path}`, { headers: { authorization: `Bearer ${manager}` } });
    return response.json();
  }

  async function caseOfUpload(uploadId: string): Promise<{ caseNumber: string; status: string }> {
    return eventually(async () => {
      const { items } = await importerGet(`/cases?uploadId=${uploadId}`);
      if (!items?.[0]) throw new Error('case not opened yet');
      return items[0];
    });
  }

  async function processCase(caseNumber: string, timeoutMs = 60_000): Promise<any> {
    const response = await fetch(`${importer.baseUrl}/cases/${caseNumber}/process`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(response.status).toBe(202);
    return eventually(
      async () => {
        const found = await importerGet(`/cases/${caseNumber}`);
        if (found.status === 'NEW' || found.status === 'PROCESSING') throw new Error(found.status);
        return found;
      },
      { timeoutMs, intervalMs: 500 },
    );
  }

  it('rejects the sample with errors, then completes its revision and the terminations', async () => {
    const rejected = await caseOfUpload(await uploadRoster(await readFile(join(SAMPLES, 'roster-harbor-with-errors.csv')), 'roster.csv'));
    expect(rejected.status).toBe('NEW');
    const result = await processCase(rejected.caseNumber);
    expect(result.status).toBe('REJECTED');
    const errors = await importerGet(`/cases/${rejected.caseNumber}/errors?limit=100`);
    expect(new Set(errors.items.map((e: { row: number }) => e.row))).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    expect((await importerGet(`/groups/${GROUP}/practitioners`)).total).toBe(0);

    const revised = await caseOfUpload(
      await uploadRoster(await readFile(join(SAMPLES, 'roster-harbor-add.xlsx')), 'roster.xlsx', 'ADD_UPDATE', {
        supersedesCaseNumber: rejected.caseNumber,
      }),
    );
    expect(await processCase(revised.caseNumber)).toMatchObject({ status: 'COMPLETED', counts: { rows: 6, created: 6 } });
    expect((await importerGet(`/cases/${rejected.caseNumber}`)).status).toBe('SUPERSEDED');
    const tab = await importerGet(`/groups/${GROUP}/practitioners`);
    expect(tab.total).toBe(6);
    expect(new Set(tab.items.map((p: { status: string }) => p.status))).toEqual(new Set(['WAITING_FOR_CAQH', 'SUBMITTED']));

    const terminated = await caseOfUpload(
      await uploadRoster(await readFile(join(SAMPLES, 'roster-harbor-terminate.csv')), 'terminate.csv', 'TERMINATE'),
    );
    expect(await processCase(terminated.caseNumber)).toMatchObject({ status: 'COMPLETED', counts: { terminated: 1 } });
    expect((await importerGet(`/groups/${GROUP}/practitioners?status=TERMINATED`)).total).toBe(1);
  });

  it('processes a 100,000-row roster with bounded memory', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => rosterRow(200_000 + i, { 'Service Location': 'C' }));
    const opened = await caseOfUpload(await uploadRoster(rosterCsv(rows), 'big.csv'));
    const done = await processCase(opened.caseNumber, 300_000);
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { rows: 100_000, created: 100_000 } });
    const peak = await importer.peakRssMiB();
    console.log(`import-service peak RSS after a 100,000-row roster: ${peak} MiB`);
    // The file is 20 MB and its rows as objects would take several hundred MB: staying well under
    // that shows rows are streamed through, not held.
    expect(peak).toBeLessThan(450);
  });

  it('finishes a roster import whose worker was killed mid-job, applying it exactly once', async () => {
    const atB = async () => (await importerGet(`/groups/${GROUP}/practitioners?serviceLocation=B&limit=1`)).total as number;
    const before = await atB();
    const rows = Array.from({ length: 20_000 }, (_, i) => rosterRow(400_000 + i, { 'Service Location': 'B' }));
    const opened = await caseOfUpload(await uploadRoster(rosterCsv(rows), 'crash.csv'));
    const started = await fetch(`${importer.baseUrl}/cases/${opened.caseNumber}/process`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(backOfficeUser())}` },
    });
    expect(started.status).toBe(202);
    await eventually(async () => {
      if ((await importerGet(`/cases/${opened.caseNumber}`)).status !== 'PROCESSING') throw new Error('not processing yet');
    });
    await importer.kill();
    importer = await ServiceProcess.start('import-service');
    const done = await eventually(
      async () => {
        const found = await importerGet(`/cases/${opened.caseNumber}`);
        if (found.status !== 'COMPLETED') throw new Error(found.status);
        return found;
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
    expect(done.counts).toMatchObject({ rows: 20_000, created: 20_000 });
    expect(await atB()).toBe(before + 20_000);
  });
});
