import axe from 'axe-core';

/** For the views' jsdom specs: a stand-in for the dashboard server behind `fetch`. */
export interface Call {
  method: string;
  url: string;
  body?: unknown;
}
/** A JSON body, or for a file its text and headers (e.g. content-disposition). */
export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** The files the app handed to the browser as downloads (href and name); `URL.createObjectURL` answers `blob:<n>`. */
export function catchDownloads(): { href: string; download: string }[] {
  const downloads: { href: string; download: string }[] = [];
  let n = 0;
  URL.createObjectURL = jest.fn(() => `blob:${++n}`);
  URL.revokeObjectURL = jest.fn();
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ href: this.getAttribute('href') ?? '', download: this.download });
  });
  return downloads;
}

/** axe-core's violations in a container, as readable strings (colour contrast is checked in the browser tests). */
export async function accessibilityViolations(container: HTMLElement): Promise<string[]> {
  const { violations } = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target).join(', ')}`);
}

/** `answer` decides each call (404 when it has none), and every call is kept; live updates stay "connecting". */
export function serve(answer: (call: Call) => Answer | undefined): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/live') return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const call = { method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const { status, body, headers } = answer(call) ?? { status: 404, body: { message: 'no such route' } };
    return {
      ok: status < 300,
      status,
      statusText: '',
      headers: new Headers(headers),
      json: async () => body,
      blob: async () => new Blob([typeof body === 'string' ? body : JSON.stringify(body ?? '')]),
    } as Response;
  }) as unknown as typeof fetch;
  return calls;
}

/** link-request-service's counts (`GET /link-requests/summary`) as the specs' services hold them. */
export const SUMMARY = {
  open: 137,
  bySlaState: { ON_TRACK: 120, WARNING: 12, BREACHED: 5 },
  unassigned: 41,
  byDaysLeft: [{ label: 'overdue', value: 5 }, ...Array.from({ length: 10 }, (_, i) => ({ label: String(i), value: i })), { label: '10+', value: 87 }],
  weekly: ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].map((week, i) => ({ week, breaches: i % 3, decisions: 10 + i })),
};

/** The decision context of a request (`GET /link-requests/{id}/context`) with nothing to tell. */
export function quietContext(pidsl: string) {
  return {
    provider: { providerId: '210000001', npi: '1234567893', firstName: 'A', lastName: 'Provider', providerType: 'PHYSICIAN', linkable: true, notLinkableReason: null },
    location: { pidsl, groupId: pidsl.slice(0, 9), groupName: null, dbaName: null, address: null },
    links: [],
    otherOpenRequests: [],
  };
}

/**
 * The answers every request page also needs beside its request: its decision context and the group's
 * roster practitioners (empty), and the queue's counts; undefined for anything else.
 */
export function requestPageExtras({ url }: Call): Answer | undefined {
  const context = /^\/api\/link-request\/link-requests\/[^/?]+\/context$/.exec(url);
  if (context) return { status: 200, body: quietContext('110000001A') };
  if (/^\/api\/import\/groups\/\d{9}\/practitioners\?/.test(url)) return { status: 200, body: { items: [], total: 0 } };
  if (url === '/api/link-request/link-requests/summary') return { status: 200, body: SUMMARY };
  return undefined;
}
