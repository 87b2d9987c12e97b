import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RosterUploadedV1, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  KafkaProbe,
  providerUser,
  RunningService,
  startService,
  tokenFor,
} from '@rosterlink/testing';
import { IMPORT_SERVICE } from '../src/app.module';

interface CaseBody {
  caseNumber: string;
  uploadId: string;
  groupId: string;
  status: string;
  counts: Record<string, number>;
}

function rosterUploaded(overrides: Partial<RosterUploadedV1> = {}): RosterUploadedV1 {
  return {
    uploadId: randomUUID(),
    groupId: '110000001',
    importType: 'ADD_UPDATE',
    fileFormat: 'CSV',
    fileName: 'roster.csv',
    sizeBytes: 120,
    sha256: 'a'.repeat(64),
    storageKey: `sha256/aa/${'a'.repeat(64)}`,
    uploadedBy: 'provider-1',
    uploadedAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('import-service: a roster.uploaded.v1 event opens a roster-import case', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;

  beforeAll(async () => {
    service = await startService(IMPORT_SERVICE);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  async function get(path: string, token = backOffice): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }

  async function casesOfUpload(uploadId: string): Promise<CaseBody[]> {
    const { status, body } = await get(`/cases?uploadId=${uploadId}`);
    expect(status).toBe(200);
    return body.items;
  }

  async function caseOf(uploadId: string): Promise<CaseBody> {
    return eventually(async () => {
      const [found] = await casesOfUpload(uploadId);
      if (!found) throw new Error(`no case yet for upload ${uploadId}`);
      return found;
    });
  }

  it('opens one NEW case with a contract case number and announces it', async () => {
    const upload = rosterUploaded();
    await probe.publish(Topics.RosterUploaded, upload.groupId, upload);

    const opened = await caseOf(upload.uploadId);
    expect(opened).toMatchObject({
      caseNumber: expect.stringMatching(/^RI-\d{4}-\d{6}$/),
      groupId: upload.groupId,
      status: 'NEW',
      counts: { rows: 0, created: 0, updated: 0, terminated: 0, errors: 0 },
    });
    expect((await get(`/cases/${opened.caseNumber}`)).body.uploadId).toBe(upload.uploadId);

    const announced = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterImportCaseCreated)).find((m) => m.value['uploadId'] === upload.uploadId);
      if (!found) throw new Error('case-created not published yet');
      return found;
    });
    expect(announced.key).toBe(upload.groupId);
    expect(announced.value).toMatchObject({ caseNumber: opened.caseNumber, status: 'NEW' });
  });

  it('opens one case when the same event is delivered twice, or the same upload comes under a new event id', async () => {
    const upload = rosterUploaded();
    const eventId = randomUUID();
    await probe.publish(Topics.RosterUploaded, upload.groupId, upload, eventId);
    await probe.publish(Topics.RosterUploaded, upload.groupId, upload, eventId);
    await probe.publish(Topics.RosterUploaded, upload.groupId, upload);
    // A later event on the same partition proves the three before it were consumed.
    const marker = rosterUploaded();
    await probe.publish(Topics.RosterUploaded, marker.groupId, marker);
    await caseOf(marker.uploadId);

    expect(await casesOfUpload(upload.uploadId)).toHaveLength(1);
    const [inbox] = await service.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM roster_import.inbox WHERE event_id = $1', [eventId]);
    expect(inbox.n).toBe(1);
  });

  it('dead-letters a malformed event with its reason and goes on with the next one', async () => {
    const bad = rosterUploaded({ groupId: '12345' });
    const badId = await probe.publish(Topics.RosterUploaded, '12345', bad);
    const good = rosterUploaded();
    await probe.publish(Topics.RosterUploaded, good.groupId, good);

    await caseOf(good.uploadId);
    const deadLetter = await eventually(async () => {
      const found = (await probe.messages(`${Topics.RosterUploaded}.dlq`)).find((m) => m.headers['ce_id'] === badId);
      if (!found) throw new Error('not dead-lettered yet');
      return found;
    });
    expect(deadLetter.headers['dlq_reason']).toContain('groupId');
    expect(deadLetter.headers['dlq_consumer']).toBe('import-service');
    expect(await casesOfUpload(bad.uploadId)).toHaveLength(0);
  });

  it('opens every case exactly once for events that arrived while the service was stopped', async () => {
    await service.stop();
    const uploads = Array.from({ length: 5 }, () => rosterUploaded({ groupId: '110000003' }));
    for (const upload of uploads) await probe.publish(Topics.RosterUploaded, upload.groupId, upload);
    service = await startService(IMPORT_SERVICE);

    for (const upload of uploads) await caseOf(upload.uploadId);
    const { body } = await get('/cases?groupId=110000003');
    expect(body.total).toBe(5);
    expect(new Set(body.items.map((c: CaseBody) => c.uploadId))).toEqual(new Set(uploads.map((u) => u.uploadId)));
  });

  it('shows a provider user only the cases of their groups, and 404 for another group', async () => {
    const mine = rosterUploaded({ groupId: '110000004' });
    const theirs = rosterUploaded({ groupId: '110000005' });
    await probe.publish(Topics.RosterUploaded, mine.groupId, mine);
    await probe.publish(Topics.RosterUploaded, theirs.groupId, theirs);
    await caseOf(mine.uploadId);
    const other = await caseOf(theirs.uploadId);
    const token = await tokenFor(providerUser('110000004B'));

    const listed = await get('/cases', token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: CaseBody) => c.groupId)).toEqual(['110000004']);
    expect((await get(`/cases/${other.caseNumber}`, token)).status).toBe(404);
    expect((await get('/cases?groupId=110000005', token)).status).toBe(404);
  });

  it('lists cases most recent first', async () => {
    const first = rosterUploaded({ groupId: '110000006' });
    const second = rosterUploaded({ groupId: '110000006' });
    await probe.publish(Topics.RosterUploaded, first.groupId, first);
    await probe.publish(Topics.RosterUploaded, second.groupId, second);
    await caseOf(second.uploadId);
    await caseOf(first.uploadId);
    const { body } = await get('/cases?groupId=110000006&limit=1');
    expect(body.total).toBe(2);
    expect(body.items.map((c: CaseBody) => c.uploadId)).toEqual([second.uploadId]);
  });
});
