import { businessDateOf } from '@rosterlink/contracts';
import { eventually, KafkaProbe, ServiceProcess } from '@rosterlink/testing';
import {
  emptyPage,
  GROUP,
  HostileCase,
  HostileSuite,
  json,
  linkRequestServiceKnowsProviderMaster,
  OTHER_GROUP,
  Persona,
  personaTokens,
  PersonaTokens,
  PIDSL,
  publishProviderMaster,
  RawRequest,
  runHostileCase,
  SECOND_PRACTITIONER,
  send,
  startServices,
  stopAll,
  stopRestarted,
  WriteWatch,
} from './hostile-fixtures';

/** A calendar date `days` from today in the business time zone. */
const dateIn = (days: number) => businessDateOf(new Date(Date.now() + days * 86_400_000));
/** A location of GROUP that the link-request cases below may write to, were a hostile body let through. */
const WRITABLE_PIDSL = `${GROUP}C`;
const NOT_A_DATE = /not a valid date/i;
const TOO_LARGE = /larger|too large|limit/i;
const TOO_DEEP = /nest|deep|depth/i;
const NUL = /\bNUL\b|null (byte|character)/i;
/** A NUL in a parameter with a strict format: the message names the NUL, or the parameter whose format it breaks. */
const nulOr = (parameter: string) => new RegExp(`\\bNUL\\b|null (byte|character)|${parameter}`, 'i');

/**
 * Hostile JSON bodies, query strings, path parameters and headers against import-service,
 * link-request-service and notification-service (framework errors must be 4xx, never 500).
 */
