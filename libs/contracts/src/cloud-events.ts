/** CloudEvents 1.0 Kafka binary-mode attributes, as CONTRACT.md names them. */
export const CloudEventHeaders = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specVersion: 'ce_specversion',
  contentType: 'content-type',
} as const;

export interface CloudEventAttributes {
  id: string;
  /** Equals the topic name (without any test prefix). */
  type: string;
  source: string;
  time: string;
}

export function cloudEventHeaders(attributes: CloudEventAttributes): Record<string, string> {
  return {
    [CloudEventHeaders.id]: attributes.id,
    [CloudEventHeaders.type]: attributes.type,
    [CloudEventHeaders.source]: attributes.source,
    [CloudEventHeaders.time]: attributes.time,
    [CloudEventHeaders.specVersion]: '1.0',
    [CloudEventHeaders.contentType]: 'application/json',
  };
}
