/**
 * Gives the demo provider users (deploy/local/demo-users.ts) their access in access-service, through its HTTP API
 * as the demo back-office user: each is granted the PID/SLs demo-users.ts lists for them, and the first demo user granted a
 * PID/SL is named its Primary User. Prints one line per PID/SL.
 *   npx tsx deploy/local/seed-demo-access.ts
 * Environment: ACCESS_SERVICE_URL (default http://127.0.0.1:3005), AUTH_JWT_SECRET (default: the development secret),
 * SEED_ACCESS_TIMEOUT_MS (default 60000: how long to wait for access-service to know the demo groups, which it learns
 * from provider-master.upserted.v1 after seed-demo-data.ts). Running it again changes nothing (200s, no events).
 */
import { signDevelopmentToken } from '@rosterlink/auth';
import { DEVELOPMENT_JWT_SECRET } from '@rosterlink/platform';
import { DEMO_USERS, DemoUser } from './demo-users';

class SeedError extends Error {}

export interface DemoAccess {
  pidsl: string;
  /** In DEMO_USERS order; the first is the PID/SL's Primary User. */
  users: DemoUser[];
}

/** The demo provider users of each PID/SL demo-users.ts lists, PID/SLs in order of first mention. */
export function demoAccess(users: readonly DemoUser[] = DEMO_USERS): DemoAccess[] {
  const byPidsl = new Map<string, DemoUser[]>();
  for (const user of users.filter((u) => u.roles.includes('provider'))) {
    for (const pidsl of user.grants) byPidsl.set(pidsl, [...(byPidsl.get(pidsl) ?? []), user]);
  }
  return [...byPidsl].map(([pidsl, granted]) => ({ pidsl, users: granted }));
}

/** Grants and names the Primary Users of `access` through access-service at `baseUrl`, as `token`'s back-office user. */
export async function seedDemoAccess(baseUrl: string, token: string, access: DemoAccess[], timeoutMs = 60_000): Promise<string[]> {
  const lines: string[] = [];
  for (const { pidsl, users } of access) {
    const statuses: number[] = [];
    for (const user of users) {
      const response = await untilKnown(timeoutMs, () =>
        send(baseUrl, token, 'PUT', `/service-locations/${pidsl}/users/${encodeURIComponent(user.sub)}`, { name: user.name }),
      );
      statuses.push(response.status);
    }
    const [primary] = users;
    await untilKnown(timeoutMs, () => send(baseUrl, token, 'PUT', `/service-locations/${pidsl}/primary-user`, { userId: primary.sub }));
    const newly = statuses.filter((s) => s === 201).length;
    lines.push(`${pidsl}: ${users.map((u) => u.sub).join(', ')} (${newly} newly granted); Primary User ${primary.sub}`);
  }
  return lines;
}

async function send(baseUrl: string, token: string, method: string, path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new SeedError(`cannot reach access-service at ${baseUrl} (${(error as Error).message}); is it running?`);
  }
}

/** Retries while access-service answers 404 (it has not consumed the demo provider master yet); any other failure ends it. */
async function untilKnown(timeoutMs: number, request: () => Promise<Response>): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request();
    if (response.ok) return response;
    const text = await response.text();
    if (response.status !== 404 || Date.now() >= deadline) {
      throw new SeedError(`${response.status} from access-service: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  const baseUrl = (process.env['ACCESS_SERVICE_URL'] || 'http://127.0.0.1:3005').replace(/\/$/, '');
  const secret = process.env['AUTH_JWT_SECRET'] || DEVELOPMENT_JWT_SECRET;
  const timeoutMs = Number(process.env['SEED_ACCESS_TIMEOUT_MS'] || 60_000);
  const backOffice = DEMO_USERS.find((u) => u.roles.includes('back-office'));
  if (!backOffice) throw new SeedError('deploy/local/demo-users.ts has no back-office user');
  const token = await signDevelopmentToken(secret, { sub: backOffice.sub, name: backOffice.name, roles: [...backOffice.roles] }, '10m');
  for (const line of await seedDemoAccess(baseUrl, token, demoAccess(), timeoutMs)) console.log(`[seed-access] ${line}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[seed-access] failed: ${error instanceof SeedError ? error.message : ((error as Error)?.stack ?? error)}`);
    process.exit(1);
  });
}
