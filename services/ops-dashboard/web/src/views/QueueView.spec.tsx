/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { accessibilityViolations, type Call, catchDownloads, serve, SUMMARY } from '../fake-dashboard-server';

const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

function request(n: number) {
  return {
    requestId: `id-${n}`,
    kind: 'LINK',
    pidsl: '110000001A',
    provider: { providerId: '210000001', npi: '1234567893', firstName: 'Ana', lastName: `Souza${n}`, providerType: 'PHYSICIAN' },
    status: 'SUBMITTED',
    submittedAt: '2026-11-29T16:00:00Z',
    dueDate: '2026-12-14',
    slaStartDate: '2026-11-30',
    businessDaysRemaining: 10,
    slaState: 'ON_TRACK',
    decidedAt: null,
    decidedBy: null,
    reason: null,
    assignee: null,
    groupName: 'Harbor Health Group LLC',
    dbaName: n === 0 ? 'Harbor Family Medicine' : null,
  };
}

/** link-request-service with 120 open requests: it pages them; the queue only asks. */
function queueService() {
  return serve(({ url }) => {
    if (url === '/api/link-request/link-requests/summary') return { status: 200, body: SUMMARY };
    if (url.startsWith('/api/link-request/link-requests/export.csv?')) {
      return { status: 200, body: 'Request ID,Kind\n', headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="link-requests-2026-11-30.csv"' } };
    }
    if (url.startsWith('/api/link-request/link-requests?')) {
      const params = new URL(url, 'http://dashboard').searchParams;
      const offset = Number(params.get('offset'));
      const limit = Number(params.get('limit'));
      const total = params.has('slaState') ? 3 : 120;
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => request(offset + i));
      return { status: 200, body: { items, total } };
    }
    return undefined;
  });
}

const listCalls = (calls: Call[]) =>
  calls.filter((c) => c.url.startsWith('/api/link-request/link-requests?')).map((c) => Object.fromEntries(new URL(c.url, 'http://dashboard').searchParams));

// The views render 50 rows and axe checks them all: more than Jest's default 5 s on a busy machine.
jest.setTimeout(30_000);

