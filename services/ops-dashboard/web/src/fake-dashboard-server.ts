/** For the views' jsdom specs: a stand-in for the dashboard server behind `fetch`. */
export interface Call {
  method: string;
  url: string;
  body?: unknown;
}
export type Answer = { status: number; body?: unknown };

/** `answer` decides each call (404 when it has none), and every call is kept; live updates stay "connecting". */
export function serve(answer: (call: Call) => Answer | undefined): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/live') return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const call = { method: init?.method ?? 'GET', url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const { status, body } = answer(call) ?? { status: 404, body: { message: 'no such route' } };
    return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
  }) as unknown as typeof fetch;
  return calls;
}
