/**
 * Prints a bearer token for each demo user (HS256, 12 h), for curl or the browser:
 *   npx tsx deploy/local/demo-tokens.ts              (AUTH_JWT_SECRET from the environment, else the development default)
 */
import { signDevelopmentToken } from '@rosterlink/auth';
import { DEVELOPMENT_JWT_SECRET } from '@rosterlink/platform';
import { DEMO_USERS, DemoUser } from './demo-users';

export interface DemoToken {
  user: DemoUser;
  token: string;
}

/** A signed token for every demo user, in `DEMO_USERS` order. */
export async function demoTokens(secret: string, expiresIn = '12h'): Promise<DemoToken[]> {
  return Promise.all(
    DEMO_USERS.map(async (user) => ({
      user,
      token: await signDevelopmentToken(
        secret,
        { sub: user.sub, name: user.name, roles: [...user.roles] },
        expiresIn,
      ),
    })),
  );
}

async function main(): Promise<void> {
  const secret = process.env['AUTH_JWT_SECRET'] || DEVELOPMENT_JWT_SECRET;
  for (const { user, token } of await demoTokens(secret)) {
    const grants = user.grants.length > 0 ? ` granted ${user.grants.join(',')} in access-service` : '';
    console.log(`# ${user.sub} (${user.name}; ${user.roles.join(',')}${grants}): ${user.description}`);
    console.log(`Authorization: Bearer ${token}\n`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[demo-tokens] failed: ${error}`);
    process.exit(1);
  });
}
