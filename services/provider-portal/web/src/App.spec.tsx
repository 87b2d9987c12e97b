/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import type { Session } from '@rosterlink/ui';
import { App } from './App';

/** Stands in for the portal server's answers: a route is a URL prefix, its answer a body (200) or [status, body]. */
function serve(routes: Record<string, unknown>) {
  const calls: string[] = [];
  globalThis.fetch = jest.fn(async (url: string) => {
    calls.push(url);
    const key = Object.keys(routes).find((k) => url.startsWith(k));
    const [status, body] = !key ? [404, { message: 'no such route' }] : Array.isArray(routes[key]) ? (routes[key] as [number, unknown]) : [200, routes[key]];
    return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
  }) as unknown as typeof fetch;
  return calls;
}

const maria: Session = { token: 't', user: { id: 'p', name: 'Maria Santos', roles: ['provider'], backOffice: false } };
const tokenMe = { sub: 'p', name: 'Maria Santos', roles: ['provider'], grants: ['110000001A', '110000001B'], primaryFor: [] };
const locations = { items: [{ pidsl: '110000001A', groupId: '110000001', groupName: 'Harbor Family Medicine LLC', dbaName: 'Harbor Family Medicine' }], total: 1 };

beforeEach(() => {
  window.location.hash = '';
});

describe('the provider portal', () => {
  it('lists the practices from access-service, and opens the selected one', async () => {
    serve({
      '/api/access/me': { ...tokenMe, grants: ['110000001A', '110000002A'] },
      '/api/link-request/service-locations': locations,
      '/api/import/cases': { items: [], total: 0 },
    });
    render(<App initialSession={maria} />);
    expect(await screen.findByRole('heading', { name: 'Welcome, Maria Santos' })).toBeTruthy();
    const rows = within(await screen.findByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['Harbor Family Medicine', 'Practice 110000002']);

    fireEvent.click(screen.getByRole('button', { name: 'Open Selected Practice' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Select the box next to a Practice Name first.');
    fireEvent.click(screen.getByRole('radio', { name: 'Harbor Family Medicine' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open Selected Practice' }));
    expect(window.location.hash).toBe('#/practices/110000001');
    expect(await screen.findByRole('heading', { name: 'Group Account: Harbor Family Medicine' })).toBeTruthy();
    expect(await screen.findByText(/No roster import yet/)).toBeTruthy();
  });

  it("takes the practices from access-service alone: no fallback to the token's grants when it does not answer", async () => {
    const calls = serve({ '/api/access/me': [502, { message: 'The access service is not answering' }], '/api/me': tokenMe, '/api/link-request': [502, {}] });
    render(<App initialSession={maria} />);
    // A 502 is asked again twice (AppProviders) before the page says so.
    expect((await screen.findByRole('alert', {}, { timeout: 8_000 })).textContent).toMatch(/The access service is not answering/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(calls).not.toContain('/api/me');
  }, 15_000);

  it('says what to do when the user has no practice, and finds the Primary User to ask', async () => {
    const calls = serve({
      '/api/access/me': { ...tokenMe, grants: [] },
      '/api/link-request/service-locations': { items: [], total: 0 },
      '/api/access/service-locations/110000001A/primary-user': { pidsl: '110000001A', primaryUser: { userId: 'p', name: 'Maria Santos' } },
    });
    render(<App initialSession={maria} />);
    expect(await screen.findByText(/Ask your practice's Primary User to grant you access/)).toBeTruthy();
    expect(screen.getByText(/contact the Primary User of the provider ID\/service location \(PID\/SL\)/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Find the Primary User to ask' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'PID/SL' }), { target: { value: '110000001a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find the Primary User' }));
    expect(await screen.findByText(/The Primary User of 110000001A is Maria Santos. Ask them to grant you access, then click Check my access again/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Check my access again' }));
    await waitFor(() => expect(calls.filter((url) => url === '/api/access/me')).toHaveLength(2));
  });

  it('walks the Roster Upload tab and refuses a file that is not a roster before sending it', async () => {
    const calls = serve({ '/api/access/me': tokenMe, '/api/link-request/service-locations': locations, '/api/import/cases': { items: [], total: 0 } });
    window.location.hash = '#/practices/110000001';
    render(<App initialSession={maria} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Select a Roster Import Type');
    fireEvent.click(screen.getByRole('radio', { name: /Add\/Update/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('heading', { name: 'Upload Files' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download template (CSV)' })).toBeTruthy();

    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['%PDF'], 'roster.pdf', { type: 'application/pdf' })] } });
    expect((await screen.findByRole('alert')).textContent).toContain('roster.pdf is not a roster file');

    // A CSV whose header row is not the template's: refused here, each problem named.
    fireEvent.change(input, { target: { files: [new File(['NPI,Last Name\n'], 'roster.csv', { type: 'text/csv' })] } });
    expect((await screen.findByText(/roster\.csv is not the approved roster template/)).textContent).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/First Name/);

    const template = ROSTER_COLUMNS.map((c) => c.header).join(',');
    fireEvent.change(input, { target: { files: [new File([`${template}\n`], 'roster.csv', { type: 'text/csv' })] } });
    const window_ = await screen.findByRole('dialog', { name: 'Upload Files' });
    expect(window_.textContent).toContain('roster.csv');
    fireEvent.click(within(window_).getByRole('button', { name: 'Close the Upload Files window' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('button', { name: 'Save and Continue' })).toBeTruthy();
    expect(calls.some((url) => url.startsWith('/api/upload'))).toBe(false);
  });

  it('refuses a practice that is not one of the user’s', async () => {
    serve({ '/api/access/me': tokenMe, '/api/link-request/service-locations': locations });
    window.location.hash = '#/practices/110000009';
    render(<App initialSession={maria} />);
    expect(await screen.findByText(/Practice 110000009 is not one of your practices/)).toBeTruthy();
  });
});
