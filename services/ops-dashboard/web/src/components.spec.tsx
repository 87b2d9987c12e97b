/**
 * @jest-environment jsdom
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { AppProviders, type Session } from '@rosterlink/ui';
import type { OperationsReport, ServiceStatus } from '../../src/operations-report';
import { OperationsBanner, SlaBadge } from './components';

const backOffice: Session = { token: 't', user: { id: 'bo', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

/** The dashboard server's answers by path prefix; anything else is 404. */
function serve(routes: Record<string, unknown>) {
  const calls: string[] = [];
  globalThis.fetch = jest.fn(async (url: string) => {
    calls.push(url);
    const key = Object.keys(routes).find((k) => url.startsWith(k));
    return { ok: !!key, status: key ? 200 : 404, statusText: '', json: async () => (key ? routes[key] : { message: 'no such route' }) } as Response;
  }) as unknown as typeof fetch;
  return calls;
}

/** Lets the answers already given reach the page. */
const settled = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

function withProviders(children: React.ReactNode) {
  return render(
    <AppProviders advice={{ forbidden: '', unavailable: '', unreachable: '' }} initialSession={backOffice}>
      {children}
    </AppProviders>,
  );
}

describe('the SLA badge of a request', () => {
  beforeEach(() => {
    // Only the clock's date: React Query's timers stay real.
    jest.useFakeTimers({ now: new Date('2026-11-30T15:00:00Z'), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] });
  });
  afterEach(() => jest.useRealTimers());

  const sundayRequest = {
    status: 'SUBMITTED' as const,
    submittedAt: '2026-11-29T16:00:00Z',
    dueDate: '2026-12-14',
    slaStartDate: '2026-11-30',
    businessDaysRemaining: 10,
    slaState: 'ON_TRACK' as const,
    decidedAt: null,
  };

  it('says the state, the due date, the days left and the day the SLA counts from, all from the request, asking nobody', async () => {
    const calls = serve({});
    const view = withProviders(<SlaBadge request={sundayRequest} />);
    const text = screen.getByText('Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov');
    expect(text.parentElement?.textContent).toBe('On track: Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov');
    await settled();
    // No more `business-calendar/add?businessDays=0` per submission date: the service sends slaStartDate.
    expect(calls).toEqual([]);
    const { violations } = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(violations).toEqual([]);
  });

  it('says it the same on the Sunday of the submission: the SLA counts the full 10 days from the Monday', () => {
    jest.setSystemTime(new Date('2026-11-29T18:00:00Z'));
    withProviders(<SlaBadge request={sundayRequest} />);
    expect(screen.getByText('Due Mon 14 Dec · 10 business days left, counted from Mon 30 Nov')).toBeTruthy();
  });

  it('says a breach in words, not by colour alone', () => {
    withProviders(<SlaBadge request={{ ...sundayRequest, dueDate: '2026-11-27', businessDaysRemaining: -1, slaState: 'BREACHED' }} />);
    expect(screen.getByText('Breached').className).toBe('badge sla-breached');
    expect(screen.getByText('1 business day overdue, was due Fri 27 Nov')).toBeTruthy();
  });
});

describe('the services banner', () => {
  const status = (service: string, state: ServiceStatus['status']): ServiceStatus => ({
    service,
    status: state,
    health: state === 'down' || state === 'unreachable' ? state : 'up',
    checks: {},
    lag: null,
  });
  const report = (...items: ServiceStatus[]): OperationsReport => ({ items, lagThresholds: { warningMessages: 1000, criticalMessages: 10_000 }, checkedAt: '' });

  it('is an empty status region while all is well', async () => {
    const calls = serve({ '/api/operations': report(status('link-request', 'up'), status('notification', 'behind')) });
    withProviders(<OperationsBanner onOperationsPage={false} />);
    await waitFor(() => expect(calls).toContain('/api/operations'));
    await settled();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('names each service down or far behind, says what it means, and leads to the Operations page', async () => {
    serve({ '/api/operations': report(status('link-request', 'down'), status('notification', 'far behind'), status('upload', 'up')) });
    withProviders(<OperationsBanner onOperationsPage={false} />);
    const region = screen.getByRole('status');
    await within(region).findByText('link-request-service is down');
    expect(region.textContent).toContain('link-request-service is down: decisions cannot be saved; the queue may be out of date.');
    expect(region.textContent).toContain('notification-service is far behind (over 10,000 messages waiting): letters and SLA alerts go out late.');
    expect(region.textContent).not.toContain('upload');
    expect(within(region).getByRole('link', { name: /Operations page/ }).getAttribute('href')).toBe('#/operations');
  });

  it('goes when the service is back, and says so to a screen reader', async () => {
    serve({ '/api/operations': report(status('notification', 'unreachable')) });
    withProviders(<OperationsBanner onOperationsPage={false} pollMs={100} />);
    await screen.findByText('notification-service is not answering');
    serve({ '/api/operations': report(status('notification', 'up')) });
    await waitFor(() => expect(screen.queryByText('notification-service is not answering')).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('The services are answering and keeping up again.');
  });

  it('keeps the last problems while the dashboard server does not answer', async () => {
    serve({ '/api/operations': report(status('link-request', 'down')) });
    withProviders(<OperationsBanner onOperationsPage={false} pollMs={100} />);
    await screen.findByText('link-request-service is down');
    const unanswered = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    globalThis.fetch = unanswered as unknown as typeof fetch;
    await waitFor(() => expect(unanswered).toHaveBeenCalled());
    await settled();
    expect(screen.getByText('link-request-service is down')).toBeTruthy();
  });

  it('does not link to the Operations page from the Operations page', async () => {
    serve({ '/api/operations': report(status('access', 'unreachable')) });
    withProviders(<OperationsBanner onOperationsPage />);
    await screen.findByText('access-service is not answering');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
