import 'reflect-metadata';
import {
  ArgumentsHost,
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ContextType } from '@nestjs/common/interfaces';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested, validate } from 'class-validator';
import { firstValueFrom, isObservable, Observable } from 'rxjs';
import { clientErrorOf, ErrorDetail, ErrorResponseFilter, redactedMessage, strictValidationPipe, validationDetails } from './http-errors';

/** Records what the filter writes, as an Express response would carry it. */
class ResponseRecorder {
  statusCode?: number;
  body?: Record<string, unknown>;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  json(body: Record<string, unknown>): this {
    this.body = body;
    return this;
  }
}

function unused(): never {
  throw new Error('not used by the filter');
}

function argumentsHost(type: ContextType, response = new ResponseRecorder()): ArgumentsHost {
  return {
    getType: <T extends string = ContextType>() => type as T,
    getArgs: <T extends unknown[] = unknown[]>() => [] as unknown as T,
    getArgByIndex: <T = unknown>() => undefined as T,
    switchToHttp: () => ({ getRequest: unused, getResponse: <T = unknown>() => response as T, getNext: unused }),
    switchToRpc: unused,
    switchToWs: unused,
  };
}

function respond(exception: unknown): ResponseRecorder {
  const response = new ResponseRecorder();
  const result = new ErrorResponseFilter().catch(exception, argumentsHost('http', response));
  expect(result).toBeUndefined();
  return response;
}

class AddressDto {
  @IsString() @Length(1, 100) line1: string;
  @Matches(/^\d{5}$/) zip: string;
}

class LocationDto {
  @Matches(/^[A-Z]$/) sl: string;
}

class CreateGroupDto {
  @IsString() @Length(1, 50) name: string;
  @IsInt() @Min(0) practitioners: number;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) dbaAddress?: AddressDto;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => LocationDto) serviceLocations?: LocationDto[];
}

