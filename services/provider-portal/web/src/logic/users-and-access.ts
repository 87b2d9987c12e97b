import type { AccessChange, AccessState } from '@rosterlink/contracts/browser';
import type { GrantAccessRequest, ServiceLocationUser } from '../access-api';

/**
 * Users and Access for a Primary User, without React: the access states and audit actions in words, who
 * a user id is, and the Grant access form's checks (access-service checks again and has the last word).
 */

export function accessStateLabel(state: AccessState): string {
  if (!state.granted) return 'No access';
  return state.primary ? 'Primary User' : 'User';
}

export const AUDIT_ACTION_LABELS: Record<AccessChange, string> = {
  GRANTED: 'Access granted',
  REVOKED: 'Access removed',
  PRIMARY_NAMED: 'Named Primary User',
  PRIMARY_REMOVED: 'No longer Primary User',
};

/** "Dana Reyes (dana.reyes)" when a name is known, else the user id alone. */
export function userLabelOf(userId: string, users: readonly Pick<ServiceLocationUser, 'userId' | 'name'>[]): string {
  const name = users.find((u) => u.userId === userId)?.name;
  return name && name !== userId ? `${name} (${userId})` : userId;
}

export interface GrantAccessForm {
  userId: string;
  name: string;
  email: string;
}

export const EMPTY_GRANT_FORM: GrantAccessForm = { userId: '', name: '', email: '' };

export type GrantAccessProblems = Partial<Record<keyof GrantAccessForm, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the Grant access form, by field, in words that say what to do; empty when it can be sent. */
export function grantAccessProblems(form: GrantAccessForm): GrantAccessProblems {
  const problems: GrantAccessProblems = {};
  const userId = form.userId.trim();
  if (!userId) problems.userId = 'Enter the user ID the person signs in to the portal with.';
  else if (/[\s/\\]/.test(userId) || userId.length > 128) {
    problems.userId = 'A user ID has no spaces or slashes and at most 128 characters: enter it exactly as the person signs in with it.';
  }
  const name = form.name.trim();
  if (!name) problems.name = 'Enter the person’s name, as it should be listed until they sign in.';
  else if (name.length > 200) problems.name = 'Enter a name of at most 200 characters.';
  const email = form.email.trim();
  if (email && !EMAIL.test(email)) problems.email = 'Enter an e-mail address such as name@example.org, or leave it blank.';
  return problems;
}

/** The request Grant access sends: trimmed, the e-mail only when given. */
export function grantRequestOf(form: GrantAccessForm): GrantAccessRequest {
  const email = form.email.trim();
  return { userId: form.userId.trim(), name: form.name.trim(), ...(email ? { email } : {}) };
}

/** What a grant answered, for the status line: granted now, or already had access (nothing changed). */
export function grantedMessageOf(user: Pick<ServiceLocationUser, 'userId' | 'name'>, pidsl: string, created: boolean): string {
  const who = userLabelOf(user.userId, [user]);
  return created ? `${who} now has access to ${pidsl}.` : `${who} already had access to ${pidsl}: nothing changed.`;
}

/**
 * The PID/SL Users and Access shows: the one the route names when the user is its Primary User, else the
 * first they are Primary User of; null when the route names one they are not Primary User of, or there is none.
 */
export function managedLocationOf(requested: string | undefined, primaryFor: readonly string[]): string | null {
  if (requested) return primaryFor.includes(requested) ? requested : null;
  return primaryFor[0] ?? null;
}
