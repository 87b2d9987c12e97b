import { AccessChange, type AccessState, pidOf, serviceLocationOf } from '@rosterlink/contracts';

/**
 * Who may see and change the access to a PID/SL, and what each request changes, without a
 * database. A PID/SL has at most one Primary User, who holds a grant on it. The back office and
 * admins act on every PID/SL the provider master knows; a provider user only on the PID/SLs they
 * are the Primary User of: anything else is "not found", as if it did not exist.
 */

/** A user id as tokens carry it in `sub` (an IdP's subject): no spaces, no slashes. */
export const USER_ID_PATTERN = /^[\w.@:|+-]{1,128}$/;


export const NO_ACCESS: AccessState = Object.freeze({ granted: false, primary: false });

/** A grant as held: whose, and whether its holder is the Primary User. */
export interface HeldGrant {
  userId: string;
  primary: boolean;
}

/** Who asks. */
export interface Actor {
  id: string;
  /** back-office or admin. */
  isBackOffice: boolean;
}

/** One change to one user's access, with the state before and after: one audit entry and one event. */
export interface AccessStateChange {
  userId: string;
  change: AccessChange;
  before: AccessState;
  after: AccessState;
}

/** A refusal, with the status the API answers. */
export type AccessRefusal = { kind: 'not-found'; message: string } | { kind: 'conflict'; message: string };

/** What a request does: the changes, in the order to apply them (none when it changes nothing), or a refusal. */
export type AccessDecision = { changes: AccessStateChange[] } | { refusal: AccessRefusal };

/** What the access API answers when it refuses. */
export const accessRefusals = {
  /** 404, not 403: a user must not learn that a PID/SL they do not manage exists. */
  notFound: (pidsl: string) => `Service location ${pidsl} not found`,
  lastPrimaryUser: (pidsl: string) =>
    `You are the only Primary User of ${pidsl}: name another Primary User before removing your own access`,
  notAUserOf: (pidsl: string, userId: string) =>
    `User ${userId} has no access to ${pidsl}: grant them access first, then hand the Primary User role on`,
} as const;

export function stateOf(grant: Pick<HeldGrant, 'primary'> | null): AccessState {
  return grant ? { granted: true, primary: grant.primary } : NO_ACCESS;
}

/**
 * Whether the PID/SL exists: its group is in the provider master and has that service location.
 * `serviceLocations` are the letters of the group's locations, null when the group is unknown.
 */
export function serviceLocationExists(pidsl: string, group: { pid: string; serviceLocations: readonly string[] } | null): boolean {
  return group !== null && group.pid === pidOf(pidsl) && group.serviceLocations.includes(serviceLocationOf(pidsl));
}

/** Whether `actor` may list, grant, revoke and see the audit of a PID/SL whose Primary User is `primaryUserId`. */
export function mayManage(actor: Actor, primaryUserId: string | null): boolean {
  return actor.isBackOffice || (primaryUserId !== null && actor.id === primaryUserId);
}

/** 404 for a PID/SL that does not exist or that `actor` may not manage (the same answer for both); null when they may. */
export function manageRefusal(
  actor: Actor,
  pidsl: string,
  group: { pid: string; serviceLocations: readonly string[] } | null,
  primaryUserId: string | null,
): AccessRefusal | null {
  if (!serviceLocationExists(pidsl, group) || !mayManage(actor, primaryUserId)) {
    return { kind: 'not-found', message: accessRefusals.notFound(pidsl) };
  }
  return null;
}

/** Granting access: a new grant, or nothing when the user already has one (a replayed PUT). */
export function grantDecision(userId: string, held: HeldGrant | null): AccessDecision {
  if (held) return { changes: [] };
  return { changes: [{ userId, change: 'GRANTED', before: NO_ACCESS, after: { granted: true, primary: false } }] };
}

/**
 * Revoking access: nothing when the user has none (a replayed DELETE). The last Primary User
 * cannot remove themselves (409); the back office may revoke anyone, the Primary User too, which
 * leaves the PID/SL without one until the back office names another.
 */
export function revokeDecision(actor: Actor, pidsl: string, held: HeldGrant | null, primaryUserIds: readonly string[]): AccessDecision {
  if (!held) return { changes: [] };
  const removingOwnPrimary = held.userId === actor.id && held.primary;
  if (removingOwnPrimary && primaryUserIds.every((id) => id === actor.id)) {
    return { refusal: { kind: 'conflict', message: accessRefusals.lastPrimaryUser(pidsl) } };
  }
  return { changes: [{ userId: held.userId, change: 'REVOKED', before: stateOf(held), after: NO_ACCESS }] };
}

/**
 * Naming the Primary User. There is one per PID/SL: the previous one stays a user of the PID/SL but
 * is no longer its Primary User (PRIMARY_REMOVED first, so no one ever sees two), then the new one
 * is named (PRIMARY_NAMED). The back office may name anyone, granting access with it; a Primary
 * User hands the role on only to a user who already has access (409 otherwise). Naming the current
 * Primary User again changes nothing.
 */
export function namePrimaryDecision(
  actor: Actor,
  pidsl: string,
  target: { userId: string; held: HeldGrant | null },
  currentPrimaryUserId: string | null,
): AccessDecision {
  if (target.held?.primary) return { changes: [] };
  if (!target.held && !actor.isBackOffice) {
    return { refusal: { kind: 'conflict', message: accessRefusals.notAUserOf(pidsl, target.userId) } };
  }
  const changes: AccessStateChange[] = [];
  if (currentPrimaryUserId !== null) {
    changes.push({
      userId: currentPrimaryUserId,
      change: 'PRIMARY_REMOVED',
      before: { granted: true, primary: true },
      after: { granted: true, primary: false },
    });
  }
  changes.push({ userId: target.userId, change: 'PRIMARY_NAMED', before: stateOf(target.held), after: { granted: true, primary: true } });
  return { changes };
}
