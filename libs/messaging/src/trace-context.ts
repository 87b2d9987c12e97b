import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/), version 00: the `traceparent` (contracts' TRACEPARENT_HEADER) that
 * follows one piece of work from its HTTP request through the outbox, Kafka, the consumer and
 * BullMQ, and the trace id every log line carries. Only the ids are kept: no spans are recorded
 * or exported.
 *
 * It lives here, in the lowest Node library the HTTP side (libs/platform) and the messaging side
 * share, so that both read and write the same context.
 */
export interface TraceContext {
  /** 32 lowercase hex digits, not all zero: the same at every hop. */
  traceId: string;
  /** 16 lowercase hex digits, not all zero: this hop's own id (its parent-id to the next hop). */
  spanId: string;
  /** The trace-flags byte; bit 0 is "sampled". */
  flags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Reads a `traceparent` strictly: lowercase hex only, no all-zero trace or parent id, version
 * `ff` refused, version 00 exactly four fields. A later version is read by its first four fields
 * when what follows them starts with a dash (as the specification asks). `undefined` for anything
 * else, so that the caller starts a new trace instead of continuing garbage.
 */
export function parseTraceparent(value: unknown): TraceContext | undefined {
  if (typeof value !== 'string' || value.length > 512) return undefined;
  const match = TRACEPARENT.exec(value);
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff') return undefined;
  if (version === '00' && rest !== undefined) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, flags: parseInt(flags, 16) };
}

/** The version-00 `traceparent` of `context`. */
export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${(context.flags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * Random bytes drawn 4 KiB at a time: a consumer starts a span for every event it handles, and
 * one call to the system's generator per id cost ~4% of a consumer's thread (as randomUUID pools).
 */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomPoolOffset = 0;

function randomHex(bytes: number): string {
  for (;;) {
    if (randomPoolOffset + bytes > randomPool.length) {
      randomPool = randomBytes(RANDOM_POOL_BYTES);
      randomPoolOffset = 0;
    }
    const hex = randomPool.toString('hex', randomPoolOffset, (randomPoolOffset += bytes));
    if (!/^0+$/.test(hex)) return hex;
  }
}

/** A new trace: fresh ids, sampled (nothing samples here; downstream may). */
export function newTrace(): TraceContext {
  return { traceId: randomHex(16), spanId: randomHex(8), flags: 1 };
}

/** The next hop of `parent`'s trace: the same trace id and flags, a new span id. */
export function childOf(parent: TraceContext): TraceContext {
  return { traceId: parent.traceId, spanId: randomHex(8), flags: parent.flags };
}

/** The child of the `traceparent` received, or a new trace when there is none or it is invalid. */
export function continueTrace(traceparent: unknown): TraceContext {
  const parent = parseTraceparent(traceparent);
  return parent ? childOf(parent) : newTrace();
}

const storage = new AsyncLocalStorage<TraceContext>();

/** The trace of the work under way (an HTTP request, a consumed event, a job), if any. */
export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) within `context`; `undefined` runs it outside any trace. */
export function runInTrace<R>(context: TraceContext | undefined, fn: () => R): R {
  return context ? storage.run(context, fn) : storage.exit(fn);
}

/**
 * The `traceparent` to put on a message or job sent now: a new span of the current trace (the
 * message is the next hop), or `undefined` outside any trace.
 */
export function outgoingTraceparent(): string | undefined {
  const current = currentTrace();
  return current ? formatTraceparent(childOf(current)) : undefined;
}

/** `task`, bound to the current trace: wherever it runs later, it runs within it. */
export function bindToCurrentTrace<A extends unknown[], R>(task: (...args: A) => R): (...args: A) => R {
  const context = currentTrace();
  return (...args: A) => runInTrace(context, () => task(...args));
}
