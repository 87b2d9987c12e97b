import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind } from 'bullmq';
import { currentTrace, formatTraceparent, parseTraceparent, runInTrace, TraceContext } from '@rosterlink/messaging';
import { jobTraceTelemetry, TraceContextMiddleware } from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

function request(traceparent?: string | string[]) {
  const headers: Record<string, string> = {};
  const req = { headers: traceparent === undefined ? {} : { traceparent } } as unknown as IncomingMessage;
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  let within: TraceContext | undefined;
  new TraceContextMiddleware().use(req, res, () => (within = currentTrace()));
  return { within: within!, responseHeader: headers.traceparent };
}

describe('TraceContextMiddleware', () => {
  it('continues the request\'s trace as a new span, and says so in the response', () => {
    const { within, responseHeader } = request(TRACEPARENT);
    expect(within.traceId).toBe(TRACE_ID);
    expect(within.spanId).not.toBe('00f067aa0ba902b7');
    expect(responseHeader).toBe(formatTraceparent(within));
  });

  it.each([
    ['no header', undefined],
    ['garbage', 'garbage'],
    ['uppercase', TRACEPARENT.toUpperCase()],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['a repeated header', [TRACEPARENT, TRACEPARENT]],
  ])('starts a new trace on %s', (_, header) => {
    const { within, responseHeader } = request(header);
    expect(within.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(within.traceId).not.toBe(TRACE_ID);
    expect(parseTraceparent(responseHeader)).toEqual(within);
  });
});

describe('jobTraceTelemetry', () => {
  const { tracer, contextManager } = jobTraceTelemetry;
  const parent = parseTraceparent(TRACEPARENT)!;

  it('serializes the context a job is added in, as a traceparent, and nothing outside a trace', () => {
    const added = tracer.startSpan('add', { kind: SpanKind.PRODUCER }).setSpanOnContext(parent);
    const metadata = contextManager.getMetadata(added);
    expect(parseTraceparent(metadata)?.traceId).toBe(TRACE_ID);
    expect(tracer.startSpan('add', { kind: SpanKind.PRODUCER }).setSpanOnContext(undefined)).toBeUndefined();
    expect(contextManager.getMetadata(undefined)).toBe('');
  });

  it('restores it where the job runs, and starts a new trace for a job that has none', () => {
    const restored = contextManager.fromMetadata(undefined, formatTraceparent(parent));
    const processing = tracer.startSpan('process', { kind: SpanKind.CONSUMER }).setSpanOnContext(restored);
    expect(processing?.traceId).toBe(TRACE_ID);
    expect(contextManager.with(processing, () => currentTrace())).toBe(processing);
    const fresh = tracer.startSpan('process', { kind: SpanKind.CONSUMER }).setSpanOnContext(contextManager.fromMetadata(undefined, 'garbage'));
    expect(fresh?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh?.traceId).not.toBe(TRACE_ID);
  });

  it('detaches background loops from the active trace', () => {
    runInTrace(parent, () => {
      expect(contextManager.active()).toBe(parent);
      expect(contextManager.with(contextManager.root!(), () => currentTrace())).toBeUndefined();
    });
  });
});
