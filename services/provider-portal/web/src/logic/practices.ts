import { pidOf, serviceLocationOf } from '@rosterlink/contracts/browser';

/** access-service `GET /me` (docs/contract.md); the portal server's `GET /api/me` answers the same shape from the token. */
export interface Me {
  sub: string;
  name: string;
  roles: string[];
  grants: string[];
  primaryFor: string[];
}

/** A group practice the user works for: the group's PID and the service locations granted to them. */
export interface Practice {
  groupId: string;
  serviceLocations: string[];
}

/** link-request-service `GET /service-locations`: names of the caller's locations. */
export interface ServiceLocationName {
  pidsl: string;
  groupId: string;
  groupName: string;
  dbaName: string;
}

/**
 * The practices of the signed-in user: one per group they hold a grant on (a grant on any location of a
 * group lets them work with its rosters), by PID. The one place that reads the user's grants.
 */
export function practicesOf(me: Me): Practice[] {
  const byGroup = new Map<string, Set<string>>();
  for (const pidsl of me.grants) {
    const groupId = pidOf(pidsl);
    byGroup.set(groupId, (byGroup.get(groupId) ?? new Set()).add(serviceLocationOf(pidsl)));
  }
  return [...byGroup]
    .map(([groupId, locations]) => ({ groupId, serviceLocations: [...locations].sort() }))
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** The practice's name as the portal shows it: its DBA name, else its legal name, else its PID. */
export function practiceNameOf(groupId: string, names: readonly ServiceLocationName[]): string {
  const location = names.find((n) => n.groupId === groupId);
  return location?.dbaName || location?.groupName || `Practice ${groupId}`;
}
