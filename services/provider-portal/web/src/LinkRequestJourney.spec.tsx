/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { NOT_LINKABLE_REASONS } from '@rosterlink/contracts/browser';
import type { Session } from '@rosterlink/ui';
import { App } from './App';
import { businessToday } from './logic/effective-date';

interface Call {
  url: string;
  method: string;
  body?: unknown;
}

/** Stands in for the portal server: a route is `METHOD url-prefix` or a url prefix (any method); its answer a body (200) or [status, body]. */
function serve(routes: Record<string, unknown>): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    const key = Object.keys(routes).find((k) => (k.includes(' ') ? `${method} ${url}`.startsWith(k) : url.startsWith(k)));
    const [status, body] = !key
      ? [404, { message: 'no such route' }]
      : Array.isArray(routes[key])
        ? (routes[key] as [number, unknown])
        : [200, routes[key]];
    return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
  }) as unknown as typeof fetch;
  return calls;
}

const maria: Session = { token: 't', user: { id: 'p', name: 'Maria Santos', roles: ['provider'], backOffice: false } };
const me = { sub: 'p', name: 'Maria Santos', roles: ['provider'], grants: ['110000001A', '110000001B'], primaryFor: [] };
const location = (sl: string) => ({
  pidsl: `110000001${sl}`,
  groupId: '110000001',
  serviceLocation: sl,
  locationName: sl === 'A' ? 'Main office' : null,
  groupName: 'Harbor Family Medicine LLC',
  dbaName: 'Harbor Family Medicine',
});
const linked = {
  providerId: '210000009',
  npi: '1234567893',
  firstName: 'Jo',
  lastName: 'Lee',
  providerType: 'PHYSICIAN',
  effectiveDate: '2025-01-02',
  endDate: null,
  active: true,
  source: 'ROSTER',
  sourceReference: 'RI-2026-000001',
};
const ana = { providerId: '210000001', npi: '1234567893', firstName: 'Ana', lastName: 'Souza', providerType: 'PHYSICIAN', linkable: true };
const lina = {
  ...ana,
  providerId: '210000002',
  firstName: 'Lina',
  providerType: 'LTSS',
  linkable: false,
  notLinkableReason: NOT_LINKABLE_REASONS.LTSS,
};

const routes = {
  '/api/access/me': me,
  '/api/link-request/service-locations?groupId=110000001': { items: [location('A'), location('B')], total: 2 },
  '/api/link-request/service-locations?': { items: [location('A')], total: 1 },
  '/api/link-request/service-locations/110000001A/servicing-providers': { items: [linked], total: 1 },
  '/api/link-request/link-requests': { items: [], total: 0 },
  '/api/link-request/providers/search': { items: [ana, lina], total: 2 },
  'POST /api/link-request/service-locations/110000001A/link-requests': [
    201,
    { requestId: 'r-1', status: 'SUBMITTED', submittedAt: '2026-12-01T15:00:00Z', dueDate: '2026-12-15' },
  ],
  '/api/access/service-locations/110000001C/primary-user': { pidsl: '110000001C', primaryUser: { userId: 'u-9', name: 'Dana Reyes' } },
  '/api/access/service-locations/110000001D/primary-user': [404, { message: 'Service location 110000001D not found' }],
};

beforeEach(() => {
  window.location.hash = '';
});

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

