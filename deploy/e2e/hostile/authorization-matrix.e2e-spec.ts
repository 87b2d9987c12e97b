import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { businessDateOf, Role, Topics } from '@rosterlink/contracts';
import { backlogsConsumed, eventually, KafkaProbe, linkRequestProcessed, rosterCsv, rosterRow, testStack } from '@rosterlink/testing';
import {
  BAD_HEADER_ROSTER,
  expectError,
  expectNothingWritten,
  expectStillServing,
  GROUP,
  json,
  linkRequestServiceKnowsProviderMaster,
  Persona,
  PERSONA_USERS,
  PERSONAS,
  personaTokens,
  PersonaTokens,
  PIDSL,
  PRACTITIONER,
  publishProviderMaster,
  RawRequest,
  RawResponse,
  rosterUpload,
  SAME_GROUP_OTHER_PIDSL,
  send,
  ServiceName,
  startServices,
  stopAll,
  Target,
  uploadServiceKnowsGroups,
  WriteWatch,
  writtenBy,
} from './hostile-fixtures';

const SERVICES: ServiceName[] = ['upload-service', 'import-service', 'link-request-service', 'notification-service', 'access-service'];
const dateIn = (days: number) => businessDateOf(new Date(Date.now() + days * 86_400_000));

/** The roles each persona's token carries. */
const ROLES_OF: Record<Persona, Role[]> = {
  'no token': [],
  provider: ['provider'],
  'provider of another group': ['provider'],
  'provider of another location': ['provider'],
  'back office': ['back-office'],
  admin: ['admin'],
};

/**
 * Whose data an operation touches, read from the parameters it is called with:
 * `public` (no security in the OpenAPI document), `any` (any signed-in user), `group` (a case or
 * group: any location of the group will do), `location` (a PID/SL, or a request or letter of
 * one), `notification` (a group's notification, which only that group's users see).
 */
type Scope = 'public' | 'any' | 'group' | 'location' | 'notification';
const SCOPE_OF_PARAMETER: Record<string, Exclude<Scope, 'public' | 'any'>> = {
  caseNumber: 'group',
  uploadId: 'group',
  groupId: 'group',
  pidsl: 'location',
  requestId: 'location',
  letterId: 'location',
  notificationId: 'notification',
};
const SCOPE_RANK: Scope[] = ['public', 'any', 'group', 'location', 'notification'];

/** What an operation is when the caller may do it, beyond what its OpenAPI entry says. */
interface OperationRule {
  /** Only these roles may call it (403 for the others). */
  roles?: Role[];
  /** The answer when the caller may do it (default 200). State is set up so that most writes are refused *after* the authorization check (409, 422): those cells write nothing. */
  allowed?: number[];
  body?: () => Pick<RawRequest, 'headers' | 'body'>;
  /** Values for this operation's parameters instead of the defaults below. */
  params?: () => Record<string, string>;
  /** The scope, where the parameters do not show it (the roster upload's group is in its body) or overstate it. */
  scope?: Scope;
  /** The allowed call legitimately writes (a resend, marking a notification read). */
  writes?: boolean;
  extraKeys?: string[];
}

interface Fixtures {
  /** GROUP's upload that opened `caseNumber`. */
  uploadId: string;
  caseNumber: string;
  requestId: string;
  letterId: string;
  /** A letter at PIDSL the matrix may resend. */
  resendLetterId: string;
  notificationId: string;
  /** A letter of a request at the group's other location (B). */
  otherLocationLetter: { letterId: string; requestId: string };
}

/**
 * The authorization matrix: every operation of every service's OpenAPI document (GET /docs-json)
 * × six callers: no token, a provider user granted the location, a provider user of another
 * group, a provider user of another location of the same group, back office, and admin.
 * Each cell checks the status, the error shape and message, that the service is still healthy
 * and answering, and (unless the call is one that legitimately writes) that nothing was written.
 * Then letters, which are authorised per location.
 */
