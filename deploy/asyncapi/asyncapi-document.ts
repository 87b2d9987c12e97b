import 'reflect-metadata';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import {
  CloudEventHeaders,
  cloudEventHeaders,
  consumerGroupOf,
  deadLetterTopicOf,
  EVENT_DEFINITIONS,
  EventTopic,
  GroupUpsertedV1,
  IndividualUpsertedV1,
  TOPIC_SPECS,
  TopicSpec,
  Topics,
} from '@rosterlink/contracts';
import { ClassSchemas, JsonSchema } from './class-schemas';
import { readContractDocs } from './contract-docs';
import { EVENT_FLOWS, PARTICIPANTS, ParticipantName } from './event-flows';

/** The repository root (this file is deploy/asyncapi/…). */
export const REPOSITORY_ROOT = resolve(__dirname, '../..');
/** Where the generated document is committed. */
export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

type ClassType = new () => object;

/**
 * Topics whose payload class `EVENT_DEFINITIONS[topic].payloadClass(raw)` chooses by content: the field
 * it reads and the classes it chooses between. The generator checks both against payloadClass itself.
 */
const PAYLOAD_VARIANTS: Partial<Record<EventTopic, { name: string; discriminator: string; classes: ClassType[] }>> = {
  [Topics.ProviderMasterUpserted]: { name: 'ProviderMasterUpsertedV1', discriminator: 'kind', classes: [GroupUpsertedV1, IndividualUpsertedV1] },
};

/** What a message key is, by the payload field `EVENT_DEFINITIONS[topic].keyOf` takes it from. */
const KEY_MEANINGS: Record<string, string> = {
  pid: 'The PID of the group or individual provider the record is about. The topic is compacted: the newest record per PID is kept.',
  groupId: "The group PID (9 digits): one group's roster events stay in order.",
  pidsl: "The PID/SL (the 9-digit group PID followed by the service-location letter): one location's events stay in order.",
};

/** What a key that is the same for every event of a topic means, by that key. */
const CONSTANT_KEY_MEANINGS: Record<string, string> = {
  'business-calendar': 'Always `business-calendar`: there is one calendar, and its changes stay in order.',
};

/** The CloudEvents headers' meaning, by the names of `CloudEventHeaders` (libs/contracts/src/cloud-events.ts). */
const CLOUD_EVENT_HEADER_DOCS: Record<keyof typeof CloudEventHeaders, string> = {
  id: 'The event id, a UUID: version 7 (RFC 9562, time-ordered) from rosterlink\'s producers; any UUID is accepted. Consumers record it in their inbox in the transaction of the handler, so an id is handled once per consumer group: a duplicate or a replay is skipped.',
  type: 'The topic name, without a test run\'s topic prefix.',
  source: 'Who wrote the event: `/rosterlink/<service>`.',
  time: 'When the event was written (ISO 8601).',
  specVersion: 'The CloudEvents version.',
  contentType: 'The value\'s media type.',
};

/** The headers libs/messaging's consumer adds when it dead-letters (kafka-event.server.ts, deadLetter()). */
export const DEAD_LETTER_HEADERS: Record<string, JsonSchema> = {
  dlq_reason: { type: 'string', maxLength: 2000, description: 'Why: the validation errors of a refused payload, or the error the handler kept failing with.' },
  dlq_consumer: { type: 'string', description: 'The consumer that gave up: its service name (the consumer group without lane or test prefix).' },
  dlq_source_topic: { type: 'string', description: 'The topic the message was read from (without a test prefix).' },
  dlq_source_partition: { type: 'string', pattern: '^\\d+$', description: 'Its partition there.' },
  dlq_source_offset: { type: 'string', pattern: '^\\d+$', description: 'Its offset there.' },
  dlq_attempts: {
    type: 'string',
    pattern: '^\\d+$',
    description: '0 when the message was refused without being handled (no valid ce_id, not a JSON object, a NUL character, payload invalid); otherwise the handler attempts made (MESSAGING_MAX_HANDLER_ATTEMPTS).',
  },
};

