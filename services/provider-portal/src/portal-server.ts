import { Server } from 'node:http';
import { TokenVerifier } from '@rosterlink/auth';
import { createWebAppServer, DevSignIn, ServiceName } from '@rosterlink/web-server';

export interface PortalServerOptions {
  serviceUrls: Record<ServiceName, string>;
  webRoot: string;
  verifier: TokenVerifier;
  /** Present only when the local sign-in is on. */
  devSignIn?: DevSignIn;
  logError: (message: string, error: unknown) => void;
}

/** Nothing is loaded from anywhere else; downloads are blob: links, never frames or objects. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The provider portal's server (see @rosterlink/web-server): the single-page app, `/api/<service>/…`
 * proxied to the services with the caller's bearer token only, and the local sign-in when it is on.
 *
 * `GET /api/me` answers from the verified token in the shape of access-service's `GET /me`: the app asks
 * access-service first and uses this only while access-service does not answer (404, 502).
 */
export function createPortalServer(options: PortalServerOptions): Server {
  return createWebAppServer({
    appName: 'portal',
    serviceUrls: options.serviceUrls,
    webRoot: options.webRoot,
    verifier: options.verifier,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    health: () => ({ status: 'ok' }),
    describeUser: (user) => ({
      id: user.id,
      sub: user.id,
      name: user.name,
      roles: user.roles,
      backOffice: user.isBackOffice,
      grants: user.grants,
      primaryFor: [],
    }),
    serviceDownMessage: (service) => `The ${service} service is not answering; try again in a few minutes`,
    devSignIn: options.devSignIn,
    logError: options.logError,
  });
}