describe('hostile input: JSON, query strings, path parameters and headers', () => {
  const probe = new KafkaProbe();
  let services: Awaited<ReturnType<typeof startServices>>;
  let watch: WriteWatch;
  let tokens: PersonaTokens;
  let suite: HostileSuite;
  /** A SUBMITTED link request at PIDSL: a decision let through would decide it. */
  let openRequestId = '';

  const as = (persona: Persona, request: RawRequest): RawRequest => ({ ...request, token: tokens[persona] });
  const get = (path: string, persona: Persona = 'back office') => as(persona, { path });
  const postJson = (path: string, body: unknown, persona: Persona = 'back office') => as(persona, { method: 'POST', path, ...json(body) });
  const raw = (path: string, headers: Record<string, string>, body: string | Buffer, persona: Persona = 'back office') => as(persona, { method: 'POST', path, headers, body });

  const linkBody = (extra: Record<string, unknown> = {}) => ({ servicingProviderId: SECOND_PRACTITIONER.pid, effectiveDate: dateIn(60), attestation: true, ...extra });
  const LINK = `/service-locations/${WRITABLE_PIDSL}/link-requests`;
  const UNLINK = `/service-locations/${WRITABLE_PIDSL}/unlink-requests`;
  const CLOSURES = '/business-calendar/closures';
  const decision = () => `/link-requests/${openRequestId}/decision`;
  /** `{"a":{"a":…}}` or `[[…]]`, `depth` levels deep, as text (JSON.stringify would overflow nothing, but is slow to build). */
  const nested = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

  beforeAll(async () => {
    tokens = await personaTokens();
    await publishProviderMaster(probe);
    services = await startServices(['import-service', 'link-request-service', 'notification-service']);
    watch = await WriteWatch.open();
    const linkRequest = services['link-request-service'];
    await linkRequestServiceKnowsProviderMaster(linkRequest, tokens['back office']);
    const submitted = await eventually(async () => {
      const response = await send(linkRequest.baseUrl, postJson(`/service-locations/${PIDSL}/link-requests`, linkBody(), 'provider'));
      if (response.status !== 201) throw new Error(`set-up link request answered ${response.status}: ${response.text}`);
      return JSON.parse(response.text) as { requestId: string };
    });
    openRequestId = submitted.requestId;
    await watch.settled();

    const provider = tokens.provider;
    suite = {
      watch,
      targets: {
        import: {
          name: 'import-service',
          baseUrl: services['import-service'].baseUrl,
          normal: [[() => ({ path: `/cases?groupId=${GROUP}`, token: provider }), 200]],
          restart: () => ServiceProcess.start('import-service'),
        },
        link: {
          name: 'link-request-service',
          baseUrl: linkRequest.baseUrl,
          normal: [[() => ({ path: `/business-calendar/add?date=${dateIn(0)}&businessDays=10`, token: provider }), 200]],
          restart: () => ServiceProcess.start('link-request-service'),
        },
        notification: {
          name: 'notification-service',
          baseUrl: services['notification-service'].baseUrl,
          normal: [[() => ({ path: '/letters', token: provider }), 200]],
          restart: () => ServiceProcess.start('notification-service'),
        },
      },
    };
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await watch?.close();
    await stopAll(Object.values(services ?? {}));
    await stopRestarted(suite?.targets);
  });

  const table = (rows: HostileCase[]) => rows.map((c) => [c.name, c] as const);

  // -------------------------------------------------------------------------------------------
  const jsonBodies: HostileCase[] = [
    { name: 'malformed JSON: link request', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, '{"servicingProviderId":'), status: 400, said: /JSON/i },
    { name: 'malformed JSON: unlink request', target: 'link', request: () => raw(UNLINK, { 'content-type': 'application/json' }, "{'endDate': '2030-01-01'}"), status: 400, said: /JSON/i },
    { name: 'malformed JSON: decision', target: 'link', request: () => raw(decision(), { 'content-type': 'application/json' }, '{"decision":"APPROVED",}'), status: 400, said: /JSON/i },
    { name: 'malformed JSON: closure (admin)', target: 'link', request: () => raw(CLOSURES, { 'content-type': 'application/json' }, '{"date":"2031-03-03"', 'admin'), status: 400, said: /JSON/i },
    { name: 'a 10 MB JSON body: link request', target: 'link', request: () => postJson(LINK, linkBody({ padding: 'p'.repeat(10 * 1024 * 1024) })), status: 413, said: TOO_LARGE },
    { name: 'a 10 MB JSON body: closure (admin)', target: 'link', request: () => postJson(CLOSURES, { date: '2031-03-03', name: 'n'.repeat(10 * 1024 * 1024) }, 'admin'), status: 413, said: TOO_LARGE },
    { name: 'a decision reason of 1 MB', target: 'link', request: () => postJson(decision(), { decision: 'DENIED', reason: 'r'.repeat(1024 * 1024) }), status: 413, said: TOO_LARGE },
    { name: 'JSON arrays nested 10,000 levels deep: decision', target: 'link', request: () => raw(decision(), { 'content-type': 'application/json' }, `{"decision":"APPROVED","reason":${nested(10_000, '[', ']')}}`), status: 400, said: TOO_DEEP },
    { name: 'JSON objects nested 10,000 levels deep: link request', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, nested(10_000, '{"a":', '}')), status: 400, said: TOO_DEEP },
    { name: 'JSON nested 10,000 levels deep as the whole body: unlink request', target: 'link', request: () => raw(UNLINK, { 'content-type': 'application/json' }, nested(10_000, '[', ']')), status: 400, said: TOO_DEEP },
    { name: '__proto__ at the top of a valid link request', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, JSON.stringify(linkBody()).replace('{', '{"__proto__":{"isAdmin":true},')), status: 400, said: /__proto__/ },
    { name: '__proto__ at the top of a valid decision', target: 'link', request: () => raw(decision(), { 'content-type': 'application/json' }, '{"decision":"APPROVED","__proto__":{"reason":"x"}}'), status: 400, said: /__proto__/ },
    { name: 'constructor at the top of a valid link request', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, JSON.stringify(linkBody({ constructor: { prototype: { isAdmin: true } } }))), status: 400, said: /constructor/ },
    { name: 'constructor at the top of a valid closure (admin)', target: 'link', request: () => postJson(CLOSURES, { date: '2031-03-03', name: 'Hostile closure', constructor: { name: 'x' } }, 'admin'), status: 400, said: /constructor/ },
    { name: 'prototype at the top of a valid unlink request', target: 'link', request: () => postJson(UNLINK, { servicingProviderId: SECOND_PRACTITIONER.pid, endDate: dateIn(60), attestation: true, prototype: {} }), status: 400, said: /prototype/ },
    { name: '__proto__ nested in a link request', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, JSON.stringify(linkBody()).replace('}', ',"meta":{"__proto__":{"isAdmin":true}}}')), status: 400, said: /__proto__/ },
    { name: 'constructor nested in a decision', target: 'link', request: () => raw(decision(), { 'content-type': 'application/json' }, '{"decision":"APPROVED","meta":{"constructor":{"prototype":{"isAdmin":true}}}}'), status: 400, said: /constructor/ },
    { name: 'prototype nested in a closure (admin)', target: 'link', request: () => postJson(CLOSURES, { date: '2031-03-03', name: 'Hostile closure', meta: { prototype: { x: 1 } } }, 'admin'), status: 400, said: /prototype/ },
    { name: 'a JSON array as the body', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, '[1,2,3]'), status: 400 },
    { name: 'JSON null as the body', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, 'null'), status: 400 },
    { name: 'a JSON string as the body', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, '"APPROVED"'), status: 400 },
    { name: 'arrays and objects where strings belong', target: 'link', request: () => postJson(LINK, { servicingProviderId: [SECOND_PRACTITIONER.pid], effectiveDate: { $gt: '' }, attestation: 'true' }), status: 400, said: /servicingProviderId/ },
    { name: 'invalid UTF-8 in a JSON body', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json' }, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), status: 400 },
    { name: 'a JSON body sent as text/plain', target: 'link', request: () => raw(LINK, { 'content-type': 'text/plain' }, JSON.stringify(linkBody())), status: 400, said: /servicingProviderId|not valid/i },
    { name: 'a link request sent form-encoded', target: 'link', request: () => raw(LINK, { 'content-type': 'application/x-www-form-urlencoded' }, `servicingProviderId=${SECOND_PRACTITIONER.pid}&effectiveDate=${dateIn(60)}&attestation=true`), status: 400, said: /attestation/ },
    { name: 'an unsupported charset (UTF-16 declared, bytes that are not)', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json; charset=utf-16' }, '{}'), status: [400, 415] },
    { name: 'a charset nobody has (x-hostile)', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json; charset=x-hostile' }, '{}'), status: 415, said: /charset|UTF-8|encoding/i },
    { name: 'Content-Encoding: gzip with a body that is not gzip', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, JSON.stringify(linkBody())), status: 415, said: /uncompressed|encoding/i },
    { name: 'an unsupported Content-Encoding (compress)', target: 'link', request: () => raw(LINK, { 'content-type': 'application/json', 'content-encoding': 'compress' }, JSON.stringify(linkBody())), status: 415, said: /encoding|UTF-8|JSON/i },
  ];
  it.each(table(jsonBodies))('JSON: %s', async (_name, c) => runHostileCase(suite, c));

  // -------------------------------------------------------------------------------------------
  const impossibleDates: HostileCase[] = [
    { name: '/links/verify?date=2026-02-30', target: 'link', request: () => get(`/links/verify?pidsl=${PIDSL}&npi=${SECOND_PRACTITIONER.npi}&date=2026-02-30`), status: 400, said: NOT_A_DATE },
    { name: '/links/verify?date=2025-02-29 (not a leap year)', target: 'link', request: () => get(`/links/verify?pidsl=${PIDSL}&npi=${SECOND_PRACTITIONER.npi}&date=2025-02-29`), status: 400, said: NOT_A_DATE },
    { name: '/business-calendar/add?date=2026-02-30', target: 'link', request: () => get('/business-calendar/add?date=2026-02-30&businessDays=10', 'provider'), status: 400, said: NOT_A_DATE },
    { name: '/business-calendar/add?date=2026-13-01', target: 'link', request: () => get('/business-calendar/add?date=2026-13-01&businessDays=10', 'provider'), status: 400, said: NOT_A_DATE },
    { name: '/business-calendar/add?date=0000-00-00', target: 'link', request: () => get('/business-calendar/add?date=0000-00-00&businessDays=10', 'provider'), status: 400, said: NOT_A_DATE },
    { name: 'POST /business-calendar/closures 2026-02-30 (admin)', target: 'link', request: () => postJson(CLOSURES, { date: '2026-02-30', name: 'Leap of faith' }, 'admin'), status: 400, said: NOT_A_DATE },
    { name: 'POST /business-calendar/closures 2031-04-31 (admin)', target: 'link', request: () => postJson(CLOSURES, { date: '2031-04-31', name: 'No such day' }, 'admin'), status: 400, said: NOT_A_DATE },
    { name: 'a link request effective 2099-02-30', target: 'link', request: () => postJson(LINK, linkBody({ effectiveDate: '2099-02-30' })), status: 400, said: NOT_A_DATE },
    { name: 'a link request ending 2099-02-29', target: 'link', request: () => postJson(LINK, linkBody({ endDate: '2099-02-29' })), status: 400, said: NOT_A_DATE },
    { name: 'an unlink request ending 2099-06-31', target: 'link', request: () => postJson(UNLINK, { servicingProviderId: SECOND_PRACTITIONER.pid, endDate: '2099-06-31', attestation: true }), status: 400, said: NOT_A_DATE },
  ];
  it.each(table(impossibleDates))('impossible date: %s', async (_name, c) => runHostileCase(suite, c));

  // -------------------------------------------------------------------------------------------
  /** Every list endpoint of the three services (the OpenAPI documents are checked against this list below). */
  const LIST_ENDPOINTS: { target: string; path: string; template: string }[] = [
    { target: 'import', path: '/cases', template: 'GET /cases' },
    { target: 'import', path: '/cases/RI-2026-000001/errors', template: 'GET /cases/{caseNumber}/errors' },
    { target: 'import', path: `/groups/${GROUP}/practitioners`, template: 'GET /groups/{groupId}/practitioners' },
    { target: 'link', path: '/link-requests', template: 'GET /link-requests' },
    { target: 'link', path: '/link-requests/00000000-0000-4000-8000-000000000000/notes', template: 'GET /link-requests/{requestId}/notes' },
    { target: 'link', path: '/service-locations', template: 'GET /service-locations' },
    { target: 'link', path: `/service-locations/${PIDSL}/servicing-providers`, template: 'GET /service-locations/{pidsl}/servicing-providers' },
    { target: 'link', path: '/providers/search?name=Hostile', template: 'GET /providers/search' },
    { target: 'link', path: '/business-calendar/audit', template: 'GET /business-calendar/audit' },
    { target: 'notification', path: '/letters', template: 'GET /letters' },
    { target: 'notification', path: '/notifications', template: 'GET /notifications' },
  ];
  const BAD_PAGING: [string, RegExp][] = [
    ['offset=1e20', /offset/],
    ['offset=99999999999999999999', /offset/],
    ['limit=-1', /limit/],
    ['limit=abc', /limit/],
  ];
  const paging: HostileCase[] = LIST_ENDPOINTS.flatMap(({ target, path }) =>
    BAD_PAGING.map(([query, said]): HostileCase => ({
      name: `${path.split('?')[0]}?${query}`,
      target,
      request: () => get(`${path}${path.includes('?') ? '&' : '?'}${query}`),
      status: 400,
      said,
    })),
  );
  it.each(table(paging))('paging: %s', async (_name, c) => runHostileCase(suite, c));

  it('the paging cases cover every list endpoint of the OpenAPI documents', async () => {
    const listed: string[] = [];
    for (const name of ['import-service', 'link-request-service', 'notification-service'] as const) {
      const doc = JSON.parse((await send(services[name].baseUrl, { path: '/docs-json' })).text) as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      };
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
          if (query.includes('limit') && query.includes('offset')) listed.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(listed.sort()).toEqual(LIST_ENDPOINTS.map((e) => e.template).sort());
  });

  // -------------------------------------------------------------------------------------------
  const nulCharacters: HostileCase[] = [
    { name: 'GET /groups/{id}/practitioners?search=%00', target: 'import', request: () => get(`/groups/${GROUP}/practitioners?search=%00`, 'provider'), status: 400, said: NUL },
    { name: 'GET /groups/{id}/practitioners?search=Iv%00', target: 'import', request: () => get(`/groups/${GROUP}/practitioners?search=Iv%00`, 'provider'), status: 400, said: NUL },
    { name: 'GET /cases?uploadId=%00', target: 'import', request: () => get('/cases?uploadId=%00', 'provider'), status: 400, said: nulOr('uploadId') },
    { name: 'GET /providers/search?name=%00', target: 'link', request: () => get('/providers/search?name=%00', 'provider'), status: 400, said: NUL },
    { name: 'GET /providers/search?name=Ivo%00', target: 'link', request: () => get('/providers/search?name=Ivo%00', 'provider'), status: 400, said: NUL },
    { name: 'GET /link-requests?pidsl=…%00', target: 'link', request: () => get(`/link-requests?pidsl=${PIDSL}%00`), status: 400, said: nulOr('pidsl') },
    { name: 'GET /service-locations?groupId=…%00', target: 'link', request: () => get(`/service-locations?groupId=${GROUP}%00`, 'provider'), status: 400, said: nulOr('groupId') },
    { name: 'GET /links/verify?date=…%00', target: 'link', request: () => get(`/links/verify?pidsl=${PIDSL}&npi=${SECOND_PRACTITIONER.npi}&date=2030-01-02%00`), status: 400, said: nulOr('date') },
    { name: 'GET /business-calendar/holidays?year=2026%00', target: 'link', request: () => get('/business-calendar/holidays?year=2026%00', 'provider'), status: 400, said: nulOr('year') },
    { name: 'GET /letters?requestId=%00', target: 'notification', request: () => get('/letters?requestId=%00', 'provider'), status: 400, said: nulOr('requestId') },
    { name: 'GET /letters?groupId=…%00', target: 'notification', request: () => get(`/letters?groupId=${GROUP}%00`, 'provider'), status: 400, said: nulOr('groupId') },
    { name: 'a NUL in a path parameter: GET /cases/RI-2026-000001%00', target: 'import', request: () => get('/cases/RI-2026-000001%00', 'provider'), status: [400, 404], said: /\bNUL\b|caseNumber|not found/i },
  ];
  it.each(table(nulCharacters))('NUL: %s', async (_name, c) => runHostileCase(suite, c));

  // -------------------------------------------------------------------------------------------
  const injections: HostileCase[] = [
    { name: "practitioners?search=' OR '1'='1 finds nothing", target: 'import', request: () => get(`/groups/${GROUP}/practitioners?search=${encodeURIComponent("' OR '1'='1")}`, 'provider'), status: 200, ok: emptyPage },
    { name: 'practitioners?search=%_ (LIKE wildcards) finds nothing', target: 'import', request: () => get(`/groups/${GROUP}/practitioners?search=%25_`, 'provider'), status: 200, ok: emptyPage },
    {
      name: 'providers/search?name=…; DROP TABLE … answers only providers',
      target: 'link',
      request: () => get(`/providers/search?name=${encodeURIComponent("x'; DROP TABLE link_request.link_requests;--")}`, 'provider'),
      status: 200,
      ok: (body) => expect((body as { items: { providerId: string }[] }).items.every((p) => /^\d{9}$/.test(p.providerId))).toBe(true),
    },
    { name: "cases?groupId=…' OR '1'='1", target: 'import', request: () => get(`/cases?groupId=${encodeURIComponent(`${GROUP}' OR '1'='1`)}`, 'provider'), status: 400, said: /groupId/ },
    { name: "cases?status=NEW' OR 1=1--", target: 'import', request: () => get(`/cases?status=${encodeURIComponent("NEW' OR 1=1--")}`, 'provider'), status: 400, said: /status/ },
    { name: 'cases?groupId[$ne]=x (operator injection)', target: 'import', request: () => get('/cases?groupId[$ne]=x', 'provider'), status: 400, said: /groupId/ },
    { name: 'cases?limit=1&limit=2 (a repeated parameter)', target: 'import', request: () => get('/cases?limit=1&limit=2', 'provider'), status: 400, said: /limit/ },
    { name: "link-requests?pidsl=' OR 1=1--", target: 'link', request: () => get(`/link-requests?pidsl=${encodeURIComponent("' OR 1=1--")}`), status: 400, said: /pidsl/ },
    { name: 'links/verify?npi=… OR 1=1', target: 'link', request: () => get(`/links/verify?pidsl=${PIDSL}&npi=${encodeURIComponent('1234567893 OR 1=1')}&date=2030-01-02`), status: 400, said: /npi/ },
    { name: 'letters?groupId=1;DROP TABLE notification.letters', target: 'notification', request: () => get(`/letters?groupId=${encodeURIComponent('1;DROP TABLE notification.letters')}`, 'provider'), status: 400, said: /groupId/ },
    { name: "GET /cases/RI-2026-000001' OR '1'='1", target: 'import', request: () => get(`/cases/${encodeURIComponent("RI-2026-000001' OR '1'='1")}`), status: 404, said: /not found/i },
    { name: "GET /groups/…' OR 1=1--/practitioners", target: 'import', request: () => get(`/groups/${encodeURIComponent(`${GROUP}' OR 1=1--`)}/practitioners`, 'provider'), status: 404, said: /not found/i },
  ];
  it.each(table(injections))('SQL: %s', async (_name, c) => runHostileCase(suite, c));

  // -------------------------------------------------------------------------------------------
  const TRAVERSAL = '..%2F..%2F..%2Fetc%2Fpasswd';
  const pathParameters: HostileCase[] = [
    { name: `GET /cases/${TRAVERSAL}`, target: 'import', request: () => get(`/cases/${TRAVERSAL}`), status: 404, said: /not found/i },
    { name: `GET /cases/${TRAVERSAL}/errors.csv`, target: 'import', request: () => get(`/cases/${TRAVERSAL}/errors.csv`), status: 404, said: /not found/i },
    { name: `GET /cases/${TRAVERSAL}/errors.xlsx`, target: 'import', request: () => get(`/cases/${TRAVERSAL}/errors.xlsx`), status: 404, said: /not found/i },
    { name: `POST /cases/${TRAVERSAL}/process`, target: 'import', request: () => as('back office', { method: 'POST', path: `/cases/${TRAVERSAL}/process` }), status: 404, said: /not found/i },
    { name: `GET /groups/${TRAVERSAL}/practitioners`, target: 'import', request: () => get(`/groups/${TRAVERSAL}/practitioners`, 'provider'), status: 404, said: /not found/i },
    { name: `GET /letters/${TRAVERSAL}/pdf`, target: 'notification', request: () => get(`/letters/${TRAVERSAL}/pdf`), status: 400, said: /uuid/i },
    { name: 'GET /letters/%2e%2e%2f%2e%2e%2fletters/pdf', target: 'notification', request: () => get('/letters/%2e%2e%2f%2e%2e%2fletters/pdf'), status: 400, said: /uuid/i },
    { name: `POST /notifications/${TRAVERSAL}/read`, target: 'notification', request: () => as('provider', { method: 'POST', path: `/notifications/${TRAVERSAL}/read` }), status: 400, said: /uuid/i },
    { name: `GET /link-requests/${TRAVERSAL}`, target: 'link', request: () => get(`/link-requests/${TRAVERSAL}`), status: 400, said: /uuid/i },
    { name: `GET /service-locations/${TRAVERSAL}/servicing-providers`, target: 'link', request: () => get(`/service-locations/${TRAVERSAL}/servicing-providers`), status: 400, said: /pidsl/ },
    { name: `POST /service-locations/${TRAVERSAL}/link-requests`, target: 'link', request: () => postJson(`/service-locations/${TRAVERSAL}/link-requests`, linkBody()), status: [400, 404], said: /pidsl|not found/i },
    { name: 'a malformed percent-escape in a path parameter (/cases/%E0%A4%A)', target: 'import', request: () => get('/cases/%E0%A4%A'), status: 400 },
  ];
  it.each(table(pathParameters))('path parameter: %s', async (_name, c) => runHostileCase(suite, c));

  // -------------------------------------------------------------------------------------------
  const headers: HostileCase[] = [
    { name: 'a 20 KB request header (import)', target: 'import', request: () => ({ ...get('/cases', 'provider'), headers: { 'x-padding': 'z'.repeat(20_000) } }), status: 431, body: 'protocol' },
    // (Just over Node's 16 KB limit: much more, and the server hangs up before the client has finished writing.)
    { name: 'a 20 KB query string (link-request)', target: 'link', request: () => get(`/providers/search?name=${'a'.repeat(20_000)}`, 'provider'), status: 431, body: 'protocol' },
    { name: 'a 20 KB request header (notification)', target: 'notification', request: () => ({ ...get('/letters', 'provider'), headers: { 'x-padding': 'z'.repeat(20_000) } }), status: 431, body: 'protocol' },
    {
      name: 'Content-Length and Transfer-Encoding both on a decision (request smuggling)',
      target: 'link',
      request: () => ({ ...postJson(decision(), { decision: 'APPROVED' }), headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }),
      status: 400,
      body: 'protocol',
    },
    { name: 'Accept: text/html on an error still answers the JSON error', target: 'import', request: () => ({ ...get('/cases/RI-2026-999999'), headers: { accept: 'text/html' } }), status: 404, said: /not found/i },
    { name: 'an unknown method on a list (DELETE /cases)', target: 'import', request: () => as('back office', { method: 'DELETE', path: '/cases' }), status: 404 },
    { name: 'a query parameter that is not declared (GET /letters?isAdmin=true)', target: 'notification', request: () => get('/letters?isAdmin=true', 'provider'), status: 400, said: /isAdmin/ },
    { name: 'a __proto__ query parameter (GET /cases?__proto__[x]=1)', target: 'import', request: () => get('/cases?__proto__[x]=1', 'provider'), status: 400, said: /__proto__/ },
    { name: 'a constructor query parameter (GET /service-locations?constructor=x)', target: 'link', request: () => get('/service-locations?constructor=x', 'provider'), status: 400, said: /constructor/ },
  ];
  it.each(table(headers))('headers and methods: %s', async (_name, c) => runHostileCase(suite, c));

  it('keeps GROUP and OTHER_GROUP apart in what a hostile query can reach', async () => {
    // A provider of GROUP filtering by OTHER_GROUP learns nothing (404), whatever else the query says.
    await runHostileCase(suite, { name: 'other group by filter', target: 'import', request: () => get(`/cases?groupId=${OTHER_GROUP}&limit=1000`, 'provider'), status: 404, said: /not found/i });
  });
});
