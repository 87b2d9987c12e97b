/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { type Answer, serve } from '../fake-dashboard-server';
import type { AccessAuditEntry, ServiceLocationUser } from '../types';
import { standingText } from './AccessView';

const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

const MARIA: ServiceLocationUser = { userId: 'provider-110000001A', name: 'Maria Santos', email: 'maria@example.org', primary: true, grantedAt: '2026-11-02T15:00:00Z', grantedBy: 'bo-dana' };
const SAM: ServiceLocationUser = { userId: 'provider-sam', name: 'Sam Ortiz', primary: false, grantedAt: '2026-11-03T15:00:00Z', grantedBy: 'provider-110000001A' };

/** access-service for PID/SL 110000001A (and none other), as it would keep its users and audit. */
function accessService(refusePut?: Answer) {
  const state = { users: [MARIA, SAM], audit: [] as AccessAuditEntry[] };
  const base = '/api/access/service-locations/110000001A';
  const calls = serve(({ method, url, body }) => {
    if (url.startsWith('/api/access/service-locations/') && !url.startsWith(base)) {
      const pidsl = url.split('/')[4];
      return { status: 404, body: { statusCode: 404, error: 'Not Found', message: `Service location ${pidsl} does not exist` } };
    }
    const primary = state.users.find((u) => u.primary) ?? null;
    if (url === `${base}/primary-user` && method === 'PUT') {
      if (refusePut) return refusePut;
      const { userId } = body as { userId: string };
      const before = state.users.find((u) => u.userId === userId);
      state.users = state.users.map((u) => ({ ...u, primary: u.userId === userId }));
      if (!before) state.users.unshift({ userId, name: userId, primary: true, grantedAt: '2026-11-30T15:00:00Z', grantedBy: 'bo-dana' });
      state.users.sort((a, b) => Number(b.primary) - Number(a.primary));
      state.audit.unshift({ at: '2026-11-30T15:00:00Z', by: 'bo-dana', action: 'PRIMARY_NAMED', userId, before: { granted: !!before, primary: false }, after: { granted: true, primary: true } });
      const named = state.users[0];
      return { status: 200, body: { pidsl: '110000001A', primaryUser: { userId: named.userId, name: named.name } } };
    }
    if (url === `${base}/primary-user`) return { status: 200, body: { pidsl: '110000001A', primaryUser: primary && { userId: primary.userId, name: primary.name } } };
    if (url.startsWith(`${base}/users`)) return { status: 200, body: { items: state.users, total: state.users.length } };
    if (url.startsWith(`${base}/access-audit`)) return { status: 200, body: { items: state.audit, total: state.audit.length } };
    return undefined;
  });
  return { state, calls };
}

async function openAccess(hash = '#/access') {
  window.location.hash = hash;
  await new Promise((resolve) => setTimeout(resolve, 0));
  return render(<App initialSession={dana} />);
}

beforeEach(() => {
  window.location.hash = '';
});

