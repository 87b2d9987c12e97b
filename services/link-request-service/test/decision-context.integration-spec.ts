import { DataSource } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  providerUser,
  RunningService,
  startService,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

const GROUP = '110000054';
const [A, B, C] = ['A', 'B', 'C'].map((sl) => `${GROUP}${sl}`);
const PRACTITIONER = { pid: '210000541', npi: validNpi(5401) };

describe('link-request-service: a request’s decision context', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;
  let provider: string;

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE);
    probe = new KafkaProbe();
    [backOffice, provider] = await Promise.all([tokenFor(backOfficeUser()), tokenFor(providerUser(A, B, C))]);
    await probe.publish(
      Topics.ProviderMasterUpserted,
      GROUP,
      groupPractice({ pid: GROUP, name: 'Context Group Practice', dbaName: 'Context Clinic', serviceLocations: [{ sl: 'A', name: 'Main Street' }, { sl: 'B' }, { sl: 'C' }] }),
    );
    await probe.publish(
      Topics.ProviderMasterUpserted,
      PRACTITIONER.pid,
      individualProvider({ ...PRACTITIONER, firstName: 'Rosa', lastName: 'Context', providerType: 'NURSE_PRACTITIONER', credentialed: true }),
    );
    await eventually(async () => {
      const [{ n }] = await db().query(
        `SELECT (SELECT count(*) FROM link_request.providers WHERE pid = $1)::int + (SELECT count(*) FROM link_request.provider_groups WHERE pid = $2)::int AS n`,
        [PRACTITIONER.pid, GROUP],
      );
      if (n < 2) throw new Error('provider master not projected yet');
    }, { timeoutMs: 60_000 }); // behind whatever earlier specs left in the shared consumer group's topics
  });

  afterAll(async () => {
    await probe?.close();
    await service?.stop();
  });

  const db = () => service.app.get(DataSource);

  async function call(method: string, path: string, bearer: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function submitted(pidsl: string, effectiveDate: string): Promise<{ requestId: string; submittedAt: string; dueDate: string }> {
    const response = await call('POST', `/service-locations/${pidsl}/link-requests`, provider, {
      servicingProviderId: PRACTITIONER.pid,
      effectiveDate,
      attestation: true,
    });
    if (response.status !== 201) throw new Error(`submission answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  it('answers with the provider record, the group’s links of the provider, and their other open requests', async () => {
    const linked = await submitted(B, '2031-01-01');
    expect((await call('POST', `/link-requests/${linked.requestId}/decision`, backOffice, { decision: 'APPROVED' })).status).toBe(200);
    const viewed = await submitted(A, '2031-02-01');
    const other = await submitted(C, '2031-03-01');

    const context = await call('GET', `/link-requests/${viewed.requestId}/context`, backOffice);
    expect(context.status).toBe(200);
    expect(context.body).toEqual({
      requestId: viewed.requestId,
      provider: {
        providerId: PRACTITIONER.pid,
        npi: PRACTITIONER.npi,
        firstName: 'Rosa',
        lastName: 'Context',
        providerType: 'NURSE_PRACTITIONER',
        linkable: true,
        notLinkableReason: null,
        credentialed: true,
        updatedAt: expect.any(String),
      },
      location: {
        pidsl: A,
        groupId: GROUP,
        locationName: 'Main Street',
        groupName: 'Context Group Practice',
        dbaName: 'Context Clinic',
        address: expect.stringMatching(/, [A-Z]{2} \d{5}/),
      },
      links: [{ pidsl: B, locationName: null, dbaName: 'Context Clinic', effectiveDate: '2031-01-01', endDate: null, active: false, source: 'LINK_REQUEST' }],
      otherOpenRequests: [{ requestId: other.requestId, kind: 'LINK', pidsl: C, submittedAt: other.submittedAt, dueDate: other.dueDate }],
    });
  });

  it('is back office only, 404 for an unknown request, 400 for a malformed id', async () => {
    const [{ request_id: requestId }] = await db().query(`SELECT request_id FROM link_request.link_requests WHERE group_id = $1 LIMIT 1`, [GROUP]);
    expect((await call('GET', `/link-requests/${requestId}/context`, provider)).status).toBe(403);
    expect((await call('GET', '/link-requests/00000000-0000-4000-8000-000000000000/context', backOffice)).status).toBe(404);
    expect((await call('GET', '/link-requests/not-a-uuid/context', backOffice)).status).toBe(400);
  });
});
