import {
  bindToCurrentTrace,
  childOf,
  continueTrace,
  currentTrace,
  formatTraceparent,
  newTrace,
  outgoingTraceparent,
  parseTraceparent,
  runInTrace,
} from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const VALID = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('parseTraceparent', () => {
  it('reads a valid version-00 header', () => {
    expect(parseTraceparent(VALID)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, flags: 1 });
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, flags: 0 });
  });

  it('reads a later version by its first four fields, and only when what follows is dash-separated', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-01`)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, flags: 1 });
    expect(parseTraceparent(`cc-${TRACE_ID}-${SPAN_ID}-01-what-comes-next`)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, flags: 1 });
    expect(parseTraceparent(`cc-${TRACE_ID}-${SPAN_ID}-01x`)).toBeUndefined();
  });

  it.each([
    ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['version 00 with more fields', `00-${TRACE_ID}-${SPAN_ID}-01-extra`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['uppercase hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['an uppercase version', `0A-${TRACE_ID}-${SPAN_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['a long parent id', `00-${TRACE_ID}-${SPAN_ID}0-01`],
    ['a non-hex digit', `00-${TRACE_ID.slice(1)}g-${SPAN_ID}-01`],
    ['one-digit flags', `00-${TRACE_ID}-${SPAN_ID}-1`],
    ['surrounding spaces', ` ${VALID} `],
    ['another separator', VALID.replace(/-/g, '_')],
    ['the empty string', ''],
    ['garbage', 'not a trace'],
    ['a very long value', `01-${TRACE_ID}-${SPAN_ID}-01-${'a'.repeat(600)}`],
  ])('refuses %s', (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('refuses what is not a string (a repeated header, say)', () => {
    expect(parseTraceparent(undefined)).toBeUndefined();
    expect(parseTraceparent([VALID, VALID])).toBeUndefined();
  });
});

describe('formatTraceparent', () => {
  it('writes version 00 with two-digit flags, and reads back', () => {
    expect(formatTraceparent({ traceId: TRACE_ID, spanId: SPAN_ID, flags: 1 })).toBe(VALID);
    expect(formatTraceparent({ traceId: TRACE_ID, spanId: SPAN_ID, flags: 0 })).toBe(`00-${TRACE_ID}-${SPAN_ID}-00`);
    const fresh = newTrace();
    expect(parseTraceparent(formatTraceparent(fresh))).toEqual(fresh);
  });
});

describe('newTrace, childOf and continueTrace', () => {
  it('makes valid, distinct ids', () => {
    const a = newTrace();
    const b = newTrace();
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.traceId).not.toBe(b.traceId);
  });

  it('makes distinct ids of the right length across many draws (its random pool refills)', () => {
    const traces = Array.from({ length: 1000 }, () => newTrace());
    const ids = traces.flatMap((t) => [t.traceId, t.spanId]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of traces) {
      expect(t.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(t.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('keeps the trace id and flags in a child, with a span id of its own', () => {
    const parent = { traceId: TRACE_ID, spanId: SPAN_ID, flags: 0 };
    const child = childOf(parent);
    expect(child.traceId).toBe(TRACE_ID);
    expect(child.flags).toBe(0);
    expect(child.spanId).not.toBe(SPAN_ID);
  });

  it('continues a valid header and starts anew on garbage or absence', () => {
    expect(continueTrace(VALID).traceId).toBe(TRACE_ID);
    expect(continueTrace(VALID).spanId).not.toBe(SPAN_ID);
    expect(continueTrace('garbage').traceId).not.toBe(TRACE_ID);
    expect(continueTrace(undefined).traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the current trace', () => {
  it('is the one run in, across awaits, and none outside', async () => {
    expect(currentTrace()).toBeUndefined();
    const context = parseTraceparent(VALID)!;
    await runInTrace(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTrace()).toBe(context);
      runInTrace(undefined, () => expect(currentTrace()).toBeUndefined());
    });
    expect(currentTrace()).toBeUndefined();
  });

  it('gives an outgoing traceparent of the same trace with a new span, none outside a trace', () => {
    expect(outgoingTraceparent()).toBeUndefined();
    const outgoing = runInTrace(parseTraceparent(VALID), () => outgoingTraceparent());
    expect(parseTraceparent(outgoing)?.traceId).toBe(TRACE_ID);
    expect(parseTraceparent(outgoing)?.spanId).not.toBe(SPAN_ID);
  });

  it('binds a task to the trace it was made in', () => {
    const context = parseTraceparent(VALID)!;
    const task = runInTrace(context, () => bindToCurrentTrace(() => currentTrace()));
    expect(task()).toBe(context);
  });
});
