/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { accessibilityViolations, type Answer, requestPageExtras, serve } from '../fake-dashboard-server';
import { approvalText } from './RequestDetailView';

const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

function request(kind: 'LINK' | 'UNLINK' = 'LINK') {
  return {
    requestId: 'id-Delgado',
    kind,
    pidsl: '110000061A',
    provider: { providerId: '210000061', npi: '1234567893', firstName: 'Rosa', lastName: 'Delgado', providerType: 'PHYSICIAN' },
    effectiveDate: kind === 'LINK' ? '2026-12-01' : null,
    endDate: kind === 'UNLINK' ? '2026-12-31' : null,
    status: 'SUBMITTED',
    submittedAt: '2026-11-20T15:00:00Z',
    dueDate: '2026-12-04',
    businessDaysRemaining: 4,
    slaState: 'ON_TRACK',
    decidedAt: null,
    decidedBy: null,
    reason: null,
    assignee: null,
    slaStartDate: '2026-11-20',
    groupName: 'Harbor Family Medicine LLC',
    dbaName: 'Harbor Family Medicine',
    attestation: { version: 'v1', attestedBy: 'p', attestedAt: '2026-11-20T15:00:00Z' },
    history: [],
  };
}

async function openRequest(decision?: Answer) {
  const calls = serve(({ method, url }) => {
    if (url === '/api/link-request/link-requests/id-Delgado/decision' && method === 'POST') return decision ?? { status: 200, body: { ...request(), status: 'APPROVED' } };
    if (url === '/api/link-request/link-requests/id-Delgado') return { status: 200, body: request() };
    if (url.startsWith('/api/link-request/link-requests/id-Delgado/notes')) return { status: 200, body: { items: [], total: 0 } };
    return requestPageExtras({ method, url });
  });
  window.location.hash = '#/requests/id-Delgado';
  await new Promise((resolve) => setTimeout(resolve, 0));
  const view = render(<App initialSession={dana} />);
  return { calls, view };
}

jest.setTimeout(30_000);

beforeEach(() => {
  window.location.hash = '';
});

describe('approving a link request', () => {
  it('asks first, saying what will happen; Cancel sends nothing and gives the focus back to Approve', async () => {
    const { calls } = await openRequest();
    const approve = await screen.findByRole('button', { name: 'Approve' });
    fireEvent.click(approve);
    const confirmation = await screen.findByRole('group', { name: 'Approve this request?' });
    expect(document.activeElement).toBe(confirmation);
    await waitFor(() =>
      expect(confirmation.textContent).toContain(
        'This links Rosa Delgado (NPI 1234567893) to 110000061A from 2026-12-01 and sends a letter to Harbor Family Medicine; it cannot be undone.',
      ),
    );
    expect(screen.queryByRole('button', { name: 'Deny…' })).toBeNull();

    fireEvent.click(within(confirmation).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Approve this request?' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Approve' })));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('approves on "Yes, approve"', async () => {
    const { calls } = await openRequest();
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Yes, approve' })));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', url: '/api/link-request/link-requests/id-Delgado/decision', body: { decision: 'APPROVED' } },
      ]),
    );
  });

  it('says in words why the service refused, and keeps the confirmation to cancel', async () => {
    const message = 'Link request id-Delgado is assigned to Lee Park: only they or an admin may decide it (assignment is required)';
    await openRequest({ status: 409, body: { statusCode: 409, error: 'Conflict', message } });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Yes, approve' })));
    expect((await screen.findByRole('alert')).textContent).toContain(message);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('has no accessibility violations with the confirmation open', async () => {
    const { view } = await openRequest();
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await screen.findByText(/sends a letter to Harbor Family Medicine/);
    const { violations } = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });

  it('words an unlink, and names the group when its DBA is not known', () => {
    const { kind, pidsl, provider, effectiveDate, endDate } = request('UNLINK');
    expect(approvalText({ kind, pidsl, provider, effectiveDate, endDate } as Parameters<typeof approvalText>[0], undefined)).toBe(
      'This ends the link of Rosa Delgado (NPI 1234567893) to 110000061A on 2026-12-31 and sends a letter to the DBA of group 110000061; it cannot be undone.',
    );
  });
});

