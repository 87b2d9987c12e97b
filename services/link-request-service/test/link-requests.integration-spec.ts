import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  ManualClock,
  providerUser,
  RunningService,
  startService,
  testStack,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import { CheckLinkRequestSla } from '../src/check-link-request-sla/check-link-request-sla.handler';

const GROUP = '110000031';
const LOCATION = `${GROUP}A`;
const CORRESPONDENCE_EMAIL = 'enrollment@harbor-family.example';
const PHYSICIAN = { pid: '210000031', npi: validNpi(31) };
const SECOND = { pid: '210000034', npi: validNpi(34) };

describe('link-request-service: link requests, decisions and the 10-business-day SLA', () => {
  // Tuesday 24 November 2026, 10:00 in Boston: Thanksgiving (26th) falls inside the ten days.
  const clock = new ManualClock(new Date('2026-11-24T15:00:00Z'));
  let service: RunningService;
  let probe: KafkaProbe;
  let manager: string;
  let backOffice: string;

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE, { SLA_SWEEP_INTERVAL_MS: '300' }, clock);
    probe = new KafkaProbe();
    manager = await tokenFor(providerUser(LOCATION, `${GROUP}B`));
    backOffice = await tokenFor(backOfficeUser());
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'A' }, { sl: 'B' }, { sl: 'C' }], correspondenceEmail: CORRESPONDENCE_EMAIL }));
    const individuals = [
      [PHYSICIAN.pid, PHYSICIAN.npi, 'PHYSICIAN'],
      ['210000032', validNpi(32), 'LTSS'],
      ['210000033', validNpi(33), 'DENTAL'],
      [SECOND.pid, SECOND.npi, 'NURSE_PRACTITIONER'],
    ] as const;
    for (const [pid, npi, providerType] of individuals) {
      await probe.publish(Topics.ProviderMasterUpserted, pid, individualProvider({ pid, npi, providerType }));
    }
    // Exactly this file's records: other files of the run share the database (and pid ranges).
    await eventually(async () => {
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM link_request.providers WHERE pid = ANY($1)`, [individuals.map(([pid]) => pid)]);
      const [{ g }] = await db().query(`SELECT count(*)::int AS g FROM link_request.provider_groups WHERE pid = $1`, [GROUP]);
      if (n < individuals.length || g < 1) throw new Error('provider master not projected yet');
    });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  function db(): DataSource {
    return service.app.get(DataSource);
  }

  async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const linkBody = (overrides: Record<string, unknown> = {}) => ({
    servicingProviderId: PHYSICIAN.pid,
    effectiveDate: '2026-12-01',
    attestation: true,
    ...overrides,
  });

  it('submits a link request with its due date, ten business days on, and announces it', async () => {
    const submitted = await call('POST', `/service-locations/${LOCATION}/link-requests`, manager, linkBody());
    expect(submitted.status).toBe(201);
    // 25, 27, 30 Nov, 1, 2, 3, 4, 7, 8, 9 Dec: Thanksgiving and the weekends are skipped.
    expect(submitted.body).toEqual({ requestId: expect.any(String), status: 'SUBMITTED', submittedAt: '2026-11-24T15:00:00.000Z', dueDate: '2026-12-09' });
    const event = await eventually(async () => {
      const found = (await probe.messages(Topics.LinkRequestSubmitted)).find((m) => m.value['requestId'] === submitted.body.requestId);
      if (!found) throw new Error('not published yet');
      return found;
    });
    expect(event.key).toBe(LOCATION);
    expect(event.value).toMatchObject({ kind: 'LINK', provider: { providerId: PHYSICIAN.pid, npi: PHYSICIAN.npi }, dueDate: '2026-12-09' });

    const second = await call('POST', `/service-locations/${LOCATION}/link-requests`, manager, linkBody());
    expect(second.status).toBe(409);
  });

  it.each([
    ['no attestation', linkBody({ attestation: false }), 400, 'attestation'],
    ['a backdated effective date', linkBody({ servicingProviderId: SECOND.pid, effectiveDate: '2026-11-23' }), 422, 'effectiveDate'],
    ['an end date before the effective date', linkBody({ servicingProviderId: SECOND.pid, endDate: '2026-11-30' }), 422, 'endDate'],
    ['an unknown provider', linkBody({ servicingProviderId: '299999999' }), 422, 'servicingProviderId'],
    ['an LTSS provider', linkBody({ servicingProviderId: '210000032' }), 422, 'servicingProviderId'],
    ['a dentist', linkBody({ servicingProviderId: '210000033' }), 422, 'servicingProviderId'],
    ['an unknown field', linkBody({ servicingProviderId: SECOND.pid, colour: 'blue' }), 400, 'colour'],
  ])('refuses %s, naming the field', async (_, body, status, field) => {
    const response = await call('POST', `/service-locations/${GROUP}B/link-requests`, manager, body);
    expect(response.status).toBe(status);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('says where LTSS and dental providers must go instead', async () => {
    const ltss = await call('POST', `/service-locations/${GROUP}B/link-requests`, manager, linkBody({ servicingProviderId: '210000032' }));
    expect(ltss.body.message).toContain('masshealthltss.com');
    const dental = await call('POST', `/service-locations/${GROUP}B/link-requests`, manager, linkBody({ servicingProviderId: '210000033' }));
    expect(dental.body.message).toContain('masshealth-dental.net');
  });

  it('answers 404 for a location outside the caller’s grants', async () => {
    const response = await call('POST', `/service-locations/${GROUP}C/link-requests`, manager, linkBody({ servicingProviderId: SECOND.pid }));
    expect(response.status).toBe(404);
  });

  it('lets back office approve once; the link is verified from its effective date; the letter’s recipient is the DBA address and the e-mail on file', async () => {
    const [request] = (await call('GET', `/link-requests?status=SUBMITTED&pidsl=${LOCATION}`, backOffice)).body.items;
    expect(request).toMatchObject({ businessDaysRemaining: 10, slaState: 'ON_TRACK' });
    expect((await call('POST', `/link-requests/${request.requestId}/decision`, manager, { decision: 'APPROVED' })).status).toBe(403);
    expect((await call('POST', `/link-requests/${request.requestId}/decision`, backOffice, { decision: 'DENIED' })).status).toBe(422);

    const approved = await call('POST', `/link-requests/${request.requestId}/decision`, backOffice, { decision: 'APPROVED' });
    expect(approved.status).toBe(200);
    expect((await call('POST', `/link-requests/${request.requestId}/decision`, backOffice, { decision: 'DENIED', reason: 'late' })).status).toBe(409);

    const verify = (date: string) => call('GET', `/links/verify?pidsl=${LOCATION}&npi=${PHYSICIAN.npi}&date=${date}`, backOffice);
    expect((await verify('2026-11-30')).body.linked).toBe(false);
    expect((await verify('2026-12-01')).body.linked).toBe(true);
    expect((await verify('2030-01-01')).body.linked).toBe(true);

    const processed = await eventually(async () => {
      const found = (await probe.messages(Topics.LinkRequestProcessed)).find((m) => m.value['requestId'] === request.requestId);
      if (!found) throw new Error('not published yet');
      return found;
    });
    const group = groupPractice();
    expect(processed.value).toMatchObject({ decision: 'APPROVED', recipient: { name: group.dbaName, address: group.dbaAddress, email: CORRESPONDENCE_EMAIL } });

    const detail = await call('GET', `/link-requests/${request.requestId}`, manager);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['LINK_REQUESTED', 'APPROVED']);
    expect(detail.body.attestation).toMatchObject({ version: expect.any(String), attestedBy: providerUser(LOCATION, `${GROUP}B`).sub });
  });

  it('unlinks a linked provider and refuses to unlink one who is not linked', async () => {
    expect((await call('POST', `/service-locations/${GROUP}B/unlink-requests`, manager, { servicingProviderId: PHYSICIAN.pid, endDate: '2027-01-31', attestation: true })).status).toBe(409);
    const unlink = await call('POST', `/service-locations/${LOCATION}/unlink-requests`, manager, { servicingProviderId: PHYSICIAN.pid, endDate: '2027-01-31', attestation: true });
    expect(unlink.status).toBe(201);
    expect((await call('POST', `/link-requests/${unlink.body.requestId}/decision`, backOffice, { decision: 'APPROVED' })).status).toBe(200);
    const verify = (date: string) => call('GET', `/links/verify?pidsl=${LOCATION}&npi=${PHYSICIAN.npi}&date=${date}`, backOffice);
    expect((await verify('2027-01-31')).body.linked).toBe(true);
    expect((await verify('2027-02-01')).body.linked).toBe(false);
  });

  it('lists a provider user the requests at their granted locations only; a location outside them is not found', async () => {
    const atC = await call('POST', `/service-locations/${GROUP}C/link-requests`, backOffice, linkBody({ servicingProviderId: SECOND.pid }));
    expect(atC.status).toBe(201);
    const requestIds = (body: { items: { requestId: string }[] }) => body.items.map((r) => r.requestId);

    const mine = await call('GET', '/link-requests?limit=1000', manager);
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.body.total).toBe(mine.body.items.length);
    expect([...new Set(mine.body.items.map((r: { pidsl: string }) => r.pidsl))]).toEqual([LOCATION]);
    expect(requestIds(mine.body)).not.toContain(atC.body.requestId);

    const approved = await call('GET', `/link-requests?pidsl=${LOCATION}&status=APPROVED`, manager);
    expect(approved.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual(['LINK', 'UNLINK']);
    expect(await call('GET', `/link-requests?pidsl=${GROUP}B`, manager)).toEqual({ status: 200, body: { items: [], total: 0 } });

    // Outside the grants, as for a location that does not exist: 404, never the list.
    for (const pidsl of [`${GROUP}C`, '110000099A']) {
      const outside = await call('GET', `/link-requests?pidsl=${pidsl}`, manager);
      expect(outside).toMatchObject({ status: 404, body: { message: `Service location ${pidsl} not found` } });
    }
    expect(await call('GET', '/link-requests', await tokenFor(providerUser()))).toEqual({ status: 200, body: { items: [], total: 0 } });
    expect((await call('GET', '/link-requests?pidsl=not-a-pidsl', manager)).status).toBe(400);

    // The back office sees every location.
    expect(requestIds((await call('GET', `/link-requests?pidsl=${GROUP}C`, backOffice)).body)).toEqual([atC.body.requestId]);
    expect(requestIds((await call('GET', `/link-requests?pidsl=${LOCATION}`, backOffice)).body).sort()).toEqual(requestIds(mine.body).sort());
  });

  it('warns two business days before the due date and reports the breach after it, once each, surviving a Redis flush', async () => {
    clock.set('2026-11-24T15:00:00Z');
    const submitted = await call('POST', `/service-locations/${GROUP}B/link-requests`, manager, linkBody({ servicingProviderId: SECOND.pid }));
    expect(submitted.body.dueDate).toBe('2026-12-09');
    const requestId = submitted.body.requestId;
    const eventsOf = async (topic: string) => (await probe.messages(topic)).filter((m) => m.value['requestId'] === requestId);

    clock.set('2026-12-04T15:00:00Z'); // Friday: 3 business days left (7, 8, 9 Dec): no warning yet
    expect(await service.app.get(CheckLinkRequestSla).sweep()).toEqual({ warned: 0, breached: 0 });
    clock.set('2026-12-07T15:00:00Z'); // Monday: 2 left
    // The sweep runs every 300 ms, the relay wakes on commit; reading the topic back is what takes time on a busy machine.
    const warning = await eventually(async () => {
      const found = await eventsOf(Topics.LinkRequestSlaWarning);
      if (found.length === 0) throw new Error('no warning yet');
      return found;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(warning[0].value).toMatchObject({ dueDate: '2026-12-09', businessDaysRemaining: 2 });

    // Flush this run's Redis keys (the queue and its scheduler): FLUSHALL would also hit other runs sharing the server.
    const redis = new Redis(testStack().redisUrl);
    const keys = await redis.keys(`${testStack().redisKeyPrefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    clock.set('2026-12-10T15:00:00Z'); // the day after the due date
    await eventually(async () => {
      if ((await eventsOf(Topics.LinkRequestSlaBreached)).length === 0) throw new Error('no breach yet');
    }, { timeoutMs: 30_000 });
    const [listed] = (await call('GET', `/link-requests?overdue=true&pidsl=${GROUP}B`, backOffice)).body.items;
    expect(listed).toMatchObject({
      requestId,
      slaState: 'BREACHED',
      businessDaysRemaining: -1,
      slaWarningAt: '2026-12-07T15:00:00.000Z',
      slaBreachedAt: '2026-12-10T15:00:00.000Z',
    });

    // More sweeps run; still exactly one of each.
    const history = await db().query(`SELECT action FROM link_request.link_request_history WHERE request_id = $1 ORDER BY seq`, [requestId]);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['LINK_REQUESTED', 'SLA_WARNING', 'SLA_BREACHED']);
    expect(await eventsOf(Topics.LinkRequestSlaWarning)).toHaveLength(1);
    expect(await eventsOf(Topics.LinkRequestSlaBreached)).toHaveLength(1);
  });

  it('computes due dates from the holiday table, where an admin can add a closure', async () => {
    const holidays = await call('GET', '/business-calendar/holidays?year=2026', manager);
    expect(holidays.body.items).toContainEqual({ date: '2026-11-26', name: 'Thanksgiving Day' });
    expect(holidays.body.items.map((h: { date: string }) => h.date)).not.toContain('2026-07-03');
    expect((await call('GET', '/business-calendar/add?date=2026-11-24&businessDays=10', manager)).body).toEqual({ date: '2026-12-09' });

    expect((await call('POST', '/business-calendar/closures', backOffice, { date: '2026-12-02', name: 'Snow' })).status).toBe(403);
    const admin = await tokenFor({ sub: 'admin-1', name: 'Admin', roles: ['admin'], grants: [] });
    expect((await call('POST', '/business-calendar/closures', admin, { date: '2026-12-02', name: 'Snow' })).status).toBe(201);
    expect((await call('GET', '/business-calendar/add?date=2026-11-24&businessDays=10', manager)).body).toEqual({ date: '2026-12-10' });
    // The run's calendar is shared: the closure goes again, as an admin would remove it, so later specs count without it.
    expect((await call('DELETE', '/business-calendar/closures/2026-12-02', admin)).status).toBe(204);
    expect((await call('GET', '/business-calendar/add?date=2026-11-24&businessDays=10', manager)).body).toEqual({ date: '2026-12-09' });
  });
});
