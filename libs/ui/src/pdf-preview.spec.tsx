/**
 * @jest-environment jsdom
 */
import { render, screen, waitFor } from '@testing-library/react';
import { AppProviders } from './app-providers';
import { PdfPreview } from './pdf-preview';

const advice = { forbidden: 'Ask your administrator.', unavailable: 'Retry later.', unreachable: 'Check your connection.' };
const session = { token: 't', user: { id: 'u', name: 'U', roles: ['provider'], backOffice: false } };

function answer(status: number, body: unknown) {
  globalThis.fetch = jest.fn(async () => ({
    ok: status < 300,
    status,
    statusText: '',
    json: async () => body,
    blob: async () => new Blob(['%PDF-1.7']),
  })) as unknown as typeof fetch;
}

describe('PdfPreview', () => {
  beforeEach(() => {
    URL.createObjectURL = jest.fn(() => 'blob:letter');
    URL.revokeObjectURL = jest.fn();
  });

  it('shows the letter from a blob URL with the token, offers it as a download, and releases it when closed', async () => {
    answer(200, null);
    const { unmount } = render(
      <AppProviders advice={advice} initialSession={session}>
        <PdfPreview letterId="l-1" />
      </AppProviders>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading the letter…');
    const frame = await screen.findByTitle('Letter l-1 (PDF)');
    expect(frame.getAttribute('src')).toBe('blob:letter');
    expect(screen.getByRole('link', { name: 'Download the letter (PDF)' }).getAttribute('href')).toBe('blob:letter');
    const [url, init] = (globalThis.fetch as jest.Mock).mock.calls[0];
    expect(url).toBe('/api/notification/letters/l-1/pdf');
    expect((init.headers as Headers).get('authorization')).toBe('Bearer t');
    unmount();
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:letter'));
  });

  it('says why the letter cannot be shown', async () => {
    answer(409, { statusCode: 409, message: 'Letter l-1 is not rendered yet' });
    render(
      <AppProviders advice={advice} initialSession={session}>
        <PdfPreview letterId="l-1" />
      </AppProviders>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Letter l-1 is not rendered yet');
  });
});
