import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join, resolve, sep } from 'node:path';
import { AuthenticatedUser, InvalidTokenError, TokenVerifier } from '@rosterlink/auth';
import { checkSignInRequest, DevSignIn } from './dev-sign-in';
import { LiveEvents } from './live-events';
import { SERVICE_NAMES, ServiceName } from './ops-dashboard.config';
import { ProxyTarget, proxyTargetOf, serviceUrlOf } from './proxy-target';
import { ServiceStatus } from './operations-status';

export interface DashboardServerOptions {
  serviceUrls: Record<ServiceName, string>;
  webRoot: string;
  verifier: TokenVerifier;
  live: LiveEvents;
  operationsStatus: () => Promise<ServiceStatus[]>;
  /** Present only when the local sign-in is on. */
  devSignIn?: DevSignIn;
  logError: (message: string, error: unknown) => void;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

const SECURITY_HEADERS = {
  // Letters are previewed from blob: URLs; nothing is loaded from anywhere else.
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Request headers passed to a service, and response headers passed back. Nothing else crosses. */
const FORWARDED_REQUEST = ['authorization', 'content-type', 'content-length', 'accept'];
const FORWARDED_RESPONSE = ['content-type', 'content-length', 'content-disposition'];

function pick(headers: Record<string, string | string[] | undefined>, names: string[]) {
  return Object.fromEntries(names.flatMap((n) => (headers[n] === undefined ? [] : [[n, headers[n]]])));
}

function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, statusCode: number, error: string, message: string): void {
  sendJson(response, statusCode, { statusCode, error, message });
}

/**
 * The request's JSON body, or undefined when it is not JSON or larger than `limit`. A larger body
 * is still read to its end (up to 16 MB, then the connection is cut) before the answer goes out:
 * answering and closing while the client is still sending resets the connection, and the client
 * loses the answer.
 */
async function readJson(request: IncomingMessage, limit = 10_000): Promise<unknown> {
  let text = '';
  let received = 0;
  for await (const chunk of request) {
    received += chunk.length;
    if (received > 16 * 1024 * 1024) request.destroy();
    if (received <= limit) text += chunk;
  }
  if (received > limit) return undefined;
  try {
    return JSON.parse(text || '{}');
  } catch {
    return undefined;
  }
}

/**
 * The dashboard's server (a small backend-for-frontend): the single-page app, `/api/<service>/…`
 * proxied to the four services with the caller's bearer token, live updates for the back office,
 * the services' health and lag, and the local sign-in when it is on.
 */
export function createDashboardServer(options: DashboardServerOptions): Server {
  const webRoot = resolve(options.webRoot);

  async function userOf(request: IncomingMessage, response: ServerResponse): Promise<AuthenticatedUser | undefined> {
    const [scheme, token] = String(request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      sendError(response, 401, 'Unauthorized', 'Sign in first: a bearer token is required');
      return undefined;
    }
    try {
      return await options.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      sendError(response, 401, 'Unauthorized', 'Your sign-in is not valid any more: sign in again');
      return undefined;
    }
  }

  async function backOfficeUser(request: IncomingMessage, response: ServerResponse): Promise<AuthenticatedUser | undefined> {
    const user = await userOf(request, response);
    if (user && !user.isBackOffice) {
      sendError(response, 403, 'Forbidden', 'The operations dashboard is for back-office staff only');
      return undefined;
    }
    return user;
  }

  /** Forwards to a service only what proxyTargetOf allowed, and only for a signed-in user. */
  function proxy({ service, pathAndQuery }: ProxyTarget, request: IncomingMessage, response: ServerResponse): void {
    const target = serviceUrlOf(options.serviceUrls[service], pathAndQuery);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: request.method, headers: pick(request.headers, FORWARDED_REQUEST) }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, { ...pick(answer.headers, FORWARDED_RESPONSE), 'cache-control': 'no-store' });
      answer.pipe(response);
    });
    upstream.setTimeout(30_000, () => upstream.destroy(new Error('timed out')));
    upstream.on('error', (error) => {
      if (response.headersSent) return response.destroy(error);
      sendError(response, 502, 'Bad Gateway', `The ${service} service is not answering; check its health on the Operations page`);
    });
    request.pipe(upstream);
  }

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendError(response, 400, 'Bad Request', 'The path has a malformed percent-escape');
    }
    const file = resolve(join(webRoot, decoded));
    const inside = file.startsWith(webRoot + sep);
    const found = inside && (await stat(file).then((s) => s.isFile(), () => false));
    // Any other path is a view of the app: the app's router shows it.
    const path = found ? file : join(webRoot, 'index.html');
    const immutable = found && pathname.startsWith('/assets/');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(path)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://dashboard');
    const { pathname } = url;
    const method = request.method ?? 'GET';

    const isServiceApi = SERVICE_NAMES.some((name) => pathname === `/api/${name}` || pathname.startsWith(`/api/${name}/`));
    if (isServiceApi) {
      const target = proxyTargetOf(request.url ?? '');
      if (!target) return sendError(response, 404, 'Not Found', 'No such API path: a service path is plain, relative and has no "." or ".." segments');
      if (await userOf(request, response)) proxy(target, request, response);
      return;
    }
    if (pathname === '/health') return sendJson(response, 200, { status: 'ok', liveUpdates: options.live.consuming ? 'consuming' : 'starting', liveClients: options.live.clientCount });
    if (pathname === '/api/me' && method === 'GET') {
      const user = await userOf(request, response);
      if (user) sendJson(response, 200, { id: user.id, name: user.name, roles: user.roles, backOffice: user.isBackOffice });
      return;
    }
    if (pathname === '/api/live' && method === 'GET') {
      if (await backOfficeUser(request, response)) options.live.attach(response);
      return;
    }
    if (pathname === '/api/operations' && method === 'GET') {
      if (await backOfficeUser(request, response)) sendJson(response, 200, { items: await options.operationsStatus() });
      return;
    }
    if (pathname === '/api/dev-sign-in') {
      if (!options.devSignIn) return sendError(response, 404, 'Not Found', 'There is no local sign-in here: sign in with your identity provider');
      if (method === 'GET') return sendJson(response, 200, { items: options.devSignIn.list() });
      if (method === 'POST') {
        const body = checkSignInRequest(await readJson(request));
        if (Array.isArray(body)) return sendJson(response, 400, { statusCode: 400, error: 'Bad Request', message: 'Send { "sub": "<demo user id>" }', details: body });
        const token = await options.devSignIn.signIn(body.sub);
        return token ? sendJson(response, 200, { token }) : sendError(response, 422, 'Unprocessable Entity', 'Pick one of the demo users');
      }
    }
    if (pathname.startsWith('/api/')) return sendError(response, 404, 'Not Found', `No such API: ${method} ${pathname}`);
    if (method !== 'GET' && method !== 'HEAD') return sendError(response, 405, 'Method Not Allowed', `${method} is not served here`);
    return serveStatic(pathname, response);
  }

  return createServer((request, response) => {
    route(request, response).catch((error) => {
      options.logError('request failed', error);
      if (!response.headersSent) sendError(response, 500, 'Internal Server Error', 'The dashboard server failed; try again');
      else response.destroy();
    });
  });
}
