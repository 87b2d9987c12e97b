/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { AppProviders } from './app-providers';
import { DownloadLink, fileNameOf } from './download';

const advice = { forbidden: 'Ask your administrator.', unavailable: 'Retry later.', unreachable: 'Check your connection.' };
const session = { token: 't', user: { id: 'u', name: 'U', roles: ['back-office'], backOffice: true } };

describe('DownloadLink', () => {
  let downloads: { href: string; download: string }[];

  beforeEach(() => {
    downloads = [];
    URL.createObjectURL = jest.fn(() => 'blob:file');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    globalThis.fetch = jest.fn(async () => ({ ok: status < 300, status, statusText: '', headers: new Headers(headers), json: async () => body, blob: async () => new Blob(['a,b']) })) as unknown as typeof fetch;
  }

  function renderLink(filename?: string) {
    return render(
      <AppProviders advice={advice} initialSession={session}>
        <DownloadLink path="/link-request/link-requests/export.csv?slaState=BREACHED" filename={filename}>
          Export CSV
        </DownloadLink>
      </AppProviders>,
    );
  }

  it('names the file’s address, fetches it with the token and saves it under the name the service gives', async () => {
    answer(200, null, { 'content-disposition': 'attachment; filename="link-requests-2026-11-30.csv"' });
    const view = renderLink();
    const link = screen.getByRole('link', { name: 'Export CSV' });
    expect(link.getAttribute('href')).toBe('/api/link-request/link-requests/export.csv?slaState=BREACHED');
    fireEvent.click(link);
    await waitFor(() => expect(downloads).toEqual([{ href: 'blob:file', download: 'link-requests-2026-11-30.csv' }]));
    const [url, init] = (globalThis.fetch as jest.Mock).mock.calls[0];
    expect(url).toBe('/api/link-request/link-requests/export.csv?slaState=BREACHED');
    expect((init.headers as Headers).get('authorization')).toBe('Bearer t');
    const { violations } = await axe.run(view.container);
    expect(violations).toEqual([]);
  });

  it('saves under the name it is given, and says why a download failed', async () => {
    answer(200, null);
    renderLink('mine.csv');
    fireEvent.click(screen.getByRole('link', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toEqual([{ href: 'blob:file', download: 'mine.csv' }]));
    answer(403, { statusCode: 403, message: 'This action needs the role back-office or admin' });
    fireEvent.click(screen.getByRole('link', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This action needs the role back-office or admin. Ask your administrator.');
    expect(downloads).toHaveLength(1);
  });
});

describe('a download’s file name', () => {
  it('is the content-disposition’s filename, plain or encoded', () => {
    expect(fileNameOf('attachment; filename="link-requests-2026-11-30.csv"')).toBe('link-requests-2026-11-30.csv');
    expect(fileNameOf('attachment; filename=roster.xlsx')).toBe('roster.xlsx');
    expect(fileNameOf(`attachment; filename="x.xlsx"; filename*=UTF-8''Harbor%20roster%20%C3%A9.xlsx`)).toBe('Harbor roster é.xlsx');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
