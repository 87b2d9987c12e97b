/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { type Answer, requestPageExtras, serve } from '../fake-dashboard-server';
import { analystsOf, assigneeFilterOf, assigneeText } from '../assignment';
import type { LinkRequestAssigneeView, LinkRequestNoteView } from '../types';

const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };
const DANA: LinkRequestAssigneeView = { userId: 'bo-dana', name: 'Dana Whitfield', assignedAt: '2026-11-24T15:00:00Z' };
const LEE: LinkRequestAssigneeView = { userId: 'bo-lee', name: 'Lee Park', assignedAt: '2026-11-24T16:00:00Z' };

function request(lastName: string, assignee: LinkRequestAssigneeView | null) {
  return {
    requestId: `id-${lastName}`,
    kind: 'LINK',
    pidsl: '110000001A',
    provider: { providerId: '210000001', npi: '1234567893', firstName: 'A', lastName, providerType: 'PHYSICIAN' },
    status: 'SUBMITTED',
    submittedAt: '2026-11-20T15:00:00Z',
    dueDate: '2026-12-04',
    businessDaysRemaining: 4,
    slaState: 'ON_TRACK',
    decidedAt: null,
    decidedBy: null,
    reason: null,
    assignee,
    attestation: { version: 'v1', attestedBy: 'p', attestedAt: '2026-11-20T15:00:00Z' },
    history: [],
  };
}

beforeEach(() => {
  window.location.hash = '';
});

describe('assignment in the queue', () => {
  it('shows each request’s assignee in words and filters by Mine, Unassigned, All and a named analyst', async () => {
    // The service filters by assignee (`me`, `none`, a user id); the queue only asks.
    const all = [request('Souza', DANA), request('Nguyen', LEE), request('Okafor', null)];
    serve((call) => {
      if (!call.url.startsWith('/api/link-request/link-requests?')) return requestPageExtras(call);
      const assignee = new URL(call.url, 'http://dashboard').searchParams.get('assignee');
      const items = all.filter((r) => !assignee || (assignee === 'me' ? r.assignee?.userId === 'bo-dana' : assignee === 'none' ? !r.assignee : r.assignee?.userId === assignee));
      return { status: 200, body: { items, total: items.length } };
    });
    render(<App initialSession={dana} />);
    const providers = () => within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0].textContent);
    const assignees = () => within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[8].textContent);
    await screen.findByRole('table');
    expect(assignees()).toEqual(['Dana Whitfield (you)', 'Lee Park', 'Unassigned']);
    expect(await screen.findByText(/41 unassigned/)).toBeTruthy();

    const filter = screen.getByLabelText('Assignee') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toEqual(['All', 'Mine', 'Unassigned', 'Lee Park']);
    fireEvent.change(filter, { target: { value: 'mine' } });
    await waitFor(() => expect(providers()).toEqual(['Souza, A']));
    fireEvent.change(filter, { target: { value: 'unassigned' } });
    await waitFor(() => expect(providers()).toEqual(['Okafor, A']));
    fireEvent.change(filter, { target: { value: 'analyst:bo-lee' } });
    await waitFor(() => expect(providers()).toEqual(['Nguyen, A']));
    fireEvent.change(filter, { target: { value: 'all' } });
    await waitFor(() => expect(providers()).toHaveLength(3));
  });
});

