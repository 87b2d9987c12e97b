import { generateKeyPair, JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { AuthenticatedUser } from './authenticated-user';
import { signDevelopmentToken, TokenClaims } from './development-token';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'x'.repeat(32);
const key = new TextEncoder().encode(SECRET);

const CLAIMS: TokenClaims = {
  sub: 'user-1',
  name: 'Pat Provider',
  roles: ['provider'],
};

/** An HS256 token with whatever claims an edge case needs, expiring in an hour unless told. */
function signRaw(payload: JWTPayload, options: { alg?: string; secret?: Uint8Array; exp?: number } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuedAt(now - 10)
    .setExpirationTime(options.exp ?? now + 3600)
    .sign(options.secret ?? key);
}

async function rejection(verifier: TokenVerifier, token: string): Promise<unknown> {
  try {
    await verifier.verify(token);
  } catch (error) {
    return error;
  }
  throw new Error('the token was accepted');
}

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier({ jwtSecret: SECRET });

  it('turns a valid development token into an AuthenticatedUser with its claims', async () => {
    const user = await verifier.verify(await signDevelopmentToken(SECRET, CLAIMS));
    expect(user).toBeInstanceOf(AuthenticatedUser);
    expect(user.id).toBe('user-1');
    expect(user.name).toBe('Pat Provider');
    expect(user.roles).toEqual(['provider']);
    expect(user.grants).toEqual([]);
  });

  it('reads several roles', async () => {
    const user = await verifier.verify(await signDevelopmentToken(SECRET, { sub: 'bo-1', name: 'Bo', roles: ['back-office', 'admin'] }));
    expect(user.roles).toEqual(['back-office', 'admin']);
  });

  it('uses the subject as name when the token has none', async () => {
    const user = await verifier.verify(await signRaw({ sub: 'user-9', roles: ['provider'] }));
    expect(user.name).toBe('user-9');
  });

  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signRaw({ sub: 'user-1', roles: ['provider'] }, { exp: now - 60 });
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token without exp: it would never expire', async () => {
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuedAt()
      .sign(key);
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token issued to live longer than 12 hours, and accepts one of exactly 12 hours', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'user-1', roles: ['provider'] };
    const tooLong = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now).setExpirationTime(now + 12 * 3600 + 1).sign(key);
    expect(await rejection(verifier, tooLong)).toBeInstanceOf(InvalidTokenError);
    const twelveHours = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now).setExpirationTime(now + 12 * 3600).sign(key);
    await expect(verifier.verify(twelveHours)).resolves.toBeInstanceOf(AuthenticatedUser);
  });

  it('measures a token without iat from now, and honours a configured cap', async () => {
    const now = Math.floor(Date.now() / 1000);
    const noIat = await new SignJWT({ sub: 'user-1', roles: ['provider'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now + 30 * 24 * 3600).sign(key);
    expect(await rejection(verifier, noIat)).toBeInstanceOf(InvalidTokenError);
    const strict = new TokenVerifier({ jwtSecret: SECRET, maxTokenLifetimeSeconds: 600 });
    expect(await rejection(strict, await signRaw({ sub: 'user-1', roles: ['provider'] }))).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signDevelopmentToken('y'.repeat(32), CLAIMS);
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token whose signature was tampered with', async () => {
    const token = await signDevelopmentToken(SECRET, CLAIMS);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user-1', roles: ['admin'] })).toString('base64url');
    expect(await rejection(verifier, `${header}.${forged}.${signature}`)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an unsigned token (alg: none)', async () => {
    const token = new UnsecuredJWT({ roles: ['admin'] }).setSubject('user-1').setIssuedAt().encode();
    expect(token.split('.')[2]).toBe('');
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an HS512 token signed with the very same secret', async () => {
    const token = await signRaw({ sub: 'user-1', roles: ['provider'] }, { alg: 'HS512' });
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an RS256 token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('user-1')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects garbage', async () => {
    expect(await rejection(verifier, 'not-a-jwt')).toBeInstanceOf(InvalidTokenError);
    expect(await rejection(verifier, '')).toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token without sub', async () => {
    expect(await rejection(verifier, await signRaw({ name: 'Nobody', roles: ['provider'] }))).toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('rejects a token with an empty sub', async () => {
    expect(await rejection(verifier, await signRaw({ sub: '', roles: ['provider'] }))).toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it.each([['superuser'], ['Admin'], ['backoffice']])('rejects the unknown role %s', async (role) => {
    const token = await signRaw({ sub: 'user-1', roles: ['provider', role] });
    expect(await rejection(verifier, token)).toBeInstanceOf(InvalidTokenError);
  });

  it('ignores a grants claim, whatever it holds: grants come from the service, never from the token', async () => {
    for (const grants of [['120000002A'], ['110000001a'], [110000001], 'all']) {
      const user = await verifier.verify(await signRaw({ sub: 'user-1', roles: ['provider'], grants }));
      expect(user.grants).toEqual([]);
    }
  });
});

describe('TokenVerifier with issuer and audience', () => {
  const verifier = new TokenVerifier({ jwtSecret: SECRET, issuer: 'https://idp.example', audience: 'rosterlink' });

  it('accepts a token with the expected issuer and audience', async () => {
    const token = await signRaw({
      sub: 'user-1',
      roles: ['provider'],
            iss: 'https://idp.example',
      aud: 'rosterlink',
    });
    expect((await verifier.verify(token)).id).toBe('user-1');
  });

  it('rejects another issuer or audience', async () => {
    const other = await signRaw({ sub: 'u', roles: [], iss: 'https://evil.example', aud: 'rosterlink' });
    expect(await rejection(verifier, other)).toBeInstanceOf(InvalidTokenError);
    const wrongAudience = await signRaw({ sub: 'u', roles: [], iss: 'https://idp.example', aud: 'x' });
    expect(await rejection(verifier, wrongAudience)).toBeInstanceOf(InvalidTokenError);
  });
});
