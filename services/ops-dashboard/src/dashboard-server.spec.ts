import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { signDevelopmentToken, TokenVerifier } from '@rosterlink/auth';
import { KafkaConnection } from '@rosterlink/messaging';
import { loadConfig, ServiceConfig } from '@rosterlink/platform';
import { createDashboardServer } from './dashboard-server';
import { DevSignIn, parseDemoUsers } from '@rosterlink/web-server';
import { LiveEvents } from './live-events';
import type { OperationsReport } from './operations-report';

/** Live updates are never started here: the server's routing is under test, not Kafka. */
const unreachableKafka = () => new KafkaConnection(loadConfig(ServiceConfig, { KAFKA_BROKERS: '127.0.0.1:1' }).messagingOptions('ops-dashboard'));

const SECRET = 'dashboard-test-secret-0123456789';

const report: OperationsReport = {
  items: [{ service: 'notification', status: 'unreachable', health: 'unreachable', checks: {}, lag: null }],
  lagThresholds: { warningMessages: 1000, criticalMessages: 10_000 },
  checkedAt: '2026-11-30T14:00:00.000Z',
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw GET that keeps the path exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('dashboard server', () => {
  const seen: { url?: string; headers?: IncomingHttpHeaders; body?: string } = {};
  const upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      Object.assign(seen, { url: req.url, headers: req.headers, body });
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': 'tracking=1', 'content-disposition': 'attachment; filename="x.csv"' });
      res.end('{"ok":true}');
    });
  });
  const live = new LiveEvents(unreachableKafka(), () => undefined);
  let base: string;
  let dashboard: Server;
  let backOffice: string;
  let provider: string;

  beforeAll(async () => {
    const upstreamUrl = await listen(upstream);
    const root = await mkdtemp(join(tmpdir(), 'ops-dashboard-'));
    const webRoot = join(root, 'web');
    await mkdir(join(webRoot, 'assets'), { recursive: true });
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'outside the web root');
    dashboard = createDashboardServer({
      serviceUrls: { upload: 'http://127.0.0.1:1', import: upstreamUrl, 'link-request': upstreamUrl, notification: upstreamUrl, access: upstreamUrl },
      webRoot,
      verifier: new TokenVerifier({ jwtSecret: SECRET }),
      live,
      operationsReport: async () => report,
      devSignIn: new DevSignIn(
        parseDemoUsers(JSON.stringify([{ sub: 'bo', name: 'Dana', roles: ['back-office'], description: 'back office' }])),
        SECRET,
      ),
      logError: () => undefined,
    });
    base = await listen(dashboard);
    backOffice = await signDevelopmentToken(SECRET, { sub: 'bo', name: 'Dana', roles: ['back-office'] });
    provider = await signDevelopmentToken(SECRET, { sub: 'p', name: 'Pat', roles: ['provider'] });
  });

  afterAll(async () => {
    await live.close();
    dashboard.close();
    upstream.close();
  });

  it('proxies /api/<service>/… with the bearer token and body, and passes back only safe headers', async () => {
    const response = await fetch(`${base}/api/link-request/link-requests/abc/decision?x=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backOffice}`, 'content-type': 'application/json', cookie: 'session=secret' },
      body: '{"decision":"APPROVED"}',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(seen.url).toBe('/link-requests/abc/decision?x=1');
    expect(seen.headers?.authorization).toBe(`Bearer ${backOffice}`);
    expect(seen.headers?.cookie).toBeUndefined();
    expect(seen.body).toBe('{"decision":"APPROVED"}');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
  });

  it('never forwards outside a service, nor to another of its paths, nor without a valid token', async () => {
    let connections = 0;
    const bystander = createServer((_req, res) => res.end('reached')).on('connection', () => connections++);
    const bystanderPort = Number(new URL(await listen(bystander)).port);
    seen.url = undefined;
    try {
      for (const path of [
        `/api/import//127.0.0.1:${bystanderPort}/x`,
        `/api/import/http://127.0.0.1:${bystanderPort}/x`,
        `/api/import/%2F%2F127.0.0.1:${bystanderPort}/x`,
        '/api/import/../upload/roster-uploads',
        '/api/import/%2e%2e/upload',
        '/api/import/cases/%00',
      ]) {
        const answer = await rawGet(base, path, { authorization: `Bearer ${backOffice}` });
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      expect((await rawGet(base, '/api/import/cases')).status).toBe(401);
      expect((await rawGet(base, '/api/import/cases', { authorization: 'Bearer forged' })).status).toBe(401);
      expect(connections).toBe(0);
      expect(seen.url).toBeUndefined();
    } finally {
      bystander.close();
    }
  });

  it('answers 502 with what to do when a service is down', async () => {
    const response = await fetch(`${base}/api/upload/roster-uploads`, { headers: { authorization: `Bearer ${backOffice}` } });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(/upload service is not answering.*Operations/);
  });

  it('gives live updates and service status to the back office only', async () => {
    expect((await fetch(`${base}/api/operations`)).status).toBe(401);
    expect((await fetch(`${base}/api/live`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    expect((await fetch(`${base}/api/live`, { headers: { authorization: `Bearer ${provider}` } })).status).toBe(403);
    expect((await fetch(`${base}/api/operations`, { headers: { authorization: `Bearer ${provider}` } })).status).toBe(403);
    const ok = await fetch(`${base}/api/operations`, { headers: { authorization: `Bearer ${backOffice}` } });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual(report);
  });

  it('streams changes to a back-office browser', async () => {
    const abort = new AbortController();
    const response = await fetch(`${base}/api/live`, { headers: { authorization: `Bearer ${backOffice}` }, signal: abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('retry:');
    live.publish({ topic: 'link-request.submitted.v1', key: '110000001A', eventId: 'e1', requestId: 'r1' });
    expect((await reader.read()).value).toBe(
      'event: change\ndata: {"topic":"link-request.submitted.v1","key":"110000001A","eventId":"e1","requestId":"r1"}\n\n',
    );
    abort.abort();
  });

  it('tells who is signed in, and signs demo users in', async () => {
    const signIn = await fetch(`${base}/api/dev-sign-in`, { method: 'POST', body: JSON.stringify({ sub: 'bo' }) });
    const { token } = (await signIn.json()) as { token: string };
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({ id: 'bo', name: 'Dana', roles: ['back-office'], backOffice: true });
    expect((await fetch(`${base}/api/dev-sign-in`, { method: 'POST', body: '{"sub":"nobody"}' })).status).toBe(422);
    const malformed = await fetch(`${base}/api/dev-sign-in`, { method: 'POST', body: '{"sub":"bo","roles":["admin"]}' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { details: { field: string }[] }).details).toEqual([expect.objectContaining({ field: 'roles' })]);
    expect((await fetch(`${base}/api/dev-sign-in`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('serves the app, its assets, and index.html for any view, never a file outside the web root', async () => {
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const view = await fetch(`${base}/cases/RI-2026-000001`);
    expect(await view.text()).toContain('<title>app</title>');
    expect(view.headers.get('content-security-policy')).toContain("default-src 'self'");
    const escape = await rawGet(base, '/../secret.txt');
    expect(escape.body).not.toContain('outside the web root');
    expect((await rawGet(base, '/%2e%2e/secret.txt')).body).not.toContain('outside the web root');
  });

  it('answers 404 for an unknown API', async () => {
    expect((await fetch(`${base}/api/payroll/x`)).status).toBe(404);
  });
});

describe('dashboard server without local sign-in', () => {
  it('has no dev sign-in', async () => {
    const live = new LiveEvents(unreachableKafka(), () => undefined);
    const server = createDashboardServer({
      serviceUrls: { upload: '', import: '', 'link-request': '', notification: '', access: '' },
      webRoot: tmpdir(),
      verifier: new TokenVerifier({ jwtSecret: SECRET }),
      live,
      operationsReport: async () => report,
      logError: () => undefined,
    });
    const base = await listen(server);
    expect((await fetch(`${base}/api/dev-sign-in`)).status).toBe(404);
    expect((await fetch(`${base}/api/dev-sign-in`, { method: 'POST', body: '{"sub":"bo"}' })).status).toBe(404);
    server.close();
    await live.close();
  });
});
