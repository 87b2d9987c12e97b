import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Authenticator } from '@rosterlink/auth';

/**
 * The template is public, but the template of one group (`?groupId=`) is not: for that request a bearer token is
 * required and checked as on every other route, and the caller becomes `request.user`. 401 without a valid token.
 */
@Injectable()
export class GroupTemplateAuthGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    if (request.query['groupId'] !== undefined) request.user = await this.authenticator.authenticate(request.headers.authorization);
    return true;
  }
}
