import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

/**
 * The client errors of an operation on a PID/SL whose access the caller manages (its Primary User,
 * back office or admin): `badRequest` says what input may be malformed.
 */
export function ManagedLocationErrors(badRequest: string): MethodDecorator {
  return applyDecorators(
    ApiBadRequestResponse({ description: badRequest }),
    ApiUnauthorizedResponse({ description: 'no valid bearer token' }),
    ApiNotFoundResponse({ description: 'no such PID/SL, or the caller is neither its Primary User nor back office' }),
  );
}
