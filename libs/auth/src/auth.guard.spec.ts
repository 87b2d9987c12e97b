import { ExecutionContext, ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';
import { ContextType, Type } from '@nestjs/common/interfaces';
import { Reflector } from '@nestjs/core';
import { SignJWT } from 'jose';
import { AuthGuard } from './auth.guard';
import { AuthenticatedUser } from './authenticated-user';
import { Authenticator } from './authenticator';
import { BACK_OFFICE_ROLES, Public, RequireRoles } from './decorators';
import { signDevelopmentToken, TokenClaims } from './development-token';
import { GrantSource } from './grant-source';
import { TokenVerifier } from './token-verifier';

const SECRET = 'x'.repeat(32);

class RosterController {
  list(): void {}
  @Public() template(): void {}
  @RequireRoles(...BACK_OFFICE_ROLES) decide(): void {}
  @RequireRoles('admin') closeHoliday(): void {}
}

@Public()
class HealthController {
  check(): void {}
}

@RequireRoles('admin')
class AdminController {
  settings(): void {}
  @RequireRoles('back-office') report(): void {}
}

interface FakeRequest {
  headers: Record<string, string | undefined>;
  user?: AuthenticatedUser;
}

function unused(): never {
  throw new Error('not used by the guard');
}

/** What Nest hands a guard for one HTTP request routed to `controller.handler`. */
function httpContext(
  request: FakeRequest,
  controller: Type<unknown>,
  handler: (...args: never[]) => unknown,
  type: ContextType = 'http',
): ExecutionContext {
  return {
    getType: <T extends string = ContextType>() => type as T,
    getHandler: () => handler,
    getClass: <T = unknown>() => controller as Type<T>,
    getArgs: <T extends unknown[] = unknown[]>() => [request] as unknown as T,
    getArgByIndex: <T = unknown>(index: number) => [request][index] as T,
    switchToHttp: () => ({
      getRequest: <T = unknown>() => request as T,
      getResponse: unused,
      getNext: unused,
    }),
    switchToRpc: unused,
    switchToWs: unused,
  };
}

const bearer = (token: string): FakeRequest => ({ headers: { authorization: `Bearer ${token}` } });

function tokenFor(claims: Partial<TokenClaims> = {}): Promise<string> {
  return signDevelopmentToken(SECRET, {
    sub: 'user-1',
    name: 'Pat Provider',
    roles: ['provider'],
    ...claims,
  });
}

/** The grants a service holds now, per user, and who was asked for. */
class HeldGrants extends GrantSource {
  readonly asked: string[] = [];
  constructor(private readonly held: Record<string, string[]>) {
    super();
  }

  async grantedLocations(userId: string): Promise<readonly string[]> {
    this.asked.push(userId);
    return this.held[userId] ?? [];
  }
}

async function rejection(promise: Promise<unknown>): Promise<HttpException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpException) return error;
    throw error;
  }
  throw new Error('the guard let the request through');
}

