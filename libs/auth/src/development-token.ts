import { SignJWT } from 'jose';
import { Role } from '@rosterlink/contracts';

/** Who a token names: identity and roles. Grants are never in it (see GrantSource). */
export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
}

/** Signs an HS256 token with the local secret: for demo users and tests, never production. */
export async function signDevelopmentToken(secret: string, claims: TokenClaims, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ name: claims.name, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
