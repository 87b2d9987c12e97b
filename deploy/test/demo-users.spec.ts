import { createHmac } from 'node:crypto';
import { demoServiceLocationIds } from '@rosterlink/testing';
import { demoTokens } from '../local/demo-tokens';
import { DEMO_USERS } from '../local/demo-users';

describe('demo users (deploy/local/demo-users.ts)', () => {
  it('grant only PID/SLs that demoGroups() publishes', () => {
    const published = new Set(demoServiceLocationIds());
    const grants = DEMO_USERS.flatMap((u) => u.grants);
    expect(grants.filter((g) => !published.has(g))).toEqual([]);
  });

  it('cover a two-location provider, a second group, back office and admin', () => {
    const providers = DEMO_USERS.filter((u) => u.roles.includes('provider'));
    expect(providers.some((u) => u.grants.length >= 2 && new Set(u.grants.map((g) => g.slice(0, 9))).size === 1)).toBe(true);
    expect(new Set(providers.flatMap((u) => u.grants.map((g) => g.slice(0, 9)))).size).toBeGreaterThanOrEqual(2);
    expect(DEMO_USERS.some((u) => u.roles.join() === 'back-office' && u.grants.length === 0)).toBe(true);
    expect(DEMO_USERS.some((u) => u.roles.includes('admin'))).toBe(true);
    expect(new Set(DEMO_USERS.map((u) => u.sub)).size).toBe(DEMO_USERS.length);
    for (const user of DEMO_USERS) expect(user.description.length).toBeGreaterThan(0);
  });

  it('demoTokens signs one HS256 token per user with identity and roles, never grants', async () => {
    const secret = 'a-test-secret-of-some-length';
    const tokens = await demoTokens(secret);
    expect(tokens.map((t) => t.user.sub)).toEqual(DEMO_USERS.map((u) => u.sub));
    for (const { user, token } of tokens) {
      const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
      expect(header.alg).toBe('HS256');
      expect(payload).toMatchObject({ sub: user.sub, name: user.name, roles: user.roles });
      expect(payload).not.toHaveProperty('grants');
      expect(Math.abs(payload.exp - payload.iat - 12 * 3600)).toBeLessThanOrEqual(1);
      const signature = createHmac('sha256', secret).update(token.split('.').slice(0, 2).join('.')).digest('base64url');
      expect(token.split('.')[2]).toBe(signature);
    }
  });
});
