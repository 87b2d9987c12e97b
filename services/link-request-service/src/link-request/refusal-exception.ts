import { ConflictException, ForbiddenException, HttpException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Refusal } from './link-request.rules';

/** The HTTP answer to a refused command: 404, 403, 422 naming the field, or 409 (with the request's status when there is one). */
export function refusalException(refusal: Refusal): HttpException {
  switch (refusal.kind) {
    case 'NOT_FOUND':
      return new NotFoundException(refusal.message);
    case 'FORBIDDEN':
      return new ForbiddenException(refusal.message);
    case 'INVALID':
      return new UnprocessableEntityException({
        message: refusal.message,
        details: [{ field: refusal.field, message: refusal.detail ?? refusal.message }],
      });
    case 'CONFLICT':
      return new ConflictException(refusal.status ? { message: refusal.message, status: refusal.status } : refusal.message);
  }
}
