import { Server } from 'node:http';
import { TokenVerifier } from '@rosterlink/auth';
import { createWebAppServer, DevSignIn, sendError, sendJson, ServiceName, WebAppRequest } from '@rosterlink/web-server';
import { LiveEvents } from './live-events';
import type { OperationsReport } from './operations-report';

export interface DashboardServerOptions {
  serviceUrls: Record<ServiceName, string>;
  webRoot: string;
  verifier: TokenVerifier;
  live: LiveEvents;
  /** Each service's health, lag and status (operations-status.ts), shared between callers for a few seconds. */
  operationsReport: () => Promise<OperationsReport>;
  /** Present only when the local sign-in is on. */
  devSignIn?: DevSignIn;
  logError: (message: string, error: unknown) => void;
}

/** Letters are previewed from blob: URLs; nothing is loaded from anywhere else. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'";

/**
 * The dashboard's server (a small backend-for-frontend, see @rosterlink/web-server): the single-page
 * app, `/api/<service>/…` proxied to the services with the caller's bearer token, and for the back
 * office live updates and the services' health and lag.
 */
export function createDashboardServer(options: DashboardServerOptions): Server {
  async function backOfficeUser({ response, signedInUser }: WebAppRequest) {
    const user = await signedInUser();
    if (user && !user.isBackOffice) {
      sendError(response, 403, 'Forbidden', 'The operations dashboard is for back-office staff only');
      return undefined;
    }
    return user;
  }

  async function routes(call: WebAppRequest): Promise<boolean> {
    if (call.pathname === '/api/live' && call.method === 'GET') {
      if (await backOfficeUser(call)) options.live.attach(call.response);
      return true;
    }
    if (call.pathname === '/api/operations' && call.method === 'GET') {
      if (await backOfficeUser(call)) sendJson(call.response, 200, await options.operationsReport());
      return true;
    }
    return false;
  }

  return createWebAppServer({
    appName: 'dashboard',
    serviceUrls: options.serviceUrls,
    webRoot: options.webRoot,
    verifier: options.verifier,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    health: () => ({ status: 'ok', liveUpdates: options.live.consuming ? 'consuming' : 'starting', liveClients: options.live.clientCount }),
    describeUser: (user) => ({ id: user.id, name: user.name, roles: user.roles, backOffice: user.isBackOffice }),
    serviceDownMessage: (service) => `The ${service} service is not answering; check its health on the Operations page`,
    routes,
    devSignIn: options.devSignIn,
    logError: options.logError,
  });
}
