import type { AccessAuditEntry, LocationPrimaryUser, ServiceLocationUser } from '@rosterlink/contracts/browser';
import { api, apiJson, Page } from '@rosterlink/ui';
import type { Me } from './logic/practices';

/**
 * access-service's calls, through the portal server (`/api/access/…`, docs/contract.md "access-service"):
 * who the user is and where they have access, a PID/SL's Primary User (whom to ask for access), and a
 * Primary User's Users and Access: the users of a PID/SL, granting, removing, handing the role on, the audit.
 * What they answer is described once, in the contracts (the service builds the same types).
 */
export type { AccessAuditEntry, LocationPrimaryUser, ServiceLocationUser };

/** The signed-in user with their grants and Primary User roles: access-service `GET /me`, the one source of both. */
export function fetchMe(token: string): Promise<Me> {
  return apiJson<Me>(token, '/access/me');
}

/** The Primary User of a PID/SL, whom a user asks for access to it; null when it has none; ApiError 404 when no such PID/SL. */
export function fetchPrimaryUser(token: string, pidsl: string): Promise<LocationPrimaryUser> {
  return apiJson<LocationPrimaryUser>(token, `${locationPath(pidsl)}/primary-user`);
}

/** What Grant access sends: the user id, and how to list a user who has not signed in yet. */
export interface GrantAccessRequest {
  userId: string;
  name: string;
  email?: string;
}

const locationPath = (pidsl: string) => `/access/service-locations/${encodeURIComponent(pidsl)}`;
const userPath = (pidsl: string, userId: string) => `${locationPath(pidsl)}/users/${encodeURIComponent(userId)}`;

export function fetchLocationUsers(token: string, pidsl: string): Promise<Page<ServiceLocationUser>> {
  return apiJson<Page<ServiceLocationUser>>(token, `${locationPath(pidsl)}/users?limit=1000`);
}

export function fetchAccessAudit(token: string, pidsl: string, page: { limit: number; offset: number }): Promise<Page<AccessAuditEntry>> {
  return apiJson<Page<AccessAuditEntry>>(token, `${locationPath(pidsl)}/access-audit?limit=${page.limit}&offset=${page.offset}`);
}

/** Grants access: `created` false when the user already had it (200: nothing changed). */
export async function grantAccess(token: string, pidsl: string, request: GrantAccessRequest): Promise<{ user: ServiceLocationUser; created: boolean }> {
  const { userId, ...body } = request;
  const response = await api(token, userPath(pidsl, userId), { method: 'PUT', body: JSON.stringify(body) });
  return { user: (await response.json()) as ServiceLocationUser, created: response.status === 201 };
}

/** Removes a user's access (204 also when they had none); 409 when the only Primary User removes themselves. */
export async function revokeAccess(token: string, pidsl: string, userId: string): Promise<void> {
  await api(token, userPath(pidsl, userId), { method: 'DELETE' });
}

/** Hands the Primary User role on to a user who already has access (409 otherwise); the caller keeps their access. */
export function handOnPrimaryUser(token: string, pidsl: string, userId: string): Promise<LocationPrimaryUser> {
  return apiJson<LocationPrimaryUser>(token, `${locationPath(pidsl)}/primary-user`, { method: 'PUT', body: JSON.stringify({ userId }) });
}
