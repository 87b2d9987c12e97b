/** An HTTP error from the dashboard server or a service, with the message it gave. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function messageOf(response: Response): Promise<string> {
  const body = await response.json().catch(() => null);
  const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
  return typeof message === 'string' && message ? message : `${response.status} ${response.statusText}`;
}

/** Calls `/api/...` with the signed-in user's token; throws ApiError for anything but 2xx. */
export async function api(token: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const response = await fetch(`/api${path}`, { ...init, headers });
  if (!response.ok) throw new ApiError(response.status, await messageOf(response));
  return response;
}

export async function apiJson<T>(token: string | null, path: string, init?: RequestInit): Promise<T> {
  return (await api(token, path, init)).json() as Promise<T>;
}

/** What to tell the user for an error: the service's message plus what to do about it. */
export function advice(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return `${error.message}. Sign out and sign in again.`;
    if (error.status === 403) return `${error.message}. This needs a back-office role.`;
    if (error.status === 404) return `${error.message}. It may have been removed, or it is outside your access.`;
    if (error.status === 502 || error.status === 503) return `${error.message}. Check the Operations page, then retry.`;
    return error.message;
  }
  return 'The dashboard server did not answer. Check your connection, then retry.';
}
