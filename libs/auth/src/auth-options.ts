export interface AuthOptions {
  /** HS256 shared secret (local and test). */
  jwtSecret: string;
  /** RS256 key set URL (production); when set, tokens are checked against it instead. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
