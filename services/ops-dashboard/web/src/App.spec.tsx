/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from './App';
import type { Session } from '@rosterlink/ui';
import { quietContext, SUMMARY } from './fake-dashboard-server';

/** Stands in for the dashboard server's answers: these tests are about what the page does with them. */
function serve(routes: Record<string, unknown>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  globalThis.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const key = Object.keys(routes).find((k) => url.startsWith(k));
    const body = key ? routes[key] : { message: 'no such route' };
    const status = key ? 200 : 404;
    return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
  }) as unknown as typeof fetch;
  return calls;
}

const backOffice: Session = { token: 't', user: { id: 'bo', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

function request(lastName: string, slaState: string, dueDate: string, pidsl = '110000001A') {
  return {
    requestId: `id-${lastName}`,
    kind: 'LINK',
    pidsl,
    provider: { providerId: '210000001', npi: '1234567893', firstName: 'A', lastName, providerType: 'PHYSICIAN' },
    status: 'SUBMITTED',
    submittedAt: '2026-11-20T15:00:00Z',
    dueDate,
    businessDaysRemaining: slaState === 'BREACHED' ? -1 : 4,
    slaState,
  };
}

beforeEach(() => {
  window.location.hash = '';
});

describe('the dashboard app', () => {
  it('shows a provider user a "back office only" page instead of the views', async () => {
    serve({
      '/api/dev-sign-in': { items: [{ sub: 'p', name: 'Maria Santos', roles: ['provider'], description: 'practice manager' }] },
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('radio', { name: /Maria Santos/ }));
    serve({
      '/api/dev-sign-in': { token: 'provider-token' },
      '/api/me': { id: 'p', name: 'Maria Santos', roles: ['provider'], backOffice: false },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Back office only' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('asks to pick a user before signing in', async () => {
    serve({ '/api/dev-sign-in': { items: [{ sub: 'bo', name: 'Dana', roles: ['back-office'], description: '' }] } });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Pick a user to sign in as.');
  });

  it('lists the queue in the order the service sent it, with the SLA state in words and the token on the request', async () => {
    const calls = serve({
      '/api/link-request/link-requests/summary': SUMMARY,
      '/api/link-request/link-requests': {
        items: [request('Nguyen', 'BREACHED', '2026-11-20', '110000002A'), request('Souza', 'ON_TRACK', '2026-12-04')],
        total: 2,
      },
    });
    render(<App initialSession={backOffice} />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['Nguyen, A', 'Souza, A']);
    expect(rows[0].textContent).toContain('Breached: 1 business day overdue, was due Fri 20 Nov');
    expect(calls.find((c) => c.url.startsWith('/api/link-request'))?.init?.headers).toEqual(expect.any(Headers));
  });

  it('says what to do when a service is down', async () => {
    globalThis.fetch = jest.fn(async () => ({
      ok: false,
      status: 502,
      statusText: 'Bad Gateway',
      json: async () => ({ message: 'The link-request service is not answering' }),
    })) as unknown as typeof fetch;
    render(<App initialSession={backOffice} />);
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain('Check the Operations page, then retry');
  });

  it('requires a reason before denying a request', async () => {
    const calls = serve({
      '/api/link-request/link-requests/id-Souza/context': quietContext('110000001A'),
      '/api/import/groups/110000001/practitioners': { items: [], total: 0 },
      '/api/link-request/link-requests/id-Souza': {
        ...request('Souza', 'ON_TRACK', '2026-12-04'),
        attestation: { version: 'v1', attestedBy: 'p', attestedAt: '2026-11-20T15:00:00Z' },
        history: [],
      },
    });
    window.location.hash = '#/requests/id-Souza';
    render(<App initialSession={backOffice} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Deny…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Deny request' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Enter a reason');
    expect(calls.some((c) => c.init?.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText(/Reason for the denial/), { target: { value: 'Not enrolled' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Deny request' })));
    await waitFor(() => expect(calls.find((c) => c.init?.method === 'POST')?.init?.body).toBe('{"decision":"DENIED","reason":"Not enrolled"}'));
  });

  it('raises a banner on every page while a service is down, naming it and what it means', async () => {
    const down = {
      items: [
        { service: 'link-request', status: 'up', health: 'up', checks: {}, lag: null },
        { service: 'notification', status: 'unreachable', health: 'unreachable', checks: {}, lag: null },
      ],
      lagThresholds: { warningMessages: 1000, criticalMessages: 10_000 },
      checkedAt: '2026-11-30T14:00:00Z',
    };
    serve({
      '/api/operations': down,
      '/api/link-request/link-requests/summary': SUMMARY,
      '/api/link-request/link-requests': { items: [request('Souza', 'ON_TRACK', '2026-12-04')], total: 1 },
    });
    render(<App initialSession={backOffice} />);
    await screen.findByRole('heading', { name: 'Link-request queue' });
    const banner = await screen.findByText('notification-service is not answering');
    expect(banner.closest('[role="status"]')?.textContent).toBe(
      'notification-service is not answering: letters are not sent until it is back; the Letters page may be out of date.See each service’s health and lag on the Operations page',
    );
    // The page goes on working: the queue is there under the banner.
    expect(await screen.findByRole('link', { name: 'Souza, A' })).toBeTruthy();


    fireEvent.click(screen.getByRole('link', { name: 'See each service’s health and lag on the Operations page' }));
    await screen.findByRole('heading', { name: 'Operations' });
    expect(screen.getByText('notification-service is not answering')).toBeTruthy();
  });

  it('shows each service’s status in words and its lag per topic against the thresholds', async () => {
    serve({
      '/api/operations': {
        items: [
          {
            service: 'link-request',
            status: 'far behind',
            health: 'up',
            checks: { database: 'up' },
            lag: [
              { topic: 'access.grant-changed.v1', messages: 0, status: 'ok' },
              { topic: 'provider-master.upserted.v1', messages: 53_500, status: 'far behind' },
            ],
          },
          { service: 'notification', status: 'behind', health: 'up', checks: {}, lag: [{ topic: 'link-request.processed.v1', messages: 1200, status: 'behind' }] },
          { service: 'upload', status: 'down', health: 'down', checks: { database: 'down' }, lag: null },
        ],
        lagThresholds: { warningMessages: 1000, criticalMessages: 10_000 },
        checkedAt: '2026-11-30T14:00:00Z',
      },
    });
    window.location.hash = '#/operations';
    render(<App initialSession={backOffice} />);
    const table = await screen.findByRole('table', { description: /more than 1,000 messages wait on a topic/ });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name} `) });
    expect(row('link-request-service').textContent).toContain('far behind');
    expect(row('link-request-service').textContent).toContain('provider-master.upserted.v1: 53,500 messages behind · far behind, over 10,000');
    expect(row('link-request-service').textContent).toContain('access.grant-changed.v1: 0 messages behind');
    expect(row('notification-service').textContent).toContain('link-request.processed.v1: 1,200 messages behind · behind, over 1,000');
    expect(row('notification-service').textContent).toContain('letters and SLA alerts go out late');
    expect(row('upload-service').textContent).toContain('database: down');
    expect(row('upload-service').textContent).toContain('lag unavailable');
    // The banner names the services down and far behind, not the one only behind; no link to the page it is on.
    const banner = screen.getAllByRole('status').find((region) => region.textContent?.includes('upload-service is down'));
    expect(banner?.textContent).toContain('link-request-service is far behind');
    expect(banner?.textContent).not.toContain('notification-service');
    expect(banner?.querySelector('a')).toBeNull();
  });

  it('offers Resend for a failed letter only', async () => {
    const letter = (letterId: string, status: string) => ({
      letterId,
      requestId: 'r',
      kind: 'link-approved',
      pidsl: '110000001A',
      status,
      recipient: { name: 'Harbor Family Medicine', address: '12 WATER ST' },
      channel: null,
      error: null,
      createdAt: '2026-11-20T15:00:00Z',
      sentAt: null,
    });
    serve({
      '/api/notification/letters/summary': { total: 2, byStatus: { PENDING: 0, RENDERED: 0, SENT: 1, FAILED: 1 } },
      '/api/notification/letters': { items: [letter('a', 'SENT'), letter('b', 'FAILED')], total: 2 },
    });
    window.location.hash = '#/letters';
    render(<App initialSession={backOffice} />);
    const rows = within(await screen.findByRole('table')).getAllByRole('row').slice(1);
    expect(within(rows[0]).queryByRole('button', { name: 'Resend' })).toBeNull();
    expect(within(rows[1]).getByRole('button', { name: 'Resend' })).toBeTruthy();
    expect(screen.getByText('1 failed: resend them once the cause is fixed.')).toBeTruthy();
  });
});
