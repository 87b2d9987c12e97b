import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import { parseTraceparent } from '@rosterlink/messaging';
import {
  eventually,
  groupPractice,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  RunningService,
  startService,
  tokenFor,
} from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';

const GROUP = '119000015';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;

/**
 * W3C trace context from the HTTP request into the outbox row's headers and on as the Kafka
 * message's `traceparent` header: the same trace id, a new span at each hop.
 */
describe('upload-service: trace context from HTTP through the outbox to Kafka', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let token: string;

  beforeAll(async () => {
    service = await startService(UPLOAD_SERVICE);
    probe = new KafkaProbe();
    token = await tokenFor(providerUser(`${GROUP}A`));
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    await eventually(async () => {
      const response = await upload(rosterCsv([rosterRow(999)]));
      if (response.status === 404) throw new Error('group not projected yet');
    });
  });

  afterAll(async () => {
    await probe.close();
    await service.stop();
  });

  function upload(content: string, traceparent?: string): Promise<Response> {
    const form = new FormData();
    form.append('groupId', GROUP);
    form.append('importType', 'ADD_UPDATE');
    form.append('file', new Blob([content]), 'roster.csv');
    return fetch(`${service.baseUrl}/roster-uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(traceparent ? { traceparent } : {}) },
      body: form,
    });
  }

  async function outboxHeaders(eventId: string): Promise<Record<string, string>> {
    const [row] = await service.app.get(DataSource).query('SELECT headers FROM roster_upload.outbox WHERE event_id = $1', [eventId]);
    return row.headers;
  }

  async function publishedFor(uploadId: string) {
    return eventually(async () => {
      const found = (await probe.messages(Topics.RosterUploaded)).find((m) => m.value['uploadId'] === uploadId);
      if (!found) throw new Error('roster.uploaded.v1 not published yet');
      return found;
    });
  }

  it('carries the request\'s trace id into the outbox row and the Kafka message, and answers with it', async () => {
    const response = await upload(rosterCsv([rosterRow(7)]), TRACEPARENT);
    expect(response.status).toBe(202);
    const answered = parseTraceparent(response.headers.get('traceparent'));
    expect(answered?.traceId).toBe(TRACE_ID);
    expect(answered?.spanId).not.toBe('b7ad6b7169203331');
    const { uploadId } = (await response.json()) as { uploadId: string };

    const message = await publishedFor(uploadId);
    const sent = parseTraceparent(message.headers['traceparent']);
    expect(sent?.traceId).toBe(TRACE_ID);
    // The event is a hop of its own: neither the caller's span nor the request's.
    expect(sent?.spanId).not.toBe('b7ad6b7169203331');
    expect(sent?.spanId).not.toBe(answered?.spanId);
    expect((await outboxHeaders(message.headers['ce_id']))['traceparent']).toBe(message.headers['traceparent']);
  });

  it('starts a new trace when the request has none, or a malformed one', async () => {
    for (const given of [undefined, `00-${TRACE_ID.toUpperCase()}-b7ad6b7169203331-01`]) {
      const response = await upload(rosterCsv([rosterRow(given ? 8 : 9)]), given);
      expect(response.status).toBe(202);
      const answered = parseTraceparent(response.headers.get('traceparent'));
      expect(answered?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(answered?.traceId).not.toBe(TRACE_ID);
      const { uploadId } = (await response.json()) as { uploadId: string };
      const message = await publishedFor(uploadId);
      expect(parseTraceparent(message.headers['traceparent'])?.traceId).toBe(answered?.traceId);
    }
  });
});
