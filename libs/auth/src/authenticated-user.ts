import { pidOf, Role } from '@rosterlink/contracts';

/** The caller: who the bearer token says they are, with the grants their service holds for them now. */
export class AuthenticatedUser {
  constructor(
    readonly id: string,
    readonly name: string,
    readonly roles: readonly Role[],
    /** PID/SLs the user may act for, e.g. `110000001A` (from the GrantSource, never from the token). */
    readonly grants: readonly string[] = [],
  ) {}

  withGrants(grants: readonly string[]): AuthenticatedUser {
    return new AuthenticatedUser(this.id, this.name, this.roles, grants);
  }

  /** Back office and admins work for every group; provider users only for their grants. */
  get isBackOffice(): boolean {
    return this.roles.includes('back-office') || this.roles.includes('admin');
  }

  /** Group PIDs reached through the user's grants (a grant on any location of a group). */
  get grantedGroupIds(): string[] {
    return [...new Set(this.grants.map(pidOf))];
  }

  canActForGroup(groupId: string): boolean {
    return this.isBackOffice || this.grants.some((g) => pidOf(g) === groupId);
  }

  canActForLocation(pidsl: string): boolean {
    return this.isBackOffice || this.grants.includes(pidsl);
  }
}