const KAFKA_BINDING = '0.5.0';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The AsyncAPI 3.0 document of every topic of libs/contracts, as a plain object. */
export function buildAsyncApi(): Record<string, unknown> {
  const docs = readContractDocs(REPOSITORY_ROOT);
  const payloadClassNames = new Map<string, string[]>();
  const topics = Object.values(Topics) as EventTopic[];
  const payloads = Object.fromEntries(topics.map((topic) => [topic, payloadClassesOf(topic)])) as Record<EventTopic, ClassType[]>;
  for (const [topic, classes] of Object.entries(payloads)) for (const cls of classes) payloadClassNames.set(cls.name, [...(payloadClassNames.get(cls.name) ?? []), topic]);
  // A topic's comment sits on a class (often its payload class): it describes the message, not another class.
  for (const [name, doc] of docs.classes) if (doc.topic && !payloadClassNames.get(name)?.includes(doc.topic)) doc.description = undefined;
  const schemas = new ClassSchemas(docs.classes);

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const specs = new Map(TOPIC_SPECS.map((spec) => [spec.name, spec]));

  for (const [key, topic] of Object.entries(Topics) as [string, EventTopic][]) {
    const description = docs.topics.get(topic);
    if (!description) throw new Error(`No comment describes ${topic}: start the payload class's JSDoc with "\`${topic}\` — …"`);
    const flow = EVENT_FLOWS[topic];
    const variants = PAYLOAD_VARIANTS[topic];
    const classes = payloads[topic];
    const messageName = variants?.name ?? classes[0].name;
    if (messages[messageName]) throw new Error(`Two topics carry a message named ${messageName}`);
    const payload = variants
      ? { oneOf: classes.map((cls) => schemas.refTo(cls)), discriminator: variants.discriminator }
      : schemas.refTo(classes[0]);
    const { keyField, keySchema } = keyOf(topic, classes, schemas);
    const sources = flow.producers.map((p) => PARTICIPANTS[p].source);

    messages[messageName] = {
      name: messageName,
      title: topic,
      summary: firstSentence(description),
      description,
      contentType: 'application/json',
      headers: cloudEventHeadersSchema(topic, sources.every(Boolean) ? (sources as string[]) : undefined),
      payload,
      ...(keyField ? { 'x-key-field': keyField } : {}),
      bindings: { kafka: { key: keySchema, bindingVersion: KAFKA_BINDING } },
    };

    const spec = specs.get(topic);
    if (!spec) throw new Error(`${topic} is not in TOPIC_SPECS`);
    const dlq = deadLetterTopicOf(topic);
    channels[key] = {
      address: topic,
      title: topic,
      description: `${description}\n\nWhat a consumer cannot handle goes to \`${dlq}\`.`,
      messages: { [messageName]: { $ref: `#/components/messages/${messageName}` } },
      bindings: { kafka: channelBinding(spec) },
    };

    const messageRef = [{ $ref: `#/channels/${key}/messages/${messageName}` }];
    for (const producer of flow.producers) {
      operations[`${producer}_send_${key}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${key}` },
        title: `${producer} writes ${topic}`,
        summary: `${producer} writes ${topic}.`,
        description:
          producer === 'upstream'
            ? PARTICIPANTS.upstream.description
            : `Through its transactional outbox: the event is committed with the change it reports and published after the commit (at least once, in order per key).`,
        tags: [{ $ref: `#/components/tags/${producer}` }],
        messages: messageRef,
      };
    }
    for (const consumer of flow.consumers) {
      operations[`${consumer}_receive_${key}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${key}` },
        title: `${consumer} reads ${topic}`,
        summary: `${consumer} reads ${topic}${PARTICIPANTS[consumer].consumes === 'service' ? ` in consumer group ${consumerGroupOf(consumer, topic)}` : ''}.`,
        description: consumerDescription(consumer, topic),
        tags: [{ $ref: `#/components/tags/${consumer}` }],
        bindings: { kafka: { groupId: groupIdSchema(consumer, topic), bindingVersion: KAFKA_BINDING } },
        messages: messageRef,
      };
    }

    // The dead-letter topic beside it.
    const dlqKey = `${key}DeadLetters`;
    const dlqMessage = `${messageName}DeadLetter`;
    const deadLetterers = flow.consumers.filter((c) => PARTICIPANTS[c].consumes === 'service');
    const dlqSpec = specs.get(dlq);
    if (!dlqSpec) throw new Error(`${dlq} is not in TOPIC_SPECS`);
    messages[dlqMessage] = {
      name: dlqMessage,
      title: dlq,
      summary: `A ${topic} message a consumer could not handle.`,
      description:
        `The original message, key, value and headers unchanged, with the \`dlq_*\` headers added. The value is normally a ` +
        `${topic} payload (\`${messageName}\`), but a refused one may be anything, even not JSON. A consumer's handling is ` +
        `idempotent (its inbox holds the ce_id), so putting the message back on ${topic} is safe: consumer groups that ` +
        `already handled it skip it.`,
      headers: deadLetterHeadersSchema(topic, deadLetterers),
      payload: { description: `The original value, unchanged: normally the payload of message ${messageName}, but anything when it was refused.` },
      bindings: { kafka: { key: { type: 'string', description: `The original key: ${lowerFirst(String(keySchema['description']))}` }, bindingVersion: KAFKA_BINDING } },
    };
    channels[dlqKey] = {
      address: dlq,
      title: dlq,
      description:
        `Dead letters of ${topic}: what a consumer refused (invalid payload) or kept failing on, written by the consumer ` +
        `before it moves on. An outage (database or broker unreachable) is retried, never dead-lettered.`,
      messages: { [dlqMessage]: { $ref: `#/components/messages/${dlqMessage}` } },
      bindings: { kafka: channelBinding(dlqSpec) },
    };
    for (const consumer of deadLetterers) {
      operations[`${consumer}_deadLetter_${key}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${dlqKey}` },
        title: `${consumer} dead-letters ${topic}`,
        summary: `${consumer} writes what it cannot handle of ${topic} to ${dlq}.`,
        tags: [{ $ref: `#/components/tags/${consumer}` }],
        messages: [{ $ref: `#/channels/${dlqKey}/messages/${dlqMessage}` }],
      };
    }
  }

  const used = new Set(topics.flatMap((t) => [...EVENT_FLOWS[t].producers, ...EVENT_FLOWS[t].consumers]));
  const tags = Object.fromEntries(
    (Object.keys(PARTICIPANTS) as ParticipantName[]).filter((p) => used.has(p)).map((p) => [p, { name: p, description: PARTICIPANTS[p].description }]),
  );

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'rosterlink events',
      version: '1.0.0',
      description: [
        'Every Kafka topic of rosterlink (docs/contract.md), generated from libs/contracts by `npm run asyncapi` ' +
          '(deploy/asyncapi/generate-asyncapi.ts): do not edit by hand; deploy/test/asyncapi.spec.ts fails when this file and the code differ.',
        'Every message has a JSON value, a key, and CloudEvents 1.0 attributes as Kafka headers (binary mode). ' +
          'A published topic name never changes: a new shape becomes `.v2`. Consumers ignore unknown fields and ' +
          'validate the rest (class-validator, the schemas below); what fails validation, or what a handler keeps ' +
          'failing on, goes to the topic\'s `.dlq`. Delivery is at least once; each consumer group handles an event id once.',
        'Operations are tagged with the service that performs them; a `receive` names its consumer group ' +
          '(`bindings.kafka.groupId`). Test runs prefix topics and consumer groups with `KAFKA_TOPIC_PREFIX`.',
      ].join('\n\n'),
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'The broker of `npm run stack` / `npm start` (deploy/local/stack.sh dev).' },
      'local-test': { host: '127.0.0.1:29092', protocol: 'kafka', description: 'The test broker (deploy/local/stack.sh test).' },
    },
    channels,
    operations,
    components: {
      schemas: Object.fromEntries(schemas.schemas),
      messages,
      tags,
    },
  };
}

