import { AccessGrantChangedV1, Topics } from '@rosterlink/contracts';
import { eventually, grantAccess, grantsCaughtUp, groupPractice, KafkaProbe, RunningService, startService, tokenFor } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

const GROUP = '110000081';
const LOCATION = `${GROUP}A`;
const USER = { sub: 'projection-user', name: 'Pat Projection', roles: ['provider' as const] };

/**
 * The service's projection of access.grant-changed.v1 (libs/access-grants), seen through the guard: a change
 * counts only when its version is higher than the one held, so an older grant delivered late (a replay, a
 * producer retry) never undoes a revocation, and a duplicate changes nothing.
 */
describe('link-request-service: access grants from its own projection', () => {
  const probe = new KafkaProbe();
  let service: RunningService;
  let token: string;

  const change = (version: number, granted: boolean): AccessGrantChangedV1 => ({
    pidsl: LOCATION,
    userId: USER.sub,
    change: granted ? 'GRANTED' : 'REVOKED',
    granted,
    primary: false,
    version,
    by: 'access-primary',
    at: new Date().toISOString(),
  });

  const status = async () => {
    const response = await fetch(`${service.baseUrl}/service-locations/${LOCATION}/servicing-providers`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  };

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    service = await startService(LINK_REQUEST_SERVICE);
    token = await tokenFor(USER);
    await eventually(async () => {
      const response = await fetch(`${service.baseUrl}/service-locations?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`service-locations answered ${response.status}`);
    });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  it('lets the user in on a grant and out on a newer revocation; a late older grant and a duplicate change nothing', async () => {
    expect(await status()).toBe(404);
    await grantAccess(USER.sub, [LOCATION]);
    expect(await status()).toBe(200);

    // Versions above the fixture's: a revocation, then the grant before it arriving late, then the revocation
    // again; each applied on its own (one batch would keep only the newest anyway).
    const base = Date.now() * 1000 + 1_000_000;
    const revocation = change(base + 2, false);
    for (const late of [revocation, change(base + 1, true), revocation]) {
      await probe.publish(Topics.AccessGrantChanged, LOCATION, late);
      await grantsCaughtUp(LINK_REQUEST_SERVICE.name);
      expect(await status()).toBe(404);
    }

    await probe.publish(Topics.AccessGrantChanged, LOCATION, change(base + 3, true));
    await grantsCaughtUp(LINK_REQUEST_SERVICE.name);
    expect(await status()).toBe(200);
  });
});