beforeEach(() => {
  window.location.hash = '';
  jest.useFakeTimers({ now: new Date('2026-11-30T15:00:00Z'), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] });
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('the link-request queue', () => {
  it('asks the service for a page of 50, shows the total and pages with Previous and Next', async () => {
    const calls = queueService();
    render(<App initialSession={dana} />);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(listCalls(calls)[0]).toEqual({ status: 'SUBMITTED', sort: 'dueDate', limit: '50', offset: '0' });
    expect(screen.getByText('120 open requests match.')).toBeTruthy();
    const pages = screen.getByRole('navigation', { name: 'Pages of open requests' });
    expect(pages.textContent).toContain('Showing 1–50 of 120 open requests (page 1 of 3)');
    expect((within(pages).getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    await screen.findByText(/Showing 101–120 of 120 open requests \(page 3 of 3\)/);
    expect(listCalls(calls).map((c) => c.offset)).toEqual(['0', '50', '100']);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(21);
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByText(/Showing 51–100 of 120/);
  });

  it('sends the filters and the sort to the service, back on the first page', async () => {
    const calls = queueService();
    render(<App initialSession={dana} />);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText(/page 2 of 3/);

    fireEvent.change(screen.getByLabelText('SLA state'), { target: { value: 'WARNING' } });
    fireEvent.change(screen.getByLabelText('Location (PID/SL)'), { target: { value: '110000001a' } });
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'unassigned' } });
    fireEvent.change(screen.getByLabelText('Due from'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('Due to'), { target: { value: '2026-12-31' } });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: '-submittedAt' } });
    fireEvent.change(screen.getByLabelText('Provider name or NPI'), { target: { value: 'Souza, Ana' } });
    await screen.findByText('3 open requests match these filters.');
    const wanted = {
      status: 'SUBMITTED',
      slaState: 'WARNING',
      pidsl: '110000001A',
      assignee: 'none',
      q: 'Souza, Ana',
      dueFrom: '2026-12-01',
      dueTo: '2026-12-31',
      sort: '-submittedAt',
      limit: '50',
      offset: '0',
    };
    await waitFor(() => expect(listCalls(calls).at(-1)).toEqual(wanted));
    // The column the rows are sorted by says so.
    expect(screen.getByRole('columnheader', { name: 'Submitted' }).getAttribute('aria-sort')).toBe('descending');

  });

  it('does not send a reversed due range, and says why', async () => {
    const calls = queueService();
    render(<App initialSession={dana} />);
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Due from'), { target: { value: '2026-12-31' } });
    fireEvent.change(screen.getByLabelText('Due to'), { target: { value: '2026-12-01' } });
    expect((await screen.findByRole('alert')).textContent).toContain('The “due from” date is after the “due to” date.');
    // Never both: the service would answer 400.
    expect(listCalls(calls).some((c) => 'dueFrom' in c && 'dueTo' in c)).toBe(false);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(51);
  });

  it('counts from the summary endpoint, never from the page', async () => {
    const calls = queueService();
    render(<App initialSession={dana} />);
    await screen.findByRole('table');
    expect((await screen.findByText(/137 open/)).textContent).toBe('137 open · 5 breached · 12 warning · 120 on track · 41 unassigned');
    expect(calls.filter((c) => c.url === '/api/link-request/link-requests/summary')).toHaveLength(1);
  });

  it('shows each request’s group and DBA, and its SLA from the request’s own slaStartDate', async () => {
    queueService();
    render(<App initialSession={dana} />);
    const [first, second] = within(await screen.findByRole('table')).getAllByRole('row').slice(1);
    expect(within(first).getAllByRole('cell')[3].textContent).toBe('Harbor Health Group LLCDBA Harbor Family Medicine');
    expect(within(second).getAllByRole('cell')[3].textContent).toBe('Harbor Health Group LLC');
    expect(first.textContent).toContain('On track: Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov');
  });

  it('exports the CSV with the current filters and sort, fetched with the token, saved under the service’s file name', async () => {
    const downloads = catchDownloads();
    const calls = queueService();
    render(<App initialSession={dana} />);
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('SLA state'), { target: { value: 'BREACHED' } });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'provider' } });
    const link = screen.getByRole('link', { name: /Export CSV/ });
    const exported = '/api/link-request/link-requests/export.csv?status=SUBMITTED&slaState=BREACHED&sort=provider';
    expect(link.getAttribute('href')).toBe(exported);
    fireEvent.click(link);
    await waitFor(() => expect(downloads).toEqual([{ href: 'blob:1', download: 'link-requests-2026-11-30.csv' }]));
    expect(calls.filter((c) => c.url.includes('export.csv')).map((c) => c.url)).toEqual([exported]);
    const [, init] = (globalThis.fetch as jest.Mock).mock.calls.find(([url]) => url === exported);
    expect((init.headers as Headers).get('authorization')).toBe('Bearer t');
  });

  it('has no accessibility violations', async () => {
    queueService();
    const view = render(<App initialSession={dana} />);
    await screen.findByRole('table');
    await screen.findByText(/137 open/);
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });
});

describe('the Operations charts', () => {
  it('are drawn from the summary endpoint', async () => {
    serve(({ url }) => {
      if (url === '/api/link-request/link-requests/summary') return { status: 200, body: SUMMARY };
      if (url === '/api/import/cases/summary') return { status: 200, body: { total: 9, byStatus: { NEW: 2, PROCESSING: 0, COMPLETED: 5, REJECTED: 1, FAILED: 0, SUPERSEDED: 1 } } };
      return undefined;
    });
    window.location.hash = '#/operations';
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = render(<App initialSession={dana} />);
    const daysLeft = await screen.findByRole('img', { name: /^Open link requests by business days left/ });
    expect(daysLeft.getAttribute('aria-label')).toContain('overdue 5, 0 0, 1 1');
    expect(daysLeft.getAttribute('aria-label')).toContain('10+ 87');
    expect(screen.getByRole('img', { name: /^SLA breaches and decisions per week/ }).getAttribute('aria-label')).toContain('Decisions: 10, 11, 12, 13, 14, 15, 16, 17');
    expect((await screen.findByRole('img', { name: /^Roster-import cases by status/ })).getAttribute('aria-label')).toContain('COMPLETED 5');
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });
});
