import { pidOf, serviceLocationOf } from '@rosterlink/contracts/browser';

/** access-service `GET /me` (docs/contract.md): the caller's grants and Primary User roles, from access-service's tables. */
export interface Me {
  sub: string;
  name: string;
  roles: string[];
  grants: string[];
  primaryFor: string[];
}

/**
 * A group practice the user works for: the group's PID, the service locations granted to them, and
 * those of them the user is the Primary User of (who may grant and remove access to them).
 */
export interface Practice {
  groupId: string;
  serviceLocations: string[];
  primaryFor: string[];
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
 * group lets them work with its rosters), by PID, with the locations they are the Primary User of. The
 * one place that reads the user's grants, which come from access-service's `GET /me`, never from the token.
 */
export function practicesOf(me: Me): Practice[] {
  const locationsOf = (pidsls: readonly string[]) => {
    const byGroup = new Map<string, Set<string>>();
    for (const pidsl of pidsls) {
      const groupId = pidOf(pidsl);
      byGroup.set(groupId, (byGroup.get(groupId) ?? new Set()).add(serviceLocationOf(pidsl)));
    }
    return byGroup;
  };
  const granted = locationsOf(me.grants);
  const primary = locationsOf(me.primaryFor.filter((pidsl) => me.grants.includes(pidsl)));
  return [...granted]
    .map(([groupId, locations]) => ({
      groupId,
      serviceLocations: [...locations].sort(),
      primaryFor: [...(primary.get(groupId) ?? [])].sort().map((sl) => `${groupId}${sl}`),
    }))
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** The practice's name as the portal shows it: its DBA name, else its legal name, else its PID. */
export function practiceNameOf(groupId: string, names: readonly ServiceLocationName[]): string {
  const location = names.find((n) => n.groupId === groupId);
  return location?.dbaName || location?.groupName || `Practice ${groupId}`;
}
