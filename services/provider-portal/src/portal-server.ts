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

/**
 * Nothing is loaded from anywhere else. A letter's PDF is shown in a frame from a blob: URL (PdfPreview, as the
 * dashboard does); the blob document inherits this policy, and Chromium's PDF viewer in it is a plugin, so
 * object-src allows blob: too. Downloads are blob: links.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; frame-src blob:; object-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The provider portal's server (see @rosterlink/web-server): the single-page app, `/api/<service>/…`
 * proxied to the services with the caller's bearer token only, and the local sign-in when it is on.
 *
 * `GET /api/me` answers who the verified token names (for the sign-in); which practices and locations the user
 * may work with come from access-service's `GET /me`, never from the token.
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
    }),
    serviceDownMessage: (service) => `The ${service} service is not answering; try again in a few minutes`,
    devSignIn: options.devSignIn,
    logError: options.logError,
  });
}
