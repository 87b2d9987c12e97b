/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Session } from '@rosterlink/ui';
import { App } from './App';

interface Call {
  url: string;
  method: string;
  body?: unknown;
}

/**
 * Stands in for the portal server: a route is `METHOD url-prefix` or a url prefix (any method), the longest
 * that matches wins; its answer a body (200) or [status, body]. Later calls can be given other answers by
 * changing `routes` in place.
 */
function serve(routes: Record<string, unknown>): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    const key = Object.keys(routes)
      .filter((k) => (k.includes(' ') ? `${method} ${url}`.startsWith(k) : url.startsWith(k)))
      .sort((a, b) => b.length - a.length)[0];
    const [status, body] = !key ? [404, { message: 'no such route' }] : Array.isArray(routes[key]) ? (routes[key] as [number, unknown]) : [200, routes[key]];
    return { ok: status < 300, status, statusText: '', json: async () => body, blob: async () => new Blob(['%PDF-1.7']) } as Response;
  }) as unknown as typeof fetch;
  return calls;
}

const maria: Session = { token: 't', user: { id: 'demo-provider-harbor', name: 'Maria Santos', roles: ['provider'], backOffice: false } };
const me = { sub: 'demo-provider-harbor', name: 'Maria Santos', roles: ['provider'], grants: ['110000001A', '110000001B'], primaryFor: ['110000001A'] };
const names = {
  items: [
    { pidsl: '110000001A', groupId: '110000001', groupName: 'Harbor Family Medicine LLC', dbaName: 'Harbor Family Medicine' },
    { pidsl: '110000001B', groupId: '110000001', groupName: 'Harbor Family Medicine LLC', dbaName: 'Harbor Family Medicine' },
  ],
  total: 2,
};
const APPROVED_ID = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';
const PENDING_ID = '7a2b3c4d-1e2f-4a5b-8c6d-9e0f1a2b3c4d';
const provider = { providerId: '210000001', npi: '1234567893', firstName: 'Ana', lastName: 'Souza', providerType: 'PHYSICIAN' };
const pending = {
  requestId: PENDING_ID,
  kind: 'UNLINK',
  pidsl: '110000001B',
  provider: { ...provider, providerId: '210000009', firstName: 'Jo', lastName: 'Lee' },
  effectiveDate: null,
  endDate: '2026-12-31',
  status: 'SUBMITTED',
  submittedAt: '2026-12-01T15:00:00Z',
  dueDate: '2026-12-15',
  businessDaysRemaining: 3,
  slaState: 'ON_TRACK',
  decidedAt: null,
  reason: null,
};
const approved = {
  ...pending,
  requestId: APPROVED_ID,
  kind: 'LINK',
  pidsl: '110000001A',
  provider,
  effectiveDate: '2026-12-02',
  endDate: null,
  status: 'DENIED',
  businessDaysRemaining: null,
  slaState: null,
  decidedAt: '2026-12-03T15:00:00Z',
  reason: 'Not a member of the group',
};
const letter = {
  letterId: 'l-1',
  requestId: APPROVED_ID,
  kind: 'link-denied',
  pidsl: '110000001A',
  status: 'SENT',
  recipient: { name: 'Harbor Family Medicine', address: '12 WATER ST\nBOSTON MA 02109' },
  channel: 'PRINT_MAIL',
  createdAt: '2026-12-03T15:01:00Z',
  sentAt: '2026-12-03T15:05:00Z',
};
const notifications = {
  total: 2,
  unreadCount: 1,
  items: [
    {
      notificationId: 'n-2',
      kind: 'link-denied',
      title: 'Link request denied',
      body: 'MassHealth denied the link of Souza, Ana to 110000001A.',
      subject: APPROVED_ID,
      groupId: '110000001',
      createdAt: '2026-12-03T15:00:00Z',
      read: false,
    },
    {
      notificationId: 'n-1',
      kind: 'roster-completed',
      title: 'Roster processed: case RI-2026-000042',
      body: 'Roster processed: 3 practitioners added, 0 updated.',
      subject: 'RI-2026-000042',
      groupId: '110000001',
      createdAt: '2026-12-01T15:00:00Z',
      read: true,
    },
  ],
};
const users = {
  items: [
    { userId: 'demo-provider-harbor', name: 'Maria Santos', primary: true, grantedAt: '2026-11-01T15:00:00Z', grantedBy: 'demo-back-office' },
    { userId: 'dana', name: 'Dana Reyes', email: 'dana@example.org', primary: false, grantedAt: '2026-11-20T15:00:00Z', grantedBy: 'demo-provider-harbor' },
  ],
  total: 2,
};
const audit = {
  items: [
    {
      at: '2026-11-20T15:00:00Z',
      by: 'demo-provider-harbor',
      action: 'GRANTED',
      userId: 'dana',
      before: { granted: false, primary: false },
      after: { granted: true, primary: false },
    },
  ],
  total: 1,
};

const base = {
  '/api/access/me': me,
  '/api/link-request/service-locations': names,
  '/api/notification/notifications': notifications,
};

