/** An HTTP error from the app's server or a service, with the message it gave (and its `details`, when any). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The error's `details` (field- or row-level problems), as the service listed them. */
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

/** The ApiError for a service's error body (`{ statusCode, error, message, details? }`), or for its status alone. */
export function apiErrorOf(status: number, statusText: string, body: unknown): ApiError {
  const { message, details } = (body ?? {}) as { message?: unknown; details?: unknown };
  const text = Array.isArray(message) ? message.join('; ') : message;
  return new ApiError(status, typeof text === 'string' && text ? text : `${status} ${statusText}`, Array.isArray(details) ? details : []);
}

/** Calls `/api/...` with the signed-in user's token; throws ApiError for anything but 2xx. */
export async function api(token: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const response = await fetch(`/api${path}`, { ...init, headers });
  if (!response.ok) throw apiErrorOf(response.status, response.statusText, await response.json().catch(() => null));
  return response;
}

export async function apiJson<T>(token: string | null, path: string, init?: RequestInit): Promise<T> {
  return (await api(token, path, init)).json() as Promise<T>;
}
