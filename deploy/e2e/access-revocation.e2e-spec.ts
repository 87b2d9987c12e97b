import { Topics } from '@rosterlink/contracts';
import { backlogsConsumed, backOfficeUser, eventually, groupPractice, KafkaProbe, ServiceProcess, tokenFor } from '@rosterlink/testing';
import { craftedToken } from './hostile/hostile-fixtures';

/** A group of this spec's own (the run's database is shared): location A only matters here. */
const GROUP = '110000071';
const LOCATION = `${GROUP}A`;
const PRIMARY = { sub: 'revocation-primary', name: 'Maria Santos', roles: ['provider' as const] };
const COLLEAGUE = { sub: 'revocation-colleague', name: 'Joe Colleague', roles: ['provider' as const] };
const SERVICES = ['upload-service', 'import-service', 'link-request-service', 'notification-service', 'access-service'] as const;
type Service = (typeof SERVICES)[number];

/** For each service, one call a user can make only with access to LOCATION (404 without). */
const PROBES: Record<Exclude<Service, 'access-service'>, string> = {
  'upload-service': `/roster-template.xlsx?groupId=${GROUP}`,
  'import-service': `/groups/${GROUP}/practitioners`,
  'link-request-service': `/service-locations/${LOCATION}/servicing-providers`,
  'notification-service': `/letters?groupId=${GROUP}`,
};

/**
 * Access is decided in access-service and enforced by every service from its own projection of
 * access.grant-changed.v1: a Primary User grants a colleague, every service lets the colleague in; the Primary
 * User revokes, and within 5 seconds every service answers the colleague's next call with 404, with the token
 * the colleague was issued before the revocation.
 */
describe('access granted and revoked in access-service holds in every service', () => {
  const probe = new KafkaProbe();
  const running = {} as Record<Service, ServiceProcess>;
  let backOffice: string;

  const call = (service: Service, method: string, path: string, token: string, body?: unknown) =>
    fetch(`${running[service].baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  /** Each service's answer to the colleague's probe call. */
  async function statuses(token: string): Promise<Record<string, number>> {
    const entries = await Promise.all(
      Object.entries(PROBES).map(async ([service, path]) => {
        const response = await call(service as Service, 'GET', path, token);
        await response.arrayBuffer();
        return [service, response.status] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  const everywhere = (status: number) => Object.fromEntries(Object.keys(PROBES).map((s) => [s, status]));

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    const started = await Promise.all(SERVICES.map((name) => ServiceProcess.start(name)));
    for (const service of started) running[service.name as Service] = service;
    backOffice = await tokenFor(backOfficeUser());
    // The Primary User of LOCATION, named by the back office once access-service knows the group.
    await eventually(async () => {
      const granted = await call('access-service', 'PUT', `/service-locations/${LOCATION}/users/${PRIMARY.sub}`, backOffice, { name: PRIMARY.name });
      if (granted.status !== 201 && granted.status !== 200) throw new Error(`grant answered ${granted.status}`);
    }, { timeoutMs: 30_000 });
    const named = await call('access-service', 'PUT', `/service-locations/${LOCATION}/primary-user`, backOffice, { userId: PRIMARY.sub });
    expect(named.status).toBe(200);
    // The 5 s below are a steady-state promise. Just started, a service may first replay what earlier specs left on
    // its topics (the 100,000-row roster's affiliations): on two cores, that catch-up, not the grants lane, was
    // what once made link-request-service 404 for 5 s after a grant.
    await backlogsConsumed(SERVICES);
  });

  afterAll(async () => {
    await probe.close();
    await Promise.all(Object.values(running).map((s) => s.stop()));
  });

  it('lets in whom the Primary User grants, and keeps out whom they revoke within 5 s, token unchanged', async () => {
    const primary = await tokenFor(PRIMARY);
    const colleague = await tokenFor(COLLEAGUE);
    expect(await statuses(colleague)).toEqual(everywhere(404));

    const granted = await call('access-service', 'PUT', `/service-locations/${LOCATION}/users/${COLLEAGUE.sub}`, primary, { name: COLLEAGUE.name });
    expect(granted.status).toBe(201);
    await eventually(async () => expect(await statuses(colleague)).toEqual(everywhere(200)), { timeoutMs: 5_000 });

    const revoked = await call('access-service', 'DELETE', `/service-locations/${LOCATION}/users/${COLLEAGUE.sub}`, primary);
    expect(revoked.status).toBe(204);
    const revokedAt = Date.now();
    // access-service decides: at once.
    expect(await (await call('access-service', 'GET', '/me', colleague)).json()).toMatchObject({ grants: [] });
    // Every other service from its projection: within 5 s, for the token issued before the revocation.
    await eventually(async () => expect(await statuses(colleague)).toEqual(everywhere(404)), { timeoutMs: 5_000, intervalMs: 50 });
    console.log(`revocation held in every service ${Date.now() - revokedAt} ms after access-service answered 204`);
    // Nobody else lost anything.
    expect(await statuses(primary)).toEqual(everywhere(200));
  });

  it('takes no grant from a token: a validly signed `grants` claim, even one that is SQL, reaches nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const grants of [[LOCATION], [`${LOCATION}' OR '1'='1`]]) {
      const token = await craftedToken({ sub: 'revocation-claimant', name: 'Claims Everything', roles: ['provider'], grants, iat: now, exp: now + 600 });
      expect(await statuses(token)).toEqual(everywhere(404));
    }
  });
});
