import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import {
  eventually,
  groupPractice,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  rosterXlsx,
  RunningService,
  startKafka,
  startService,
  stopKafka,
  testStack,
  tokenFor,
} from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';
import { SweepRosterFiles } from '../src/sweep-roster-files/sweep-roster-files.task';

const GROUP = '110000001';
const ROSTER_CSV = rosterCsv([rosterRow(1)]);

describe('upload-service: POST /roster-uploads', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let token: string;

  beforeAll(async () => {
    service = await startService(UPLOAD_SERVICE, { UPLOAD_MAX_BYTES: '16384' });
    probe = new KafkaProbe();
    token = await tokenFor(providerUser(`${GROUP}A`));
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    // The group is known once upload-service has consumed the provider master.
    await eventually(async () => {
      const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv([rosterRow(999)]));
      if (response.status === 404) throw new Error('group not projected yet');
    });
  });

  afterAll(async () => {
    await probe.close();
    await service.stop();
  });

  async function upload(
    fields: Record<string, string>,
    content: string | Buffer,
    bearer = token,
    fileName = 'roster.csv',
  ): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([content]), fileName);
    return fetch(`${service.baseUrl}/roster-uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}` },
      body: form,
    });
  }

  async function uploadsOf(groupId: string): Promise<number> {
    const [row] = await service.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM roster_upload.roster_uploads WHERE group_id = $1', [groupId]);
    return row.n;
  }

  it('accepts a roster and publishes roster.uploaded.v1 keyed by the group, with CloudEvents headers', async () => {
    const csv = rosterCsv([rosterRow(2), rosterRow(3)]);
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, csv);
    expect(response.status).toBe(202);
    const body = (await response.json()) as { uploadId: string; sha256: string };
    expect(body).toEqual({
      uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'ACCEPTED',
      sha256: createHash('sha256').update(csv).digest('hex'),
    });

    const message = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterUploaded)).find((m) => m.value['uploadId'] === body.uploadId);
      if (!found) throw new Error('roster.uploaded.v1 not published yet');
      return found;
    });
    expect(message.key).toBe(GROUP);
    expect(message.headers).toMatchObject({
      ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ce_type: 'roster.uploaded.v1',
      ce_source: '/rosterlink/upload-service',
      ce_specversion: '1.0',
      'content-type': 'application/json',
    });
    expect(Date.parse(message.headers['ce_time'])).not.toBeNaN();
    expect(message.value).toMatchObject({
      groupId: GROUP,
      importType: 'ADD_UPDATE',
      fileFormat: 'CSV',
      fileName: 'roster.csv',
      sizeBytes: Buffer.byteLength(csv),
      sha256: body.sha256,
      uploadedBy: providerUser(`${GROUP}A`).sub,
    });
  });

  it('shows an upload to its group, with its case number once import-service has opened the case', async () => {
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv([rosterRow(41)]));
    expect(response.status).toBe(202);
    const { uploadId } = (await response.json()) as { uploadId: string };
    const view = (bearer = token) => fetch(`${service.baseUrl}/roster-uploads/${uploadId}`, { headers: { authorization: `Bearer ${bearer}` } });

    const before = await view();
    expect(before.status).toBe(200);
    const shown = (await before.json()) as Record<string, unknown>;
    expect(shown).toEqual({ uploadId, groupId: GROUP, importType: 'ADD_UPDATE', fileName: 'roster.csv', status: 'ACCEPTED', uploadedAt: expect.any(String) });

    await probe.publish(Topics.RosterImportCaseCreated, GROUP, {
      caseNumber: 'RI-2026-004101', uploadId, groupId: GROUP, importType: 'ADD_UPDATE', status: 'NEW', createdAt: new Date().toISOString(),
    });
    const opened = await eventually(async () => {
      const body = (await (await view()).json()) as { caseNumber?: string; caseStatus?: string };
      if (!body.caseNumber) throw new Error('case not tracked yet');
      return body;
    });
    expect(opened).toMatchObject({ caseNumber: 'RI-2026-004101', caseStatus: 'NEW' });

    // Another group's user, and an upload that does not exist: the same 404; a malformed id: 400.
    const outsider = await view(await tokenFor(providerUser('110000099A')));
    expect(outsider.status).toBe(404);
    expect(((await outsider.json()) as { message: string }).message).toBe(`Upload ${uploadId} not found`);
    const missing = await fetch(`${service.baseUrl}/roster-uploads/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(404);
    expect((await fetch(`${service.baseUrl}/roster-uploads/not-a-uuid`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
  });

  it('publishes an upload committed while Kafka is down once the broker is back', async () => {
    await stopKafka();
    let uploadId: string;
    try {
      const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv([rosterRow(4)]));
      expect(response.status).toBe(202);
      uploadId = ((await response.json()) as { uploadId: string }).uploadId;
      const [pending] = await service.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM roster_upload.outbox WHERE published_at IS NULL AND payload->>'uploadId' = $1`,
          [uploadId],
        );
      expect(pending.n).toBe(1);
    } finally {
      await startKafka();
    }
    const published = await eventually(
      async () => {
        const found = (await probe.messages(Topics.RosterUploaded)).filter((m) => m.value['uploadId'] === uploadId);
        if (found.length === 0) throw new Error('not yet published');
        return found;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(published).toHaveLength(1);
  });

  it('refuses a request without a token with 401 in the contract error shape', async () => {
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, ROSTER_CSV, 'not-a-token');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it('answers 404 for a group outside the caller’s grants and stores nothing', async () => {
    const response = await upload({ groupId: '110000002', importType: 'ADD_UPDATE' }, ROSTER_CSV);
    expect(response.status).toBe(404);
    expect(await uploadsOf('110000002')).toBe(0);
  });

  it('names an unknown form field and a bad import type', async () => {
    const response = await upload({ groupId: GROUP, importType: 'REPLACE', colour: 'blue' }, ROSTER_CSV);
    expect(response.status).toBe(400);
    const { details } = (await response.json()) as { details: { field: string }[] };
    const fields = details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['importType', 'colour']));
  });

  it('refuses a file over the size limit with 413', async () => {
    const before = await uploadsOf(GROUP);
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv(Array.from({ length: 200 }, (_, i) => rosterRow(100 + i))));
    expect(response.status).toBe(413);
    expect(await uploadsOf(GROUP)).toBe(before);
  });

  it('refuses binary content that is neither CSV nor xlsx with 422', async () => {
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, Buffer.from([0x00, 0xff, 0x10, 0x00, 0x7f]));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { details: unknown[] }).details[0]).toMatchObject({ field: 'file' });
  });

  it('serves the approved template as CSV and xlsx without a token', async () => {
    const csv = await fetch(`${service.baseUrl}/roster-template.csv`);
    expect(csv.status).toBe(200);
    const header = (await csv.text()).trim().split(',');
    expect(header[0]).toBe('NPI');
    expect(header).toContain('Service Location');
    const xlsx = await fetch(`${service.baseUrl}/roster-template.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('accepts an xlsx roster', async () => {
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, await rosterXlsx([rosterRow(5)]), token, 'roster.xlsx');
    expect(response.status).toBe(202);
  });

  it('names every missing, unknown and duplicated column, with a suggestion for a near miss', async () => {
    const csv = 'NPI,Frist Name,Last Name,Last Name,Provider Type\r\n1234567893,Ana,Souza,Souza,PHYSICIAN\r\n';
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, csv);
    expect(response.status).toBe(422);
    const { details } = (await response.json()) as { details: { code: string; column: string; message: string }[] };
    const byCode = (code: string) => details.filter((d) => d.code === code).map((d) => d.column);
    expect(byCode('UNKNOWN_COLUMN')).toEqual(['Frist Name']);
    expect(details.find((d) => d.code === 'UNKNOWN_COLUMN')?.message).toContain('First Name');
    expect(byCode('DUPLICATE_COLUMN')).toEqual(['Last Name']);
    expect(byCode('MISSING_COLUMN')).toEqual(
      expect.arrayContaining(['First Name', 'Date of Birth', 'Primary Taxonomy', 'Service Location', 'Effective Date']),
    );
  });

  it('refuses a template with no practitioner rows', async () => {
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv([]));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { details: { code: string }[] }).details[0].code).toBe('NO_DATA_ROWS');
  });

  it('answers 404 for a granted group the provider master does not know', async () => {
    const stranger = await tokenFor(providerUser('199999999A'));
    const response = await upload({ groupId: '199999999', importType: 'ADD_UPDATE' }, ROSTER_CSV, stranger);
    expect(response.status).toBe(404);
  });

  it('refuses the same file for the same group while its case is open, naming the case', async () => {
    const csv = rosterCsv([rosterRow(6)]);
    const first = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, csv);
    expect(first.status).toBe(202);
    const { uploadId } = (await first.json()) as { uploadId: string };
    expect((await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, csv)).status).toBe(409);

    await probe.publish(Topics.RosterImportCaseCreated, GROUP, {
      caseNumber: 'RI-2026-900001', uploadId, groupId: GROUP, importType: 'ADD_UPDATE', status: 'NEW', createdAt: new Date().toISOString(),
    });
    const named = await eventually(async () => {
      const again = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, csv);
      const body = (await again.json()) as { caseNumber?: string; message: string };
      if (again.status !== 409 || !body.caseNumber) throw new Error('case not known yet');
      return body;
    });
    expect(named.caseNumber).toBe('RI-2026-900001');
    expect(named.message).toContain('RI-2026-900001');

    await probe.publish(Topics.RosterImportCompleted, GROUP, {
      caseNumber: 'RI-2026-900001', uploadId, groupId: GROUP, importType: 'ADD_UPDATE', status: 'COMPLETED',
      counts: { rows: 1, created: 1, updated: 0, terminated: 0, errors: 0 }, completedAt: new Date().toISOString(),
    });
    await eventually(async () => {
      const again = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, csv);
      if (again.status !== 202) throw new Error(`still ${again.status}`);
    });
  });

  it('lets a revised file replace only a NEW or REJECTED case of the same group', async () => {
    const rejected = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv([rosterRow(7)]));
    const { uploadId } = (await rejected.json()) as { uploadId: string };
    await probe.publish(Topics.RosterImportCompleted, GROUP, {
      caseNumber: 'RI-2026-900002', uploadId, groupId: GROUP, importType: 'ADD_UPDATE', status: 'REJECTED',
      counts: { rows: 1, created: 0, updated: 0, terminated: 0, errors: 3 }, completedAt: new Date().toISOString(),
    });
    const revised = await eventually(async () => {
      const response = await upload(
        { groupId: GROUP, importType: 'ADD_UPDATE', supersedesCaseNumber: 'RI-2026-900002' },
        rosterCsv([rosterRow(8)]),
      );
      if (response.status === 422) throw new Error('case not known yet');
      return response;
    });
    expect(revised.status).toBe(202);

    const unknown = await upload(
      { groupId: GROUP, importType: 'ADD_UPDATE', supersedesCaseNumber: 'RI-2026-999999' },
      rosterCsv([rosterRow(9)]),
    );
    expect(unknown.status).toBe(422);
  });
  describe('hostile and careless clients', () => {
    const store = () => testStack().fileStoreDir;
    const incoming = () => (existsSync(join(store(), 'incoming')) ? readdirSync(join(store(), 'incoming')) : []);
    const stored = (content: string) => {
      const sha256 = createHash('sha256').update(content).digest('hex');
      return existsSync(join(store(), 'sha256', sha256.slice(0, 2), sha256));
    };

    /** Sends the head of a multipart upload over a raw socket, then goes away. */
    function abandonedUpload(declaredBytes: number): Promise<string> {
      const boundary = 'abandoned';
      const body =
        `--${boundary}\r\nContent-Disposition: form-data; name="groupId"\r\n\r\n${GROUP}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n\r\n` +
        rosterCsv([rosterRow(40), rosterRow(41)]);
      const { port } = new URL(service.baseUrl);
      return new Promise((resolve) => {
        let answer = '';
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /roster-uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
              `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${declaredBytes}\r\n\r\n${body}`,
          );
          setTimeout(() => socket.destroy(), 300);
        });
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => undefined);
      });
    }

    it('stays up, and keeps no temporary file, when clients go away mid-upload', async () => {
      const before = await uploadsOf(GROUP);
      await Promise.all(Array.from({ length: 20 }, () => abandonedUpload(10_000)));
      await eventually(async () => {
        if (incoming().length > 0) throw new Error(`temporary files left: ${incoming().length}`);
      });
      expect((await fetch(`${service.baseUrl}/health`)).status).toBe(200);
      expect(await uploadsOf(GROUP)).toBe(before);
      expect((await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, rosterCsv([rosterRow(42)]))).status).toBe(202);
    });

    it('refuses a declared Content-Length over the limit before reading the body', async () => {
      const answer = await abandonedUpload(2 * 1024 * 1024 * 1024);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('larger than the limit');
    });

    it('puts nothing in the file store for a refused upload', async () => {
      const content = rosterCsv([rosterRow(43)]);
      const refused = await upload({ groupId: GROUP, importType: 'ADD_UPDATE', supersedesCaseNumber: 'RI-2026-999998' }, content);
      expect(refused.status).toBe(422);
      expect(stored(content)).toBe(false);
      expect(incoming()).toEqual([]);
    });

    it('sweeps what a crash left: a stale file still being received, a stored file no upload refers to; never a referenced one', async () => {
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      const keptContent = rosterCsv([rosterRow(45)]);
      expect((await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, keptContent)).status).toBe(202);
      const keptSha = createHash('sha256').update(keptContent).digest('hex');
      const orphanSha = createHash('sha256').update('died before its commit').digest('hex');
      const orphan = join(store(), 'sha256', orphanSha.slice(0, 2), orphanSha);
      mkdirSync(join(store(), 'sha256', orphanSha.slice(0, 2)), { recursive: true });
      writeFileSync(orphan, 'died before its commit');
      const stale = join(store(), 'incoming', 'died-mid-upload');
      const fresh = join(store(), 'incoming', 'still-arriving');
      writeFileSync(stale, 'half a roster');
      writeFileSync(fresh, 'an upload in progress');
      for (const path of [orphan, stale, join(store(), 'sha256', keptSha.slice(0, 2), keptSha)]) utimesSync(path, twoHoursAgo, twoHoursAgo);

      expect(await service.app.get(SweepRosterFiles).sweep()).toEqual({ temporary: 1, orphans: 1 });
      expect([existsSync(orphan), existsSync(stale), existsSync(fresh), stored(keptContent)]).toEqual([false, false, true, true]);
      writeFileSync(fresh, '');
      utimesSync(fresh, twoHoursAgo, twoHoursAgo);
      await service.app.get(SweepRosterFiles).sweep();
    });

    it.each([['__proto__'], ['constructor']])('refuses a form field named %s as unknown', async (name) => {
      const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE', [name]: 'x' }, rosterCsv([rosterRow(44)]));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { details: { field: string }[] }).details).toEqual([expect.objectContaining({ field: name })]);
    });
  });
});
