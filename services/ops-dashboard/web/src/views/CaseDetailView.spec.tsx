/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Session } from '@rosterlink/ui';
import { App } from '../App';
import { accessibilityViolations, type Call, catchDownloads, serve } from '../fake-dashboard-server';

jest.setTimeout(30_000);

const dana: Session = { token: 't', user: { id: 'bo-dana', name: 'Dana Whitfield', roles: ['back-office'], backOffice: true } };

function rosterCase(caseNumber: string, status: string, more: object = {}) {
  return {
    caseNumber,
    groupId: '110000001',
    uploadId: `u-${caseNumber}`,
    importType: 'ADD_UPDATE',
    status,
    counts: status === 'NEW' ? { rows: 0, created: 0, updated: 0, terminated: 0, errors: 0 } : { rows: 12, created: 10, updated: 2, terminated: 0, errors: 0 },
    fileName: 'harbor roster (revised).xlsx',
    uploadedBy: 'provider-110000001A',
    uploadedAt: '2026-11-20T15:00:00Z',
    createdAt: '2026-11-20T15:00:10Z',
    updatedAt: '2026-11-20T15:05:00Z',
    timeline: [
      { at: '2026-11-20T15:00:00Z', event: 'UPLOADED', by: 'provider-110000001A', detail: 'harbor roster (revised).xlsx, 12 rows' },
      { at: '2026-11-20T15:00:10Z', event: 'OPENED', by: null, detail: null },
      { at: '2026-11-20T15:04:00Z', event: 'COMPLETED', by: 'bo-dana', detail: '10 created, 2 updated' },
    ],
    ...more,
  };
}

async function openCase(hash: string, answer: (call: Call) => ReturnType<Parameters<typeof serve>[0]>) {
  const calls = serve(answer);
  window.location.hash = hash;
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { calls, view: render(<App initialSession={dana} />) };
}

afterEach(() => jest.restoreAllMocks());

describe('a case’s story', () => {
  const completed = rosterCase('RI-2026-000042', 'COMPLETED', { supersedesCaseNumber: 'RI-2026-000041', supersededByCaseNumber: 'RI-2026-000043' });

  it('says who uploaded which file (with a download), what it replaced and what replaced it, and what happened, oldest first', async () => {
    const downloads = catchDownloads();
    const { calls, view } = await openCase('#/cases/RI-2026-000042', ({ url }) => {
      if (url === '/api/import/cases/RI-2026-000042') return { status: 200, body: completed };
      if (url === '/api/import/cases/RI-2026-000042/file') return { status: 200, body: 'xlsx bytes', headers: { 'content-disposition': 'attachment; filename="harbor roster (revised).xlsx"' } };
      return undefined;
    });
    await screen.findByRole('heading', { name: 'Case RI-2026-000042' });
    expect(screen.getByText('provider-110000001A', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'RI-2026-000041' }).closest('li')?.textContent).toContain('Supersedes RI-2026-000041');
    expect(screen.getByRole('link', { name: 'RI-2026-000043' }).getAttribute('href')).toBe('#/cases/RI-2026-000043');
    expect(screen.getByRole('link', { name: 'RI-2026-000043' }).closest('li')?.textContent).toContain('Superseded by RI-2026-000043');
    const timeline = screen.getByRole('list', { name: 'What happened, oldest first' });
    expect(within(timeline).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Roster uploaded by provider-110000001Aharbor roster \(revised\)\.xlsx, 12 rows$/),
      expect.stringMatching(/Case opened$/),
      expect.stringMatching(/Processed: roster applied by bo-dana10 created, 2 updated$/),
    ]);
    expect(screen.getByRole('list', { name: 'Counts' }).textContent).toContain('12 rows');

    const download = screen.getByRole('link', { name: 'Download the roster file harbor roster (revised).xlsx' });
    fireEvent.click(download);
    await waitFor(() => expect(downloads).toEqual([{ href: 'blob:1', download: 'harbor roster (revised).xlsx' }]));
    const [, init] = (globalThis.fetch as jest.Mock).mock.calls.find(([url]) => url === '/api/import/cases/RI-2026-000042/file');
    expect((init.headers as Headers).get('authorization')).toBe('Bearer t');
    expect(calls.filter((c) => c.url.endsWith('/file'))).toHaveLength(1);
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });

  it('says a NEW case is not processed yet instead of “0 rows”', async () => {
    await openCase('#/cases/RI-2026-000044', ({ url }) =>
      url === '/api/import/cases/RI-2026-000044' ? { status: 200, body: rosterCase('RI-2026-000044', 'NEW', { timeline: [] }) } : undefined,
    );
    expect(await screen.findByText(/Not processed yet/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Counts' })).toBeNull();
    expect(screen.queryByText(/0 rows/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Process Roster Import' })).toBeTruthy();
  });
});

describe('the cases list', () => {
  it('sends its filters, sort and page to import-service and shows the total', async () => {
    const { calls, view } = await openCase('#/cases', ({ url }) => {
      if (!url.startsWith('/api/import/cases?')) return undefined;
      const offset = Number(new URL(url, 'http://dashboard').searchParams.get('offset'));
      return { status: 200, body: { items: [rosterCase(`RI-2026-0000${String(offset).padStart(2, '0')}`, 'NEW'), rosterCase('RI-2026-000999', 'COMPLETED')], total: 75 } };
    });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')[1].textContent).toContain('Not processed yet');
    expect(screen.getByText('75 cases match.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'REJECTED' } });
    fireEvent.change(screen.getByLabelText('Group (PID)'), { target: { value: '110000001' } });
    fireEvent.change(screen.getByLabelText('Practitioner NPI'), { target: { value: '1234567893' } });
    fireEvent.change(screen.getByLabelText('Opened from'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'status' } });
    fireEvent.change(screen.getByLabelText('Case number or file name'), { target: { value: 'harbor' } });
    const last = () => Object.fromEntries(new URL(calls.at(-1)?.url ?? '', 'http://dashboard').searchParams);
    await waitFor(() =>
      expect(last()).toEqual({ groupId: '110000001', status: 'REJECTED', q: 'harbor', npi: '1234567893', createdFrom: '2026-11-01', sort: 'status', limit: '50', offset: '0' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(last().offset).toBe('50'));
    expect(await accessibilityViolations(view.container)).toEqual([]);
  });
});