describe('the group link request journey (seed 003)', () => {
  it('goes from Manage Provider Information to the List of Locations, and names the Primary User of a location not listed', async () => {
    serve(routes);
    window.location.hash = '#/practices/110000001';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('link', { name: 'Manage Provider Information' }));
    const maintain = await screen.findByRole('button', { name: 'Maintain Profile' });
    expect(maintain.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(maintain);
    fireEvent.click(screen.getByRole('link', { name: 'Update Your MassHealth Profile' }));
    expect(await screen.findByRole('heading', { name: 'List of Providers' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Harbor Family Medicine' }));
    fireEvent.click(await screen.findByRole('link', { name: 'Group Practice Info' }));
    expect(await screen.findByRole('heading', { name: 'List of Locations' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: '110000001B' })).toBeTruthy();

    const pidsl = screen.getByRole('textbox', { name: 'PID/SL' });
    fireEvent.change(pidsl, { target: { value: '1100' } });
    click('Find the Primary User');
    expect((await screen.findByRole('alert')).textContent).toMatch(/9-digit Provider ID followed by the location letter/);
    fireEvent.change(pidsl, { target: { value: '110000001c' } });
    click('Find the Primary User');
    expect(await screen.findByText(/The Primary User of 110000001C is Dana Reyes/)).toBeTruthy();
    fireEvent.change(pidsl, { target: { value: '110000001D' } });
    click('Find the Primary User');
    expect((await screen.findByRole('alert')).textContent).toMatch(/There is no service location 110000001D/);
  });

  it('requests a link: New Item, search, detail, Effective Date, Update, Submit, certify, Submit, confirmation', async () => {
    const calls = serve(routes);
    window.location.hash = '#/practices/110000001/provider-information/group-practice-info/110000001A';
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('heading', { name: 'List of Servicing Providers' })).toBeTruthy();
    expect(await screen.findByRole('row', { name: /Lee, Jo.*Currently linked/ })).toBeTruthy();

    click('Submit');
    expect((await screen.findByRole('alert')).textContent).toMatch(/There is nothing to submit yet/);
    click('New Item');
    expect(await screen.findByRole('heading', { name: 'Search for Existing Service Providers' })).toBeTruthy();
    click('Search for Provider');
    expect(await screen.findByRole('heading', { name: 'Search for Provider' })).toBeTruthy();
    click('Search');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Enter the Provider ID, the NPI or part/);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Provider Name' }), { target: { value: 'sou' } });
    click('Search');
    const results = await screen.findByRole('table', { name: /Providers found/ });
    expect(calls.some((c) => c.url === '/api/link-request/providers/search?name=sou&limit=50')).toBe(true);
    expect(within(results).getByRole('row', { name: /Souza, Lina.*No — Long-Term Services/ })).toBeTruthy();

    fireEvent.click(within(results).getByRole('button', { name: 'Souza, Ana' }));
    expect(await screen.findByRole('heading', { name: 'Service Provider Detail' })).toBeTruthy();
    const date = screen.getByLabelText(/Effective Date/) as HTMLInputElement;
    expect(date.min).toBe(businessToday());
    fireEvent.change(date, { target: { value: '2020-01-01' } });
    click('Update');
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be before today/);
    fireEvent.change(date, { target: { value: businessToday() } });
    click('Update');
    expect(await screen.findByRole('row', { name: /Souza, Ana.*New item: not submitted yet/ })).toBeTruthy();

    click('Submit');
    expect(await screen.findByRole('heading', { name: 'Agreement' })).toBeTruthy();
    click('Submit');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Click the box to certify/);
    fireEvent.click(screen.getByRole('checkbox', { name: /I certify/ }));
    click('Submit');
    expect(await screen.findByRole('heading', { name: 'Group link request submitted' })).toBeTruthy();
    expect(screen.getByText(/due by Tuesday, December 15, 2026/)).toBeTruthy();
    expect(screen.getByText(/A letter will be sent to Harbor Family Medicine's DBA address/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: '/api/link-request/service-locations/110000001A/link-requests',
      method: 'POST',
      body: { servicingProviderId: '210000001', effectiveDate: businessToday(), attestation: true },
    });
  });

  it('shows an LTSS provider as not linkable, with the reason, and no Date Detail', async () => {
    serve(routes);
    window.location.hash = '#/practices/110000001/provider-information/group-practice-info/110000001A';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New Item' }));
    click('Search for Provider');
    fireEvent.change(await screen.findByRole('textbox', { name: 'Provider ID' }), { target: { value: '210000002' } });
    click('Search');
    fireEvent.click(await screen.findByRole('button', { name: 'Souza, Lina' }));
    expect((await screen.findByRole('alert')).textContent).toContain(NOT_LINKABLE_REASONS.LTSS);
    expect(screen.queryByLabelText(/Effective Date/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Update' })).toBeNull();
  });

  it('says what went wrong when the service refuses the request, on the Agreement', async () => {
    serve({
      ...routes,
      'POST /api/link-request/service-locations/110000001A/link-requests': [
        409,
        { statusCode: 409, message: 'Provider 210000001 is already linked to 110000001A from 2025-01-02' },
      ],
    });
    window.location.hash = '#/practices/110000001/provider-information/group-practice-info/110000001A';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New Item' }));
    click('Search for Provider');
    fireEvent.change(await screen.findByRole('textbox', { name: 'NPI' }), { target: { value: '1234567893' } });
    click('Search');
    fireEvent.click(await screen.findByRole('button', { name: 'Souza, Ana' }));
    fireEvent.change(screen.getByLabelText(/Effective Date/), { target: { value: businessToday() } });
    click('Update');
    fireEvent.click(await screen.findByRole('button', { name: 'Submit' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: /I certify/ }));
    click('Submit');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/not submitted: Provider 210000001 is already linked/));
    expect(screen.getByRole('heading', { name: 'Agreement' })).toBeTruthy();
  });

  it('ends a current link: End link, End Date (not before today), certify, Submit, confirmation with the due date', async () => {
    const calls = serve({
      ...routes,
      'POST /api/link-request/service-locations/110000001A/unlink-requests': [
        201,
        { requestId: 'r-2', status: 'SUBMITTED', submittedAt: '2026-12-01T15:00:00Z', dueDate: '2026-12-15' },
      ],
    });
    window.location.hash = '#/practices/110000001/provider-information/group-practice-info/110000001A';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('button', { name: 'End link: Lee, Jo' }));
    expect(await screen.findByRole('heading', { name: 'End Date' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'End link steps' }).textContent).toMatch(/List of Servicing Providers.*End Date.*Agreement.*Submitted/);
    const date = screen.getByLabelText(/End Date/) as HTMLInputElement;
    expect(date.min).toBe(businessToday());
    click('Next');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Enter the End Date/);
    fireEvent.change(date, { target: { value: '2020-01-01' } });
    click('Next');
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be before today/);
    fireEvent.change(date, { target: { value: businessToday() } });
    click('Next');
    expect(await screen.findByRole('heading', { name: 'Agreement' })).toBeTruthy();
    expect(screen.getByText('End the link of a servicing provider with the group practice')).toBeTruthy();
    click('Submit');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Click the box to certify/);
    fireEvent.click(screen.getByRole('checkbox', { name: /I certify/ }));
    click('Submit');
    expect(await screen.findByRole('heading', { name: 'Request to end the link submitted' })).toBeTruthy();
    expect(screen.getByText(/Your request to end the link of Lee, Jo \(Provider ID 210000009\)/)).toBeTruthy();
    expect(screen.getByText(/due by Tuesday, December 15, 2026/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See this request in My requests' }).getAttribute('href')).toBe('#/requests/r-2');
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: '/api/link-request/service-locations/110000001A/unlink-requests',
      method: 'POST',
      body: { servicingProviderId: '210000009', endDate: businessToday(), attestation: true },
    });
  });

  it('offers no End link while a request for that provider waits for MassHealth', async () => {
    serve({
      ...routes,
      '/api/link-request/link-requests': {
        items: [
          {
            requestId: 'r-3',
            kind: 'UNLINK',
            pidsl: '110000001A',
            provider: { providerId: '210000009', npi: '1234567893', firstName: 'Jo', lastName: 'Lee', providerType: 'PHYSICIAN' },
            effectiveDate: null,
            endDate: '2026-12-31',
            status: 'SUBMITTED',
            submittedAt: '2026-12-01T15:00:00Z',
            dueDate: '2026-12-15',
          },
        ],
        total: 1,
      },
    });
    window.location.hash = '#/practices/110000001/provider-information/group-practice-info/110000001A';
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('row', { name: /Lee, Jo.*End of link requested: waiting for MassHealth/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /End link/ })).toBeNull();
  });

  it('refuses a location of another practice in the address', async () => {
    serve(routes);
    window.location.hash = '#/practices/110000001/provider-information/group-practice-info/110000002A';
    render(<App initialSession={maria} />);
    expect(await screen.findByText(/110000002A is not a service location of this practice/)).toBeTruthy();
  });
});

describe('the roster template', () => {
  it("downloads the practice's own Excel template (groupId), and the plain CSV", async () => {
    const calls = serve({ ...routes, '/api/import/cases': { items: [], total: 0 }, '/api/upload/roster-template': {} });
    const served = globalThis.fetch;
    globalThis.fetch = (async (url: string, init?: RequestInit) => ({
      ...(await served(url, init)),
      blob: async () => new Blob(['x']),
    })) as typeof fetch;
    URL.createObjectURL = jest.fn(() => 'blob:template');
    URL.revokeObjectURL = jest.fn();
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    window.location.hash = '#/practices/110000001';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('radio', { name: /Add\/Update/ }));
    click('Next');
    fireEvent.click(await screen.findByRole('button', { name: 'Download template (Excel .xlsx)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download template (CSV)' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(2));
    const templates = calls.filter((c) => c.url.startsWith('/api/upload/')).map((c) => c.url);
    expect(templates).toEqual(['/api/upload/roster-template.xlsx?groupId=110000001', '/api/upload/roster-template.csv']);
    clicked.mockRestore();
  });
});
