/**
 * Where the guard learns which PID/SLs a provider user may act for. Tokens carry identity and roles
 * only: grants change while a token lives (a Primary User revokes a colleague), so each service reads
 * them from its own copy of `access.grant-changed.v1` (libs/access-grants), and access-service from
 * its own tables. A service names its source in its ServiceDefinition (`grants`).
 */
export abstract class GrantSource {
  /** The PID/SLs the user holds a grant on now, e.g. `110000001A`. */
  abstract grantedLocations(userId: string): Promise<readonly string[]>;
}
