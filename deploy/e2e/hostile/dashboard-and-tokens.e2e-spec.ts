import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaProbe, ServiceProcess } from '@rosterlink/testing';
import { DEMO_USERS } from '../../local/demo-users';
import {
  BAD_HEADER_ROSTER,
  craftedToken,
  expectError,
  expectNothingWritten,
  expectStillServing,
  GROUP,
  hmacSignedToken,
  HostileCase,
  HostileSuite,
  json,
  nowSeconds,
  Persona,
  personaTokens,
  PersonaTokens,
  publishProviderMaster,
  RawRequest,
  RecordingService,
  rosterUpload,
  runHostileCase,
  send,
  startServices,
  stopAll,
  TrapServer,
  unsignedToken,
  WriteWatch,
} from './hostile-fixtures';

const HOUR = 3600;
const UNAUTHORIZED = /token|sign in|sign-in|bearer/i;

/** The claims of a provider user, as a well-behaved identity provider would issue them (identity and roles). */
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'provider-hostile', name: 'Practice Manager', roles: ['provider'], ...extra });

/**
 * Bearer tokens that must be refused (401) by every service and by the dashboard: no expiry,
 * a lifetime over 12 hours, expired, not yet valid, forged or garbled. Each gives the
 * `authorization` header it is sent with.
 */
