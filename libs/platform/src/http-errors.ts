import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  ArgumentMetadata,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { Response } from 'express';
import { Observable, throwError } from 'rxjs';
import { refuseHostileValue } from './request-limits';

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
    const clientError = clientErrorOf(exception);
    if (clientError) {
      response.status(clientError.status).json({ statusCode: clientError.status, error: STATUS_CODES[clientError.status], message: clientError.message });
      return;
    }
    const frames = String((exception as Error)?.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
    this.logger.error({
      msg: 'Unhandled error',
      errorType: (exception as Error)?.name,
      errorMessage: redactedMessage(exception),
      stack: frames.join('\n'),
    });
    response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'An unexpected error occurred' });
  }
}

/** What the body parser (http-errors) and PostgreSQL say of a request they could not take. */
interface FrameworkError {
  status?: unknown;
  type?: unknown;
  limit?: unknown;
  code?: unknown;
  driverError?: { code?: unknown };
}

/**
 * A 4xx for errors that are the request's fault but are not HttpExceptions: the body parser's
 * (too large, not JSON, unsupported charset, client gone) and PostgreSQL's data exceptions
 * (SQLSTATE class 22: a value out of range or malformed), the last line of defence behind the DTOs.
 */
export function clientErrorOf(exception: unknown): { status: number; message: string } | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const error = exception as FrameworkError;
  const status = typeof error.status === 'number' ? error.status : undefined;
  if (status !== undefined && status >= 400 && status < 500 && typeof error.type === 'string') {
    switch (error.type) {
      case 'entity.too.large':
        return { status: 413, message: `The request body is larger than the limit of ${error.limit} bytes` };
      case 'entity.parse.failed':
        return { status: 400, message: 'The request body is not valid JSON' };
      case 'request.aborted':
        return { status: 400, message: 'The request was aborted before its body was complete' };
      case 'charset.unsupported':
        return { status: 415, message: 'The request body must be UTF-8 JSON' };
      case 'encoding.unsupported':
        return { status: 415, message: 'The request body must be sent uncompressed (no Content-Encoding)' };
      default:
        return { status, message: STATUS_CODES[status] ?? 'The request is not valid' };
    }
  }
  const sqlState = error.driverError?.code ?? error.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
    return { status: 400, message: 'A value in the request is malformed or out of range' };
  }
  return undefined;
}

/**
 * An error's message for the log, without what it may quote of the request: quoted values and
 * runs of digits (NPIs, PIDs, dates) are masked, and it is cut to 300 characters.
 */
export function redactedMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/\d{3,}/g, '#')
    .slice(0, 300);
}

/**
 * class-validator on every DTO: unknown fields are refused, each problem named in `details`.
 * Before the DTO, the value meets the request limits (nesting, prototype keys, NUL characters).
 */
class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({ message: 'The request is not valid', details: validationDetails(errors) }),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // `custom` parameters (the signed-in user) are the server's, not the client's.
    if (metadata.type !== 'custom') refuseHostileValue(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    return super.transform(value, metadata);
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}

export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}