describe('hostile input: authorization matrix', () => {
  const probe = new KafkaProbe();
  const letterStore = join(testStack().fileStoreDir, 'hostile-matrix-letters');
  let services: Awaited<ReturnType<typeof startServices>>;
  let watch: WriteWatch;
  let tokens: PersonaTokens;
  let targets: Record<ServiceName, Target>;
  const fixtures = {} as Fixtures;

  const RULES: Record<string, OperationRule> = {
    'POST /roster-uploads': { scope: 'group', allowed: [422], body: () => rosterUpload(BAD_HEADER_ROSTER) },
    'POST /cases/{caseNumber}/process': { allowed: [409], extraKeys: ['status'] },
    'POST /service-locations/{pidsl}/link-requests': { allowed: [422], body: () => json({ servicingProviderId: PRACTITIONER.pid, effectiveDate: '2020-01-02', attestation: true }) },
    'POST /service-locations/{pidsl}/unlink-requests': { allowed: [422], body: () => json({ servicingProviderId: PRACTITIONER.pid, endDate: '2020-01-02', attestation: true }) },
    // Every signed-in user (issue 13): a provider user's list holds only their grants' requests (its optional pidsl filter is not sent).
    'GET /link-requests': { scope: 'any' },
    'POST /link-requests/{requestId}/decision': { roles: ['back-office', 'admin'], allowed: [409], body: () => json({ decision: 'APPROVED' }), extraKeys: ['status'] },
    // The request is decided: it keeps its assignee (409, naming its status), so assigning and unassigning write nothing.
    'PUT /link-requests/{requestId}/assignee': { roles: ['back-office', 'admin'], allowed: [409], body: () => json({ userId: 'matrix-analyst', name: 'Matrix Analyst' }), extraKeys: ['status'] },
    'DELETE /link-requests/{requestId}/assignee': { roles: ['back-office', 'admin'], allowed: [409], extraKeys: ['status'] },
    // A note of blanks is refused after the role check (422): nothing written. Notes are the back office's own.
    'POST /link-requests/{requestId}/notes': { roles: ['back-office', 'admin'], allowed: [422], body: () => json({ text: '   ' }) },
    'GET /link-requests/{requestId}/notes': { roles: ['back-office', 'admin'] },
    'POST /business-calendar/closures': { roles: ['admin'], allowed: [409], body: () => json({ date: '2026-12-25', name: 'Christmas Day, again' }) },
    // Removing a closure that is not there (404), or a statutory holiday (409): refused after the role check, nothing written.
    'DELETE /business-calendar/closures/{date}': { roles: ['admin'], allowed: [404, 409] },
    // The back office's own views (issue 14): totals, the decision's context, the calendar's audit, the queue as CSV.
    'GET /business-calendar/audit': { roles: ['back-office', 'admin'] },
    'GET /link-requests/summary': { roles: ['back-office', 'admin'] },
    'GET /link-requests/export.csv': { roles: ['back-office', 'admin'] },
    'GET /link-requests/{requestId}/context': { roles: ['back-office', 'admin'] },
    'GET /cases/summary': { roles: ['back-office', 'admin'] },
    'GET /letters/summary': { roles: ['back-office', 'admin'] },
    'POST /letters/{letterId}/resend': { roles: ['back-office', 'admin'], allowed: [202, 409], params: () => ({ letterId: fixtures.resendLetterId }), writes: true },
    'GET /letters/{letterId}/resends': { roles: ['back-office', 'admin'], params: () => ({ letterId: fixtures.resendLetterId }) },
    'POST /notifications/{notificationId}/read': { allowed: [204], writes: true },
    // access-service. The provider persona is PIDSL's Primary User; another location's user is not, so 404 (as elsewhere).
    // Whom to ask for access: any signed-in user, also outside their grants.
    'GET /service-locations/{pidsl}/primary-user': { scope: 'any' },
    // Granting the Primary User again: 200, nothing recorded.
    'PUT /service-locations/{pidsl}/users/{userId}': { params: () => ({ userId: PERSONA_USERS.provider.sub }), body: () => json({}) },
    // Revoking someone who has no access: 204, nothing recorded.
    'DELETE /service-locations/{pidsl}/users/{userId}': { allowed: [204], params: () => ({ userId: 'matrix-nobody' }) },
    // Naming the current Primary User again changes nothing (the Primary User may hand the role on: 200 for them too).
    'PUT /service-locations/{pidsl}/primary-user': { body: () => json({ userId: PERSONA_USERS.provider.sub }) },
  };

  /** Parameter values by name: the fixtures of GROUP's location A. */
  const parameterValues = (): Record<string, string> => ({
    caseNumber: fixtures.caseNumber,
    uploadId: fixtures.uploadId,
    groupId: GROUP,
    pidsl: PIDSL,
    requestId: fixtures.requestId,
    letterId: fixtures.letterId,
    notificationId: fixtures.notificationId,
    npi: PRACTITIONER.npi,
    date: dateIn(30),
    year: '2026',
    businessDays: '10',
    name: 'Hostile',
  });
  /** Optional query parameters sent anyway: they name the group (so the call is about GROUP), or are the search criterion. */
  const OPTIONAL_QUERY_SENT = ['groupId', 'name'];

  interface Operation {
    key: string;
    method: string;
    request: (token: string | undefined) => RawRequest;
    scope: Scope;
    rule: OperationRule;
  }

  interface OpenApiOperation {
    security?: unknown[];
    parameters?: { name: string; in: 'path' | 'query'; required?: boolean }[];
  }

  /** The operations of a service's OpenAPI document, each with the request the matrix sends. */
  async function operationsOf(service: ServiceName): Promise<Operation[]> {
    const document = JSON.parse((await send(services[service].baseUrl, { path: '/docs-json' })).text) as { paths: Record<string, Record<string, OpenApiOperation>> };
    return Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]): Operation => {
        const key = `${method.toUpperCase()} ${template}`;
        const rule = RULES[key] ?? {};
        const values = { ...parameterValues(), ...(rule.params?.() ?? {}) };
        const parameters = operation.parameters ?? [];
        const sent = parameters.filter((p) => p.in === 'path' || p.required || OPTIONAL_QUERY_SENT.includes(p.name));
        const missing = sent.filter((p) => values[p.name] === undefined).map((p) => p.name);
        if (missing.length > 0) throw new Error(`${service} ${key}: no matrix value for ${missing.join(', ')}`);
        // A call that may write must say how its allowed cell stays harmless (or that it writes).
        if (method !== 'get' && !RULES[key]) throw new Error(`${service} ${key}: a new operation that may write needs a matrix rule`);
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
        const query = sent.filter((p) => p.in === 'query').map((p) => `${p.name}=${encodeURIComponent(values[p.name])}`).join('&');
        const scopes: Scope[] = [operation.security?.length ? 'any' : 'public', ...sent.flatMap((p): Scope[] => (p.name in SCOPE_OF_PARAMETER ? [SCOPE_OF_PARAMETER[p.name]] : []))];
        return {
          key,
          method: method.toUpperCase(),
          request: (token) => ({ method: method.toUpperCase(), path: query ? `${path}?${query}` : path, token, ...(rule.body?.() ?? {}) }),
          scope: rule.scope ?? scopes.reduce((a, b) => (SCOPE_RANK.indexOf(b) > SCOPE_RANK.indexOf(a) ? b : a)),
          rule,
        };
      }),
    );
  }

  /** The statuses a persona must get for an operation. */
  function expectedFor(persona: Persona, operation: Operation): number[] {
    const allowed = operation.rule.allowed ?? [200];
    if (operation.scope === 'public') return allowed;
    if (persona === 'no token') return [401];
    const roles = operation.rule.roles;
    if (roles && !ROLES_OF[persona].some((r) => roles.includes(r))) return [403];
    switch (operation.scope) {
      case 'group':
        return persona === 'provider of another group' ? [404] : allowed;
      case 'location':
        return persona === 'provider of another group' || persona === 'provider of another location' ? [404] : allowed;
      case 'notification':
        return persona === 'provider' || persona === 'provider of another location' ? allowed : [404];
      default:
        return allowed;
    }
  }

  const REFUSAL_SAYS: Record<number, RegExp> = { 401: /token|sign in|bearer/i, 403: /role/i, 404: /not found/i };

  // -------------------------------------------------------------------------------------------
  beforeAll(async () => {
    tokens = await personaTokens();
    await publishProviderMaster(probe);
    services = await startServices(SERVICES, {
      'notification-service': { LETTER_STORE_DIR: letterStore, LETTER_MAIL_OUTBOX_DIR: join(letterStore, 'outbox') },
    });
    // An earlier spec's backlog (the 100,000-row roster's affiliations) is consumed before the cells start: the
    // write watch below must see only what the matrix's calls write.
    await backlogsConsumed(SERVICES.map(String), 300_000);
    watch = await WriteWatch.open();
    const at = (service: ServiceName) => services[service].baseUrl;
    const call = async (service: ServiceName, request: RawRequest, status: number): Promise<Record<string, unknown>> => {
      const response = await send(at(service), request);
      if (response.status !== status) throw new Error(`set-up ${request.method ?? 'GET'} ${request.path} answered ${response.status}: ${response.text.slice(0, 300)}`);
      return response.text ? (JSON.parse(response.text) as Record<string, unknown>) : {};
    };
    await Promise.all([
      uploadServiceKnowsGroups(services['upload-service'], tokens['back office']),
      linkRequestServiceKnowsProviderMaster(services['link-request-service'], tokens['back office']),
    ]);
    // In access-service: the provider persona is PIDSL's Primary User, the other-location persona has access to B only.
    const granting = (pidsl: string, userId: string) =>
      eventually(() => call('access-service', { method: 'PUT', path: `/service-locations/${pidsl}/users/${userId}`, token: tokens['back office'], ...json({}) }, 201).catch(async (error) => {
        // 200 when a retried set-up already granted it.
        if (!String(error).includes('answered 200')) throw error;
        return {};
      }), { timeoutMs: 30_000 });
    await granting(PIDSL, PERSONA_USERS.provider.sub);
    await granting(SAME_GROUP_OTHER_PIDSL, PERSONA_USERS['provider of another location'].sub);
    await call('access-service', { method: 'PUT', path: `/service-locations/${PIDSL}/primary-user`, token: tokens['back office'], ...json({ userId: PERSONA_USERS.provider.sub }) }, 200);
    // Every persona is a known portal user, so that only their first GET /me, here, writes.
    for (const persona of PERSONAS) if (tokens[persona]) await call('access-service', { path: '/me', token: tokens[persona] }, 200);

    // A roster-import case of GROUP, processed (REJECTED: the NPI's check digit is wrong), with its notification.
    const roster = rosterCsv([rosterRow(3, { NPI: '1234567890', Email: `matrix-${randomUUID()}@example.org` })]);
    const { uploadId } = await call('upload-service', { method: 'POST', path: '/roster-uploads', token: tokens.provider, ...rosterUpload(roster) }, 202);
    fixtures.uploadId = String(uploadId);
    fixtures.caseNumber = await eventually(async () => {
      const { items } = await call('import-service', { path: `/cases?uploadId=${uploadId}`, token: tokens.provider }, 200) as { items: { caseNumber: string }[] };
      if (!items[0]) throw new Error('case not opened yet');
      return items[0].caseNumber;
    }, { timeoutMs: 30_000 });
    await call('import-service', { method: 'POST', path: `/cases/${fixtures.caseNumber}/process`, token: tokens.provider }, 202);
    fixtures.notificationId = await eventually(async () => {
      const { items } = await call('notification-service', { path: '/notifications', token: tokens.provider }, 200) as { items: { notificationId: string; subject: string }[] };
      const notification = items.find((n) => n.subject === fixtures.caseNumber);
      if (!notification) throw new Error('no notification of the processed case yet');
      return notification.notificationId;
    }, { timeoutMs: 60_000 });

    // A link request at PIDSL, decided: its letter.
    const submitted = await call('link-request-service', { method: 'POST', path: `/service-locations/${PIDSL}/link-requests`, token: tokens.provider, ...json({ servicingProviderId: PRACTITIONER.pid, effectiveDate: dateIn(30), attestation: true }) }, 201);
    fixtures.requestId = String(submitted['requestId']);
    await call('link-request-service', { method: 'POST', path: `/link-requests/${fixtures.requestId}/decision`, token: tokens['back office'], ...json({ decision: 'APPROVED' }) }, 200);

    // Two more letters as link-request.processed.v1 would bring them: one at PIDSL (to resend), one at location B.
    const processedAt = (pidsl: string) => linkRequestProcessed({ requestId: randomUUID(), pidsl, groupId: GROUP, serviceLocation: pidsl.slice(-1), provider: { providerId: PRACTITIONER.pid, npi: PRACTITIONER.npi, firstName: PRACTITIONER.firstName, lastName: PRACTITIONER.lastName } });
    const toResend = processedAt(PIDSL);
    const atOtherLocation = processedAt(SAME_GROUP_OTHER_PIDSL);
    for (const event of [toResend, atOtherLocation]) await probe.publish(Topics.LinkRequestProcessed, event.pidsl, event);

    const sentLetterOf = (requestId: string) =>
      eventually(async () => {
        const { items } = await call('notification-service', { path: `/letters?requestId=${requestId}`, token: tokens['back office'] }, 200) as { items: { letterId: string; status: string }[] };
        if (items[0]?.status !== 'SENT') throw new Error(`letter of ${requestId} is ${items[0]?.status ?? 'missing'}`);
        return items[0].letterId;
      }, { timeoutMs: 60_000 });
    [fixtures.letterId, fixtures.resendLetterId] = await Promise.all([sentLetterOf(fixtures.requestId), sentLetterOf(toResend.requestId)]);
    fixtures.otherLocationLetter = { letterId: await sentLetterOf(atOtherLocation.requestId), requestId: atOtherLocation.requestId };
    await eventually(async () => {
      const body = await call('import-service', { path: `/cases/${fixtures.caseNumber}`, token: tokens.provider }, 200);
      if (body['status'] === 'NEW' || body['status'] === 'PROCESSING') throw new Error(`case ${body['status']}`);
    }, { timeoutMs: 60_000 });
    await watch.settled(1000);

    const normal = (service: ServiceName, request: () => RawRequest, status: number): Target => ({ name: service, baseUrl: at(service), normal: [[request, status]] });
    targets = {
      'upload-service': normal('upload-service', () => ({ method: 'POST', path: '/roster-uploads', token: tokens.provider, ...rosterUpload(BAD_HEADER_ROSTER) }), 422),
      'import-service': normal('import-service', () => ({ path: `/cases?groupId=${GROUP}`, token: tokens.provider }), 200),
      'link-request-service': normal('link-request-service', () => ({ path: '/service-locations', token: tokens.provider }), 200),
      'notification-service': normal('notification-service', () => ({ path: '/letters', token: tokens.provider }), 200),
      'access-service': normal('access-service', () => ({ path: `/service-locations/${PIDSL}/users`, token: tokens.provider }), 200),
    };
  }, 180_000);

  afterAll(async () => {
    await probe.close();
    await watch?.close();
    await stopAll(Object.values(services ?? {}));
  });

  /** What went wrong in one cell, as a line (the matrix reports every cell before failing). */
  async function problemsOf(fn: () => Promise<void> | void): Promise<string | undefined> {
    try {
      await fn();
      return undefined;
    } catch (error) {
      return stripVTControlCharacters(String((error as Error).message)).replace(/\s+/g, ' ').slice(0, 400);
    }
  }

  describe.each(SERVICES)('%s', (service) => {
    it.each(PERSONAS)('every operation of its OpenAPI document, called by: %s', async (persona) => {
      const operations = await operationsOf(service);
      expect(operations.length).toBeGreaterThan(1);
      const expected: Record<string, number | string> = {};
      const actual: Record<string, number | string> = {};
      const problems: string[] = [];

      for (const operation of operations) {
        const statuses = expectedFor(persona, operation);
        const before = await watch.snapshot();
        const response: RawResponse = await send(services[service].baseUrl, operation.request(tokens[persona]));
        actual[operation.key] = response.status;
        expected[operation.key] = statuses.includes(response.status) ? response.status : statuses.length === 1 ? statuses[0] : `one of ${statuses.join(', ')}`;

        const cell = `${operation.key} as ${persona}`;
        if (response.status >= 400) {
          const refused = REFUSAL_SAYS[response.status];
          const problem = await problemsOf(() => expectError(response, response.status, statuses.includes(response.status) ? refused : undefined, operation.rule.extraKeys));
          if (problem) problems.push(`${cell}: error body: ${problem}`);
        }
        const health = await problemsOf(() => expectStillServing(targets[service]));
        if (health) problems.push(`${cell}: afterwards: ${health}`);
        const after = await writtenBy(watch, before);
        const wroteLegitimately = operation.rule.writes && response.status < 300;
        if (!wroteLegitimately) {
          const written = await problemsOf(() => expectNothingWritten(before, after));
          if (written) problems.push(`${cell}: wrote: ${written}`);
        }
      }

      expect(actual).toEqual(expected);
      expect(problems).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------------
  /** Letters are authorised per location: a user granted location A of the group does not see location B's. */
  const letterCases: [string, Persona, () => RawRequest, (response: RawResponse) => void][] = [
    [
      "GET /letters/{id}/pdf of location B's letter → 404",
      'provider',
      () => ({ path: `/letters/${fixtures.otherLocationLetter.letterId}/pdf` }),
      (response) => expectError(response, 404, /not found/i),
    ],
    [
      "GET /letters does not list location B's letter",
      'provider',
      () => ({ path: '/letters?limit=1000' }),
      (response) => expect(lettersIn(response)).not.toContain(fixtures.otherLocationLetter.letterId),
    ],
    [
      "GET /letters?groupId=… does not list location B's letter",
      'provider',
      () => ({ path: `/letters?groupId=${GROUP}&limit=1000` }),
      (response) => expect(lettersIn(response)).not.toContain(fixtures.otherLocationLetter.letterId),
    ],
    [
      "GET /letters?requestId={location B's request} is empty",
      'provider',
      () => ({ path: `/letters?requestId=${fixtures.otherLocationLetter.requestId}` }),
      (response) => expect(JSON.parse(response.text)).toEqual({ items: [], total: 0 }),
    ],
    [
      "GET /letters/{id}/pdf of location A's letter, by a user of location B → 404",
      'provider of another location',
      () => ({ path: `/letters/${fixtures.letterId}/pdf` }),
      (response) => expectError(response, 404, /not found/i),
    ],
    [
      "control: location A's user sees location A's letter",
      'provider',
      () => ({ path: `/letters?requestId=${fixtures.requestId}` }),
      (response) => expect(lettersIn(response)).toEqual([fixtures.letterId]),
    ],
    [
      "control: location B's user sees location B's letter",
      'provider of another location',
      () => ({ path: `/letters?requestId=${fixtures.otherLocationLetter.requestId}` }),
      (response) => expect(lettersIn(response)).toEqual([fixtures.otherLocationLetter.letterId]),
    ],
    [
      "control: back office reads location B's letter",
      'back office',
      () => ({ path: `/letters/${fixtures.otherLocationLetter.letterId}/pdf` }),
      (response) => expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(/pdf/) }),
    ],
  ];
  function lettersIn(response: RawResponse): string[] {
    expect(response.status).toBe(200);
    return (JSON.parse(response.text) as { items: { letterId: string }[] }).items.map((l) => l.letterId);
  }
  it.each(letterCases)('letters by location: %s (as %s)', async (_name, persona, request, check) => {
    const before = await watch.snapshot();
    check(await send(services['notification-service'].baseUrl, { ...request(), token: tokens[persona] }));
    await expectStillServing(targets['notification-service']);
    expectNothingWritten(before, await watch.snapshot());
  });
});