describe('access to a PID/SL', () => {
  it('is in the header, and looks up a PID/SL typed in lower case: its Primary User, users and audit', async () => {
    const { calls } = accessService();
    await openAccess('#/queue');
    fireEvent.click(screen.getByRole('link', { name: 'Access' }));
    await screen.findByRole('heading', { name: 'Access to a service location' });
    expect(screen.getByRole('link', { name: 'Access' }).getAttribute('aria-current')).toBe('page');

    fireEvent.change(screen.getByLabelText('PID/SL'), { target: { value: ' 110000001a ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    await screen.findByRole('heading', { name: 'Primary User of 110000001A' });
    expect(window.location.hash).toBe('#/access/110000001A');
    expect(screen.getByText('Maria Santos', { selector: 'strong' }).parentElement?.textContent).toContain('(user ID provider-110000001A) manages who has access');
    const users = await screen.findByRole('table', { name: 'Users with access' });
    expect(within(users).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[3].textContent)).toEqual(['Primary User', 'Access']);
    expect(await screen.findByText('No access changes recorded for 110000001A.')).toBeTruthy();
    expect(calls.map((c) => c.url).filter((u) => u.startsWith('/api/access'))).toEqual([
      '/api/access/service-locations/110000001A/primary-user',
      '/api/access/service-locations/110000001A/users?limit=1000',
      '/api/access/service-locations/110000001A/access-audit?limit=100',
    ]);
  });

  it('refuses a malformed PID/SL in the page, and says so in words when the PID/SL does not exist', async () => {
    const { calls } = accessService();
    await openAccess();
    const box = await screen.findByLabelText('PID/SL');
    fireEvent.change(box, { target: { value: '11000001A' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a PID/SL: 9 digits and a service-location letter, e.g. 110000001A.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.url.startsWith('/api/access'))).toBe(false);

    fireEvent.change(box, { target: { value: '999999999Z' } });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Service location 999999999Z does not exist');
    // Only the Primary User is asked: the users and the audit would only say the same.
    expect(calls.filter((c) => c.url.startsWith('/api/access')).map((c) => c.url)).toEqual(['/api/access/service-locations/999999999Z/primary-user']);
  });

  it('names a Primary User after a confirmation that says what happens; Cancel sends nothing and gives the focus back', async () => {
    const { calls } = accessService();
    const view = await openAccess('#/access/110000001A');
    await screen.findByRole('table', { name: 'Users with access' });
    const id = screen.getByLabelText('Name a Primary User: user ID');

    fireEvent.change(id, { target: { value: 'provider-110000001A' } });
    fireEvent.click(screen.getByRole('button', { name: 'Name Primary User…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Maria Santos (user ID provider-110000001A) is already the Primary User of 110000001A.');

    fireEvent.change(id, { target: { value: 'provider-sam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Name Primary User…' }));
    const confirmation = await screen.findByRole('group', { name: 'Name Sam Ortiz the Primary User of 110000001A?' });
    expect(document.activeElement).toBe(confirmation);
    expect(confirmation.textContent).toContain(
      'This makes Sam Ortiz (user ID provider-sam) the Primary User of 110000001A, in place of Maria Santos (user ID provider-110000001A), who keeps their access.',
    );
    const { violations } = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(violations.map((v) => v.id)).toEqual([]);

    fireEvent.click(within(confirmation).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Name Primary User…' })));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Name Primary User…' }));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Yes, name Primary User' })));
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([
      { method: 'PUT', url: '/api/access/service-locations/110000001A/primary-user', body: { userId: 'provider-sam' } },
    ]);
    expect((await screen.findByText(/is now the Primary User/)).textContent).toBe('Sam Ortiz (user ID provider-sam) is now the Primary User of 110000001A.');
    await screen.findByText('Sam Ortiz', { selector: 'strong' });
    const audit = await screen.findByRole('table', { name: 'Access audit, newest first' });
    expect(within(audit).getAllByRole('row')[1].textContent).toContain('Named Primary User');
    expect(within(audit).getAllByRole('row')[1].textContent).toContain('access → Primary User');
  });

  it('says that naming someone without access grants it, and shows the service’s refusal in its words', async () => {
    const message = 'provider-new has no access to 110000001A: a Primary User may only hand the role to a user who has access';
    accessService({ status: 409, body: { statusCode: 409, error: 'Conflict', message } });
    await openAccess('#/access/110000001A');
    await screen.findByRole('table', { name: 'Users with access' });
    fireEvent.change(screen.getByLabelText('Name a Primary User: user ID'), { target: { value: 'provider-new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Name Primary User…' }));
    const confirmation = await screen.findByRole('group', { name: 'Name provider-new the Primary User of 110000001A?' });
    expect(confirmation.textContent).toContain('They have no access to it yet: this grants it.');
    await act(async () => fireEvent.click(within(confirmation).getByRole('button', { name: 'Yes, name Primary User' })));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
  });

  it('refuses a malformed user ID in the page', async () => {
    const { calls } = accessService();
    await openAccess('#/access/110000001A');
    await screen.findByRole('table', { name: 'Users with access' });
    fireEvent.change(screen.getByLabelText('Name a Primary User: user ID'), { target: { value: 'has space' } });
    fireEvent.click(screen.getByRole('button', { name: 'Name Primary User…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a user ID: 1 to 128 letters, digits or . _ @ : | + -');
    expect(screen.queryByRole('group')).toBeNull();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('words a user’s standing', () => {
    expect([standingText({ granted: false, primary: false }), standingText({ granted: true, primary: false }), standingText({ granted: true, primary: true })]).toEqual([
      'no access',
      'access',
      'Primary User',
    ]);
  });
});
