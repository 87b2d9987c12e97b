import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@rosterlink/contracts';
import { Authenticator } from './authenticator';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/** Every HTTP request carries a valid bearer token unless its route is `@Public()`; `@RequireRoles` → 403. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    request.user = await this.authenticator.authenticate(request.headers.authorization);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => request.user.roles.includes(role))) {
      throw new ForbiddenException(`This action needs the role ${required.join(' or ')}`);
    }
    return true;
  }
}