beforeEach(() => {
  window.location.hash = '';
});

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

describe('My requests and letters', () => {
  it('lists the requests with kind, status, dates and decision, and filters them by status and location', async () => {
    const calls = serve({ ...base, '/api/link-request/link-requests': { items: [pending, approved], total: 2 } });
    window.location.hash = '#/requests';
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('heading', { name: 'My requests and letters' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: /Your link and unlink requests/ });
    const [, first, second] = within(table).getAllByRole('row');
    expect(first.textContent).toMatch(/Lee, Jo.*110000001B.*Harbor Family Medicine.*Unlink \(end link\).*Ends Dec 31, 2026.*Submitted.*Dec 1, 2026.*Dec 15, 2026.*3 business days left.*Waiting for MassHealth/);
    expect(second.textContent).toMatch(/Souza, Ana.*Link.*From Dec 2, 2026.*Denied.*Denied on Dec 3, 2026.*Reason: Not a member of the group/);
    expect(within(second).getByRole('link', { name: 'Read the letter: Souza, Ana' }).getAttribute('href')).toBe(`#/requests/${APPROVED_ID}`);
    expect(screen.getByRole('link', { name: 'My requests' }).getAttribute('aria-current')).toBe('page');

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'DENIED' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Service location' }), { target: { value: '110000001A' } });
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContain('/api/link-request/link-requests?status=DENIED&pidsl=110000001A&limit=50&offset=0'),
    );
  });

  it('says what to do when there is no request yet', async () => {
    serve({ ...base, '/api/link-request/link-requests': { items: [], total: 0 } });
    window.location.hash = '#/requests';
    render(<App initialSession={maria} />);
    expect(await screen.findByText(/No link or unlink request has been made for your service locations yet/)).toBeTruthy();
  });

  it('opens a decided request with its decision, and shows its letter as a PDF', async () => {
    const calls = serve({
      ...base,
      [`/api/link-request/link-requests/${APPROVED_ID}`]: approved,
      '/api/notification/letters?': { items: [letter], total: 1 },
      '/api/notification/letters/l-1/pdf': {},
    });
    URL.createObjectURL = jest.fn(() => 'blob:letter');
    URL.revokeObjectURL = jest.fn();
    window.location.hash = `#/requests/${APPROVED_ID}`;
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('heading', { name: 'Link request: Souza, Ana at 110000001A' })).toBeTruthy();
    expect(screen.getByText('Not a member of the group')).toBeTruthy();
    expect(await screen.findByText('The decision letter was sent to Harbor Family Medicine by mail on Dec 3, 2026.')).toBeTruthy();
    expect(calls.map((c) => c.url)).toContain(`/api/notification/letters?requestId=${APPROVED_ID}&limit=10`);

    const show = screen.getByRole('button', { name: 'Show the letter' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(show);
    const frame = await screen.findByTitle('Letter l-1 (PDF)');
    expect(frame.getAttribute('src')).toBe('blob:letter');
    expect(screen.getByRole('link', { name: 'Download the letter (PDF)' }).getAttribute('download')).toBe('letter-l-1.pdf');
    fireEvent.click(screen.getByRole('button', { name: 'Hide the letter' }));
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:letter'));
  });

  it('says a request outside the user’s access is not shown, and where to go', async () => {
    serve({ ...base, '/api/link-request/link-requests/': [404, { statusCode: 404, message: `Link request ${PENDING_ID} not found` }] });
    window.location.hash = `#/requests/${PENDING_ID}`;
    render(<App initialSession={maria} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/not found. It may have been removed, or it is outside your access/);
    expect(within(screen.getByText(/to choose one of yours/)).getByRole('link', { name: 'My requests' }).getAttribute('href')).toBe('#/requests');
  });
});

