import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BACK_OFFICE_ROLES, RequireRoles } from '@rosterlink/auth';

/**
 * A back-office action on one link request (`:requestId`): back office or admins only, and the answers every such
 * route shares (a request id that is not a UUID, no token, another role, no such request). `badRequest` says what
 * else of the call may be malformed.
 */
export function BackOfficeRequestAction(badRequest = 'the request id is not a UUID'): MethodDecorator {
  return applyDecorators(
    RequireRoles(...BACK_OFFICE_ROLES),
    ApiBadRequestResponse({ description: badRequest }),
    ApiUnauthorizedResponse({ description: 'no valid bearer token' }),
    ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' }),
    ApiNotFoundResponse({ description: 'no such request' }),
  );
}
