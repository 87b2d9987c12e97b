import type { AccessChange } from './event-codes';

/**
 * What access-service answers over HTTP about a PID/SL's users and its Primary User: the one
 * description of that JSON, which the service builds and the portal and the dashboard read.
 * Instants are ISO 8601 strings.
 */

/** One user's access to one PID/SL. */
export interface AccessState {
  granted: boolean;
  primary: boolean;
}

/** `GET /service-locations/{pidsl}/primary-user` (and what naming one answers): whom its users ask for access; null when it has none. */
export interface LocationPrimaryUser {
  pidsl: string;
  primaryUser: { userId: string; name: string } | null;
}

/** `GET /service-locations/{pidsl}/users`: a user with access, the Primary User first. */
export interface ServiceLocationUser {
  userId: string;
  /** The user id while no name is known. */
  name: string;
  email?: string;
  /** The Primary User of the PID/SL. */
  primary: boolean;
  grantedAt: string;
  /** The user id of who granted it. */
  grantedBy: string;
}

/** `GET /service-locations/{pidsl}/access-audit`: one change to one user's access, newest first. */
export interface AccessAuditEntry {
  at: string;
  /** The acting user's id. */
  by: string;
  action: AccessChange;
  userId: string;
  before: AccessState;
  after: AccessState;
}
