import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Response } from 'express';
import { Observable, throwError } from 'rxjs';

/** One field- or row-level problem in an error response's `details`. */
export interface ErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  code?: string;
  message: string;
}

/**
 * Every HTTP error leaves as `{ statusCode, error, message, details? }` (CONTRACT.md).
 * Errors of Kafka handlers are rethrown untouched, so the consumer can tell an outage
 * (retry) from a bad message (dead-letter).
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const fields = typeof body === 'object' ? (body as Record<string, unknown>) : { message: body };
      const message = Array.isArray(fields['message']) ? fields['message'].join('; ') : fields['message'];
      response.status(status).json({
        statusCode: status,
        error: typeof fields['error'] === 'string' ? fields['error'] : (STATUS_CODES[status] ?? 'Error'),
        message: message ?? exception.message,
        ...(fields['details'] ? { details: fields['details'] } : {}),
        ...Object.fromEntries(Object.entries(fields).filter(([k]) => !['statusCode', 'error', 'message', 'details'].includes(k))),
      });
      return;
    }
    // Logged by type and stack frames only: an error's message can quote the data that caused it.
    const frames = String((exception as Error)?.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
    this.logger.error({ msg: 'Unhandled error', errorType: (exception as Error)?.name, stack: frames.join('\n') });
    response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'An unexpected error occurred' });
  }
}

/** class-validator on every DTO: unknown fields are refused, each problem named in `details`. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'The request is not valid', details: validationDetails(errors) }),
  });
}

export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}
