/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { type Answer, serve } from '../fake-dashboard-server';
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
    attestation: { version: 'v1', attestedBy: 'p', attestedAt: '2026-11-20T15:00:00Z' },
    history: [],
  };
}

const LOCATIONS = {
  items: [
    { pidsl: '110000061B', groupId: '110000061', serviceLocation: 'B', locationName: null, groupName: 'Other', dbaName: 'Somebody Else' },
    { pidsl: '110000061A', groupId: '110000061', serviceLocation: 'A', locationName: 'Main', groupName: 'Harbor Family Medicine LLC', dbaName: 'Harbor Family Medicine' },
  ],
  total: 2,
};

async function openRequest(decision?: Answer) {
  const calls = serve(({ method, url }) => {
    if (url === '/api/link-request/link-requests/id-Delgado/decision' && method === 'POST') return decision ?? { status: 200, body: { ...request(), status: 'APPROVED' } };
    if (url === '/api/link-request/link-requests/id-Delgado') return { status: 200, body: request() };
    if (url.startsWith('/api/link-request/link-requests/id-Delgado/notes')) return { status: 200, body: { items: [], total: 0 } };
    if (url === '/api/link-request/service-locations?groupId=110000061&limit=1000') return { status: 200, body: LOCATIONS };
    return undefined;
  });
  window.location.hash = '#/requests/id-Delgado';
  await new Promise((resolve) => setTimeout(resolve, 0));
  const view = render(<App initialSession={dana} />);
  return { calls, view };
}

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
