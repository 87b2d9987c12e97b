import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Role, ROLES } from '@rosterlink/contracts';
import { AUTH_OPTIONS, AuthOptions, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './auth-options';
import { AuthenticatedUser } from './authenticated-user';

export class InvalidTokenError extends Error {}

/**
 * Verifies a bearer token (HS256 secret, or RS256 via JWKS) and reads who the caller is: subject,
 * name and roles. A `grants` claim is ignored: grants come from the service's GrantSource.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256'];
    } else {
      // A key object made once: given the secret's bytes, jose makes one on every verification.
      this.key = createSecretKey(Buffer.from(options.jwtSecret, 'utf8'));
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.key as KeyObject, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError(`token rejected: ${(error as Error).message}`);
    }
    this.checkLifetime(claims);
    const roles = claims['roles'] ?? [];
    if (!Array.isArray(roles)) throw new InvalidTokenError('roles must be a list');
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidTokenError('token has no subject');
    if (!roles.every((r): r is Role => ROLES.includes(r))) throw new InvalidTokenError('token has an unknown role');
    const name = typeof claims['name'] === 'string' ? claims['name'] : claims.sub;
    return new AuthenticatedUser(claims.sub, name, roles);
  }

  /** A stolen token is worth little for long: one that lives longer than the cap is refused. */
  private checkLifetime(claims: JWTPayload): void {
    const maxSeconds = this.options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp - issuedAt > maxSeconds) {
      throw new InvalidTokenError(`token rejected: it may live at most ${maxSeconds} s`);
    }
  }
}
