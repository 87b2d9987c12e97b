import { signDevelopmentToken, TokenClaims } from '@rosterlink/auth';
import { TEST_JWT_SECRET } from './stack';

/** A bearer token for the test stack's services. */
export function tokenFor(claims: TokenClaims): Promise<string> {
  return signDevelopmentToken(TEST_JWT_SECRET, claims, '1h');
}

/** A practice's staff member granted the given PID/SLs. */
export function providerUser(...grants: string[]): TokenClaims {
  return { sub: `provider-${grants.join('-') || 'none'}`, name: 'Practice Manager', roles: ['provider'], grants };
}

export function backOfficeUser(): TokenClaims {
  return { sub: 'back-office-1', name: 'Back Office Analyst', roles: ['back-office'], grants: [] };
}