describe('AuthGuard', () => {
  const grants = new HeldGrants({ 'user-1': ['110000001A'] });
  const guard = new AuthGuard(new Authenticator(new TokenVerifier({ jwtSecret: SECRET }), grants), new Reflector());
  const list = RosterController.prototype.list;

  it('refuses a request without an Authorization header with 401', async () => {
    const request: FakeRequest = { headers: {} };
    const error = await rejection(guard.canActivate(httpContext(request, RosterController, list)));
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.getStatus()).toBe(401);
    expect(request.user).toBeUndefined();
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer '], ['token-without-scheme']])(
    'refuses the header "%s" with 401',
    async (authorization) => {
      const error = await rejection(guard.canActivate(httpContext({ headers: { authorization } }, RosterController, list)));
      expect(error.getStatus()).toBe(401);
    },
  );

  it('refuses a bad token with 401 and sets no user', async () => {
    const request = bearer(await signDevelopmentToken('y'.repeat(32), { sub: 'u', name: 'U', roles: ['admin'] }));
    const error = await rejection(guard.canActivate(httpContext(request, RosterController, list)));
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.getStatus()).toBe(401);
    expect(request.user).toBeUndefined();
  });

  it('lets a valid token through and puts the user on the request, with the grants the service holds for them', async () => {
    const request = bearer(await tokenFor());
    await expect(guard.canActivate(httpContext(request, RosterController, list))).resolves.toBe(true);
    expect(request.user).toBeInstanceOf(AuthenticatedUser);
    expect(request.user?.id).toBe('user-1');
    expect(request.user?.grants).toEqual(['110000001A']);
  });

  it('never takes grants from the token: a `grants` claim is ignored', async () => {
    const forged = await new SignJWT({ name: 'Eve', roles: ['provider'], grants: ['110000009A'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eve')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const request = bearer(forged);
    await expect(guard.canActivate(httpContext(request, RosterController, list))).resolves.toBe(true);
    expect(request.user?.grants).toEqual([]);
    expect(request.user?.canActForLocation('110000009A')).toBe(false);
  });

  it('asks for the grants of provider users only (back office acts for every group)', async () => {
    grants.asked.length = 0;
    await guard.canActivate(httpContext(bearer(await tokenFor({ sub: 'analyst', roles: ['back-office'] })), RosterController, list));
    await guard.canActivate(httpContext(bearer(await tokenFor({ sub: 'user-1' })), RosterController, list));
    expect(grants.asked).toEqual(['user-1']);
  });

  it('refuses a role the route does not allow with 403', async () => {
    const request = bearer(await tokenFor({ roles: ['provider'] }));
    const error = await rejection(guard.canActivate(httpContext(request, RosterController, RosterController.prototype.decide)));
    expect(error).toBeInstanceOf(ForbiddenException);
    expect(error.getStatus()).toBe(403);
  });

  it('lets any one of the required roles through', async () => {
    const decide = RosterController.prototype.decide;
    for (const roles of [['back-office'], ['admin'], ['provider', 'back-office']] as const) {
      const request = bearer(await tokenFor({ roles: [...roles] }));
      await expect(guard.canActivate(httpContext(request, RosterController, decide))).resolves.toBe(true);
      expect(request.user?.roles).toEqual(roles);
    }
  });

  it('refuses back office on an admin-only route with 403', async () => {
    const request = bearer(await tokenFor({ roles: ['back-office'] }));
    const error = await rejection(
      guard.canActivate(httpContext(request, RosterController, RosterController.prototype.closeHoliday)),
    );
    expect(error.getStatus()).toBe(403);
  });

  it('applies a class-level role requirement, and a handler-level one overrides it', async () => {
    const backOffice = bearer(await tokenFor({ roles: ['back-office'] }));
    const error = await rejection(guard.canActivate(httpContext(backOffice, AdminController, AdminController.prototype.settings)));
    expect(error.getStatus()).toBe(403);
    await expect(
      guard.canActivate(httpContext(bearer(await tokenFor({ roles: ['back-office'] })), AdminController, AdminController.prototype.report)),
    ).resolves.toBe(true);
  });

  it('checks the token before the role: a bad token on a role-restricted route is 401, not 403', async () => {
    const error = await rejection(
      guard.canActivate(httpContext({ headers: {} }, RosterController, RosterController.prototype.decide)),
    );
    expect(error.getStatus()).toBe(401);
  });

  it('lets a public route through without a token', async () => {
    const request: FakeRequest = { headers: {} };
    await expect(guard.canActivate(httpContext(request, RosterController, RosterController.prototype.template))).resolves.toBe(
      true,
    );
    expect(request.user).toBeUndefined();
  });

  it('lets every route of a public controller through without a token', async () => {
    await expect(
      guard.canActivate(httpContext({ headers: {} }, HealthController, HealthController.prototype.check)),
    ).resolves.toBe(true);
  });

  it('leaves non-HTTP contexts (Kafka handlers) alone', async () => {
    await expect(guard.canActivate(httpContext({ headers: {} }, RosterController, list, 'rpc'))).resolves.toBe(true);
  });
});
