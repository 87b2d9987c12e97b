import { DataSource } from 'typeorm';
import type { TokenClaims } from '@rosterlink/auth';
import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  KafkaProbe,
  ProbedMessage,
  RunningService,
  startService,
  tokenFor,
} from '@rosterlink/testing';
import { ACCESS_SERVICE } from '../src/app.module';

const GROUP = '110000061';
const PIDSL = `${GROUP}A`;
/** A location of the same group that the Primary User of PIDSL is not Primary User of. */
const OTHER_PIDSL = `${GROUP}B`;

/** A portal user: identity and roles; access comes from access-service's tables. */
function portalUser(sub: string, name: string): TokenClaims {
  return { sub, name, roles: ['provider'] };
}

const PRIMARY = portalUser('access-primary', 'Maria Santos');
const COLLEAGUE = portalUser('access-colleague', 'Joe Colleague');
const NEWCOMER = portalUser('access-newcomer', 'Nora Newcomer');

interface Me {
  grants: string[];
  primaryFor: string[];
}

describe('access-service: grants, Primary Users and the access audit', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startService(ACCESS_SERVICE);
    probe = new KafkaProbe();
    tokens['backOffice'] = await tokenFor(backOfficeUser());
    for (const user of [PRIMARY, COLLEAGUE, NEWCOMER]) tokens[user.sub] = await tokenFor(user);
    await probe.publish(
      Topics.ProviderMasterUpserted,
      GROUP,
      groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'A', name: 'Main office' }, { sl: 'B' }] }),
    );
    // The PID/SL exists once access-service has consumed the provider master.
    await eventually(async () => {
      const response = await call('GET', `/service-locations/${PIDSL}/users`);
      if (response.status !== 200) throw new Error(`PID/SL not projected yet (${response.status})`);
    });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  async function call(method: string, path: string, as = 'backOffice', body?: unknown): Promise<Response> {
    return fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The access.grant-changed.v1 events of one user on PIDSL, once the outbox has none left to publish. */
  async function eventsOf(userId: string, pidsl = PIDSL): Promise<ProbedMessage[]> {
    const dataSource = service.app.get(DataSource);
    await eventually(async () => {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM access.outbox WHERE published_at IS NULL');
      if (n > 0) throw new Error(`${n} events not published yet`);
    });
    return (await probe.messages(Topics.AccessGrantChanged)).filter((m) => m.value['userId'] === userId && m.value['pidsl'] === pidsl);
  }

  it('lets the back office name the first Primary User, announced on the topic keyed by the PID/SL', async () => {
    const response = await call('PUT', `/service-locations/${PIDSL}/primary-user`, 'backOffice', { userId: PRIMARY.sub });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pidsl: PIDSL, primaryUser: { userId: PRIMARY.sub, name: PRIMARY.sub } });

    const [named] = await eventually(async () => {
      const events = await eventsOf(PRIMARY.sub);
      if (events.length === 0) throw new Error('not announced yet');
      return events;
    });
    expect(named.key).toBe(PIDSL);
    expect(named.headers).toMatchObject({ ce_type: Topics.AccessGrantChanged, ce_source: '/rosterlink/access-service' });
    expect(named.value).toEqual({
      pidsl: PIDSL,
      userId: PRIMARY.sub,
      change: 'PRIMARY_NAMED',
      granted: true,
      primary: true,
      version: 1,
      by: backOfficeUser().sub,
      at: expect.any(String),
    });
  });

  it('answers GET /me from its own tables, the name from the token, whatever the token’s grants claim says', async () => {
    expect(await (await call('GET', '/me', PRIMARY.sub)).json()).toEqual({
      sub: PRIMARY.sub,
      name: 'Maria Santos',
      roles: ['provider'],
      grants: [PIDSL],
      primaryFor: [PIDSL],
    });
    // NEWCOMER has been granted nothing yet.
    expect(await (await call('GET', '/me', NEWCOMER.sub)).json()).toEqual({
      sub: NEWCOMER.sub,
      name: 'Nora Newcomer',
      roles: ['provider'],
      grants: [],
      primaryFor: [],
    });
  });

  it('names whom to ask for access to a user without any (the portal’s empty state)', async () => {
    const response = await call('GET', `/service-locations/${PIDSL}/primary-user`, NEWCOMER.sub);
    expect(response.status).toBe(200);
    // PRIMARY signed in (GET /me) since being named: their token's name now shows.
    expect(await response.json()).toEqual({ pidsl: PIDSL, primaryUser: { userId: PRIMARY.sub, name: 'Maria Santos' } });
    expect(await (await call('GET', `/service-locations/${OTHER_PIDSL}/primary-user`, NEWCOMER.sub)).json()).toEqual({
      pidsl: OTHER_PIDSL,
      primaryUser: null,
    });
  });

  it('lets the Primary User grant access (201), lists it, announces it once, and answers a replayed PUT with 200', async () => {
    const granted = await call('PUT', `/service-locations/${PIDSL}/users/${COLLEAGUE.sub}`, PRIMARY.sub, {
      name: 'Joe Colleague',
      email: 'joe@example.org',
    });
    expect(granted.status).toBe(201);
    const user = await granted.json();
    expect(user).toEqual({
      userId: COLLEAGUE.sub,
      name: 'Joe Colleague',
      email: 'joe@example.org',
      primary: false,
      grantedAt: expect.any(String),
      grantedBy: PRIMARY.sub,
    });

    const replayed = await call('PUT', `/service-locations/${PIDSL}/users/${COLLEAGUE.sub}`, PRIMARY.sub);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual(user);

    const list = await call('GET', `/service-locations/${PIDSL}/users`, PRIMARY.sub);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({
      items: [
        { userId: PRIMARY.sub, name: 'Maria Santos', primary: true, grantedAt: expect.any(String), grantedBy: backOfficeUser().sub },
        user,
      ],
      total: 2,
    });

    const events = await eventually(async () => {
      const found = await eventsOf(COLLEAGUE.sub);
      if (found.length === 0) throw new Error('not announced yet');
      return found;
    });
    expect(events.map((e) => [e.key, e.value['change'], e.value['granted'], e.value['primary'], e.value['version']])).toEqual([
      [PIDSL, 'GRANTED', true, false, 2],
    ]);
  });

  it('grants once when the same PUT arrives twice at the same moment: one 201, one 200, one event', async () => {
    const racer = 'access-racer';
    const statuses = await Promise.all(
      [1, 2].map(async () => (await call('PUT', `/service-locations/${OTHER_PIDSL}/users/${racer}`)).status),
    );
    expect(statuses.sort()).toEqual([200, 201]);
    expect((await eventsOf(racer, OTHER_PIDSL)).map((e) => e.value['change'])).toEqual(['GRANTED']);
    expect((await call('DELETE', `/service-locations/${OTHER_PIDSL}/users/${racer}`)).status).toBe(204);
  });

  it('answers 404, not 403, to a provider user outside the PID/SLs they are Primary User of', async () => {
    // COLLEAGUE has access to PIDSL but is not its Primary User; PRIMARY is not Primary User of OTHER_PIDSL.
    for (const [as, method, path] of [
      [COLLEAGUE.sub, 'GET', `/service-locations/${PIDSL}/users`],
      [COLLEAGUE.sub, 'PUT', `/service-locations/${PIDSL}/users/${NEWCOMER.sub}`],
      [COLLEAGUE.sub, 'DELETE', `/service-locations/${PIDSL}/users/${PRIMARY.sub}`],
      [COLLEAGUE.sub, 'GET', `/service-locations/${PIDSL}/access-audit`],
      [COLLEAGUE.sub, 'PUT', `/service-locations/${PIDSL}/primary-user`],
      [NEWCOMER.sub, 'GET', `/service-locations/${PIDSL}/users`],
      [PRIMARY.sub, 'GET', `/service-locations/${OTHER_PIDSL}/users`],
      [PRIMARY.sub, 'PUT', `/service-locations/${OTHER_PIDSL}/users/${COLLEAGUE.sub}`],
    ]) {
      const pidsl = path.split('/')[2];
      const body = path.endsWith('primary-user') ? { userId: COLLEAGUE.sub } : undefined;
      const response = await call(method, path, as, body);
      expect([as, method, path, response.status, await response.json()]).toEqual([
        as,
        method,
        path,
        404,
        { statusCode: 404, error: 'Not Found', message: `Service location ${pidsl} not found` },
      ]);
    }
    expect(await eventsOf(NEWCOMER.sub)).toEqual([]);
    expect(await eventsOf(COLLEAGUE.sub, OTHER_PIDSL)).toEqual([]);
  });

  it('answers 404 for a PID/SL the provider master does not know, even to the back office', async () => {
    for (const pidsl of [`${GROUP}C`, '119999999A']) {
      const granted = await call('PUT', `/service-locations/${pidsl}/users/${COLLEAGUE.sub}`);
      expect([pidsl, granted.status, ((await granted.json()) as { message: string }).message]).toEqual([pidsl, 404, `Service location ${pidsl} not found`]);
      expect((await call('GET', `/service-locations/${pidsl}/users`)).status).toBe(404);
      expect((await call('PUT', `/service-locations/${pidsl}/primary-user`, 'backOffice', { userId: COLLEAGUE.sub })).status).toBe(404);
      expect((await call('GET', `/service-locations/${pidsl}/primary-user`, NEWCOMER.sub)).status).toBe(404);
    }
    expect((await call('GET', '/service-locations/110000061/users')).status).toBe(400);
  });

  it('refuses the last Primary User removing themselves with 409, and changes nothing', async () => {
    const response = await call('DELETE', `/service-locations/${PIDSL}/users/${PRIMARY.sub}`, PRIMARY.sub);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `You are the only Primary User of ${PIDSL}: name another Primary User before removing your own access`,
    });
    expect(((await (await call('GET', '/me', PRIMARY.sub)).json()) as Me).primaryFor).toEqual([PIDSL]);
  });

  it('lets the Primary User revoke access (204), announced with the resulting state; a replayed DELETE changes nothing', async () => {
    expect((await call('DELETE', `/service-locations/${PIDSL}/users/${COLLEAGUE.sub}`, PRIMARY.sub)).status).toBe(204);
    expect((await call('DELETE', `/service-locations/${PIDSL}/users/${COLLEAGUE.sub}`, PRIMARY.sub)).status).toBe(204);
    expect(((await (await call('GET', '/me', COLLEAGUE.sub)).json()) as Me).grants).toEqual([]);
    const { items } = (await (await call('GET', `/service-locations/${PIDSL}/users`, PRIMARY.sub)).json()) as { items: { userId: string }[] };
    expect(items.map((u) => u.userId)).toEqual([PRIMARY.sub]);

    const events = await eventually(async () => {
      const found = await eventsOf(COLLEAGUE.sub);
      if (found.length < 2) throw new Error('revocation not announced yet');
      return found;
    });
    expect(events.map((e) => [e.key, e.value['change'], e.value['granted'], e.value['primary'], e.value['version']])).toEqual([
      [PIDSL, 'GRANTED', true, false, 2],
      [PIDSL, 'REVOKED', false, false, 3],
    ]);
  });

  it('lets the Primary User hand the role on to a user of the PID/SL only; the previous one keeps access', async () => {
    const refused = await call('PUT', `/service-locations/${PIDSL}/primary-user`, PRIMARY.sub, { userId: COLLEAGUE.sub });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toBe(
      `User ${COLLEAGUE.sub} has no access to ${PIDSL}: grant them access first, then hand the Primary User role on`,
    );

    expect((await call('PUT', `/service-locations/${PIDSL}/users/${COLLEAGUE.sub}`, PRIMARY.sub)).status).toBe(201);
    const handedOn = await call('PUT', `/service-locations/${PIDSL}/primary-user`, PRIMARY.sub, { userId: COLLEAGUE.sub });
    expect(handedOn.status).toBe(200);
    expect(await handedOn.json()).toEqual({ pidsl: PIDSL, primaryUser: { userId: COLLEAGUE.sub, name: 'Joe Colleague' } });
    const again = await call('PUT', `/service-locations/${PIDSL}/primary-user`, COLLEAGUE.sub, { userId: COLLEAGUE.sub });
    expect(again.status).toBe(200);

    expect(await (await call('GET', '/me', PRIMARY.sub)).json()).toMatchObject({ grants: [PIDSL], primaryFor: [] });
    expect(await (await call('GET', '/me', COLLEAGUE.sub)).json()).toMatchObject({ grants: [PIDSL], primaryFor: [PIDSL] });
    // No longer the Primary User: outside what PRIMARY may manage.
    expect((await call('GET', `/service-locations/${PIDSL}/users`, PRIMARY.sub)).status).toBe(404);

    const removed = (await eventsOf(PRIMARY.sub)).map((e) => e.value);
    const named = (await eventsOf(COLLEAGUE.sub)).map((e) => e.value);
    expect(removed.map((e) => e['change'])).toEqual(['PRIMARY_NAMED', 'PRIMARY_REMOVED']);
    expect(named.map((e) => e['change'])).toEqual(['GRANTED', 'REVOKED', 'GRANTED', 'PRIMARY_NAMED']);
    expect(removed[1]).toMatchObject({ granted: true, primary: false, by: PRIMARY.sub });
    expect(named[3]).toMatchObject({ granted: true, primary: true, by: PRIMARY.sub });
    // Demoted first, then named: a projection applying them in order never holds two Primary Users.
    expect(named[3]['version']).toBe(Number(removed[1]['version']) + 1);
  });

  it('audits every change, newest first, with who, when, and the state before and after', async () => {
    const response = await call('GET', `/service-locations/${PIDSL}/access-audit`, COLLEAGUE.sub);
    expect(response.status).toBe(200);
    const audit = await response.json();
    const off = { granted: false, primary: false };
    const user = { granted: true, primary: false };
    const primary = { granted: true, primary: true };
    expect(audit).toEqual({
      total: 6,
      items: [
        { at: expect.any(String), by: PRIMARY.sub, action: 'PRIMARY_NAMED', userId: COLLEAGUE.sub, before: user, after: primary },
        { at: expect.any(String), by: PRIMARY.sub, action: 'PRIMARY_REMOVED', userId: PRIMARY.sub, before: primary, after: user },
        { at: expect.any(String), by: PRIMARY.sub, action: 'GRANTED', userId: COLLEAGUE.sub, before: off, after: user },
        { at: expect.any(String), by: PRIMARY.sub, action: 'REVOKED', userId: COLLEAGUE.sub, before: user, after: off },
        { at: expect.any(String), by: PRIMARY.sub, action: 'GRANTED', userId: COLLEAGUE.sub, before: off, after: user },
        { at: expect.any(String), by: backOfficeUser().sub, action: 'PRIMARY_NAMED', userId: PRIMARY.sub, before: off, after: primary },
      ],
    });
    // One event per audited change, and the same number for both.
    const events = (await probe.messages(Topics.AccessGrantChanged)).filter((m) => m.key === PIDSL);
    expect(events.map((e) => e.value['version'])).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await call('GET', `/service-locations/${PIDSL}/access-audit?limit=2&offset=1`)).status).toBe(200);
  });
});
