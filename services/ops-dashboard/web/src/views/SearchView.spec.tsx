/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { accessibilityViolations, serve, SUMMARY } from '../fake-dashboard-server';

jest.setTimeout(30_000);

const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };
const NPI = '1234567893';

const REQUEST = {
  requestId: 'id-1',
  kind: 'LINK',
  pidsl: '110000001A',
  provider: { providerId: '210000001', npi: NPI, firstName: 'Ana', lastName: 'Souza', providerType: 'PHYSICIAN' },
  status: 'SUBMITTED',
  submittedAt: '2026-11-29T16:00:00Z',
  dueDate: '2026-12-14',
  slaStartDate: '2026-11-30',
  businessDaysRemaining: 10,
  slaState: 'ON_TRACK',
  groupName: 'Harbor Health Group LLC',
  dbaName: 'Harbor Family Medicine',
};
const CASE = {
  caseNumber: 'RI-2026-000042',
  groupId: '110000001',
  uploadId: 'u',
  importType: 'ADD_UPDATE',
  status: 'COMPLETED',
  counts: { rows: 3, created: 3, updated: 0, terminated: 0, errors: 0 },
  fileName: 'harbor-roster.xlsx',
  uploadedBy: 'provider-110000001A',
  uploadedAt: '2026-11-20T15:00:00Z',
  createdAt: '2026-11-20T15:00:00Z',
  updatedAt: '2026-11-20T15:05:00Z',
};

/** The three services, each answering only what it is asked by the caller's token; notification-service is down. */
function services(lettersDown = true) {
  return serve(({ url }) => {
    if (url === '/api/link-request/link-requests/summary') return { status: 200, body: SUMMARY };
    if (url === `/api/link-request/link-requests?q=${NPI}&limit=20`) return { status: 200, body: { items: [REQUEST], total: 1 } };
    if (url === `/api/import/cases?npi=${NPI}&limit=20`) return { status: 200, body: { items: [CASE], total: 1 } };
    if (url.startsWith('/api/notification/letters?')) {
      return lettersDown
        ? { status: 502, body: { statusCode: 502, message: 'The notification service is not answering; check its health on the Operations page' } }
        : { status: 200, body: { items: [], total: 0 } };
    }
    if (url.startsWith('/api/link-request/link-requests?')) return { status: 200, body: { items: [], total: 0 } };
    return undefined;
  });
}

beforeEach(() => {
  window.location.hash = '';
});

describe('the search in the header', () => {
  it('is on every page and leads to #/search/<what was typed>', async () => {
    services();
    render(<App initialSession={dana} />);
    const box = screen.getByRole('searchbox', { name: 'Search link requests, cases and letters' });
    fireEvent.change(box, { target: { value: ` ${NPI} ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/search/${NPI}`));
    expect(await screen.findByRole('heading', { name: `Search results for “${NPI}”` })).toBeTruthy();
  });

  it('shows the three groups, each from its own service with the token; a service that fails says so while the others show', async () => {
    const calls = services();
    window.location.hash = `#/search/${NPI}`;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = render(<App initialSession={dana} />);

    const requests = await screen.findByRole('region', { name: 'Link requests (1)' });
    expect(within(requests).getByRole('link', { name: 'Souza, Ana' }).getAttribute('href')).toBe('#/requests/id-1');
    const cases = await screen.findByRole('region', { name: 'Roster-import cases (1)' });
    expect(within(cases).getByRole('link', { name: 'RI-2026-000042' })).toBeTruthy();
    expect(cases.textContent).toContain('harbor-roster.xlsx');
    const letters = screen.getByRole('region', { name: 'Letters' });
    expect((await within(letters).findByRole('alert')).textContent).toContain('The notification service is not answering');
    expect(within(letters).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(await screen.findByText('Found 1 link request, 1 case, no letters (search failed).')).toBeTruthy();

    // An NPI asks cases and letters by `npi`, link requests by `q`.
    const searched = calls.map((c) => c.url).filter((u) => /\?(q|npi)=/.test(u));
    expect(searched.sort()).toEqual([`/api/import/cases?npi=${NPI}&limit=20`, `/api/link-request/link-requests?q=${NPI}&limit=20`, `/api/notification/letters?npi=${NPI}&limit=20`]);
    for (const [, init] of (globalThis.fetch as jest.Mock).mock.calls.filter(([url]) => /\?(q|npi)=/.test(url))) {
      expect((init.headers as Headers).get('authorization')).toBe('Bearer t');
    }
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });

  it('asks by q for anything but an NPI, and says when nothing is found', async () => {
    const calls = services(false);
    window.location.hash = `#/search/${encodeURIComponent('RI-2026-000099')}`;
    await new Promise((resolve) => setTimeout(resolve, 0));
    render(<App initialSession={dana} />);
    expect(await screen.findByText('No letters found.')).toBeTruthy();
    expect(calls.map((c) => c.url)).toEqual(expect.arrayContaining(['/api/import/cases?q=RI-2026-000099&limit=20', '/api/notification/letters?q=RI-2026-000099&limit=20']));
  });
});
