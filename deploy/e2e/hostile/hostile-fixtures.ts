/**
 * Shared set-up and assertions of the hostile-input suite (deploy/e2e/hostile/*.e2e-spec.ts).
 *
 * Every hostile case is one row of a table: the request (sent byte for byte, with node:http or a
 * raw socket, so nothing normalises the path or the headers on the way), the status it must get,
 * and a pattern the error's message or details must match. `runHostileCase` then checks the
 * contract's error shape `{ statusCode, error, message, details? }`, that the service is still
 * healthy and still answers a normal request, and that nothing was written: the row count of
 * every table of the four services' schemas and the listing of the test run's file store (the
 * roster store with its `incoming` and `sha256` folders, and the letters a file keeps under it)
 * are the same before and after.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { ClientRequest, createServer as createHttpServer, IncomingHttpHeaders, request as httpRequest, Server as HttpServer } from 'node:http';
import { connect, createServer, Server, Socket } from 'node:net';
import { join, relative } from 'node:path';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  providerUser,
  rosterCsv,
  rosterRow,
  serviceEnv,
  ServiceProcess,
  testStack,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';

// ---------------------------------------------------------------------------------------------
// The data every hostile file works on: two groups of the provider master and two practitioners.

/** The group whose location `A` the "provider" persona is granted. */

/** The upload-service instances of this suite: a limit small enough to cross quickly, large enough for the junk rosters. */
export const UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
export const UPLOAD_OVERRIDES = { UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) };

export const GROUP = '110000901';
/** Another group practice: its users must learn nothing about GROUP. */
export const OTHER_GROUP = '110000902';
export const PIDSL = `${GROUP}A`;
export const SAME_GROUP_OTHER_PIDSL = `${GROUP}B`;
export const OTHER_GROUP_PIDSL = `${OTHER_GROUP}A`;
/** Individual servicing providers the link-request service knows: one per file that submits link requests. */
export const PRACTITIONER = individualProvider({ pid: '210000901', npi: validNpi(901), firstName: 'Iris', lastName: 'Hostile' });
export const SECOND_PRACTITIONER = individualProvider({ pid: '210000902', npi: validNpi(902), firstName: 'Ivo', lastName: 'Hostile' });

/** The four services' schemas: every table in them is counted before and after each case. */
export const SCHEMAS = ['roster_upload', 'roster_import', 'link_request', 'notification', 'access'] as const;

/** GROUP (locations A, B, C), OTHER_GROUP, and both practitioners, as the provider master sends them. */
export async function publishProviderMaster(probe: KafkaProbe): Promise<void> {
  await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP, name: 'Hostile Input Clinic LLC', dbaName: 'Hostile Input Clinic' }));
  await probe.publish(Topics.ProviderMasterUpserted, OTHER_GROUP, groupPractice({ pid: OTHER_GROUP, name: 'Other Practice LLC', dbaName: 'Other Practice' }));
  for (const practitioner of [PRACTITIONER, SECOND_PRACTITIONER]) await probe.publish(Topics.ProviderMasterUpserted, practitioner.pid, practitioner);
}

// ---------------------------------------------------------------------------------------------
// Who calls: the six personas of the authorization matrix.

export const PERSONAS = ['no token', 'provider', 'provider of another group', 'provider of another location', 'back office', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];

/** The personas' users, for set-up in access-service (the provider persona is Primary User of PIDSL there). */
export const PERSONA_USERS = {
  provider: providerUser(PIDSL),
  'provider of another group': providerUser(OTHER_GROUP_PIDSL),
  'provider of another location': providerUser(SAME_GROUP_OTHER_PIDSL),
  'back office': backOfficeUser(),
  admin: { sub: 'admin-1', name: 'Platform Admin', roles: ['admin' as const], grants: [] },
};

/** A valid bearer token per persona (none for "no token"). */
export type PersonaTokens = { 'no token': undefined } & Record<Exclude<Persona, 'no token'>, string>;

export async function personaTokens(): Promise<PersonaTokens> {
  const entries = await Promise.all(
    Object.entries(PERSONA_USERS).map(async ([persona, claims]) => [persona, await tokenFor(claims)] as const),
  );
  return { 'no token': undefined, ...Object.fromEntries(entries) } as PersonaTokens;
}

/** The HS256 secret the test stack's services verify tokens with. */
export function testJwtSecret(): Uint8Array {
  return new TextEncoder().encode(serviceEnv(testStack())['AUTH_JWT_SECRET']);
}

