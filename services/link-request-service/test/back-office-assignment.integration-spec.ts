import { DataSource } from 'typeorm';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  providerUser,
  RunningService,
  startService,
  TestUser,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

const GROUP = '110000035';
const LOCATIONS = ['A', 'B', 'C', 'D'];
const [A, B, C, D] = LOCATIONS.map((sl) => `${GROUP}${sl}`);
const PRACTITIONERS = [35, 36, 37].map((n) => ({ pid: `2100000${n}`, npi: validNpi(n) }));

/** Two analysts and their supervisor, as their tokens name them. */
const ANALYST_A = backOfficeUser();
const ANALYST_B: TestUser = { sub: 'back-office-assign-b', name: 'Lee Park', roles: ['back-office'] };
const SUPERVISOR: TestUser = { sub: 'admin-assign', name: 'Sam Okafor', roles: ['admin'] };

interface OutboxRow {
  topic: string;
  key: string;
  payload: Record<string, unknown>;
}

/**
 * Back office shares its work on link requests: an assignee per request and internal notes, each
 * change recorded in the request's history and announced through the outbox in one transaction;
 * and, with LINK_REQUEST_ASSIGNMENT_REQUIRED, only the assignee or an admin decides.
 */
describe('link-request-service: assignment and internal notes', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  const token = {} as Record<'a' | 'b' | 'supervisor' | 'provider', string>;

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE);
    probe = new KafkaProbe();
    [token.a, token.b, token.supervisor, token.provider] = await Promise.all([
      tokenFor(ANALYST_A),
      tokenFor(ANALYST_B),
      tokenFor(SUPERVISOR),
      tokenFor(providerUser(A, B, C, D)),
    ]);
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP, serviceLocations: LOCATIONS.map((sl) => ({ sl })) }));
    for (const { pid, npi } of PRACTITIONERS) await probe.publish(Topics.ProviderMasterUpserted, pid, individualProvider({ pid, npi }));
    await eventually(async () => {
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM link_request.providers WHERE pid = ANY($1)`, [PRACTITIONERS.map((p) => p.pid)]);
      const [{ g }] = await db().query(`SELECT count(*)::int AS g FROM link_request.provider_groups WHERE pid = $1`, [GROUP]);
      if (n < PRACTITIONERS.length || g < 1) throw new Error('provider master not projected yet');
    });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  function db(): DataSource {
    return service.app.get(DataSource);
  }

  async function call(method: string, path: string, bearer: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const submittedAt = new Map<string, number>();
  /** A fresh open request at `pidsl`, as the group's portal submits it (each practitioner once per location). */
  async function submitted(pidsl: string): Promise<string> {
    const used = submittedAt.get(pidsl) ?? 0;
    submittedAt.set(pidsl, used + 1);
    const practitioner = PRACTITIONERS[used];
    if (!practitioner) throw new Error(`no practitioner left to request at ${pidsl}`);
    const effectiveDate = businessDateOf(new Date(Date.now() + 30 * 86_400_000));
    const response = await call('POST', `/service-locations/${pidsl}/link-requests`, token.provider, {
      servicingProviderId: practitioner.pid,
      effectiveDate,
      attestation: true,
    });
    if (response.status !== 201) throw new Error(`submission answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.requestId;
  }

  /** The request's events of the back office's work in the outbox, in commit order. */
  async function workEvents(requestId: string): Promise<OutboxRow[]> {
    return db().query(
      `SELECT topic, message_key AS key, payload FROM link_request.outbox
        WHERE payload->>'requestId' = $1 AND topic = ANY($2) ORDER BY seq`,
      [requestId, [Topics.LinkRequestAssigned, Topics.LinkRequestNoteAdded]],
    );
  }

  const history = async (requestId: string, bearer = token.a) =>
    (await call('GET', `/link-requests/${requestId}`, bearer)).body.history as { at: string; actor: string; action: string; note: string | null }[];
  const workHistory = async (requestId: string) =>
    (await history(requestId)).filter((h) => ['ASSIGNED', 'UNASSIGNED', 'NOTE_ADDED'].includes(h.action)).map(({ actor, action, note }) => ({ actor, action, note }));

  it('assigns a request to the analyst who takes it, records who and when, and announces it once', async () => {
    const requestId = await submitted(A);
    const taken = await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: ANALYST_A.sub });
    expect(taken.status).toBe(200);
    // The token's name is recorded for oneself.
    expect(taken.body).toMatchObject({ requestId, status: 'SUBMITTED', assignee: { userId: ANALYST_A.sub, name: ANALYST_A.name, assignedAt: expect.any(String) } });

    const [entry] = (await history(requestId)).filter((h) => h.action === 'ASSIGNED');
    expect(entry).toMatchObject({ actor: ANALYST_A.sub, note: `to ${ANALYST_A.name} (${ANALYST_A.sub})` });
    expect(entry.at).toBe(taken.body.assignee.assignedAt);

    const [event] = await workEvents(requestId);
    expect(event).toEqual({
      topic: Topics.LinkRequestAssigned,
      key: A,
      payload: { requestId, pidsl: A, assignee: { userId: ANALYST_A.sub, name: ANALYST_A.name }, by: ANALYST_A.sub, at: entry.at },
    });
    const published = await eventually(async () => {
      const found = (await probe.messages(Topics.LinkRequestAssigned)).find((m) => m.value['requestId'] === requestId);
      if (!found) throw new Error('not published yet');
      return found;
    });
    expect(published).toMatchObject({ key: A, headers: { ce_type: Topics.LinkRequestAssigned }, value: event.payload });

    // Taking it again changes nothing: no history row, no event.
    expect((await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: ANALYST_A.sub, name: ANALYST_A.name })).status).toBe(200);
    expect(await workHistory(requestId)).toHaveLength(1);
    expect(await workEvents(requestId)).toHaveLength(1);
  });

  it('hands a request on to a named analyst and unassigns it, each change in the history and on the topic', async () => {
    const requestId = await submitted(A);
    expect((await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: ANALYST_A.sub })).status).toBe(200);
    const handedOn = await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: ANALYST_B.sub, name: ANALYST_B.name });
    expect(handedOn.body.assignee).toMatchObject({ userId: ANALYST_B.sub, name: ANALYST_B.name });

    // Someone else is named by id and name.
    const unnamed = await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: 'someone-else' });
    expect(unnamed).toMatchObject({ status: 422, body: { details: [{ field: 'name' }] } });
    for (const body of [{}, { userId: '' }, { userId: ANALYST_A.sub, team: 'enrollment' }]) {
      expect((await call('PUT', `/link-requests/${requestId}/assignee`, token.a, body)).status).toBe(400);
    }

    expect(await call('DELETE', `/link-requests/${requestId}/assignee`, token.b)).toEqual({ status: 204, body: undefined });
    expect((await call('GET', `/link-requests/${requestId}`, token.a)).body.assignee).toBeNull();
    // Nobody stays nobody: nothing recorded.
    expect((await call('DELETE', `/link-requests/${requestId}/assignee`, token.b)).status).toBe(204);

    expect(await workHistory(requestId)).toEqual([
      { actor: ANALYST_A.sub, action: 'ASSIGNED', note: `to ${ANALYST_A.name} (${ANALYST_A.sub})` },
      { actor: ANALYST_A.sub, action: 'ASSIGNED', note: `to ${ANALYST_B.name} (${ANALYST_B.sub}), was ${ANALYST_A.name} (${ANALYST_A.sub})` },
      { actor: ANALYST_B.sub, action: 'UNASSIGNED', note: `was ${ANALYST_B.name} (${ANALYST_B.sub})` },
    ]);
    expect((await workEvents(requestId)).map((e) => [e.payload['assignee'], e.payload['by']])).toEqual([
      [{ userId: ANALYST_A.sub, name: ANALYST_A.name }, ANALYST_A.sub],
      [{ userId: ANALYST_B.sub, name: ANALYST_B.name }, ANALYST_A.sub],
      [null, ANALYST_B.sub],
    ]);
  });

  it('keeps a thread of internal notes, oldest first; the history and the event name the note, never its text', async () => {
    const requestId = await submitted(A);
    const text = 'Called the practice: the license copy is on its way.';
    const first = await call('POST', `/link-requests/${requestId}/notes`, token.a, { text: `  ${text}\n` });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ noteId: expect.any(String), requestId, author: { userId: ANALYST_A.sub, name: ANALYST_A.name }, text, createdAt: expect.any(String) });
    const second = await call('POST', `/link-requests/${requestId}/notes`, token.b, { text: 'License received.' });
    expect(second.status).toBe(201);

    const thread = await call('GET', `/link-requests/${requestId}/notes`, token.b);
    expect(thread.body.total).toBe(2);
    expect(thread.body.items.map((n: { text: string; author: { name: string } }) => [n.author.name, n.text])).toEqual([
      [ANALYST_A.name, text],
      [ANALYST_B.name, 'License received.'],
    ]);
    expect((await call('GET', `/link-requests/${requestId}/notes?limit=1&offset=1`, token.a)).body).toEqual({ items: [second.body], total: 2 });

    expect(await workHistory(requestId)).toEqual([
      { actor: ANALYST_A.sub, action: 'NOTE_ADDED', note: `note ${first.body.noteId}` },
      { actor: ANALYST_B.sub, action: 'NOTE_ADDED', note: `note ${second.body.noteId}` },
    ]);
    const events = await workEvents(requestId);
    expect(events.map((e) => e.payload)).toEqual([
      { requestId, pidsl: A, noteId: first.body.noteId, by: ANALYST_A.sub, at: first.body.createdAt },
      { requestId, pidsl: A, noteId: second.body.noteId, by: ANALYST_B.sub, at: second.body.createdAt },
    ]);
    expect(events.every((e) => e.topic === Topics.LinkRequestNoteAdded && e.key === A)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('license');

    expect(await call('POST', `/link-requests/${requestId}/notes`, token.a, { text: ' \n ' })).toMatchObject({ status: 422, body: { details: [{ field: 'text' }] } });
    for (const body of [{ text: 'x'.repeat(2001) }, { text: '' }, {}, { text: 'ok', pinned: true }]) {
      const refused = await call('POST', `/link-requests/${requestId}/notes`, token.a, body);
      expect(refused.status).toBe(400);
    }
    expect((await call('POST', `/link-requests/${requestId}/notes`, token.a, { text: 'x'.repeat(2000) })).status).toBe(201);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('POST', `/link-requests/${unknown}/notes`, token.a, { text })).status).toBe(404);
    expect((await call('GET', `/link-requests/${unknown}/notes`, token.a)).status).toBe(404);
  });

  it('filters the queue by assignee (a user id, me, none), and keeps the back office’s work from a provider user', async () => {
    const [mine, theirs, nobodys] = [await submitted(B), await submitted(B), await submitted(B)];
    await call('PUT', `/link-requests/${mine}/assignee`, token.a, { userId: ANALYST_A.sub });
    await call('PUT', `/link-requests/${theirs}/assignee`, token.a, { userId: ANALYST_B.sub, name: ANALYST_B.name });
    await call('POST', `/link-requests/${mine}/notes`, token.a, { text: 'Waiting for the practice.' });
    const ids = async (query: string, bearer = token.a) => {
      const { status, body } = await call('GET', `/link-requests?pidsl=${B}&${query}`, bearer);
      expect(status).toBe(200);
      return body.items.map((r: { requestId: string }) => r.requestId);
    };

    expect(await ids('assignee=me')).toEqual([mine]);
    expect(await ids('assignee=me', token.b)).toEqual([theirs]);
    expect(await ids(`assignee=${ANALYST_B.sub}`)).toEqual([theirs]);
    expect(await ids('assignee=none')).toEqual([nobodys]);
    expect(await ids('assignee=nobody-at-all')).toEqual([]);
    const all = (await call('GET', `/link-requests?pidsl=${B}`, token.a)).body.items as { requestId: string; assignee: unknown }[];
    expect(Object.fromEntries(all.map((r) => [r.requestId, r.assignee]))).toEqual({
      [mine]: { userId: ANALYST_A.sub, name: ANALYST_A.name, assignedAt: expect.any(String) },
      [theirs]: { userId: ANALYST_B.sub, name: ANALYST_B.name, assignedAt: expect.any(String) },
      [nobodys]: null,
    });
    expect((await call('GET', `/link-requests?pidsl=${B}&assignee=`, token.a)).status).toBe(400);

    // The group's own user sees its requests, but not whom they are assigned to, nor the work on them.
    const asProvider = await call('GET', `/link-requests?pidsl=${B}`, token.provider);
    expect(asProvider.body.items.every((r: object) => !('assignee' in r))).toBe(true);
    expect(await call('GET', `/link-requests?pidsl=${B}&assignee=me`, token.provider)).toMatchObject({ status: 403, body: { message: expect.stringMatching(/back-office role/) } });
    const detail = await call('GET', `/link-requests/${mine}`, token.provider);
    expect(detail.status).toBe(200);
    expect('assignee' in detail.body).toBe(false);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['LINK_REQUESTED']);
    expect((await history(mine)).map((h) => h.action)).toEqual(['LINK_REQUESTED', 'ASSIGNED', 'NOTE_ADDED']);
  });

  it('answers 403 to a provider user for every assignment and note operation, and writes nothing', async () => {
    const requestId = await submitted(C);
    const before = await workEvents(requestId);
    expect((await call('PUT', `/link-requests/${requestId}/assignee`, token.provider, { userId: 'provider-x', name: 'Practice Manager' })).status).toBe(403);
    expect((await call('DELETE', `/link-requests/${requestId}/assignee`, token.provider)).status).toBe(403);
    expect((await call('POST', `/link-requests/${requestId}/notes`, token.provider, { text: 'hello' })).status).toBe(403);
    const listed = await call('GET', `/link-requests/${requestId}/notes`, token.provider);
    expect(listed).toMatchObject({ status: 403, body: { message: expect.stringMatching(/role/i) } });
    expect(await workEvents(requestId)).toEqual(before);
    expect(await workHistory(requestId)).toEqual([]);
  });

  it('lets any back-office user decide by default, and keeps a decided request’s assignee (409), though notes may still be added', async () => {
    const requestId = await submitted(C);
    await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: ANALYST_A.sub });
    // LINK_REQUEST_ASSIGNMENT_REQUIRED is false by default: analyst B decides A's request.
    expect((await call('POST', `/link-requests/${requestId}/decision`, token.b, { decision: 'APPROVED' })).status).toBe(200);

    for (const [method, body] of [['PUT', { userId: ANALYST_B.sub, name: ANALYST_B.name }], ['PUT', { userId: SUPERVISOR.sub }], ['DELETE', undefined]] as const) {
      const refused = await call(method, `/link-requests/${requestId}/assignee`, token.supervisor, body);
      expect(refused).toMatchObject({ status: 409, body: { status: 'APPROVED', message: `Link request ${requestId} was already APPROVED: a decided request cannot be assigned or unassigned` } });
    }
    expect((await call('GET', `/link-requests/${requestId}`, token.a)).body.assignee).toMatchObject({ userId: ANALYST_A.sub });
    expect((await workEvents(requestId)).map((e) => e.topic)).toEqual([Topics.LinkRequestAssigned]);
    expect((await call('POST', `/link-requests/${requestId}/notes`, token.a, { text: 'Letter sent; closing.' })).status).toBe(201);
  });

  describe('with LINK_REQUEST_ASSIGNMENT_REQUIRED=true', () => {
    beforeAll(async () => {
      await service.stop();
      service = await startService(LINK_REQUEST_SERVICE, { LINK_REQUEST_ASSIGNMENT_REQUIRED: 'true' });
    });

    const decide = (requestId: string, bearer: string) => call('POST', `/link-requests/${requestId}/decision`, bearer, { decision: 'DENIED', reason: 'Not enrolled' });

    it('lets only the assignee or an admin decide, and only they or an admin hand the request on', async () => {
      const requestId = await submitted(D);
      expect(await decide(requestId, token.a)).toMatchObject({
        status: 409,
        body: { message: expect.stringContaining(`Link request ${requestId} is not assigned to anyone: assign it to yourself before deciding it`) },
      });

      expect((await call('PUT', `/link-requests/${requestId}/assignee`, token.a, { userId: ANALYST_A.sub })).status).toBe(200);
      expect(await decide(requestId, token.b)).toMatchObject({
        status: 409,
        body: { message: `Link request ${requestId} is assigned to ${ANALYST_A.name}: only they or an admin may decide it (assignment is required)` },
      });
      // B cannot take it over, nor take A off it.
      for (const [method, body] of [['PUT', { userId: ANALYST_B.sub }], ['DELETE', undefined]] as const) {
        expect(await call(method, `/link-requests/${requestId}/assignee`, token.b, body)).toMatchObject({
          status: 409,
          body: { message: `Link request ${requestId} is assigned to ${ANALYST_A.name}: only they or an admin may reassign it (assignment is required)` },
        });
      }

      // The supervisor hands it on to B, who decides it.
      expect((await call('PUT', `/link-requests/${requestId}/assignee`, token.supervisor, { userId: ANALYST_B.sub, name: ANALYST_B.name })).status).toBe(200);
      expect((await decide(requestId, token.a)).status).toBe(409);
      const decided = await decide(requestId, token.b);
      expect(decided).toMatchObject({ status: 200, body: { status: 'DENIED' } });
      expect((await call('GET', `/link-requests/${requestId}`, token.a)).body).toMatchObject({ status: 'DENIED', decidedBy: ANALYST_B.sub });
      // Nothing of the refusals was written: two assignments, one decision.
      expect((await history(requestId)).map((h) => [h.action, h.actor])).toEqual([
        ['LINK_REQUESTED', providerUser(A, B, C, D).sub],
        ['ASSIGNED', ANALYST_A.sub],
        ['ASSIGNED', SUPERVISOR.sub],
        ['DENIED', ANALYST_B.sub],
      ]);
    });

    it('lets an admin, the supervisor, decide a request assigned to nobody', async () => {
      const requestId = await submitted(D);
      expect((await decide(requestId, token.supervisor)).status).toBe(200);
    });
  });
});
