/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { accessibilityViolations, serve } from '../fake-dashboard-server';
import type { CalendarAuditEntry, CalendarClosure } from '../types';

jest.setTimeout(30_000);

const admin: Session = { token: 't', user: { id: 'admin-ray', name: 'Ray Admin', roles: ['admin'], backOffice: true } };
const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

/** link-request-service's business calendar for 2026, as it would keep closures and their audit. */
function calendarService() {
  const state = {
    closures: [
      { date: '2026-11-26', name: 'Thanksgiving Day', source: 'HOLIDAY', createdBy: null, createdAt: null },
      { date: '2026-12-08', name: 'Blizzard closure', source: 'ADMIN', createdBy: 'admin-ray', createdAt: '2026-12-07T20:00:00Z' },
      { date: '2026-12-25', name: 'Christmas Day', source: 'HOLIDAY', createdBy: null, createdAt: null },
    ] as CalendarClosure[],
    audit: [] as CalendarAuditEntry[],
  };
  const calls = serve(({ method, url, body }) => {
    const base = '/api/link-request/business-calendar';
    if (url.startsWith(`${base}/closures?year=`)) {
      const year = url.slice(-4);
      const items = state.closures.filter((c) => c.date.startsWith(year));
      return { status: 200, body: { items, total: items.length } };
    }
    if (url === `${base}/closures` && method === 'POST') {
      const { date, name } = body as { date: string; name: string };
      state.closures = [...state.closures, { date, name, source: 'ADMIN' as const, createdBy: 'admin-ray', createdAt: '2026-11-30T15:00:00Z' }].sort((a, b) => a.date.localeCompare(b.date));
      state.audit.unshift({ at: '2026-11-30T15:00:00Z', by: 'admin-ray', action: 'ADDED', date, name, dueDatesMoved: 4 });
      return { status: 201, body: { date, name } };
    }
    const removal = new RegExp(`^${base}/closures/(\\d{4}-\\d{2}-\\d{2})$`).exec(url);
    if (removal && method === 'DELETE') {
      const closure = state.closures.find((c) => c.date === removal[1]);
      if (!closure) return { status: 404, body: { message: `No closure on ${removal[1]}` } };
      state.closures = state.closures.filter((c) => c !== closure);
      state.audit.unshift({ at: '2026-11-30T16:00:00Z', by: 'admin-ray', action: 'REMOVED', date: closure.date, name: closure.name, dueDatesMoved: 2 });
      return { status: 204 };
    }
    if (url.startsWith(`${base}/audit?`)) return { status: 200, body: { items: state.audit, total: state.audit.length } };
    return undefined;
  });
  return { state, calls };
}

async function openCalendar(session: Session) {
  window.location.hash = '#/calendar';
  await new Promise((resolve) => setTimeout(resolve, 0));
  return render(<App initialSession={session} />);
}

function rowOf(date: string): HTMLElement {
  const row = screen.getAllByRole('row').find((r) => r.textContent?.includes(date));
  if (!row) throw new Error(`no row for ${date}`);
  return row;
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-11-30T15:00:00Z'), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] });
});
afterEach(() => jest.useRealTimers());

describe('the business calendar', () => {
  it('is in the header as “Calendar”, and lists the year’s holidays and closures', async () => {
    calendarService();
    window.location.hash = '';
    render(<App initialSession={dana} />);
    fireEvent.click(screen.getByRole('link', { name: 'Calendar' }));
    const table = await screen.findByRole('table', { name: 'Holidays and closures in 2026' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      'Thu 26 NovThanksgiving DayStatutory holiday',
      expect.stringMatching(/^Tue 8 DecBlizzard closureClosure added by admin-ray on Dec 7, 2026/),
      'Fri 25 DecChristmas DayStatutory holiday',
    ]);
  });

  it('is read-only for a non-admin', async () => {
    calendarService();
    const view = await openCalendar(dana);
    await screen.findByRole('table', { name: 'Holidays and closures in 2026' });
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add closure' })).toBeNull();
    expect(screen.getByText(/Only an admin can add or remove a closure/)).toBeTruthy();
    expect(await screen.findByText('No closure has been added or removed.')).toBeTruthy();
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });

  it('lets an admin add a closure: it is listed, and the audit says how many due dates it moved', async () => {
    const { calls } = calendarService();
    await openCalendar(admin);
    await screen.findByRole('table', { name: 'Holidays and closures in 2026' });
    fireEvent.click(screen.getByRole('button', { name: 'Add closure' }));
    expect((await screen.findAllByRole('alert')).map((a) => a.textContent)).toEqual([
      'Enter the date the offices are closed.',
      'Enter a name for the closure, e.g. Blizzard closure.',
    ]);
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-12-09' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Ice storm ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add closure' })));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: '/api/link-request/business-calendar/closures', body: { date: '2026-12-09', name: 'Ice storm' } }]));
    expect((await screen.findByText(/Added the closure on Wed 9 Dec/)).textContent).toContain('Ice storm');
    await waitFor(() => expect(rowOf('Wed 9 Dec').textContent).toContain('Ice storm'));
    const audit = await screen.findByRole('table', { name: 'Closure changes, newest first' });
    expect(within(within(audit).getAllByRole('row')[1]).getAllByRole('cell').slice(1).map((c) => c.textContent)).toEqual(['admin-ray', 'Added', '2026-12-09', 'Ice storm', '4']);
  });

  it('removes an admin closure only after a confirmation, never a statutory holiday', async () => {
    const { calls } = calendarService();
    const view = await openCalendar(admin);
    await screen.findByRole('table', { name: 'Holidays and closures in 2026' });
    expect(within(rowOf('Thu 26 Nov')).queryByRole('button')).toBeNull();
    expect(rowOf('Thu 26 Nov').textContent).toContain('Cannot be removed');

    fireEvent.click(within(rowOf('Tue 8 Dec')).getByRole('button', { name: 'Remove… the closure on Tue 8 Dec' }));
    const confirmation = await screen.findByRole('group', { name: 'Remove the closure on Tue 8 Dec?' });
    expect(document.activeElement).toBe(confirmation);
    expect(await accessibilityViolations(view.container)).toEqual([]);
    fireEvent.click(within(confirmation).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Remove… the closure on Tue 8 Dec'));

    fireEvent.click(within(rowOf('Tue 8 Dec')).getByRole('button', { name: /Remove…/ }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' })));
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/link-request/business-calendar/closures/2026-12-08']));
    const closures = screen.getByRole('table', { name: 'Holidays and closures in 2026' });
    await waitFor(() => expect(within(closures).queryByText('Blizzard closure')).toBeNull());
    expect((await screen.findByRole('table', { name: 'Closure changes, newest first' })).textContent).toContain('Removed');
  });

  it('asks for another year when one is picked', async () => {
    const { calls } = calendarService();
    await openCalendar(dana);
    await screen.findByRole('table', { name: 'Holidays and closures in 2026' });
    fireEvent.change(screen.getByLabelText('Year'), { target: { value: '2027' } });
    expect(await screen.findByText('No holiday or closure in 2027.')).toBeTruthy();
    expect(calls.map((c) => c.url)).toContain('/api/link-request/business-calendar/closures?year=2027');
  });
});
