import { Writable } from 'node:stream';
import { runInTrace } from '@rosterlink/messaging';
import pinoHttp, { Options as PinoHttpOptions } from 'pino-http';
import { loggingParams } from './logging';
import type { ServiceConfig } from './service-config';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const params = loggingParams('test-service', { LOG_LEVEL: 'info' } as ServiceConfig);
  const { logger } = pinoHttp(params.pinoHttp as PinoHttpOptions, destination);
  return { logger, lines };
}

const TRACE = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', flags: 1 };

describe('loggingParams', () => {
  it('puts the trace id and span id on every line written within a trace, child loggers too', () => {
    const { logger, lines } = capturingLogger();
    runInTrace(TRACE, () => {
      logger.info('within');
      logger.child({ context: 'Handler' }).warn({ msg: 'child within' });
    });
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'within', service: 'test-service', traceId: TRACE.traceId, spanId: TRACE.spanId }),
      expect.objectContaining({ msg: 'child within', context: 'Handler', traceId: TRACE.traceId, spanId: TRACE.spanId }),
    ]);
  });

  it('writes no trace fields outside a trace', () => {
    const { logger, lines } = capturingLogger();
    logger.info('outside');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('traceId');
    expect(lines[0]).not.toHaveProperty('spanId');
  });
});