/** The generated YAML, as committed in docs/asyncapi.yaml. */
export function renderAsyncApi(): string {
  const header =
    '# Generated from libs/contracts by `npm run asyncapi` (deploy/asyncapi/generate-asyncapi.ts). Do not edit:\n' +
    '# deploy/test/asyncapi.spec.ts fails when this file and the code differ.\n';
  return header + stringify(buildAsyncApi(), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The payload classes of a topic, checked against `payloadClass` (which must read only the declared discriminator). */
function payloadClassesOf(topic: EventTopic): ClassType[] {
  const choose = EVENT_DEFINITIONS[topic].payloadClass as (raw: Record<string, unknown>) => ClassType;
  const read: string[] = [];
  const probe = new Proxy({}, { get: (_, property) => void read.push(String(property)) });
  const chosen = choose(probe);
  const variants = PAYLOAD_VARIANTS[topic];
  if (!variants) {
    if (read.length > 0) throw new Error(`${topic}: payloadClass reads '${read.join("', '")}': declare its classes in PAYLOAD_VARIANTS`);
    return [chosen];
  }
  if (read.some((property) => property !== variants.discriminator)) throw new Error(`${topic}: payloadClass reads '${read.join("', '")}', not only '${variants.discriminator}'`);
  for (const cls of variants.classes) {
    const value = discriminatorValueOf(cls, variants.discriminator);
    if (choose({ [variants.discriminator]: value }) !== cls) throw new Error(`${topic}: payloadClass does not choose ${cls.name} for ${variants.discriminator}=${value}`);
  }
  return variants.classes;
}

function discriminatorValueOf(cls: ClassType, property: string): unknown {
  const schemas = new ClassSchemas();
  const schema = schemas.propertySchema(cls, property);
  const values = schema['enum'] as unknown[] | undefined;
  if (values?.length !== 1) throw new Error(`${cls.name}.${property} must be @IsIn([one value]) to tell the payload classes apart`);
  return values[0];
}

/**
 * The message key's schema, and the payload field it is taken from, found by calling keyOf on a
 * payload that records what is read: one field as it is, or nothing (a key the same for every event).
 */
function keyOf(topic: EventTopic, classes: ClassType[], schemas: ClassSchemas): { keyField?: string; keySchema: JsonSchema } {
  const read: string[] = [];
  const probe = new Proxy({}, { get: (_, property) => (read.push(String(property)), `<${String(property)}>`) });
  const key = (EVENT_DEFINITIONS[topic].keyOf as (payload: object) => string)(probe);
  if (read.length === 0) {
    const meaning = CONSTANT_KEY_MEANINGS[key];
    if (!meaning) throw new Error(`${topic}: say what the constant key '${key}' is in CONSTANT_KEY_MEANINGS`);
    return { keySchema: { type: 'string', const: key, description: meaning } };
  }
  if (read.length !== 1 || key !== `<${read[0]}>`) throw new Error(`${topic}: keyOf is not one payload field as it is (read: ${read.join(', ')})`);
  const keyField = read[0];
  const keySchemas = classes.map((cls) => JSON.stringify(schemas.propertySchema(cls, keyField)));
  if (new Set(keySchemas).size !== 1) throw new Error(`${topic}: the key field '${keyField}' differs between payload classes`);
  const meaning = KEY_MEANINGS[keyField];
  if (!meaning) throw new Error(`${topic}: say what a key taken from '${keyField}' is in KEY_MEANINGS`);
  return { keyField, keySchema: { ...stripDescription(JSON.parse(keySchemas[0]) as JsonSchema), description: meaning } };
}

function cloudEventHeadersSchema(topic: EventTopic, sources: string[] | undefined): JsonSchema {
  const sample = cloudEventHeaders({ id: 'id', type: 'type', source: 'source', time: 'time' });
  const names = Object.values(CloudEventHeaders) as string[];
  if (JSON.stringify(Object.keys(sample).sort()) !== JSON.stringify([...names].sort())) {
    throw new Error('cloudEventHeaders() writes other headers than CloudEventHeaders names: describe them here');
  }
  const properties: Record<string, JsonSchema> = {};
  for (const [attribute, header] of Object.entries(CloudEventHeaders) as [keyof typeof CloudEventHeaders, string][]) {
    const description = CLOUD_EVENT_HEADER_DOCS[attribute];
    if (!description) throw new Error(`Describe the CloudEvents header ${header} in CLOUD_EVENT_HEADER_DOCS`);
    const schema: JsonSchema = { type: 'string', description };
    if (attribute === 'id') schema['format'] = 'uuid';
    else if (attribute === 'type') schema['const'] = topic;
    else if (attribute === 'time') schema['format'] = 'date-time';
    else if (attribute === 'source') {
      if (sources?.length === 1) schema['const'] = sources[0];
      else if (sources) schema['enum'] = sources;
    } else schema['const'] = sample[header];
    properties[header] = schema;
  }
  return { type: 'object', properties, required: names };
}

function deadLetterHeadersSchema(topic: EventTopic, consumers: ParticipantName[]): JsonSchema {
  const ce = cloudEventHeadersSchema(topic, undefined);
  const properties: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(ce['properties'] as Record<string, JsonSchema>)) {
    // As the original had them: a refused message may lack them or carry anything.
    properties[name] = { type: 'string', description: `As on ${topic}, when the original had it. ${String(schema['description'])}` };
  }
  for (const [name, schema] of Object.entries(DEAD_LETTER_HEADERS)) properties[name] = { ...schema };
  properties['dlq_source_topic']['const'] = topic;
  if (consumers.length > 0) properties['dlq_consumer']['enum'] = consumers;
  else properties['dlq_consumer']['description'] += ` No service consumer reads ${topic} today (only the dashboard's live view, which never dead-letters).`;
  return { type: 'object', properties, required: Object.keys(DEAD_LETTER_HEADERS) };
}

function channelBinding(spec: TopicSpec): JsonSchema {
  return {
    topic: spec.name,
    partitions: spec.partitions,
    topicConfiguration: { 'cleanup.policy': [spec.cleanupPolicy], 'retention.ms': spec.retentionMs },
    bindingVersion: KAFKA_BINDING,
  };
}

function groupIdSchema(consumer: ParticipantName, topic: EventTopic): JsonSchema {
  if (PARTICIPANTS[consumer].consumes === 'live-view') {
    return { type: 'string', pattern: `^${consumer}-${UUID}$`, description: 'One group per dashboard instance, deleted on shutdown.' };
  }
  const group = consumerGroupOf(consumer, topic);
  return {
    type: 'string',
    const: group,
    description: group === consumer ? "The service's main consumer group." : `The service's \`${group.slice(consumer.length + 1)}\` lane: a consumer of its own, never behind the main group's backlog.`,
  };
}

function consumerDescription(consumer: ParticipantName, topic: EventTopic): string {
  if (PARTICIPANTS[consumer].consumes === 'live-view') return PARTICIPANTS[consumer].description;
  return (
    `libs/messaging's consumer, in consumer group \`${consumerGroupOf(consumer, topic)}\`: each event is validated, ` +
    `recorded in the service's inbox and handled in one transaction (a duplicate is skipped); what it cannot handle ` +
    `goes to \`${deadLetterTopicOf(topic)}\` with \`dlq_consumer\` = \`${consumer}\`.`
  );
}

function stripDescription(schema: JsonSchema): JsonSchema {
  const { description: _description, ...rest } = schema;
  return rest;
}

function firstSentence(text: string): string {
  const first = text.split('\n')[0];
  const end = first.search(/\.(\s|$)/);
  return end === -1 ? first : first.slice(0, end + 1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
