/**
 * The users of the local demo system, as data. `demo-tokens.ts` signs a bearer token for each (identity and
 * roles only); `seed-demo-access.ts` grants each provider user their `grants` in access-service. Every grant
 * names a PID/SL that the demo seed (`demoGroups()`) really publishes.
 */
import type { TokenClaims } from '@rosterlink/auth';

export interface DemoUser extends TokenClaims {
  /** One line: who this is and what they may do. */
  description: string;
  /** The PID/SLs seed-demo-access.ts grants the user in access-service (never in the token). */
  grants: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    sub: 'demo-provider-harbor',
    name: 'Maria Santos',
    roles: ['provider'],
    grants: ['110000001A', '110000001B'],
    description: 'Practice manager at Harbor Family Medicine (110000001), granted locations A and B (not C)',
  },
  {
    sub: 'demo-provider-pioneer',
    name: 'Kevin Doyle',
    roles: ['provider'],
    grants: ['110000002A'],
    description: 'Office administrator at Pioneer Valley Pediatrics (110000002), granted its one location A',
  },
  {
    sub: 'demo-back-office',
    name: 'Dana Whitfield',
    roles: ['back-office'],
    grants: [],
    description: 'Agency back-office analyst: sees every group, decides link requests',
  },
  {
    sub: 'demo-admin',
    name: 'Sam Okafor',
    roles: ['admin'],
    grants: [],
    description: 'Agency administrator: everything the back office can do, plus configuration (e.g. holiday closures)',
  },
];