describe('Notifications', () => {
  it('counts the unread in the header, links each to its case or request, and marks them read', async () => {
    const calls = serve({ ...base, 'POST /api/notification/notifications/': [204, null] });
    window.location.hash = '#/notifications';
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('link', { name: 'Notifications (1 unread)' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Link request denied' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the request in My requests' }).getAttribute('href')).toBe(`#/requests/${APPROVED_ID}`);
    expect(screen.getByRole('link', { name: 'Open case RI-2026-000042' }).getAttribute('href')).toBe('#/practices/110000001/cases/RI-2026-000042');

    click('Mark as read: Link request denied');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/notification/notifications/n-2/read')).toBe(true));
    expect(screen.queryByRole('button', { name: /Mark as read: Roster processed/ })).toBeNull();
  });

  it('says what comes here when there is nothing yet', async () => {
    serve({ ...base, '/api/notification/notifications': { items: [], total: 0, unreadCount: 0 } });
    window.location.hash = '#/notifications';
    render(<App initialSession={maria} />);
    expect(await screen.findByText(/No notification yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Notifications' })).toBeTruthy();
  });
});

describe('Users and Access', () => {
  const routes = {
    ...base,
    '/api/import/cases': { items: [], total: 0 },
    '/api/access/service-locations/110000001A/users': users,
    '/api/access/service-locations/110000001A/access-audit': audit,
  };

  it('is a Group Account tab only for a Primary User of one of its locations', async () => {
    serve({ ...routes, '/api/access/me': { ...me, primaryFor: [] } });
    window.location.hash = '#/practices/110000001';
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('link', { name: 'Roster Upload' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users and Access' })).toBeNull();
  });

  it('lists who has access, with the audit trail', async () => {
    serve(routes);
    window.location.hash = '#/practices/110000001';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('link', { name: 'Users and Access' }));
    expect(await screen.findByRole('heading', { name: 'Users with access to 110000001A' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: /Users with access to 110000001A/ });
    expect(within(table).getByRole('row', { name: /Maria Santos \(you\).*Primary User/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Dana Reyes.*dana@example.org.*User.*Maria Santos \(demo-provider-harbor\)/ })).toBeTruthy();
    const trail = await screen.findByRole('table', { name: /Changes to the access to 110000001A/ });
    expect(within(trail).getAllByRole('row')[1].textContent).toMatch(/Maria Santos \(demo-provider-harbor\)Access grantedDana Reyes \(dana\)No accessUser/);
  });

  it('grants access by user ID and name, after checking the form', async () => {
    const calls = serve({
      ...routes,
      'PUT /api/access/service-locations/110000001A/users/': [
        201,
        { userId: 'lee', name: 'Sam Lee', primary: false, grantedAt: '2026-12-01T15:00:00Z', grantedBy: 'demo-provider-harbor' },
      ],
    });
    window.location.hash = '#/practices/110000001/users-and-access';
    render(<App initialSession={maria} />);
    const grant = await screen.findByRole('form', { name: 'Grant access to 110000001A' });
    fireEvent.click(within(grant).getByRole('button', { name: 'Grant access' }));
    expect(await within(grant).findByText(/Enter the user ID the person signs in/)).toBeTruthy();
    expect(document.activeElement).toBe(within(grant).getByRole('textbox', { name: 'User ID' }));
    fireEvent.change(within(grant).getByRole('textbox', { name: 'User ID' }), { target: { value: ' lee ' } });
    fireEvent.change(within(grant).getByRole('textbox', { name: 'Name' }), { target: { value: 'Sam Lee' } });
    fireEvent.click(within(grant).getByRole('button', { name: 'Grant access' }));
    expect(await within(grant).findByText('Sam Lee (lee) now has access to 110000001A.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      url: '/api/access/service-locations/110000001A/users/lee',
      method: 'PUT',
      body: { name: 'Sam Lee' },
    });
  });

  it('removes access after a confirmation, and shows the service’s refusal', async () => {
    const calls = serve({
      ...routes,
      'DELETE /api/access/service-locations/110000001A/users/dana': [204, null],
      'DELETE /api/access/service-locations/110000001A/users/demo-provider-harbor': [
        409,
        {
          statusCode: 409,
          message: 'You are the only Primary User of 110000001A: name another Primary User before removing your own access',
        },
      ],
    });
    window.location.hash = '#/practices/110000001/users-and-access/110000001A';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove access: Dana Reyes' }));
    expect(await screen.findByRole('heading', { name: 'Remove the access of Dana Reyes (dana) to 110000001A?' })).toBeTruthy();
    click('Cancel');
    expect(screen.queryByRole('heading', { name: /Remove the access/ })).toBeNull();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    click('Remove access: Dana Reyes');
    click('Yes, remove access');
    expect(await screen.findByText('Dana Reyes (dana) no longer has access to 110000001A.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/access/service-locations/110000001A/users/dana']);

    click('Remove my access');
    expect(await screen.findByRole('heading', { name: 'Remove your own access to 110000001A?' })).toBeTruthy();
    click('Yes, remove my access');
    expect((await screen.findByRole('alert')).textContent).toMatch(/You are the only Primary User of 110000001A: name another Primary User/);
  });

  it('hands the Primary User role on to a user with access, after a confirmation', async () => {
    const calls = serve({
      ...routes,
      'PUT /api/access/service-locations/110000001A/primary-user': { pidsl: '110000001A', primaryUser: { userId: 'dana', name: 'Dana Reyes' } },
    });
    window.location.hash = '#/practices/110000001/users-and-access';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Make Primary User: Dana Reyes' }));
    expect(await screen.findByRole('heading', { name: 'Make Dana Reyes (dana) the Primary User of 110000001A?' })).toBeTruthy();
    click('Yes, hand the role on');
    expect(await screen.findByText(/Dana Reyes \(dana\) is now the Primary User of 110000001A. You keep your access/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      url: '/api/access/service-locations/110000001A/primary-user',
      method: 'PUT',
      body: { userId: 'dana' },
    });
  });

  it('refuses a location the user is not Primary User of', async () => {
    serve(routes);
    window.location.hash = '#/practices/110000001/users-and-access/110000001B';
    render(<App initialSession={maria} />);
    expect(await screen.findByText(/You are not the Primary User of 110000001B/)).toBeTruthy();
  });
});
