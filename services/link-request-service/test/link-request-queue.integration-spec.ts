import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  KafkaProbe,
  ManualClock,
  providerUser,
  RunningService,
  startService,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

/** This spec's requests: group 110000093 (locations A and B), provider PIDs 2500000xx; written straight into the table. */
const GROUP = '110000093';
const A = `${GROUP}A`;
const B = `${GROUP}B`;
const GROUP_NAME = 'Queue Spec Medical Group, Inc.';
const DBA_NAME = 'Queue Spec Family Health';
/** Sunday 29 November 2026, 10:00 in Boston. */
const NOW = new Date('2026-11-29T15:00:00Z');

interface Seed {
  id: string;
  pidsl: string;
  pid: string;
  npi: string;
  first: string;
  last: string;
  status: 'SUBMITTED' | 'APPROVED';
  submittedAt: string;
  due: string;
  decidedAt?: string;
  breachedAt?: string;
  assignee?: string;
}

const SEEDS: Record<'sunday' | 'friday' | 'warning' | 'breached' | 'decided', Seed> = {
  // Submitted on the Sunday itself: due Mon 14 Dec, the SLA starts Mon 30 Nov; 10 business days left today.
  sunday: { id: 'a0000000-0000-4000-8000-000000000093', pidsl: A, pid: '250000001', npi: validNpi(931), first: 'Ana', last: 'Vantablack', status: 'SUBMITTED', submittedAt: '2026-11-29T14:00:00Z', due: '2026-12-14' },
  friday: { id: 'b0000000-0000-4000-8000-000000000093', pidsl: A, pid: '250000002', npi: validNpi(932), first: 'Bea', last: 'Vantablack', status: 'SUBMITTED', submittedAt: '2026-11-27T15:00:00Z', due: '2026-12-11' },
  warning: { id: 'c0000000-0000-4000-8000-000000000093', pidsl: A, pid: '250000003', npi: validNpi(933), first: 'Cy', last: 'Quillfeather', status: 'SUBMITTED', submittedAt: '2026-11-16T15:00:00Z', due: '2026-12-01', assignee: 'analyst-93' },
  breached: { id: 'd0000000-0000-4000-8000-000000000093', pidsl: B, pid: '250000004', npi: validNpi(934), first: '=cmd', last: '=Formula', status: 'SUBMITTED', submittedAt: '2026-11-02T15:00:00Z', due: '2026-11-16', breachedAt: '2026-11-17T12:00:00Z' },
  decided: { id: 'e0000000-0000-4000-8000-000000000093', pidsl: A, pid: '250000005', npi: validNpi(935), first: 'Dee', last: 'Decidedson', status: 'APPROVED', submittedAt: '2026-11-06T15:00:00Z', due: '2026-11-20', decidedAt: '2026-11-25T16:00:00Z' },
};