/**
 * A JWT with exactly these claims and header, signed with `secret` (the services' secret by
 * default): for tokens the token helpers of the testing library would never mint.
 */
export async function craftedToken(
  claims: Record<string, unknown>,
  { secret = testJwtSecret(), header = { alg: 'HS256' } }: { secret?: Uint8Array; header?: { alg: string; [k: string]: unknown } } = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(secret);
}

/** A JWT signed HMAC-SHA256 whatever its header says (for `alg` confusion: `RS256` in the header, HS256 in fact). */
export function hmacSignedToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret = testJwtSecret()): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${part(header)}.${part(claims)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** `alg: none`: a header and claims, no signature. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------
// Requests, sent as given.

export interface RawRequest {
  method?: string;
  /** Sent verbatim as the request target: no normalisation of `//`, `..`, `\` or percent-escapes. */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  token?: string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export function send(baseUrl: string, { method = 'GET', path, headers = {}, body, token }: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
        agent: false,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        const answer = () => ({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(answer()));
        // The connection may be cut after a whole answer (see below): what arrived is the answer.
        response.on('error', () => resolve(answer()));
        response.on('aborted', () => resolve(answer()));
      },
    );
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer to ${method} ${path.slice(0, 80)} within ${timeoutMs} ms`)));
    // What the server sent, as bytes: should it answer (413) and close while the body is still
    // going out, the client's write fails (EPIPE) and its parser may drop that answer; it counts.
    let sent = '';
    outgoing.on('socket', (socket) => socket.on('data', (chunk: Buffer) => (sent += chunk.toString('utf8'))));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      setTimeout(() => {
        if (answered) return; // the response's own events settle it
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(sent)?.[1];
        if (!status) return reject(error);
        resolve({ status: Number(status), headers: {}, text: sent.slice(sent.indexOf('\r\n\r\n') + 4) });
      }, 500);
    });
    void writeBody(outgoing, body === undefined ? undefined : Buffer.from(body), () => answered);
  });
}

/**
 * Writes a request body in 64 KiB pieces, waiting for each to drain, and stops as soon as the
 * server has answered (a 413 before the body is read): as a browser or curl does, rather than
 * pushing megabytes into a socket the server is closing.
 */
async function writeBody(outgoing: ClientRequest, body: Buffer | undefined, answered: () => boolean): Promise<void> {
  const piece = 64 * 1024;
  for (let offset = 0; body && offset < body.length && !answered() && !outgoing.destroyed; offset += piece) {
    if (!outgoing.write(body.subarray(offset, offset + piece))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          outgoing.off('drain', done);
          outgoing.off('close', done);
          resolve();
        };
        outgoing.once('drain', done);
        outgoing.once('close', done);
      });
    }
  }
  if (!outgoing.destroyed) outgoing.end();
}

/** A list answer that holds nothing: what a harmless hostile query must get back. */
export function emptyPage(body: unknown): void {
  expect(body).toEqual(expect.objectContaining({ items: [], total: 0 }));
}

export function json(value: unknown): Pick<RawRequest, 'headers' | 'body'> {
  return { headers: { 'content-type': 'application/json' }, body: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** A multipart/form-data body built by hand, so field names such as `__proto__` go out as written. */
export interface MultipartBody {
  headers: Record<string, string>;
  body: Buffer;
}

export function multipart(
  fields: [string, string][],
  file?: { content: string | Buffer; fileName?: string; fieldName?: string; contentType?: string },
): MultipartBody {
  const boundary = `----hostile${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.fieldName ?? 'file'}"; filename="${file.fileName ?? 'roster.csv'}"\r\n` +
          `content-type: ${file.contentType ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts) };
}

/** A roster upload: the group and import type as fields, then the file. */
export function rosterUpload(content: string | Buffer, fields: Record<string, string> = {}, fileName = 'roster.csv'): MultipartBody {
  return multipart(Object.entries({ groupId: GROUP, importType: 'ADD_UPDATE', ...fields }), { content, fileName });
}

/** A roster whose header is not the template's: upload-service answers 422 and keeps nothing. */
export const BAD_HEADER_ROSTER = 'NPI,Surname,Given Name\n1234567893,Souza,Ana\n';

/** A valid one-row roster with content no other test uses (the row's e-mail carries a fresh id). */
export function uniqueRoster(): string {
  return rosterCsv([rosterRow(7, { Email: `unique-${randomUUID()}@example.org` })]);
}

/**
 * Opens a raw socket, writes `head` (request line and headers, CRLF-terminated) and `body`,
 * then either waits for the answer's status line (`awaitStatus`) or destroys the socket
 * (a client that gives up mid-body).
 */
export function rawSocket(baseUrl: string): Promise<Socket> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** The status code of the first response line read from `socket` within `timeoutMs`, or undefined. */
export function statusLineOf(socket: Socket, timeoutMs: number): Promise<{ status: number | undefined; raw: string }> {
  return new Promise((resolve) => {
    let raw = '';
    const done = () => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1];
      resolve({ status: status ? Number(status) : undefined, raw });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      raw += chunk.toString('latin1');
      if (raw.includes('\r\n\r\n')) setTimeout(done, 50);
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  return `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Assertions.

/** What an error said: its message and the messages (and fields) of its details, in one string. */
export function saidBy(body: unknown): string {
  if (typeof body !== 'object' || body === null) return String(body);
  const { message, details } = body as { message?: unknown; details?: unknown };
  return [message, ...(Array.isArray(details) ? details.map((d) => JSON.stringify(d)) : [])].filter((x) => x !== undefined).join(' | ');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return `(not JSON) ${text.slice(0, 200)}`;
  }
}

const ERROR_KEYS = ['statusCode', 'error', 'message', 'details'];

/**
 * The contract's error: `{ statusCode, error, message, details? }` with the response's status,
 * a non-empty message, details (when present) a list of `{ message, … }`; `extraKeys` names
 * fields an error may add (a 409's caseNumber, say). `said` must match the message or a detail.
 */
export function expectError(response: RawResponse, status: number | readonly number[], said?: RegExp, extraKeys: readonly string[] = []): void {
  const body = parseJson(response.text);
  const statuses = typeof status === 'number' ? [status] : status;
  expect({ status: response.status, said: saidBy(body) }).toEqual({
    status: statuses.includes(response.status) ? response.status : statuses.length === 1 ? statuses[0] : `one of ${statuses.join(', ')}`,
    said: said ? expect.stringMatching(said) : expect.any(String),
  });
  expect(body).toEqual(
    expect.objectContaining({ statusCode: response.status, error: expect.stringMatching(/\S/), message: expect.stringMatching(/\S/) }),
  );
  const record = body as Record<string, unknown>;
  expect(Object.keys(record).filter((k) => !ERROR_KEYS.includes(k) && !extraKeys.includes(k))).toEqual([]);
  if (record['details'] !== undefined) {
    expect(record['details']).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]));
  }
}

