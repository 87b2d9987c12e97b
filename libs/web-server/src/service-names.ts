/** The services a web app's server proxies: `/api/<name>/…` goes to that service, with the caller's bearer token. */
export const SERVICE_NAMES = ['upload', 'import', 'link-request', 'notification', 'access'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
