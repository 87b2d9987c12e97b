import { SERVICE_NAMES, ServiceName } from './service-names';

export interface ProxyTarget {
  service: ServiceName;
  /** The service's own path and query, e.g. `/link-requests?status=SUBMITTED`. */
  pathAndQuery: string;
}

/** What a proxied path may hold: RFC 3986 path characters, nothing that changes host or scheme. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/**
 * The service and relative path that a request for `/api/<service>/<path>` is for, read from the
 * raw request target. Anything that could leave the service or reach another of its paths than
 * the one named is refused (undefined): `//host`, absolute URLs, backslashes, `.` and `..`
 * segments (also percent-encoded), encoded slashes, NUL and malformed escapes.
 */
export function proxyTargetOf(rawUrl: string): ProxyTarget | undefined {
  const match = /^\/api\/([a-z-]+)(\/[^?#]*)(\?[^#]*)?$/.exec(rawUrl);
  if (!match || !(SERVICE_NAMES as readonly string[]).includes(match[1])) return undefined;
  const [, service, path, query = ''] = match;
  if (path.startsWith('//') || !PATH_CHARACTERS.test(path) || [...query].some(isUnsafeInQuery)) return undefined;
  for (const segment of path.slice(1).split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..' || [...decoded].some(isUnsafeInSegment) || (segment === '' && path !== '/')) return undefined;
  }
  return { service: service as ServiceName, pathAndQuery: path + query };
}

/** A backslash, white space or a control character: never part of a query the services take. */
function isUnsafeInQuery(character: string): boolean {
  return character === '\\' || character.charCodeAt(0) < 0x20 || /\s/.test(character);
}

/** What a decoded path segment may not hold: it would split the path, or end it (NUL). */
function isUnsafeInSegment(character: string): boolean {
  return character === '/' || character === '\\' || character.charCodeAt(0) === 0;
}

/** The URL of `pathAndQuery` on the service at `serviceUrl`; never another origin. */
export function serviceUrlOf(serviceUrl: string, pathAndQuery: string): URL {
  const base = new URL(serviceUrl);
  const target = new URL(base.origin);
  const [path, query = ''] = pathAndQuery.split(/\?(.*)/s);
  target.pathname = base.pathname.replace(/\/$/, '') + path;
  target.search = query;
  if (target.origin !== base.origin) throw new Error('proxy target left the service');
  return target;
}
