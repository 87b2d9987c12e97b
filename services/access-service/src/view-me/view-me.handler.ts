import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { Role } from '@rosterlink/contracts';
import { GrantRepository } from '../grant/grant.repository';
import { PortalUserRepository } from '../portal-user/portal-user.repository';

export interface Me {
  sub: string;
  name: string;
  roles: readonly Role[];
  /** The PID/SLs the caller may act for, from access-service's grants (never the token's `grants` claim). */
  grants: string[];
  /** Of those, the PID/SLs the caller is the Primary User of. */
  primaryFor: string[];
}

/**
 * Who the caller is and what they may act for. Asking is signing in: the caller becomes a known
 * portal user, with their token's name, so that the users of a PID/SL are listed by name.
 */
@Injectable()
export class ViewMe {
  constructor(
    private readonly grants: GrantRepository,
    private readonly portalUsers: PortalUserRepository,
  ) {}

  async execute(user: AuthenticatedUser): Promise<Me> {
    await this.portalUsers.signedIn(user.id, user.name);
    const grants = await this.grants.ofUser(user.id);
    return {
      sub: user.id,
      name: user.name,
      roles: user.roles,
      grants: grants.map((g) => g.pidsl),
      primaryFor: grants.filter((g) => g.primary).map((g) => g.pidsl),
    };
  }
}