// ---------------------------------------------------------------------------------------------
// Nothing written: row counts of every table, and file listings.

export interface WrittenState {
  rows: Record<string, number>;
  files: string[];
}

/** Counts the rows of every table of the services' schemas and lists the watched directories. */
export class WriteWatch {
  private constructor(
    private readonly client: Client,
    private readonly directories: string[],
  ) {}

  /** Watches the database and the roster file store, plus `directories`. */
  static async open(directories: string[] = []): Promise<WriteWatch> {
    const stack = testStack();
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    return new WriteWatch(client, [stack.fileStoreDir, ...directories]);
  }

  async snapshot(): Promise<WrittenState> {
    const { rows: tables } = await this.client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
      [SCHEMAS],
    );
    const counts = tables.length === 0
      ? []
      : (await this.client.query<{ name: string; n: number }>(tables.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM ${t.name}`).join(' UNION ALL '))).rows;
    const files = (await Promise.all(this.directories.map((d) => listFiles(d)))).flat();
    return { rows: Object.fromEntries(counts.map((c) => [c.name, c.n])), files: files.sort() };
  }

  /** Waits until the state stops changing (background jobs and consumers done), and returns it. */
  async settled(quietMs = 600, timeoutMs = 30_000): Promise<WrittenState> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.snapshot();
    for (;;) {
      await new Promise((r) => setTimeout(r, quietMs));
      const next = await this.snapshot();
      if (JSON.stringify(next) === JSON.stringify(last) || Date.now() > deadline) return next;
      last = next;
    }
  }

  /** Reads the test database (set-up waits on what the services wrote). */
  async query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Every file under `root` (relative to it, prefixed with the root's name), recursively; none when it does not exist. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => `${root}:${relative(root, join(e.parentPath, e.name))}`);
}

/** Asserts nothing new: the same row counts, the same files. */
export function expectNothingWritten(before: WrittenState, after: WrittenState): void {
  const changedRows = Object.fromEntries(
    Object.keys({ ...before.rows, ...after.rows }).filter((t) => before.rows[t] !== after.rows[t]).map((t) => [t, `${before.rows[t]} → ${after.rows[t]}`]),
  );
  expect({ changedRows, newFiles: after.files.filter((f) => !before.files.includes(f)) }).toEqual({ changedRows: {}, newFiles: [] });
}

// ---------------------------------------------------------------------------------------------
// Still serving.

/** A running process under test, and the normal requests it must still answer after a hostile one. */
export interface Target {
  name: string;
  baseUrl: string;
  /** Each a normal request and the status it gets when all is well. */
  normal: [() => RawRequest | Promise<RawRequest>, number][];
  /**
   * Starts the process again when a case killed it, so that one crash fails the case that caused
   * it and not every case after it (the crash itself is what `expectStillServing` reports).
   */
  restart?: () => Promise<ServiceProcess>;
  /** Processes started by `restart`, stopped with the rest. */
  restarted?: ServiceProcess[];
}

export async function expectStillServing(target: Target): Promise<void> {
  // Health also reports Kafka and Redis, which other test runs on this machine may stop for a moment:
  // a short outage of theirs is waited out, a service the hostile request broke is not.
  const health = await eventually(
    async () => {
      const response = await send(target.baseUrl, { path: '/health' }, 5_000).catch((error: Error) => ({ status: 0, text: error.message }));
      if (response.status !== 200) throw Object.assign(new Error('unhealthy'), { response });
      return response;
    },
    { timeoutMs: 20_000, intervalMs: 250 },
  ).catch((error: { response?: { status: number; text: string } }) => error.response ?? { status: 0, text: String(error) });
  const says = health.status === 200 ? {} : { says: health.text.slice(0, 300) };
  expect({ service: target.name, health: health.status, ...says }).toEqual({ service: target.name, health: 200 });
  for (const [request, status] of target.normal) {
    const built = await request();
    const response = await send(target.baseUrl, built);
    const normal = `${built.method ?? 'GET'} ${built.path.slice(0, 80)}`;
    expect({ normal, status: response.status, ...(response.status === status ? {} : { says: response.text.slice(0, 300) }) }).toEqual({ normal, status });
  }
}

/** Starts the target's process again if nothing answers on its port any more (see Target.restart). */
export async function reviveIfDead(target: Target): Promise<void> {
  if (!target.restart) return;
  const answers = await send(target.baseUrl, { path: '/health' }, 5_000).then(
    () => true,
    () => false,
  );
  if (answers) return;
  const process = await target.restart();
  (target.restarted ??= []).push(process);
  target.baseUrl = process.baseUrl;
}

export async function stopRestarted(targets: Record<string, Target> | undefined): Promise<void> {
  await stopAll(Object.values(targets ?? {}).flatMap((t) => t.restarted ?? []));
}

// ---------------------------------------------------------------------------------------------
// The table-driven runner.

export interface HostileCase {
  /** What is hostile about the request. */
  name: string;
  target: string;
  /** The request (built when the case runs, so it can use tokens and fixtures made in beforeAll). */
  request: () => RawRequest | Promise<RawRequest>;
  status: number | readonly number[];
  /** What the error must say (message or details). */
  said?: RegExp;
  /**
   * `protocol`: Node's HTTP parser answers before any application code runs (431, 400 on a
   * malformed request line): there is no JSON body to check.
   */
  body?: 'error' | 'protocol';
  /** Fields this error may carry besides the contract's four (a 409 names the case and its status). */
  extraKeys?: readonly string[];
  /** For a hostile request that is harmless and answered 2xx: what its JSON answer must be. */
  ok?: (body: unknown) => void;
}

export interface HostileSuite {
  targets: Record<string, Target>;
  watch: WriteWatch;
}

/** One case: the answer, the error shape and message, still serving, nothing written. */
export async function runHostileCase(suite: HostileSuite, c: HostileCase): Promise<void> {
  const target = suite.targets[c.target];
  if (!target) throw new Error(`no target ${c.target}`);
  await reviveIfDead(target);
  const before = await suite.watch.snapshot();
  const response = await send(target.baseUrl, await c.request());
  const after = await writtenBy(suite.watch, before);
  if (c.body === 'protocol') {
    expect({ status: response.status }).toEqual({ status: c.status });
  } else if (c.ok) {
    expect({ status: response.status, text: response.text.slice(0, 300) }).toEqual({ status: c.status, text: expect.any(String) });
    c.ok(parseJson(response.text));
  } else {
    expectError(response, c.status, c.said, c.extraKeys);
  }
  await expectStillServing(target);
  expectNothingWritten(before, after);
}

/**
 * The state after a request. When the request wrote something, waits for what follows from it
 * (another service consuming its event) to land too, so that it is this case that reports it and
 * not the next one.
 */
export async function writtenBy(watch: WriteWatch, before: WrittenState): Promise<WrittenState> {
  const after = await watch.snapshot();
  return JSON.stringify(after) === JSON.stringify(before) ? after : watch.settled();
}

// ---------------------------------------------------------------------------------------------
// Processes.

export type ServiceName = 'upload-service' | 'import-service' | 'link-request-service' | 'notification-service' | 'access-service';

export async function startServices(names: ServiceName[], overrides: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<Record<ServiceName, ServiceProcess>> {
  const started = await Promise.all(names.map((name) => ServiceProcess.start(name, overrides[name] ?? {})));
  return Object.fromEntries(started.map((s) => [s.name, s])) as Record<ServiceName, ServiceProcess>;
}

export async function stopAll(processes: (ServiceProcess | undefined)[]): Promise<void> {
  await Promise.all(processes.map((p) => p?.stop()));
}

/** Waits until upload-service knows GROUP and OTHER_GROUP: an upload with a bad header gets 422, not 404. */
export async function uploadServiceKnowsGroups(upload: ServiceProcess, backOffice: string): Promise<void> {
  for (const groupId of [GROUP, OTHER_GROUP]) {
    await eventually(async () => {
      const response = await send(upload.baseUrl, { method: 'POST', path: '/roster-uploads', token: backOffice, ...rosterUpload(BAD_HEADER_ROSTER, { groupId }) });
      if (response.status !== 422) throw new Error(`group ${groupId} not projected yet (${response.status})`);
    }, { timeoutMs: 60_000, intervalMs: 250 });
  }
}

/** Waits until link-request-service knows both groups' locations and the practitioner. */
export async function linkRequestServiceKnowsProviderMaster(linkRequest: ServiceProcess, backOffice: string): Promise<void> {
  await eventually(async () => {
    const locations = await send(linkRequest.baseUrl, { path: `/service-locations?groupId=${OTHER_GROUP}`, token: backOffice });
    const own = await send(linkRequest.baseUrl, { path: `/service-locations?groupId=${GROUP}`, token: backOffice });
    const providers = await Promise.all(
      [PRACTITIONER, SECOND_PRACTITIONER].map((p) => send(linkRequest.baseUrl, { path: `/providers/search?providerId=${p.pid}`, token: backOffice })),
    );
    const total = (r: RawResponse) => (JSON.parse(r.text) as { total?: number }).total ?? 0;
    if ([locations, own, ...providers].some((r) => total(r) === 0)) throw new Error('provider master not projected yet');
  }, { timeoutMs: 60_000, intervalMs: 250 });
}

// ---------------------------------------------------------------------------------------------
// Listeners that must (not) be reached.

/** A TCP listener on loopback that only counts who connects (and hangs up on them). */
export class TrapServer {
  connections = 0;
  /** The first line each connection sent (a request line, if it was HTTP). */
  readonly received: string[] = [];
  port = 0;
  private readonly server: Server = createServer((socket) => {
    this.connections++;
    socket.once('data', (chunk) => this.received.push(chunk.toString('latin1').split('\r\n')[0]));
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), 100);
  });

  static async start(): Promise<TrapServer> {
    const trap = new TrapServer();
    await new Promise<void>((resolve) => trap.server.listen(0, '127.0.0.1', resolve));
    const address = trap.server.address();
    trap.port = typeof address === 'object' && address ? address.port : 0;
    return trap;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * An HTTP server standing in for a service behind the dashboard: it records each request it
 * receives (method and path as sent) and answers 404 in the contract's error shape.
 */
export class RecordingService {
  /** `METHOD /path?query` of each request, as received. */
  readonly received: string[] = [];
  url = '';
  private readonly server: HttpServer = createHttpServer((request, response) => {
    this.received.push(`${request.method} ${request.url}`);
    request.resume();
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'recorded: no such path here' }));
  });

  static async start(): Promise<RecordingService> {
    const recorder = new RecordingService();
    await new Promise<void>((resolve) => recorder.server.listen(0, '127.0.0.1', resolve));
    const address = recorder.server.address();
    recorder.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return recorder;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