describe('ErrorResponseFilter (http)', () => {
  beforeEach(() => {
    // The filter logs unhandled errors; keep the test output quiet (the logger is not under test).
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [new NotFoundException('No such case'), 404, 'Not Found', 'No such case'],
    [new UnauthorizedException('A bearer token is required'), 401, 'Unauthorized', 'A bearer token is required'],
    [new ForbiddenException('Back office only'), 403, 'Forbidden', 'Back office only'],
    [new ConflictException('Same file while its case is open'), 409, 'Conflict', 'Same file while its case is open'],
    [new PayloadTooLargeException('Over 10 MB'), 413, 'Payload Too Large', 'Over 10 MB'],
  ])('answers %p with { statusCode, error, message }', (exception, statusCode, error, message) => {
    const response = respond(exception);
    expect(response.statusCode).toBe(statusCode);
    expect(response.body).toEqual({ statusCode, error, message });
  });

  it('keeps details when given', () => {
    const details: ErrorDetail[] = [
      { column: 'NPI', message: 'unknown header' },
      { column: 'Zip', message: 'unknown header' },
    ];
    const response = respond(new UnprocessableEntityException({ message: 'Not the roster template', details }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toEqual({
      statusCode: 422,
      error: expect.any(String),
      message: 'Not the roster template',
      details,
    });
  });

  // Same status, same `error` label, however the exception was built: `new NotFoundException()`,
  // or an object body such as the one that carries `details` (strictValidationPipe's own 400s).
  it('labels a status the same whether the exception carries a message string, an object or nothing', () => {
    const errorOf = (exception: HttpException) => respond(exception).body?.['error'];
    expect(errorOf(new UnprocessableEntityException({ message: 'Not the roster template', details: [] }))).toBe(
      'Unprocessable Entity',
    );
    expect(errorOf(new BadRequestException({ message: 'The request is not valid', details: [] }))).toBe('Bad Request');
    expect(errorOf(new NotFoundException())).toBe('Not Found');
    expect(errorOf(new HttpException('Slow down', HttpStatus.TOO_MANY_REQUESTS))).toBe('Too Many Requests');
  });

  it('leaves details out when none are given', () => {
    expect(respond(new NotFoundException('gone')).body).not.toHaveProperty('details');
  });

  it('joins an array message of a BadRequestException', () => {
    const response = respond(new BadRequestException(['name must be a string', 'limit must not be greater than 1000']));
    expect(response.statusCode).toBe(400);
    expect(response.body?.['error']).toBe('Bad Request');
    const message = response.body?.['message'];
    expect(typeof message).toBe('string');
    expect(message).toContain('name must be a string');
    expect(message).toContain('limit must not be greater than 1000');
  });

  it('answers a plain HttpException with a string body', () => {
    const response = respond(new HttpException('Slow down', HttpStatus.TOO_MANY_REQUESTS));
    expect(response.statusCode).toBe(429);
    expect(response.body?.['statusCode']).toBe(429);
    expect(response.body?.['message']).toBe('Slow down');
    expect(typeof response.body?.['error']).toBe('string');
  });

  it('answers an unknown error with 500 and a generic message that does not repeat it', () => {
    const response = respond(new Error('duplicate key: NPI 1234567893 for Ana Souza'));
    expect(response.statusCode).toBe(500);
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: expect.any(String),
    });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('1234567893');
    expect(text).not.toContain('Ana Souza');
    expect(text).not.toContain('duplicate key');
  });

  it('logs an unhandled error with its message, masking quoted values and digit runs', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    respond(new Error('invalid input syntax for type date: "2026-02-30" (npi 1234567893)'));
    const entry = log.mock.calls.at(-1)?.[0] as Record<string, string>;
    expect(entry['errorMessage']).toBe('invalid input syntax for type date: "…" (npi #)');
    expect(JSON.stringify(entry)).not.toContain('1234567893');
  });

  it.each([
    [{ status: 413, type: 'entity.too.large', limit: 102400, expose: true }, 413, /larger than the limit of 102400 bytes/],
    [{ status: 400, type: 'entity.parse.failed', expose: true }, 400, /not valid JSON/],
    [{ status: 415, type: 'charset.unsupported', expose: true }, 415, /UTF-8/],
    [{ status: 400, type: 'request.aborted', expose: true }, 400, /aborted/],
    [{ driverError: { code: '22008' }, name: 'QueryFailedError' }, 400, /malformed or out of range/],
    [{ code: '22021', name: 'error' }, 400, /malformed or out of range/],
  ])('answers the request\'s own fault %j with %i, not 500', (error, status, message) => {
    const response = respond(Object.assign(new Error('x'), error));
    expect(response.statusCode).toBe(status);
    expect(response.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.stringMatching(message) });
  });

  it('masks what an error message may quote of a request, and cuts it short', () => {
    expect(redactedMessage(new Error(`duplicate key value violates unique constraint "pk" for 'Souza' 110000001A`))).toBe(
      'duplicate key value violates unique constraint "…" for "…" #A',
    );
    expect(redactedMessage('x'.repeat(1000))).toHaveLength(300);
  });

  it('keeps a server fault (a PostgreSQL error outside class 22) a 500', () => {
    expect(clientErrorOf(Object.assign(new Error('x'), { driverError: { code: '23505' } }))).toBeUndefined();
    expect(clientErrorOf(Object.assign(new Error('x'), { status: 500, type: 'stream.encoding.set' }))).toBeUndefined();
  });

  it('answers something thrown that is not an Error with 500', () => {
    expect(respond('a thrown string').statusCode).toBe(500);
    expect(respond(undefined).statusCode).toBe(500);
  });
});

describe('ErrorResponseFilter (rpc)', () => {
  it.each([[new Error('database down')], [new BadRequestException('bad')], [{ code: 'ECONNREFUSED' }]])(
    'rethrows %p untouched through an Observable',
    async (exception) => {
      const response = new ResponseRecorder();
      const result = new ErrorResponseFilter().catch(exception, argumentsHost('rpc', response));
      expect(isObservable(result)).toBe(true);
      await expect(firstValueFrom(result as Observable<never>)).rejects.toBe(exception);
      expect(response.statusCode).toBeUndefined();
    },
  );
});

describe('validationDetails', () => {
  it('names top-level fields', async () => {
    const dto = Object.assign(new CreateGroupDto(), { name: '', practitioners: -1 });
    const details = validationDetails(await validate(dto));
    expect(details.map((d) => d.field).sort()).toEqual(['name', 'practitioners']);
    for (const detail of details) expect(detail.message).toEqual(expect.any(String));
  });

  it('flattens nested errors into dotted paths', async () => {
    const dto = Object.assign(new CreateGroupDto(), {
      name: 'Harbor',
      practitioners: 3,
      dbaAddress: Object.assign(new AddressDto(), { line1: '12 Water St', zip: '2109' }),
      serviceLocations: [
        Object.assign(new LocationDto(), { sl: 'A' }),
        Object.assign(new LocationDto(), { sl: 'bb' }),
      ],
    });
    const details = validationDetails(await validate(dto));
    expect(details.map((d) => d.field).sort()).toEqual(['dbaAddress.zip', 'serviceLocations.1.sl']);
  });

  it('gives one detail per failed constraint', async () => {
    const dto = Object.assign(new CreateGroupDto(), { name: 'Harbor', practitioners: 'three' });
    const details = validationDetails(await validate(dto));
    // IsInt and Min both fail on a string.
    expect(details.filter((d) => d.field === 'practitioners')).toHaveLength(2);
  });

  it('gives nothing for a valid object', async () => {
    const dto = Object.assign(new CreateGroupDto(), { name: 'Harbor', practitioners: 0 });
    expect(validationDetails(await validate(dto))).toEqual([]);
  });
});