describe('link-request-service: the queue’s filters, sort, export and summary', () => {
  const clock = new ManualClock(NOW);
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;
  let manager: string;

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE, { SLA_SWEEP_INTERVAL_MS: '3600000' }, clock);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
    manager = await tokenFor(providerUser(A));
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP, name: GROUP_NAME, dbaName: DBA_NAME, serviceLocations: [{ sl: 'A' }, { sl: 'B' }] }));
    await eventually(async () => {
      const [{ g }] = await db().query(`SELECT count(*)::int AS g FROM link_request.provider_groups WHERE pid = $1 AND dba_name = $2`, [GROUP, DBA_NAME]);
      if (g < 1) throw new Error('provider master not projected yet');
    });
    // A rerun starts from this spec's own rows only.
    await removeMyRequests();
    for (const s of Object.values(SEEDS)) {
      await db().query(
        `INSERT INTO link_request.link_requests (request_id, kind, pidsl, group_id, service_location, provider_pid, npi, first_name, last_name,
           provider_type, effective_date, status, submitted_at, submitted_by, due_date, attestation_version, attested_by, attested_at,
           decided_at, decided_by, sla_breached_at, assignee_id, assignee_name, assigned_at)
         VALUES ($1, 'LINK', $2, left($2, 9), right($2, 1), $3, $4, $5, $6, 'PHYSICIAN', '2026-12-15', $7, $8, 'queue-spec', $9, 'v', 'queue-spec', $8,
                 $10, CASE WHEN $10::timestamptz IS NULL THEN NULL ELSE 'back-office' END, $11, $12, $12, CASE WHEN $12::text IS NULL THEN NULL ELSE $8::timestamptz END)`,
        [s.id, s.pidsl, s.pid, s.npi, s.first, s.last, s.status, s.submittedAt, s.due, s.decidedAt ?? null, s.breachedAt ?? null, s.assignee ?? null],
      );
    }
  });

  afterAll(async () => {
    // Its open requests are past due and never swept: no later spec's SLA sweep may find them.
    if (service) await removeMyRequests();
    await probe?.close();
    await service?.stop();
  });

  const db = () => service.app.get(DataSource);

  async function removeMyRequests(): Promise<void> {
    const mine = `SELECT request_id FROM link_request.link_requests WHERE group_id = '${GROUP}'`;
    await db().query(`DELETE FROM link_request.link_request_history WHERE request_id IN (${mine})`);
    await db().query(`DELETE FROM link_request.link_request_notes WHERE request_id IN (${mine})`);
    await db().query(`DELETE FROM link_request.link_requests WHERE group_id = $1`, [GROUP]);
  }

  async function get(path: string, token = backOffice): Promise<{ status: number; body: any; headers: Headers; text: string }> {
    const response = await fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
    return { status: response.status, body: json, headers: response.headers, text };
  }
  const ids = (body: { items: { requestId: string }[] }) => body.items.map((i) => i.requestId);
  const { sunday, friday, warning, breached, decided } = SEEDS;

  it('gives every item its group and DBA names and the day its SLA starts; a Sunday submission has the full 10 days left that Sunday', async () => {
    const { status, body } = await get(`/link-requests?q=${sunday.npi}`);
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      requestId: sunday.id,
      groupName: GROUP_NAME,
      dbaName: DBA_NAME,
      dueDate: '2026-12-14',
      slaStartDate: '2026-11-30',
      businessDaysRemaining: 10,
      slaState: 'ON_TRACK',
    });
    const one = await get(`/link-requests/${friday.id}`);
    expect(one.body).toMatchObject({ groupName: GROUP_NAME, dbaName: DBA_NAME, slaStartDate: '2026-11-27', businessDaysRemaining: 10 });
  });

  it.each([
    ['dueDate', [decided, warning, friday, sunday]],
    ['-dueDate', [sunday, friday, warning, decided]],
    ['submittedAt', [decided, warning, friday, sunday]],
    ['-submittedAt', [sunday, friday, warning, decided]],
    ['provider', [decided, warning, sunday, friday]],
  ])('sorts by %s', async (sort, expected) => {
    const { body } = await get(`/link-requests?pidsl=${A}&sort=${sort}`);
    expect(ids(body)).toEqual(expected.map((s) => s.id));
  });

  it('counts everything matching in total, not the page', async () => {
    const { body } = await get(`/link-requests?pidsl=${A}&limit=2&offset=1`);
    expect(body.total).toBe(4);
    expect(ids(body)).toEqual([warning.id, friday.id]);
  });

  it.each([
    ['ON_TRACK', A, [friday, sunday]],
    ['WARNING', A, [warning]],
    ['BREACHED', B, [breached]],
    ['BREACHED', A, []],
  ])('filters by slaState=%s (at %s), as each item’s slaState says', async (state, pidsl, expected) => {
    const { body } = await get(`/link-requests?pidsl=${pidsl}&slaState=${state}`);
    expect(ids(body)).toEqual(expected.map((s) => s.id));
    expect(body.total).toBe(expected.length);
    for (const item of body.items) expect(item.slaState).toBe(state);
  });

  it('agrees with every item’s slaState across the whole queue', async () => {
    for (const state of ['ON_TRACK', 'WARNING', 'BREACHED']) {
      const { body } = await get(`/link-requests?slaState=${state}&limit=1000&sort=-dueDate`);
      for (const item of body.items) expect([item.requestId, item.slaState]).toEqual([item.requestId, state]);
    }
  });

  it.each([
    [`q=${warning.npi}`, [warning]],
    [`q=${friday.id.toUpperCase()}`, [friday]],
    [`q=${encodeURIComponent('Vantablack, B')}&pidsl=${A}`, [friday]],
    [`q=${encodeURIComponent('vantablack,')}&pidsl=${A}`, [friday, sunday]],
    [`q=vanta&pidsl=${A}`, [friday, sunday]],
    [`q=be&pidsl=${A}`, [friday]],
    [`q=%25&pidsl=${A}`, []],
    [`dueFrom=2026-12-01&dueTo=2026-12-11&pidsl=${A}`, [warning, friday]],
    [`dueFrom=2026-12-11&pidsl=${A}`, [friday, sunday]],
    [`dueTo=2026-11-20&pidsl=${A}`, [decided]],
    [`status=SUBMITTED&assignee=none&pidsl=${A}`, [friday, sunday]],
  ])('narrows by %s', async (query, expected) => {
    const { status, body } = await get(`/link-requests?${query}`);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(expected.map((s) => s.id));
    expect(body.total).toBe(expected.length);
  });

  it.each([
    ['slaState=LATE', 'slaState'],
    ['sort=name', 'sort'],
    ['dueFrom=2026-13-01', 'dueFrom'],
    ['dueTo=tomorrow', 'dueTo'],
    ['dueFrom=2026-12-02&dueTo=2026-12-01', 'dueFrom'],
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['colour=blue', 'colour'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const { status, body } = await get(`/link-requests?${query}`);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain(field);
  });

  it('keeps a provider user to their grants, and the export and summary to the back office', async () => {
    expect(ids((await get(`/link-requests?q=vanta&sort=provider`, manager)).body)).toEqual([sunday.id, friday.id]);
    expect((await get(`/link-requests?pidsl=${B}`, manager)).status).toBe(404);
    expect((await get(`/link-requests/export.csv`, manager)).status).toBe(403);
    expect((await get(`/link-requests/summary`, manager)).status).toBe(403);
    expect((await get(`/link-requests/summary`, '')).status).toBe(401);
  });

  it('exports the matching requests as CSV, in order, with formula-safe cells', async () => {
    const { status, headers, text } = await get(`/link-requests/export.csv?pidsl=${A}&sort=dueDate`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/csv');
    expect(headers.get('content-disposition')).toBe('attachment; filename="link-requests-2026-11-29.csv"');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'Request ID,Kind,Provider,NPI,Provider type,PID/SL,Group,DBA,Status,Submitted,Due date,Business days left,SLA,Assignee,Decided,Decided by',
    );
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual([decided, warning, friday, sunday].map((s) => s.id));
    expect(lines.at(-1)).toBe('');
    expect(lines[4]).toBe(
      `${sunday.id},LINK,"Vantablack, Ana",${sunday.npi},PHYSICIAN,${A},"${GROUP_NAME}",${DBA_NAME},SUBMITTED,2026-11-29T14:00:00.000Z,2026-12-14,10,ON_TRACK,,,`,
    );
    expect(lines[2]).toContain(',analyst-93,');

    const formula = await get(`/link-requests/export.csv?pidsl=${B}`);
    expect(formula.text.split('\r\n')[1]).toBe(
      `${breached.id},LINK,"'=Formula, =cmd",${breached.npi},PHYSICIAN,${B},"${GROUP_NAME}",${DBA_NAME},SUBMITTED,2026-11-02T15:00:00.000Z,2026-11-16,-9,BREACHED,,,`,
    );
    expect((await get(`/link-requests/export.csv?limit=10`)).status).toBe(400);
    expect((await get(`/link-requests/export.csv?slaState=LATE`)).status).toBe(400);
  });

  it('summarises every request as the list counts them', async () => {
    // Other specs may write meanwhile: compared until one reading of both agrees.
    await eventually(async () => {
      const { status, body: summary } = await get('/link-requests/summary');
      expect(status).toBe(200);
      const total = async (query: string) => (await get(`/link-requests?${query}&limit=1`)).body.total as number;
      expect(summary.open).toBe(await total('status=SUBMITTED'));
      expect(summary.unassigned).toBe(await total('status=SUBMITTED&assignee=none'));
      for (const state of ['ON_TRACK', 'WARNING', 'BREACHED']) expect([state, summary.bySlaState[state]]).toEqual([state, await total(`slaState=${state}`)]);
      expect(summary.byDaysLeft.map((b: { label: string }) => b.label)).toEqual(['overdue', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10+']);
      // byDaysLeft as each open item's businessDaysRemaining puts it.
      const byDaysLeft = new Map<string, number>();
      for (let offset = 0; offset < summary.open; offset += 1000) {
        const page = (await get(`/link-requests?status=SUBMITTED&limit=1000&offset=${offset}`)).body;
        for (const { businessDaysRemaining: left } of page.items) {
          const label = left < 0 ? 'overdue' : left >= 10 ? '10+' : String(left);
          byDaysLeft.set(label, (byDaysLeft.get(label) ?? 0) + 1);
        }
      }
      for (const { label, value } of summary.byDaysLeft) expect([label, value]).toEqual([label, byDaysLeft.get(label) ?? 0]);
      expect(summary.weekly).toHaveLength(8);
      expect(summary.weekly[7].week).toBe('2026-11-23');
      expect(summary.weekly[0].week).toBe('2026-10-05');
      expect(summary.weekly.find((w: { week: string }) => w.week === '2026-11-23').decisions).toBeGreaterThanOrEqual(1);
      expect(summary.weekly.find((w: { week: string }) => w.week === '2026-11-16').breaches).toBeGreaterThanOrEqual(1);
    });
    const weeks = await get('/link-requests/summary?weeks=2');
    expect(weeks.body.weekly.map((w: { week: string }) => w.week)).toEqual(['2026-11-16', '2026-11-23']);
    expect((await get('/link-requests/summary?weeks=0')).status).toBe(400);
    expect((await get('/link-requests/summary?weeks=53')).status).toBe(400);
  });
});
