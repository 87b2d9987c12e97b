import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { resolve } from 'node:path';
import { AuthenticatedUser, InvalidTokenError, TokenVerifier } from '@rosterlink/auth';
import { checkSignInRequest, DevSignIn } from './dev-sign-in';
import { readJson, sendError, sendJson } from './http-answers';
import { ProxyTarget, proxyTargetOf, serviceUrlOf } from './proxy-target';
import { SERVICE_NAMES, ServiceName } from './service-names';
import { serveStatic } from './static-files';

/** What an app's own routes get to work with. */
export interface WebAppRequest {
  request: IncomingMessage;
  response: ServerResponse;
  pathname: string;
  method: string;
  /** The signed-in user, or undefined after answering 401. */
  signedInUser: () => Promise<AuthenticatedUser | undefined>;
}

export interface WebAppServerOptions {
  /** How the server names itself in its messages ("dashboard", "portal"). */
  appName: string;
  serviceUrls: Record<ServiceName, string>;
  /** The built single-page app (Vite's output). */
  webRoot: string;
  verifier: TokenVerifier;
  /** The policy every page of the app is served with. */
  contentSecurityPolicy: string;
  /** What `GET /health` answers. */
  health: () => unknown;
  /** What `GET /api/me` answers for the signed-in user. */
  describeUser: (user: AuthenticatedUser) => unknown;
  /** The 502 message when a service does not answer: what the user can do about it. */
  serviceDownMessage: (service: ServiceName) => string;
  /** The app's own `/api/…` routes; true when one of them answered. */
  routes?: (call: WebAppRequest) => Promise<boolean>;
  /** Present only when the local sign-in is on. */
  devSignIn?: DevSignIn;
  logError: (message: string, error: unknown) => void;
}

/** Request headers passed to a service, and response headers passed back. Nothing else crosses. */
const FORWARDED_REQUEST = ['authorization', 'content-type', 'content-length', 'accept'];
const FORWARDED_RESPONSE = ['content-type', 'content-length', 'content-disposition'];

function pick(headers: Record<string, string | string[] | undefined>, names: string[]) {
  return Object.fromEntries(names.flatMap((n) => (headers[n] === undefined ? [] : [[n, headers[n]]])));
}

/**
 * A web app's server (a small backend-for-frontend), as the dashboard and the portal run it: the
 * single-page app with its Content-Security-Policy, `/api/<service>/…` proxied to the services with
 * the caller's bearer token and nothing else, `/api/me`, the local sign-in when it is on, `/health`,
 * and the app's own routes.
 */
export function createWebAppServer(options: WebAppServerOptions): Server {
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
      sendError(response, 502, 'Bad Gateway', options.serviceDownMessage(service));
    });
    request.pipe(upstream);
  }

  async function devSignIn(request: IncomingMessage, response: ServerResponse, method: string): Promise<boolean> {
    if (!options.devSignIn) {
      sendError(response, 404, 'Not Found', 'There is no local sign-in here: sign in with your identity provider');
      return true;
    }
    if (method === 'GET') {
      sendJson(response, 200, { items: options.devSignIn.list() });
      return true;
    }
    if (method !== 'POST') return false;
    const body = checkSignInRequest(await readJson(request));
    if (Array.isArray(body)) {
      sendJson(response, 400, { statusCode: 400, error: 'Bad Request', message: 'Send { "sub": "<demo user id>" }', details: body });
      return true;
    }
    const token = await options.devSignIn.signIn(body.sub);
    if (token) sendJson(response, 200, { token });
    else sendError(response, 422, 'Unprocessable Entity', 'Pick one of the demo users');
    return true;
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://web-app');
    const { pathname } = url;
    const method = request.method ?? 'GET';

    const isServiceApi = SERVICE_NAMES.some((name) => pathname === `/api/${name}` || pathname.startsWith(`/api/${name}/`));
    if (isServiceApi) {
      const target = proxyTargetOf(request.url ?? '');
      if (!target) return sendError(response, 404, 'Not Found', 'No such API path: a service path is plain, relative and has no "." or ".." segments');
      if (await userOf(request, response)) proxy(target, request, response);
      return;
    }
    if (pathname === '/health') return sendJson(response, 200, options.health());
    if (pathname === '/api/me' && method === 'GET') {
      const user = await userOf(request, response);
      if (user) sendJson(response, 200, options.describeUser(user));
      return;
    }
    if (options.routes && (await options.routes({ request, response, pathname, method, signedInUser: () => userOf(request, response) }))) return;
    if (pathname === '/api/dev-sign-in' && (await devSignIn(request, response, method))) return;
    if (pathname.startsWith('/api/')) return sendError(response, 404, 'Not Found', `No such API: ${method} ${pathname}`);
    if (method !== 'GET' && method !== 'HEAD') return sendError(response, 405, 'Method Not Allowed', `${method} is not served here`);
    return serveStatic(webRoot, pathname, response, options.contentSecurityPolicy);
  }

  return createServer((request, response) => {
    route(request, response).catch((error) => {
      options.logError('request failed', error);
      if (!response.headersSent) sendError(response, 500, 'Internal Server Error', `The ${options.appName} server failed; try again`);
      else response.destroy();
    });
  });
}
