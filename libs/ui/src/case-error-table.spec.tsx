/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppProviders } from './app-providers';
import { CaseErrorTable } from './case-error-table';

const advice = { forbidden: 'Ask your administrator.', unavailable: 'Retry later.', unreachable: 'Check your connection.' };
const session = { token: 't', user: { id: 'u', name: 'U', roles: ['provider'], backOffice: false } };
const CASE = 'RI-2026-000042';

describe('CaseErrorTable', () => {
  let downloads: { href: string; download: string }[];

  beforeEach(() => {
    downloads = [];
    URL.createObjectURL = jest.fn(() => 'blob:errors');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    globalThis.fetch = jest.fn(async (url: string) => {
      const errors = url.includes('/errors?');
      return {
        ok: true,
        status: 200,
        statusText: '',
        json: async () => (errors ? { items: [{ row: 3, column: 'NPI', code: 'INVALID_NPI_CHECK_DIGIT', message: 'Bad NPI' }], total: 1 } : null),
        blob: async () => new Blob(['file']),
      };
    }) as unknown as typeof fetch;
  });

  afterEach(() => jest.restoreAllMocks());

  function renderTable() {
    render(
      <AppProviders advice={advice} initialSession={session}>
        <CaseErrorTable caseNumber={CASE} total={1} />
      </AppProviders>,
    );
  }

  function callsTo(path: string): RequestInit[] {
    return (globalThis.fetch as jest.Mock).mock.calls.filter(([url]) => url === path).map(([, init]) => init);
  }

  it.each([
    ['Download errors as CSV', 'csv'],
    ['Download errors as Excel (bad cells highlighted)', 'xlsx'],
  ])('"%s" fetches the errors as .%s with the token and saves them as a download', async (label, extension) => {
    renderTable();
    expect(await screen.findByRole('cell', { name: 'Bad NPI' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: label }));
    await waitFor(() => expect(downloads).toEqual([{ href: 'blob:errors', download: `${CASE}-errors.${extension}` }]));
    const [init] = callsTo(`/api/import/cases/${CASE}/errors.${extension}`);
    expect((init.headers as Headers).get('authorization')).toBe('Bearer t');
    await waitFor(() => expect((screen.getByRole('button', { name: label }) as HTMLButtonElement).disabled).toBe(false));
  });

  it('says why a download failed', async () => {
    renderTable();
    await screen.findByRole('cell', { name: 'Bad NPI' });
    (globalThis.fetch as jest.Mock).mockImplementationOnce(async () => ({
      ok: false,
      status: 404,
      statusText: 'Not Found',
      json: async () => ({ statusCode: 404, message: `The roster file of case ${CASE} is no longer stored` }),
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Download errors as Excel (bad cells highlighted)' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is no longer stored');
    expect(downloads).toEqual([]);
  });
});
