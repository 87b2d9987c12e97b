import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { AccessGrantChangedV1, consumerGroupOf, Topics } from '@rosterlink/contracts';
import { consumerLagByTopic } from '@rosterlink/messaging';
import {
  eventually,
  grantAccess,
  grantsCaughtUp,
  groupPractice,
  individualProvider,
  KafkaProbe,
  practitionerAffiliated,
  RunningService,
  startService,
  testStack,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

const GROUP = '110000081';
const LOCATION = `${GROUP}A`;
const BACKLOG_GROUP = '110000082';
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

  const status = async (bearer = token) => {
    const response = await fetch(`${service.baseUrl}/service-locations/${LOCATION}/servicing-providers`, {
      headers: { authorization: `Bearer ${bearer}` },
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
    // The fixture waits for the consumer groups it sees reading the topic; the projection is asked until it holds the grant.
    await eventually(async () => expect(await status()).toBe(200), { timeoutMs: 5_000 });

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

  it('reads grants in a consumer group of its own: a grant holds while the main group is deep in a roster backlog', async () => {
    const stack = testStack();
    const kafka = new Kafka({ clientId: 'test-lanes', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const main = stack.topicPrefix + LINK_REQUEST_SERVICE.name;
      const lane = stack.topicPrefix + consumerGroupOf(LINK_REQUEST_SERVICE.name, Topics.AccessGrantChanged);
      expect(lane).toBe(`${main}.access`);
      const grantsTopic = stack.topicPrefix + Topics.AccessGrantChanged;
      const subscriptions = async (groupId: string) => {
        const [group] = (await admin.describeGroups([groupId])).groups;
        return group.members.flatMap((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []);
      };
      expect(await subscriptions(lane)).toEqual([grantsTopic]);
      expect(await subscriptions(main)).not.toContain(grantsTopic);

      // A 40,000-practitioner roster for another group lands on the main group's partition...
      const backlog = Array.from({ length: 40_000 }, (_, i) =>
        practitionerAffiliated(individualProvider({ pid: String(230000000 + i), npi: validNpi(230_000 + i) }), {
          groupId: BACKLOG_GROUP,
          serviceLocation: 'A',
          change: 'ADDED',
          effectiveDate: '2026-01-05',
          caseNumber: 'RI-2026-008200',
          affiliatedAt: new Date().toISOString(),
        }),
      );
      await probe.publishMany(Topics.PractitionerAffiliated, BACKLOG_GROUP, backlog);
      // ...and a colleague is granted access right behind it.
      const colleague = await tokenFor({ sub: 'projection-colleague', name: 'Lee Lane', roles: ['provider'] });
      expect(await status(colleague)).toBe(404);
      await grantAccess('projection-colleague', [LOCATION]);
      const stillBehind = (await consumerLagByTopic(admin, main, [stack.topicPrefix + Topics.PractitionerAffiliated])).get(
        stack.topicPrefix + Topics.PractitionerAffiliated,
      );
      expect(await status(colleague)).toBe(200);
      console.log(`grant applied with ${stillBehind} roster events still to consume in ${main}`);
      expect(stillBehind).toBeGreaterThan(0);
    } finally {
      await admin.disconnect();
    }
  });
});
