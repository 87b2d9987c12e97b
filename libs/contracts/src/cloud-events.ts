/** CloudEvents 1.0 Kafka binary-mode attributes, as CONTRACT.md names them. */
export const CloudEventHeaders = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specVersion: 'ce_specversion',
  contentType: 'content-type',
} as const;

/**
 * W3C Trace Context's `traceparent` (`00-<trace id>-<parent id>-<flags>`), optional on every
 * message beside the CloudEvents headers: the trace of the request or job that caused the event,
 * with the producing hop's span as parent. Consumers continue that trace; one that is absent or
 * malformed starts a new one. Never part of the payload, and not a CloudEvents attribute.
 */
export const TRACEPARENT_HEADER = 'traceparent';

export interface CloudEventAttributes {
  id: string;
  /** Equals the topic name (without any test prefix). */
  type: string;
  source: string;
  time: string;
  /** Sent as the TRACEPARENT_HEADER when given. */
  traceparent?: string;
}

export function cloudEventHeaders(attributes: CloudEventAttributes): Record<string, string> {
  return {
    [CloudEventHeaders.id]: attributes.id,
    [CloudEventHeaders.type]: attributes.type,
    [CloudEventHeaders.source]: attributes.source,
    [CloudEventHeaders.time]: attributes.time,
    [CloudEventHeaders.specVersion]: '1.0',
    [CloudEventHeaders.contentType]: 'application/json',
    ...(attributes.traceparent ? { [TRACEPARENT_HEADER]: attributes.traceparent } : {}),
  };
}
