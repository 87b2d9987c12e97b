import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { SpanKind } from 'bullmq';
import type { ContextManager, Span, Telemetry, Tracer } from 'bullmq';
import { TRACEPARENT_HEADER } from '@rosterlink/contracts';
import { childOf, continueTrace, currentTrace, formatTraceparent, newTrace, parseTraceparent, runInTrace, TraceContext } from '@rosterlink/messaging';

/**
 * Every HTTP request runs within a trace: the one of its `traceparent` header (strictly W3C; this
 * request is a new span of it), or a new one when the header is absent or malformed. The response
 * says which in its own `traceparent` (the trace id, this hop's span id). The outbox, the Kafka
 * consumer, BullMQ and the logs read the trace from there (libs/messaging's trace-context).
 */
@Injectable()
export class TraceContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const trace = continueTrace(req.headers[TRACEPARENT_HEADER]);
    res.setHeader(TRACEPARENT_HEADER, formatTraceparent(trace));
    runInTrace(trace, next);
  }
}

type JobTrace = TraceContext | undefined;

function recordNothing(): void {
  // Ids only: no attributes, events, errors or timings are kept.
}

/** A span that records nothing: only the ids it puts on the context travel. */
class IdOnlySpan implements Span<JobTrace> {
  constructor(private readonly kind: SpanKind | undefined) {}

  setSpanOnContext(context: JobTrace): JobTrace {
    if (context) return childOf(context);
    // A job that arrived with no trace (added outside one, or by a job scheduler) starts its own.
    return this.kind === SpanKind.CONSUMER ? newTrace() : undefined;
  }

  readonly setAttribute = recordNothing;
  readonly setAttributes = recordNothing;
  readonly addEvent = recordNothing;
  readonly recordException = recordNothing;
  readonly end = recordNothing;
}

const tracer: Tracer<JobTrace> = {
  startSpan: (_name, options) => new IdOnlySpan(options?.kind),
};

const contextManager: ContextManager<JobTrace> = {
  with: (context, fn) => runInTrace(context, fn),
  active: () => currentTrace(),
  root: () => undefined,
  getMetadata: (context) => (context ? formatTraceparent(context) : ''),
  fromMetadata: (active, metadata) => parseTraceparent(metadata) ?? active,
};

/**
 * BullMQ's telemetry hook, used for trace propagation only (nothing is recorded or exported): a
 * job added within a trace carries a new span of it as its `opts.telemetry.metadata` (a
 * `traceparent`), and the worker runs the processor, and its failed/completed handlers, within a
 * child of it; a job without one runs in a new trace. Given to BullModule.forRoot, so every
 * queue and worker of a service has it.
 */
export const jobTraceTelemetry: Telemetry<JobTrace> = { tracer, contextManager };