const HOSTILE_TOKENS: [string, () => Promise<string> | string][] = [
  ['a JWT without exp', async () => `Bearer ${await craftedToken(claims({ iat: nowSeconds() }))}`],
  ['a JWT living 13 hours (exp − iat)', async () => `Bearer ${await craftedToken(claims({ iat: nowSeconds(), exp: nowSeconds() + 13 * HOUR }))}`],
  ['a JWT without iat expiring in 13 hours (exp − now)', async () => `Bearer ${await craftedToken(claims({ exp: nowSeconds() + 13 * HOUR }))}`],
  ['a JWT issued in the past that lives 30 days', async () => `Bearer ${await craftedToken(claims({ iat: nowSeconds() - 29 * 24 * HOUR, exp: nowSeconds() + 24 * HOUR }))}`],
  ['an expired JWT', async () => `Bearer ${await craftedToken(claims({ iat: nowSeconds() - 2 * HOUR, exp: nowSeconds() - HOUR }))}`],
  ['a JWT not valid for another hour (nbf)', async () => `Bearer ${await craftedToken(claims({ iat: nowSeconds(), nbf: nowSeconds() + HOUR, exp: nowSeconds() + 2 * HOUR }))}`],
  [
    'a JWT whose claims were changed after signing (wrong signature)',
    async () => {
      const [header, , signature] = (await craftedToken(claims({ iat: nowSeconds(), exp: nowSeconds() + HOUR }))).split('.');
      const forged = Buffer.from(JSON.stringify(claims({ roles: ['admin'], iat: nowSeconds(), exp: nowSeconds() + HOUR }))).toString('base64url');
      return `Bearer ${header}.${forged}.${signature}`;
    },
  ],
  ['a JWT with alg none', () => `Bearer ${unsignedToken(claims({ iat: nowSeconds(), exp: nowSeconds() + HOUR }))}`],
  ['a JWT signed with another secret', async () => `Bearer ${await craftedToken(claims({ iat: nowSeconds(), exp: nowSeconds() + HOUR }), { secret: new TextEncoder().encode('not-the-secret-0123456789abcdef') })}`],
  ['a JWT whose header says RS256 but that is HMAC-signed', () => `Bearer ${hmacSignedToken({ alg: 'RS256', typ: 'JWT' }, claims({ iat: nowSeconds(), exp: nowSeconds() + HOUR }))}`],
  ['garbage for a token', () => 'Bearer not.a.jwt'],
  ['a JWT with a role nobody has', async () => `Bearer ${await craftedToken(claims({ roles: ['superuser'], iat: nowSeconds(), exp: nowSeconds() + HOUR }))}`],
  ['Basic credentials instead of a bearer token', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
];

/** Where a token is checked: each service's own guard, the dashboard's, and a service behind the dashboard's proxy. */
const TOKEN_CHECKPOINTS: { target: string; label: string; request: () => RawRequest }[] = [
  { target: 'upload', label: 'upload-service POST /roster-uploads', request: () => ({ method: 'POST', path: '/roster-uploads', ...rosterUpload(BAD_HEADER_ROSTER) }) },
  { target: 'import', label: 'import-service GET /cases', request: () => ({ path: `/cases?groupId=${GROUP}` }) },
  { target: 'link', label: 'link-request-service GET /service-locations', request: () => ({ path: '/service-locations' }) },
  { target: 'notification', label: 'notification-service GET /letters', request: () => ({ path: '/letters' }) },
  { target: 'dashboard', label: 'ops-dashboard GET /api/me', request: () => ({ path: '/api/me' }) },
  { target: 'dashboard', label: 'ops-dashboard → import-service GET /api/import/cases', request: () => ({ path: `/api/import/cases?groupId=${GROUP}` }) },
];

/**
 * Tokens, and the dashboard's proxy. The proxy must never reach another host (a TCP listener on
 * a free port counts connections), nor, from `/api/<service>/…`, another service: a second
 * dashboard whose four services are recorders shows where each request went.
 */
describe('hostile input: tokens and the dashboard', () => {
  const probe = new KafkaProbe();
  let services: Awaited<ReturnType<typeof startServices>>;
  let dashboard: ServiceProcess;
  /** A dashboard in front of four recorders instead of the services. */
  let recordingDashboard: ServiceProcess;
  let recorders: Record<'upload' | 'import' | 'link-request' | 'notification', RecordingService>;
  let trap: TrapServer;
  let watch: WriteWatch;
  let tokens: PersonaTokens;
  let suite: HostileSuite;

  beforeAll(async () => {
    tokens = await personaTokens();
    await publishProviderMaster(probe);
    [services, trap] = await Promise.all([startServices(['upload-service', 'import-service', 'link-request-service', 'notification-service']), TrapServer.start()]);
    const [upload, importService, linkRequest, notification] = await Promise.all(Array.from({ length: 4 }, () => RecordingService.start()));
    recorders = { upload, import: importService, 'link-request': linkRequest, notification };
    [dashboard, recordingDashboard] = await Promise.all([
      ServiceProcess.start('ops-dashboard', {
        UPLOAD_SERVICE_URL: services['upload-service'].baseUrl,
        IMPORT_SERVICE_URL: services['import-service'].baseUrl,
        LINK_REQUEST_SERVICE_URL: services['link-request-service'].baseUrl,
        NOTIFICATION_SERVICE_URL: services['notification-service'].baseUrl,
        DEV_SIGN_IN_USERS: JSON.stringify(DEMO_USERS),
      }),
      ServiceProcess.start('ops-dashboard', {
        UPLOAD_SERVICE_URL: recorders.upload.url,
        IMPORT_SERVICE_URL: recorders.import.url,
        LINK_REQUEST_SERVICE_URL: recorders['link-request'].url,
        NOTIFICATION_SERVICE_URL: recorders.notification.url,
      }),
    ]);
    watch = await WriteWatch.open();
    await watch.settled();

    const backOffice = tokens['back office'];
    const provider = tokens.provider;
    const of = (name: keyof typeof services) => services[name].baseUrl;
    suite = {
      watch,
      targets: {
        upload: { name: 'upload-service', baseUrl: of('upload-service'), normal: [[() => ({ method: 'POST', path: '/roster-uploads', token: provider, ...rosterUpload(BAD_HEADER_ROSTER) }), 422]] },
        import: { name: 'import-service', baseUrl: of('import-service'), normal: [[() => ({ path: `/cases?groupId=${GROUP}`, token: provider }), 200]] },
        link: { name: 'link-request-service', baseUrl: of('link-request-service'), normal: [[() => ({ path: '/service-locations', token: provider }), 200]] },
        notification: { name: 'notification-service', baseUrl: of('notification-service'), normal: [[() => ({ path: '/letters', token: provider }), 200]] },
        dashboard: {
          name: 'ops-dashboard',
          baseUrl: dashboard.baseUrl,
          normal: [
            [() => ({ path: '/api/me', token: backOffice }), 200],
            [() => ({ path: `/api/import/cases?groupId=${GROUP}`, token: provider }), 200],
          ],
        },
        'recording dashboard': {
          name: 'ops-dashboard (in front of recorders)',
          baseUrl: recordingDashboard.baseUrl,
          normal: [[() => ({ path: '/api/me', token: backOffice }), 200]],
        },
      },
    };
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await watch?.close();
    await stopAll([dashboard, recordingDashboard, ...Object.values(services ?? {})]);
    await Promise.all([trap?.stop(), ...Object.values(recorders ?? {}).map((r) => r.stop())]);
  });

  // -------------------------------------------------------------------------------------------
  it.each(TOKEN_CHECKPOINTS.map((c) => [c.label, c] as const))('control: a valid one-hour token is accepted by %s', async (_label, checkpoint) => {
    const request = checkpoint.request();
    const authorization = `Bearer ${await craftedToken(claims({ iat: nowSeconds(), exp: nowSeconds() + HOUR }))}`;
    const response = await send(suite.targets[checkpoint.target].baseUrl, { ...request, headers: { ...request.headers, authorization } });
    expect(response.status).not.toBe(401);
    expect(response.status).toBeLessThan(500);
  });

  const tokenCases: HostileCase[] = TOKEN_CHECKPOINTS.flatMap((checkpoint) =>
    HOSTILE_TOKENS.map(([name, authorization]): HostileCase => ({
      name: `${checkpoint.label}: ${name}`,
      target: checkpoint.target,
      request: async () => {
        const request = checkpoint.request();
        return { ...request, headers: { ...request.headers, authorization: await authorization() } };
      },
      status: 401,
      said: UNAUTHORIZED,
    })),
  );
  it.each(tokenCases.map((c) => [c.name, c] as const))('token: %s → 401', async (_name, c) => runHostileCase(suite, c));

  // -------------------------------------------------------------------------------------------
  /** Paths that would send the proxied request (and the caller's token) to the listener on `port`. */
  const OFF_HOST_PATHS: [string, (port: number) => string, Persona][] = [
    ['a protocol-relative path (//host)', (port) => `/api/import//127.0.0.1:${port}/cases`, 'back office'],
    ['a protocol-relative path, without a token', (port) => `/api/import//127.0.0.1:${port}/cases`, 'no token'],
    ['three slashes (///host)', (port) => `/api/link-request///127.0.0.1:${port}/link-requests`, 'back office'],
    ['a backslash (\\host)', (port) => `/api/notification/\\127.0.0.1:${port}/letters`, 'back office'],
    ['two backslashes (\\\\host)', (port) => `/api/import/\\\\127.0.0.1:${port}/cases`, 'back office'],
    ['a slash and a backslash (/\\host)', (port) => `/api/upload//\\127.0.0.1:${port}/roster-uploads`, 'back office'],
    ['encoded slashes (%2F%2Fhost)', (port) => `/api/import/%2F%2F127.0.0.1:${port}/cases`, 'back office'],
    ['encoded backslashes (%5C%5Chost)', (port) => `/api/import/%5C%5C127.0.0.1:${port}/cases`, 'back office'],
    ['an absolute URL (http://host/x)', (port) => `/api/import/http://127.0.0.1:${port}/cases`, 'back office'],
    ['an absolute URL with encoded slashes', (port) => `/api/import/http:%2F%2F127.0.0.1:${port}/cases`, 'back office'],
    ['user-info (@host)', (port) => `/api/import/@127.0.0.1:${port}/cases`, 'back office'],
    ['dot segments (..%2F..)', () => '/api/import/..%2F..', 'back office'],
    ['dot segments then a host (..%2F..%2F/host)', (port) => `/api/import/..%2F..%2F/127.0.0.1:${port}/x`, 'back office'],
    ['an absolute-form request target (GET http://dashboard/api/import//host)', (port) => `http://127.0.0.1:1/api/import//127.0.0.1:${port}/cases`, 'back office'],
  ];
  const offHost: HostileCase[] = OFF_HOST_PATHS.map(([name, path, persona]) => ({
    name,
    target: 'dashboard',
    request: () => ({ path: path(trap.port), token: tokens[persona] }),
    status: [400, 404],
  }));
  it.each(offHost.map((c) => [c.name, c] as const))('proxy: %s never reaches another host', async (_name, c) => {
    const [connections, received] = [trap.connections, trap.received.length];
    await runHostileCase(suite, c);
    await sleep(100);
    expect({ connectionsToTheOtherHost: trap.connections - connections, received: trap.received.slice(received) }).toEqual({ connectionsToTheOtherHost: 0, received: [] });
  });

  it('proxy: a POST with a body to //host never reaches another host', async () => {
    const connections = trap.connections;
    await runHostileCase(suite, {
      name: 'POST //host',
      target: 'dashboard',
      request: () => ({ method: 'POST', path: `/api/upload//127.0.0.1:${trap.port}/roster-uploads`, token: tokens['back office'], ...json({ secret: 'x' }) }),
      status: [400, 404],
    });
    await sleep(100);
    expect(trap.connections - connections).toBe(0);
  });

  // -------------------------------------------------------------------------------------------
  /** Without a token, `/api/<service>/…` paths that climb into another service's path space. */
  const CROSS_SERVICE_PATHS: [string, string, keyof typeof recorders][] = [
    ['/api/import/../upload/roster-uploads', 'POST', 'import'],
    ['/api/import/%2e%2e/link-request/link-requests', 'GET', 'import'],
    ['/api/import/%2E%2E/notification/letters', 'GET', 'import'],
    ['/api/import/.%2e/upload/roster-uploads', 'POST', 'import'],
    ['/api/import/..\\upload\\roster-uploads', 'POST', 'import'],
    ['/api/link-request/./../notification/letters', 'GET', 'link-request'],
    ['/api/notification/x/../../import/cases', 'GET', 'notification'],
    ['/api/upload/%2e%2e/%2e%2e/api/import/cases', 'GET', 'upload'],
  ];
  it.each(CROSS_SERVICE_PATHS)('proxy without a token: %s (%s) reaches no other service than %s', async (path, method, named) => {
    for (const recorder of Object.values(recorders)) recorder.received.length = 0;
    await runHostileCase(suite, { name: path, target: 'recording dashboard', request: () => ({ method, path, ...(method === 'POST' ? json({}) : {}) }), status: [400, 401, 404] });
    const reached = Object.fromEntries(Object.entries(recorders).map(([name, r]) => [name, r.received]));
    // The named service may see the request only under a path with no dot segment left in it.
    const climbing = reached[named].filter((line) => /(^|\/|\\)(\.|%2e){1,2}($|\/|\\|\?)/i.test(decodeURIComponent(line.split(' ')[1])));
    expect({ otherServices: Object.entries(reached).filter(([name, lines]) => name !== named && lines.length > 0), climbing }).toEqual({ otherServices: [], climbing: [] });
  });

  it('control: the recording dashboard does forward a plain path to the named service only', async () => {
    for (const recorder of Object.values(recorders)) recorder.received.length = 0;
    const response = await send(recordingDashboard.baseUrl, { path: '/api/import/cases?groupId=110000901', token: tokens.provider });
    expect(response.status).toBe(404);
    expect(Object.fromEntries(Object.entries(recorders).map(([n, r]) => [n, r.received]))).toEqual({
      upload: [],
      import: ['GET /cases?groupId=110000901'],
      'link-request': [],
      notification: [],
    });
  });

  // -------------------------------------------------------------------------------------------
  const dashboardOwn: HostileCase[] = [
    { name: 'a malformed percent-escape in a static path (/assets/%E0%A4%A)', target: 'dashboard', request: () => ({ path: '/assets/%E0%A4%A' }), status: [400, 404] },
    { name: 'a malformed percent-escape in an API path (/api/import/%E0%A4%A)', target: 'dashboard', request: () => ({ path: '/api/import/%E0%A4%A', token: tokens['back office'] }), status: [400, 404] },
    { name: 'an unknown API (/api/admin/users)', target: 'dashboard', request: () => ({ path: '/api/admin/users', token: tokens['back office'] }), status: 404, said: /no such API/i },
    { name: 'live updates for a provider user', target: 'dashboard', request: () => ({ path: '/api/live', token: tokens.provider }), status: 403, said: /back-office|back office/i },
    { name: 'operations for a provider user', target: 'dashboard', request: () => ({ path: '/api/operations', token: tokens.provider }), status: 403, said: /back-office|back office/i },
    { name: 'sign-in: malformed JSON', target: 'dashboard', request: () => ({ method: 'POST', path: '/api/dev-sign-in', ...json('{"sub":') }), status: 400 },
    { name: 'sign-in: a 10 MB body', target: 'dashboard', request: () => ({ method: 'POST', path: '/api/dev-sign-in', ...json({ sub: 's'.repeat(10 * 1024 * 1024) }) }), status: [400, 413] },
    { name: 'sign-in: JSON nested 10,000 levels deep', target: 'dashboard', request: () => ({ method: 'POST', path: '/api/dev-sign-in', ...json(`${'{"sub":'.repeat(10_000)}"x"${'}'.repeat(10_000)}`) }), status: 400 },
    { name: 'sign-in: __proto__ beside a real user', target: 'dashboard', request: () => ({ method: 'POST', path: '/api/dev-sign-in', ...json('{"sub":"demo-admin","__proto__":{"roles":["admin"]}}') }), status: 400, said: /__proto__/ },
    { name: 'sign-in: constructor beside a real user', target: 'dashboard', request: () => ({ method: 'POST', path: '/api/dev-sign-in', ...json('{"sub":"demo-admin","constructor":{"prototype":{"x":1}}}') }), status: 400, said: /constructor/ },
    { name: 'sign-in: a sub with a NUL character', target: 'dashboard', request: () => ({ method: 'POST', path: '/api/dev-sign-in', ...json({ sub: 'demo-admin\u0000' }) }), status: [400, 422] },
    { name: 'a 20 KB request header', target: 'dashboard', request: () => ({ path: '/api/me', token: tokens['back office'], headers: { 'x-padding': 'z'.repeat(20_000) } }), status: 431, body: 'protocol' },
  ];
  it.each(dashboardOwn.map((c) => [c.name, c] as const))('dashboard: %s', async (_name, c) => runHostileCase(suite, c));

  it.each(['/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2F..%2F..%2F..%2Fetc%2Fpasswd', '/assets/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd', '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd'])(
    'dashboard: the static file server serves nothing outside its web root for %s',
    async (path) => {
      const before = await watch.snapshot();
      const response = await send(dashboard.baseUrl, { path });
      expect(response.status).toBeLessThan(500);
      expect(response.text).not.toMatch(/root:.*:0:0:/);
      await expectStillServing(suite.targets['dashboard']);
      expectNothingWritten(before, await watch.snapshot());
    },
  );

  it('dashboard: a proxied error keeps the service error shape', async () => {
    const response = await send(dashboard.baseUrl, { path: '/api/link-request/business-calendar/add?date=2026-02-30&businessDays=10', token: tokens.provider });
    expectError(response, 400, /not a valid date/i);
  });
});
