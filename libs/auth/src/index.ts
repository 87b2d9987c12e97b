export { AuthModule } from './auth.module';
export type { AuthOptions } from './auth-options';
export { AuthenticatedUser } from './authenticated-user';
export { Public, RequireRoles, CurrentUser, BACK_OFFICE_ROLES } from './decorators';
export { TokenVerifier, InvalidTokenError } from './token-verifier';
export { signDevelopmentToken } from './development-token';
export type { TokenClaims } from './development-token';
export { GrantSource } from './grant-source';
export { Authenticator } from './authenticator';
