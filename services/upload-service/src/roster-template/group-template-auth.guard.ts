import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidTokenError, TokenVerifier } from '@rosterlink/auth';

/**
 * The template is public, but the template of one group (`?groupId=`) is not: for that request a bearer token is
 * required and checked as on every other route, and the caller becomes `request.user`. 401 without a valid token.
 */
@Injectable()
export class GroupTemplateAuthGuard implements CanActivate {
  constructor(private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    if (request.query['groupId'] === undefined) return true;
    const [scheme, token] = String(request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedException('A bearer token is required');
    try {
      request.user = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}
