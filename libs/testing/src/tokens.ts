import { createHash } from 'node:crypto';
import { signDevelopmentToken, TokenClaims } from '@rosterlink/auth';
import { ensureGranted, GrantStack } from './grants';
import { TEST_JWT_SECRET } from './stack';

/** A test's user: who the token names, and the PID/SLs the user should hold (never in the token). */
export interface TestUser extends TokenClaims {
  grants?: readonly string[];
}

/**
 * A bearer token for the test stack's services. The user's `grants` are granted first, as
 * access-service would announce them (see grantAccess); the token carries only identity and roles.
 * `stack` is for the fault drills' private stack; by default, the test run's.
 */
export async function tokenFor(user: TestUser, stack?: GrantStack): Promise<string> {
  await ensureGranted(user.sub, user.grants ?? [], stack);
  return signDevelopmentToken(TEST_JWT_SECRET, { sub: user.sub, name: user.name, roles: user.roles }, '1h');
}

/**
 * A practice's staff member granted the given PID/SLs. The user id names the PID/SLs, or for many of them a
 * digest of them: a user id is at most 128 characters (access.grant-changed.v1 refuses a longer one).
 */
export function providerUser(...grants: string[]): TestUser {
  const named = `provider-${grants.join('-') || 'none'}`;
  const sub = named.length <= 128 ? named : `provider-${createHash('sha256').update(grants.join(',')).digest('hex').slice(0, 24)}`;
  return { sub, name: 'Practice Manager', roles: ['provider'], grants };
}

export function backOfficeUser(): TestUser {
  return { sub: 'back-office-1', name: 'Back Office Analyst', roles: ['back-office'] };
}
