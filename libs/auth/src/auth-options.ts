export interface AuthOptions {
  /** HS256 shared secret (local and test). */
  jwtSecret: string;
  /** RS256 key set URL (production); when set, tokens are checked against it instead. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /**
   * The longest lifetime a token may have, in seconds (`exp` − `iat`, or `exp` − now when it has
   * no `iat`). A token without `exp` never expires and is refused. Default 12 hours.
   */
  maxTokenLifetimeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
