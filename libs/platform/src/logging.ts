import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { currentTrace } from '@rosterlink/messaging';
import { Params } from 'nestjs-pino';
import type { ServiceConfig } from './service-config';

/** The fields every log line written within a trace carries: its trace id and the current span. */
export function traceFields(): { traceId?: string; spanId?: string } {
  const trace = currentTrace();
  return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
}

/**
 * JSON logs, one line each, with a request id, and the trace id (`traceId`, `spanId`) of the
 * request, consumed event or job the line is written for. Only the method, the path without its query
 * string and the status are logged: query strings and bodies can carry names, NPIs and dates.
 */
export function loggingParams(serviceName: string, config: ServiceConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: serviceName },
      mixin: traceFields,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)\b/.test(req.url ?? '') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  };
}
