import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthenticatedUser } from './authenticated-user';
import { GrantSource } from './grant-source';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * Who is calling: the bearer token verified, then the caller's grants read from the service's
 * GrantSource (never from the token), so a revocation holds as soon as the service knows of it,
 * even for a token issued before it. 401 without a valid token.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly grants: GrantSource,
  ) {}

  async authenticate(authorization: string | undefined): Promise<AuthenticatedUser> {
    const [scheme, token] = String(authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('A bearer token is required');
    let user: AuthenticatedUser;
    try {
      user = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    // Back office and admins act for every group; only provider users need their grants.
    return user.isBackOffice ? user : user.withGrants(await this.grants.grantedLocations(user.id));
  }
}
