import { DataSource } from 'typeorm';
import { BusinessCalendar, defaultClosures } from '@rosterlink/business-calendar';
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
  TestUser,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

/** This spec's group and practitioners, and dates in 2034 (no other spec's requests are due then). */
const GROUP = '110000044';
const [A, B] = ['A', 'B'].map((sl) => `${GROUP}${sl}`);
const PRACTITIONERS = [41, 42, 43, 44].map((n) => ({ pid: `2100004${n}`, npi: validNpi(4400 + n) }));
const ADMIN: TestUser = { sub: 'admin-calendar', name: 'Sam Okafor', roles: ['admin'] };
/** Wednesday 8 March 2034: the storm day. */
const STORM = '2034-03-08';
/** 10:00 in Boston on a date. */
const at10 = (date: string) => new Date(`${date}T15:00:00Z`);

interface RequestRow {
  dueDate: string;
  status: string;
}

describe('link-request-service: closures move due dates, audited', () => {
  const clock = new ManualClock(at10('2034-02-20'));
  const holidays = new BusinessCalendar(defaultClosures(2033, 2035));
  let service: RunningService;
  let probe: KafkaProbe;
  const token = {} as Record<'admin' | 'backOffice' | 'provider', string>;

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE, {}, clock);
    probe = new KafkaProbe();
    [token.admin, token.backOffice, token.provider] = await Promise.all([tokenFor(ADMIN), tokenFor(backOfficeUser()), tokenFor(providerUser(A, B))]);
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'A' }, { sl: 'B' }] }));
    for (const { pid, npi } of PRACTITIONERS) await probe.publish(Topics.ProviderMasterUpserted, pid, individualProvider({ pid, npi }));
    await eventually(async () => {
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM link_request.providers WHERE pid = ANY($1)`, [PRACTITIONERS.map((p) => p.pid)]);
      const [{ g }] = await db().query(`SELECT count(*)::int AS g FROM link_request.provider_groups WHERE pid = $1`, [GROUP]);
      if (n < PRACTITIONERS.length || g < 1) throw new Error('provider master not projected yet');
    });
  });

  afterAll(async () => {
    // Leave no closure behind for other specs.
    await db()?.query(`DELETE FROM link_request.closures WHERE date = $1 AND source = 'ADMIN'`, [STORM]);
    await probe?.close();
    await service?.stop();
  });

  const db = () => service?.app.get(DataSource);

  async function call(method: string, path: string, bearer: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A LINK request of practitioner `n` at `pidsl`, submitted at 10:00 in Boston on `date`. */
  async function submitted(pidsl: string, n: number, date: string): Promise<string> {
    clock.set(at10(date));
    const response = await call('POST', `/service-locations/${pidsl}/link-requests`, token.provider, {
      servicingProviderId: PRACTITIONERS[n].pid,
      effectiveDate: '2034-06-01',
      attestation: true,
    });
    if (response.status !== 201) throw new Error(`submission answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.requestId;
  }

  const row = async (requestId: string): Promise<RequestRow> =>
    (
      await db().query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status FROM link_request.link_requests WHERE request_id = $1`, [
        requestId,
      ])
    )[0];
  const moves = async (requestId: string) =>
    ((await call('GET', `/link-requests/${requestId}`, token.backOffice)).body.history as { action: string; actor: string; note: string }[]).filter(
      (h) => h.action === 'DUE_DATE_MOVED',
    );

  /** The `business-calendar.changed.v1` events in the outbox (of `date`, or all), in commit order. */
  const calendarEvents = async (date?: string) =>
    (
      await db().query(
        `SELECT message_key AS key, payload FROM link_request.outbox WHERE topic = $1 AND ($2::text IS NULL OR payload ->> 'date' = $2) ORDER BY seq`,
        [Topics.BusinessCalendarChanged, date ?? null],
      )
    ).map((e: { key: string; payload: Record<string, unknown> }) => ({ key: e.key, ...e.payload }));

  it('adding a closure moves the due dates of the open requests it falls in, with history; removing it moves them back; both audited and announced', async () => {
    const dueBefore = await submitted(A, 0, '2034-02-20'); // due before the storm
    const open = await submitted(A, 1, '2034-03-06'); // Monday: the storm falls in its window
    const decided = await submitted(B, 2, '2034-03-06');
    const later = await submitted(B, 3, '2034-03-09'); // submitted after the storm
    expect((await call('POST', `/link-requests/${decided}/decision`, token.backOffice, { decision: 'APPROVED' })).status).toBe(200);

    const due = holidays.dueDateFor(at10('2034-03-06'));
    const withStorm = new BusinessCalendar([...holidays.closures, { date: STORM, name: 'Blizzard closure' }]).dueDateFor(at10('2034-03-06'));
    expect(withStorm).not.toBe(due);
    const untouched = await Promise.all([dueBefore, decided, later].map(row));

    const added = await call('POST', '/business-calendar/closures', token.admin, { date: STORM, name: 'Blizzard closure' });
    expect(added).toMatchObject({ status: 201, body: { date: STORM, name: 'Blizzard closure', source: 'ADMIN', createdBy: ADMIN.sub, dueDatesMoved: 1 } });
    expect(await row(open)).toEqual({ dueDate: withStorm, status: 'SUBMITTED' });
    expect(await Promise.all([dueBefore, decided, later].map(row))).toEqual(untouched);
    expect(await moves(open)).toEqual([
      expect.objectContaining({ actor: ADMIN.sub, note: `Due date moved from ${due} to ${withStorm}: closure ${STORM} Blizzard closure added` }),
    ]);
    // The same computation as a submission: one submitted now counts around the closure.
    expect((await call('GET', `/business-calendar/add?date=2034-03-06&businessDays=10`, token.backOffice)).body).toEqual({ date: withStorm });

    const listed = await call('GET', '/business-calendar/closures?year=2034', token.provider);
    expect(listed.body.items).toContainEqual({ date: STORM, name: 'Blizzard closure', source: 'ADMIN', createdBy: ADMIN.sub, createdAt: expect.any(String) });
    expect(listed.body.items).toContainEqual({ date: '2034-01-02', name: expect.any(String), source: 'HOLIDAY', createdBy: null, createdAt: null });

    expect((await call('DELETE', `/business-calendar/closures/${STORM}`, token.admin)).status).toBe(204);
    expect(await row(open)).toEqual({ dueDate: due, status: 'SUBMITTED' });
    expect((await moves(open)).map((h) => h.note)).toEqual([
      `Due date moved from ${due} to ${withStorm}: closure ${STORM} Blizzard closure added`,
      `Due date moved from ${withStorm} to ${due}: closure ${STORM} Blizzard closure removed`,
    ]);
    expect(await moves(later)).toEqual([]);

    const audit = await call('GET', '/business-calendar/audit?limit=2', token.backOffice);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual([
      { at: expect.any(String), by: ADMIN.sub, action: 'REMOVED', date: STORM, name: 'Blizzard closure', dueDatesMoved: 1 },
      { at: expect.any(String), by: ADMIN.sub, action: 'ADDED', date: STORM, name: 'Blizzard closure', dueDatesMoved: 1 },
    ]);
    expect(audit.body.total).toBeGreaterThanOrEqual(2);

    // Each change announced with the due dates it moved, for the operations dashboards.
    expect(await calendarEvents(STORM)).toEqual([
      { key: 'business-calendar', change: 'ADDED', date: STORM, name: 'Blizzard closure', dueDatesMoved: 1, changedAt: expect.any(String) },
      { key: 'business-calendar', change: 'REMOVED', date: STORM, name: 'Blizzard closure', dueDatesMoved: 1, changedAt: expect.any(String) },
    ]);
  });

  it('refuses: non-admins 403, a holiday 409, a day without a closure 404, a malformed date 400', async () => {
    const announced = (await calendarEvents()).length;
    expect((await call('POST', '/business-calendar/closures', token.backOffice, { date: '2034-03-09', name: 'Storm' })).status).toBe(403);
    expect((await call('DELETE', '/business-calendar/closures/2034-01-02', token.backOffice)).status).toBe(403);
    expect((await call('GET', '/business-calendar/audit', token.provider)).status).toBe(403);
    const holiday = await call('DELETE', '/business-calendar/closures/2034-01-02', token.admin);
    expect(holiday.status).toBe(409);
    expect(holiday.body.message).toMatch(/statutory holiday .* cannot be removed/);
    expect((await call('DELETE', '/business-calendar/closures/2034-03-10', token.admin)).status).toBe(404);
    expect((await call('DELETE', '/business-calendar/closures/2034-13-45', token.admin)).status).toBe(400);
    expect((await call('DELETE', '/business-calendar/closures/yesterday', token.admin)).status).toBe(400);
    // A refused change announces nothing.
    expect(await calendarEvents()).toHaveLength(announced);
  });
});