describe('strictValidationPipe', () => {
  const pipe = strictValidationPipe();
  const body = { type: 'body' as const, metatype: CreateGroupDto, data: '' };

  async function refusal(value: unknown): Promise<BadRequestException> {
    try {
      await pipe.transform(value, body);
    } catch (error) {
      if (error instanceof BadRequestException) return error;
      throw error;
    }
    throw new Error('the pipe accepted the value');
  }

  function detailsOf(error: BadRequestException): ErrorDetail[] {
    return (error.getResponse() as { details: ErrorDetail[] }).details;
  }

  it('passes a valid body through as an instance of the DTO', async () => {
    const result = await pipe.transform({ name: 'Harbor', practitioners: 2 }, body);
    expect(result).toBeInstanceOf(CreateGroupDto);
    expect(result).toEqual(Object.assign(new CreateGroupDto(), { name: 'Harbor', practitioners: 2 }));
  });

  it('refuses an unknown field, naming it', async () => {
    const error = await refusal({ name: 'Harbor', practitioners: 2, isAdmin: true });
    expect(detailsOf(error).map((d) => d.field)).toEqual(['isAdmin']);
  });

  it('refuses an unknown field of a nested object, naming its path', async () => {
    const error = await refusal({ name: 'Harbor', practitioners: 2, dbaAddress: { line1: 'x', zip: '02109', extra: 1 } });
    expect(detailsOf(error).map((d) => d.field)).toEqual(['dbaAddress.extra']);
  });

  it('refuses a wrong type, naming the field', async () => {
    const error = await refusal({ name: 'Harbor', practitioners: 'two' });
    expect(new Set(detailsOf(error).map((d) => d.field))).toEqual(new Set(['practitioners']));
  });

  it.each([['__proto__'], ['constructor'], ['prototype']])('refuses a field named %s like any unknown field', async (key) => {
    const top = JSON.parse(`{"name":"Harbor","practitioners":2,"${key}":{"isAdmin":true}}`);
    expect(detailsOf(await refusal(top)).map((d) => d.field)).toEqual([key]);
    const nested = JSON.parse(`{"name":"Harbor","practitioners":2,"dbaAddress":{"line1":"x","zip":"02109","${key}":1}}`);
    expect(detailsOf(await refusal(nested)).map((d) => d.field)).toEqual([`dbaAddress.${key}`]);
    const fields = Object.assign(Object.create(null), { name: 'Harbor', practitioners: '2', [key]: 'x' });
    expect(detailsOf(await refusal(fields)).map((d) => d.field)).toEqual([key]);
  });

  it('refuses a value nested 10,000 levels deep with a 400, without overflowing the stack', async () => {
    const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000));
    const error = await refusal({ name: 'Harbor', practitioners: 2, dbaAddress: deep });
    expect(detailsOf(error)[0].message).toMatch(/nested more than 16 levels/);
  });

  it('refuses a NUL character in any string or key, also in a query', async () => {
    expect(detailsOf(await refusal({ name: 'Har\u0000bor', practitioners: 2 }))).toEqual([{ field: 'name', message: 'must not contain a NUL character' }]);
    await expect(pipe.transform({ search: '\u0000' }, { type: 'query', metatype: Object, data: '' })).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform('a\u0000', { type: 'param', metatype: String, data: 'caseNumber' })).rejects.toBeInstanceOf(BadRequestException);
  });

  it('produces a 400 that the filter answers with details', async () => {
    const response = respond400(await refusal({ name: 42, practitioners: 1, color: 'red' }));
    expect(response.statusCode).toBe(400);
    expect(response.body?.['statusCode']).toBe(400);
    expect(response.body?.['error']).toEqual(expect.any(String));
    expect(response.body?.['message']).toBe('The request is not valid');
    const fields = (response.body?.['details'] as ErrorDetail[]).map((d) => d.field);
    expect(fields).toContain('color');
    expect(fields).toContain('name');
  });

  function respond400(exception: BadRequestException): ResponseRecorder {
    const response = new ResponseRecorder();
    new ErrorResponseFilter().catch(exception, argumentsHost('http', response));
    return response;
  }
});