describe('the decision context', () => {
  const CONTEXT = {
    provider: {
      providerId: '210000061',
      npi: '1234567893',
      firstName: 'Rosa',
      lastName: 'Delgado',
      providerType: 'PHYSICIAN',
      linkable: false,
      notLinkableReason: 'Enrollment ended 2026-10-31',
      credentialed: true,
      enrollmentEndDate: '2026-10-31',
    },
    location: { pidsl: '110000061A', groupId: '110000061', groupName: 'Harbor Family Medicine LLC', dbaName: 'Harbor Family Medicine', address: '12 WATER ST, BOSTON MA' },
    links: [{ pidsl: '110000061B', dbaName: 'Harbor North', effectiveDate: '2025-01-01', endDate: null, source: 'ROSTER' }],
    otherOpenRequests: [{ requestId: 'id-other', kind: 'UNLINK', pidsl: '110000077A', submittedAt: '2026-11-21T15:00:00Z', dueDate: '2026-12-07' }],
  };
  const PRACTITIONERS = {
    items: [
      { npi: '1234567893', firstName: 'Rosa', lastName: 'Delgado', providerType: 'PHYSICIAN', serviceLocation: 'B', effectiveDate: '2025-01-01', endDate: null, status: 'SUBMITTED' },
      // `search` is a prefix: an NPI that starts the same is not this practitioner.
      { npi: '12345678931', firstName: 'Other', lastName: 'Person', providerType: 'PHYSICIAN', serviceLocation: 'A', effectiveDate: '2025-01-01', endDate: null, status: 'SUBMITTED' },
    ],
    total: 2,
  };

  it('shows the provider record, the links at the group’s locations, the other open requests and the group’s roster entries for the NPI', async () => {
    const calls = serve(({ url }) => {
      if (url === '/api/link-request/link-requests/id-Delgado') return { status: 200, body: request() };
      if (url === '/api/link-request/link-requests/id-Delgado/context') return { status: 200, body: CONTEXT };
      if (url === '/api/import/groups/110000061/practitioners?search=1234567893&limit=100') return { status: 200, body: PRACTITIONERS };
      if (url.startsWith('/api/link-request/link-requests/id-Delgado/notes')) return { status: 200, body: { items: [], total: 0 } };
      return undefined;
    });
    window.location.hash = '#/requests/id-Delgado';
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = render(<App initialSession={dana} />);
    const panel = await screen.findByRole('region', { name: 'Decision context' });
    await within(panel).findByText('Provider record');
    expect(panel.textContent).toContain('No: Enrollment ended 2026-10-31');
    expect(panel.textContent).toContain('CredentialedYes');
    expect(panel.textContent).toContain('Enrollment end date2026-10-31');
    expect(panel.textContent).toContain('Harbor Family Medicine LLC (PID 110000061)');
    expect(panel.textContent).toContain('12 WATER ST, BOSTON MA');
    const links = within(panel).getByRole('table', { name: 'Links at this group’s locations' });
    expect(within(links).getAllByRole('row')[1].textContent).toBe('110000061BHarbor North2025-01-01Open-endedROSTER');
    expect(within(panel).getByRole('link', { name: 'Unlink at 110000077A' }).getAttribute('href')).toBe('#/requests/id-other');
    const roster = await within(panel).findByRole('table', { name: 'On group 110000061’s rosters' });
    expect(within(roster).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['110000061BDelgado, RosaPHYSICIAN2025-01-01Open-endedSUBMITTED']);
    // Group and DBA names on the request itself.
    expect(screen.getByText('Harbor Family Medicine LLC', { selector: 'dd' })).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/link-request/service-locations'))).toBe(false);
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });

  it('says when the context cannot be had, and still shows the request', async () => {
    serve(({ url }) => {
      if (url === '/api/link-request/link-requests/id-Delgado') return { status: 200, body: request() };
      if (url === '/api/link-request/link-requests/id-Delgado/context') return { status: 503, body: { message: 'The provider-master projection is rebuilding' } };
      return requestPageExtras({ method: 'GET', url });
    });
    window.location.hash = '#/requests/id-Delgado';
    await new Promise((resolve) => setTimeout(resolve, 0));
    render(<App initialSession={dana} />);
    const panel = await screen.findByRole('region', { name: 'Decision context' });
    expect((await within(panel).findByRole('alert', {}, { timeout: 10_000 })).textContent).toContain('The provider-master projection is rebuilding');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
  });
});
