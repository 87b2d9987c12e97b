import { signDevelopmentToken, TokenClaims } from '@rosterlink/auth';
import { PIDSL_PATTERN, Role, ROLES } from '@rosterlink/contracts';

export interface DemoUser extends TokenClaims {
  description: string;
}

/** Reads the demo users handed over in DEV_SIGN_IN_USERS; throws naming what is wrong. */
export function parseDemoUsers(json: string): DemoUser[] {
  const users: unknown = JSON.parse(json);
  if (!Array.isArray(users) || users.length === 0) throw new Error('DEV_SIGN_IN_USERS must be a non-empty JSON list');
  return users.map((u, i) => {
    const ok =
      typeof u?.sub === 'string' &&
      typeof u.name === 'string' &&
      Array.isArray(u.roles) &&
      u.roles.every((r: unknown) => ROLES.includes(r as Role)) &&
      Array.isArray(u.grants) &&
      u.grants.every((g: unknown) => typeof g === 'string' && PIDSL_PATTERN.test(g));
    if (!ok) throw new Error(`DEV_SIGN_IN_USERS[${i}] needs sub, name, roles (known roles) and grants (PID/SLs)`);
    return { sub: u.sub, name: u.name, roles: u.roles, grants: u.grants, description: String(u.description ?? '') };
  });
}

/** The local sign-in: pick a demo user, get the token the services accept. Never on in production. */
export class DevSignIn {
  constructor(
    private readonly users: readonly DemoUser[],
    private readonly secret: string,
  ) {}

  list(): Omit<DemoUser, 'grants'>[] {
    return this.users.map(({ sub, name, roles, description }) => ({ sub, name, roles, description }));
  }

  async signIn(sub: unknown): Promise<string | undefined> {
    const user = this.users.find((u) => u.sub === sub);
    if (!user) return undefined;
    return signDevelopmentToken(this.secret, { sub: user.sub, name: user.name, roles: [...user.roles], grants: [...user.grants] }, '8h');
  }
}
