import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '@rosterlink/contracts';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC = 'rosterlink:public';
export const REQUIRED_ROLES = 'rosterlink:roles';

/** No token needed: health, metrics, the roster template, API docs. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs one of these roles, otherwise 403. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const BACK_OFFICE_ROLES: Role[] = ['back-office', 'admin'];

/** The authenticated caller of this request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
