import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Topics } from '@rosterlink/contracts';
import { eventually, groupPractice, KafkaProbe, providerUser, ServiceProcess, tokenFor } from '@rosterlink/testing';

const GROUP = '110000089';
const WORKSPACE = join(__dirname, '../..');
const SAMPLES = join(WORKSPACE, 'samples');

/** A caller's traceparent in `traceId`'s trace (each request its own parent span, as a client would send). */
function traceparentIn(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

function traceIdOf(traceparent: string | undefined | null): string | undefined {
  return /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '')?.[1];
}

/** The JSON log lines of `service` (this run's and earlier ones': the trace id is this test's alone). */
async function logLines(service: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(WORKSPACE, '.local/e2e-logs', `${service}.log`), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Waits for `service`'s log line that matches `match` and carries `traceId`. */
function loggedInTrace(service: string, traceId: string, match: (line: Record<string, unknown>) => boolean) {
  return eventually(async () => {
    const found = (await logLines(service)).find((line) => match(line) && line['traceId'] === traceId);
    if (!found) throw new Error(`no ${service} log line of trace ${traceId} yet`);
    return found;
  });
}

/**
 * One roster followed by its trace id alone: the upload's HTTP request, roster.uploaded.v1, the
 * case import-service opens, the BullMQ roster job the process request starts, the case's
 * completion and the notification notification-service makes of it.
 */
describe('trace context end to end', () => {
  const probe = new KafkaProbe();
  let upload: ServiceProcess;
  let importer: ServiceProcess;
  let notifier: ServiceProcess;
  let manager: string;

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    [upload, importer, notifier] = await Promise.all([
      ServiceProcess.start('upload-service'),
      ServiceProcess.start('import-service'),
      ServiceProcess.start('notification-service'),
    ]);
    manager = await tokenFor(providerUser(`${GROUP}A`));
  });

  afterAll(async () => {
    await probe.close();
    await Promise.all([upload?.stop(), importer?.stop(), notifier?.stop()]);
  });

  it('follows an upload from HTTP to its case, its roster job and its notification by one trace id', async () => {
    const traceId = randomBytes(16).toString('hex');
    const file = await readFile(join(SAMPLES, 'roster-harbor-add.csv'));

    // HTTP: the upload continues the caller's trace and says so.
    const accepted = await eventually(async () => {
      const form = new FormData();
      form.append('groupId', GROUP);
      form.append('importType', 'ADD_UPDATE');
      form.append('file', new Blob([file]), 'roster.csv');
      const response = await fetch(`${upload.baseUrl}/roster-uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, traceparent: traceparentIn(traceId) },
        body: form,
      });
      if (response.status === 404) throw new Error('group not known to upload-service yet');
      if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      return response;
    });
    expect(traceIdOf(accepted.headers.get('traceparent'))).toBe(traceId);
    const { uploadId } = (await accepted.json()) as { uploadId: string };
    await loggedInTrace('upload-service', traceId, (line) => (line['req'] as { path?: string })?.path === '/roster-uploads');

    // Kafka: roster.uploaded.v1 carries the trace.
    const uploaded = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterUploaded)).find((m) => m.value['uploadId'] === uploadId);
      if (!found) throw new Error('roster.uploaded.v1 not published yet');
      return found;
    });
    expect(traceIdOf(uploaded.headers['traceparent'])).toBe(traceId);

    // The consumer: import-service opens the case within the trace, and announces it in it.
    const opened = await loggedInTrace('import-service', traceId, (line) => line['msg'] === 'Roster import case opened' && line['uploadId'] === uploadId);
    const caseNumber = opened['caseNumber'] as string;
    const created = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterImportCaseCreated)).find((m) => m.value['caseNumber'] === caseNumber);
      if (!found) throw new Error('roster-import-case-created not published yet');
      return found;
    });
    expect(traceIdOf(created.headers['traceparent'])).toBe(traceId);

    // The process request, in the same caller's trace, queues the BullMQ job, whose lines carry it.
    const processing = await fetch(`${importer.baseUrl}/cases/${caseNumber}/process`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, traceparent: traceparentIn(traceId) },
    });
    expect(processing.status).toBe(202);
    expect(traceIdOf(processing.headers.get('traceparent'))).toBe(traceId);
    await loggedInTrace('import-service', traceId, (line) => line['msg'] === 'Roster import finished' && line['caseNumber'] === caseNumber);

    // The job's completion event, and the notification made of it.
    const completed = await eventually(async () => {
      const found = (await probe.messages(Topics.RosterImportCompleted)).find((m) => m.value['caseNumber'] === caseNumber);
      if (!found) throw new Error('roster-import-completed not published yet');
      return found;
    });
    expect(traceIdOf(completed.headers['traceparent'])).toBe(traceId);
    await loggedInTrace(
      'notification-service',
      traceId,
      (line) => line['msg'] === 'Notification created' && line['notificationId'] === completed.headers['ce_id'],
    );
  });
});
