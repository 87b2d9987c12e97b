import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import {
  eventually,
  KafkaProbe,
  providerUser,
  RunningService,
  startKafka,
  startService,
  stopKafka,
  tokenFor,
} from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';

const GROUP = '110000001';
const ROSTER_CSV = 'NPI,Last Name,First Name\r\n1234567893,Souza,Ana\r\n';

describe('upload-service: POST /roster-uploads', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let token: string;

  beforeAll(async () => {
    service = await startService(UPLOAD_SERVICE, { UPLOAD_MAX_BYTES: '4096' });
    probe = new KafkaProbe();
    token = await tokenFor(providerUser(`${GROUP}A`));
  });

  afterAll(async () => {
    await probe.close();
    await service.stop();
  });

  async function upload(fields: Record<string, string>, content: string | Buffer, bearer = token): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([content]), 'roster.csv');
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
    const csv = `${ROSTER_CSV}1497758544,Lee,Jin\r\n`;
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

  it('publishes an upload committed while Kafka is down once the broker is back', async () => {
    await stopKafka();
    let uploadId: string;
    try {
      const response = await upload({ groupId: GROUP, importType: 'TERMINATE' }, `${ROSTER_CSV}# outage\r\n`);
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
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, 'x'.repeat(5000));
    expect(response.status).toBe(413);
    expect(await uploadsOf(GROUP)).toBe(before);
  });

  it('refuses binary content that is neither CSV nor xlsx with 422', async () => {
    const response = await upload({ groupId: GROUP, importType: 'ADD_UPDATE' }, Buffer.from([0x00, 0xff, 0x10, 0x00, 0x7f]));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { details: unknown[] }).details[0]).toMatchObject({ field: 'file' });
  });
});
