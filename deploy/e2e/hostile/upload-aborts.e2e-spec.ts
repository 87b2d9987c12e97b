import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, KafkaProbe, ServiceProcess, testStack } from '@rosterlink/testing';
import {
  BAD_HEADER_ROSTER,
  expectError,
  expectNothingWritten,
  expectStillServing,
  listFiles,
  personaTokens,
  PersonaTokens,
  publishProviderMaster,
  rawSocket,
  reviveIfDead,
  requestHead,
  rosterUpload,
  statusLineOf,
  stopRestarted,
  Target,
  uploadServiceKnowsGroups,
  WriteWatch,
  WrittenState,
  UPLOAD_MAX_BYTES,
  UPLOAD_OVERRIDES,
} from './hostile-fixtures';


/**
 * Clients that misbehave at the socket level on POST /roster-uploads: they go away half-way
 * through the body (alone, or fifty at once), or declare a body far over the limit. upload-service
 * stays up, answers early, and leaves no temporary file in <store>/incoming and no row.
 * (A file of its own: a crash here must not take the other hostile cases down with it.)
 */
describe('hostile input: upload-service, clients that abort or over-declare', () => {
  const probe = new KafkaProbe();
  const incoming = join(testStack().fileStoreDir, 'incoming');
  let upload: ServiceProcess;
  let watch: WriteWatch;
  let tokens: PersonaTokens;
  let target: Target;

  beforeAll(async () => {
    tokens = await personaTokens();
    await publishProviderMaster(probe);
    upload = await ServiceProcess.start('upload-service', UPLOAD_OVERRIDES);
    watch = await WriteWatch.open();
    await uploadServiceKnowsGroups(upload, tokens['back office']);
    await watch.settled();
    target = {
      name: 'upload-service',
      baseUrl: upload.baseUrl,
      normal: [[() => ({ method: 'POST', path: '/roster-uploads', token: tokens.provider, ...rosterUpload(BAD_HEADER_ROSTER) }), 422]],
      restart: () => ServiceProcess.start('upload-service', UPLOAD_OVERRIDES),
    };
  }, 120_000);

  // One crash fails the case that caused it; the next case gets a service again.
  beforeEach(async () => {
    if (target) await reviveIfDead(target);
  });

  afterAll(async () => {
    await probe.close();
    await watch?.close();
    await upload?.stop();
    await stopRestarted({ target });
  });

  /** A roster upload of `fileBytes` bytes, as the bytes a client would send. */
  function uploadBytes(fileBytes: number): { head: string; body: Buffer } {
    const { headers, body } = rosterUpload(Buffer.alloc(fileBytes, 'n'));
    return {
      head: requestHead('POST', '/roster-uploads', { authorization: `Bearer ${tokens.provider}`, 'content-type': headers['content-type'], 'content-length': body.length }),
      body,
    };
  }

  /** Sends the head and the first `sentBytes` of the body, waits for `inFlight`, then hangs up. */
  async function abortMidBody(sentBytes: (body: Buffer) => number, inFlight: () => Promise<unknown>, count = 1): Promise<void> {
    const sockets = await Promise.all(
      Array.from({ length: count }, async () => {
        const { head, body } = uploadBytes(512 * 1024);
        const socket = await rawSocket(target.baseUrl);
        socket.on('error', () => undefined);
        socket.write(head);
        socket.write(body.subarray(0, sentBytes(body)));
        return socket;
      }),
    );
    await inFlight();
    for (const socket of sockets) socket.destroy();
  }

  /** Resolves once more temporary files are in <store>/incoming than `before` had: an upload is being received. */
  async function receiving(before: WrittenState): Promise<void> {
    const earlier = before.files.filter((f) => f.startsWith(`${incoming}:`)).length;
    await eventually(async () => expect((await listFiles(incoming)).length).toBeGreaterThan(earlier), { timeoutMs: 5_000 });
  }

  /** After the clients left: still healthy, and (once the service has cleaned up) no new file in incoming, no row. */
  async function expectCleanAfterAbort(before: WrittenState): Promise<void> {
    await sleep(300);
    await expectStillServing(target);
    await eventually(async () => expectNothingWritten(before, await watch.snapshot()), { timeoutMs: 10_000 });
  }

  it('a client that hangs up half-way through the file: service up, no temporary file, no row', async () => {
    const before = await watch.snapshot();
    // The partial file is really being written when the client goes: the case exercises the clean-up.
    await abortMidBody((body) => body.length / 2, () => receiving(before));
    await expectCleanAfterAbort(before);
  });

  it('a client that hangs up inside the form fields, before any file part', async () => {
    const before = await watch.snapshot();
    await abortMidBody((body) => body.indexOf('name="file"') - 10, () => sleep(300));
    await expectCleanAfterAbort(before);
  });

  it('fifty clients that hang up mid-body at once: still healthy, nothing left behind', async () => {
    const before = await watch.snapshot();
    await abortMidBody((body) => body.length / 2, () => receiving(before).then(() => sleep(300)), 50);
    await expectCleanAfterAbort(before);
  });

  it.each([
    ['2 GB', 2 * 1024 * 1024 * 1024],
    ['the limit plus 1 MB', UPLOAD_MAX_BYTES + 1024 * 1024],
  ])('a declared Content-Length of %s, with only a few bytes sent, is answered 413 early', async (_label, declared) => {
    const before = await watch.snapshot();
    const { head, body } = uploadBytes(1024);
    const socket = await rawSocket(target.baseUrl);
    try {
      socket.write(head.replace(/content-length: \d+/, `content-length: ${declared}`));
      socket.write(body.subarray(0, 300));
      // Early: the client has sent 300 bytes of the declared body and waits; the answer must not wait for the rest.
      const { status, raw } = await statusLineOf(socket, 5_000);
      const text = raw.slice(raw.indexOf('\r\n\r\n') + 4);
      expectError({ status: status ?? 0, headers: {}, text: status ? text : '(no answer within 5 s)' }, 413, /larger|too large|limit/i);
    } finally {
      socket.destroy();
    }
    await expectCleanAfterAbort(before);
  });
});
