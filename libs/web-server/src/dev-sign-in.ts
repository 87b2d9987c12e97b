import { plainToInstance } from 'class-transformer';
import { IsString, Length, validateSync } from 'class-validator';
import { signDevelopmentToken, TokenClaims } from '@rosterlink/auth';
import { Role, ROLES } from '@rosterlink/contracts';
import { requestValueProblems } from '@rosterlink/platform';

/** The body of `POST /api/dev-sign-in`. */
export class DevSignInRequest {
  @IsString() @Length(1, 200) sub: string;
}

/** A field-level problem, in the services' error `details` shape. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The request checked like every service's DTOs (unknown fields refused); the problems when it is not right. */
export function checkSignInRequest(body: unknown): DevSignInRequest | FieldProblem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: '', message: 'the body must be a JSON object' }];
  // The request limits every service applies before its DTOs (prototype keys, nesting, NUL).
  const hostile = requestValueProblems(body, '');
  if (hostile.length > 0) return hostile.map((p) => ({ field: p.field ?? '', message: p.message }));
  const request = plainToInstance(DevSignInRequest, body);
  const errors = validateSync(request, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return request;
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
}

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
      u.roles.every((r: unknown) => ROLES.includes(r as Role));
    if (!ok) throw new Error(`DEV_SIGN_IN_USERS[${i}] needs sub, name and roles (known roles)`);
    // Any `grants` listed are ignored: access is granted in access-service, never carried by the token.
    return { sub: u.sub, name: u.name, roles: u.roles, description: String(u.description ?? '') };
  });
}

/** The local sign-in: pick a demo user, get the token the services accept. Never on in production. */
export class DevSignIn {
  constructor(
    private readonly users: readonly DemoUser[],
    private readonly secret: string,
  ) {}

  list(): DemoUser[] {
    return this.users.map(({ sub, name, roles, description }) => ({ sub, name, roles, description }));
  }

  async signIn(sub: string): Promise<string | undefined> {
    const user = this.users.find((u) => u.sub === sub);
    if (!user) return undefined;
    return signDevelopmentToken(this.secret, { sub: user.sub, name: user.name, roles: [...user.roles] }, '8h');
  }
}
