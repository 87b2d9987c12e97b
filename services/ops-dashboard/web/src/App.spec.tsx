/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from './App';
import type { Session } from '@rosterlink/ui';

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

  it('lists the queue soonest due first, with the SLA state in words, and filters it', async () => {
    const calls = serve({
      '/api/link-request/link-requests': {
        items: [request('Souza', 'ON_TRACK', '2026-12-04'), request('Nguyen', 'BREACHED', '2026-11-20', '110000002A')],
        total: 2,
      },
    });
    render(<App initialSession={backOffice} />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['Nguyen, A', 'Souza, A']);
    expect(rows[0].textContent).toContain('Breached · 1 business day overdue');
    expect(calls.find((c) => c.url.startsWith('/api/link-request'))?.init?.headers).toEqual(expect.any(Headers));

    fireEvent.change(screen.getByLabelText('SLA state'), { target: { value: 'ON_TRACK' } });
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Provider name or NPI'), { target: { value: 'nobody' } });
    expect(screen.getByText(/No open request matches these filters/)).toBeTruthy();
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
    serve({ '/api/notification/letters': { items: [letter('a', 'SENT'), letter('b', 'FAILED')], total: 2 } });
    window.location.hash = '#/letters';
    render(<App initialSession={backOffice} />);
    const rows = within(await screen.findByRole('table')).getAllByRole('row').slice(1);
    expect(within(rows[0]).queryByRole('button', { name: 'Resend' })).toBeNull();
    expect(within(rows[1]).getByRole('button', { name: 'Resend' })).toBeTruthy();
  });
});