describe('assignment and notes on a request', () => {
  /** One open request and its notes, as the link-request service would keep them. */
  async function workingServer(refuse?: Answer) {
    const state = { assignee: null as LinkRequestAssigneeView | null, notes: [] as LinkRequestNoteView[] };
    const calls = serve(({ method, url, body }) => {
      const base = '/api/link-request/link-requests/id-Souza';
      if (url === `${base}/assignee` && refuse) return refuse;
      if (url === `${base}/assignee` && method === 'PUT') {
        const { userId, name } = body as { userId: string; name: string };
        state.assignee = { userId, name, assignedAt: '2026-11-24T17:00:00Z' };
        return { status: 200, body: request('Souza', state.assignee) };
      }
      if (url === `${base}/assignee` && method === 'DELETE') return (state.assignee = null), { status: 204 };
      if (url.startsWith(`${base}/notes`) && method === 'POST') {
        const note = { noteId: `n${state.notes.length + 1}`, requestId: 'id-Souza', author: { userId: 'bo-dana', name: 'Dana Whitfield' }, text: (body as { text: string }).text, createdAt: '2026-11-24T17:05:00Z' };
        state.notes.push(note);
        return { status: 201, body: note };
      }
      if (url.startsWith(`${base}/notes`)) return { status: 200, body: { items: state.notes, total: state.notes.length } };
      if (url === base) return { status: 200, body: request('Souza', state.assignee) };
      return requestPageExtras({ method, url, body });
    });
    window.location.hash = '#/requests/id-Souza';
    // jsdom announces hash changes in a later task: let them pass before the app listens.
    await new Promise((resolve) => setTimeout(resolve, 0));
    render(<App initialSession={dana} />);
    return { state, calls };
  }

  it('assigns the request to the signed-in analyst and unassigns it, showing what the service then holds', async () => {
    const { calls } = await workingServer();
    expect(await screen.findByText('Nobody is working on this request yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unassign' })).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Assign to me' })));
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT',
      url: '/api/link-request/link-requests/id-Souza/assignee',
      body: { userId: 'bo-dana', name: 'Dana Whitfield' },
    });
    await screen.findByText('Dana Whitfield (you)');
    expect(screen.queryByRole('button', { name: 'Assign to me' })).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Unassign' })));
    await screen.findByText('Nobody is working on this request yet.');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/link-request/link-requests/id-Souza/assignee']);
    // Each change refetched the request (its history) after it.
    expect(calls.filter((c) => c.method === 'GET' && c.url === '/api/link-request/link-requests/id-Souza').length).toBeGreaterThanOrEqual(3);
  });

  it('says in words why the service refused an assignment', async () => {
    const message = 'Link request id-Souza is assigned to Lee Park: only they or an admin may reassign it (assignment is required)';
    const { calls } = await workingServer({ status: 409, body: { statusCode: 409, error: 'Conflict', message } });
    const assign = await screen.findByRole('button', { name: 'Assign to me' });
    await act(async () => fireEvent.click(assign));
    expect((await screen.findByRole('alert')).textContent).toContain(message);
    // Someone else may have changed it meanwhile: the request is read again, to show what holds now.
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/link-request/link-requests/id-Souza')).toHaveLength(2));
  });

  it('keeps a thread of notes: a blank note is refused in the page, a written one is posted and shown', async () => {
    const { calls } = await workingServer();
    expect(await screen.findByText('No notes yet.')).toBeTruthy();
    const box = screen.getByLabelText('Add an internal note') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write the note first: it cannot be empty.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(box, { target: { value: ' Called the practice.\nLicense on its way. ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add note' })));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ text: 'Called the practice.\nLicense on its way.' }));
    const thread = await screen.findByRole('list', { name: 'Notes, oldest first (1)' });
    expect(within(thread).getByText('Dana Whitfield')).toBeTruthy();
    expect(thread.textContent).toContain('Called the practice.License on its way.');
    expect(box.value).toBe('');
  });
});

describe('assignment filters (pure)', () => {
  const requests = [{ assignee: DANA }, { assignee: LEE }, { assignee: null }, { assignee: undefined }];

  it('offers the other analysts by name, and keeps the chosen one offered once their requests are gone', () => {
    expect(analystsOf(requests, 'bo-dana')).toEqual([{ userId: 'bo-lee', name: 'Lee Park' }]);
    expect(analystsOf([], 'bo-dana', { kind: 'analyst', userId: 'bo-lee', name: 'Lee Park' })).toEqual([{ userId: 'bo-lee', name: 'Lee Park' }]);
    expect(assigneeFilterOf('analyst:bo-lee', [{ userId: 'bo-lee', name: 'Lee Park' }])).toEqual({ kind: 'analyst', userId: 'bo-lee', name: 'Lee Park' });
    expect(assigneeFilterOf('analyst:gone', [])).toEqual({ kind: 'all' });
  });

  it('says whom in words', () => {
    expect([assigneeText(DANA, 'bo-dana'), assigneeText(LEE, 'bo-dana'), assigneeText(null, 'bo-dana')]).toEqual([
      'Dana Whitfield (you)',
      'Lee Park',
      'Unassigned',
    ]);
  });
});
