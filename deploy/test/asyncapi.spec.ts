import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostic, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { consumerGroupOf, deadLetterTopicOf, EventTopic, TOPIC_SPECS, Topics } from '@rosterlink/contracts';
import { ASYNCAPI_PATH, buildAsyncApi, DEAD_LETTER_HEADERS, renderAsyncApi, REPOSITORY_ROOT } from '../asyncapi/asyncapi-document';
import { EVENT_FLOWS, PARTICIPANTS, ParticipantName } from '../asyncapi/event-flows';

/**
 * docs/asyncapi.yaml, the event catalog: generated from libs/contracts, valid AsyncAPI 3.0, complete, and
 * naming the producers and consumers that the services' code has.
 */
const ROOT = REPOSITORY_ROOT;
const TOPIC_BY_KEY = new Map<string, EventTopic>(Object.entries(Topics) as [string, EventTopic][]);

interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: { $ref: string };
  tags: { $ref: string }[];
  bindings?: { kafka: { groupId: { const?: string; pattern?: string } } };
}
interface AsyncApiDocument {
  channels: Record<string, { address: string; bindings: { kafka: { partitions: number; topicConfiguration: Record<string, unknown> } } }>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, { headers: { properties: Record<string, unknown> } }> };
}

let generated: string;
let committed: string;

beforeAll(() => {
  generated = renderAsyncApi();
  committed = readFileSync(join(ROOT, ASYNCAPI_PATH), 'utf8');
});

describe('docs/asyncapi.yaml', () => {
  it('is what `npm run asyncapi` generates from libs/contracts (no drift)', () => {
    if (generated !== committed) {
      const want = generated.split('\n');
      const have = committed.split('\n');
      const line = want.findIndex((text, i) => text !== have[i]);
      throw new Error(
        `${ASYNCAPI_PATH} differs from what libs/contracts generates: run npm run asyncapi.\n` +
          `First difference at line ${line + 1}:\n  generated: ${want[line] ?? '<end of file>'}\n  committed: ${have[line] ?? '<end of file>'}`,
      );
    }
  });

  it('is valid AsyncAPI 3.0.0 for the official parser', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((d: Diagnostic) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    if (!document) throw new Error('the parser returned no document');
    expect(document.version()).toBe('3.0.0');
    const addresses = document.channels().all().map((channel) => channel.address());
    expect(addresses.sort()).toEqual(TOPIC_SPECS.map((spec) => spec.name).sort());
  }, 120_000);

  it('has a channel per topic of libs/contracts and per dead-letter topic, with its partitions and retention', () => {
    const doc = parse(committed) as AsyncApiDocument;
    const byAddress = new Map(Object.values(doc.channels).map((channel) => [channel.address, channel]));
    for (const topic of Object.values(Topics)) {
      expect(byAddress.has(topic)).toBe(true);
      expect(byAddress.has(deadLetterTopicOf(topic))).toBe(true);
    }
    for (const spec of TOPIC_SPECS) {
      const binding = byAddress.get(spec.name)?.bindings.kafka;
      expect({ topic: spec.name, partitions: binding?.partitions, ...binding?.topicConfiguration }).toEqual({
        topic: spec.name,
        partitions: spec.partitions,
        'cleanup.policy': [spec.cleanupPolicy],
        'retention.ms': spec.retentionMs,
      });
    }
  });

  it('names the consumer group each service reads a topic in (consumerGroupOf)', () => {
    const doc = buildAsyncApi() as unknown as AsyncApiDocument;
    const channelTopic = new Map(Object.entries(doc.channels).map(([id, channel]) => [`#/channels/${id}`, channel.address]));
    const receives = Object.values(doc.operations).filter((op) => op.action === 'receive');
    expect(receives.length).toBeGreaterThan(0);
    for (const op of receives) {
      const service = op.tags[0].$ref.split('/').pop() as ParticipantName;
      const topic = channelTopic.get(op.channel.$ref) as EventTopic;
      const groupId = op.bindings?.kafka.groupId;
      if (PARTICIPANTS[service].consumes === 'service') expect(groupId?.const).toBe(consumerGroupOf(service, topic));
      else expect(groupId?.pattern).toBeDefined();
    }
    // The access lane is a group of its own.
    expect(receives.some((op) => op.bindings?.kafka.groupId.const === 'link-request-service.access')).toBe(true);
  });

  it('lists the dead-letter headers the consumer writes (libs/messaging deadLetter())', () => {
    const server = readFileSync(join(ROOT, 'libs/messaging/src/kafka-event.server.ts'), 'utf8');
    const written = [...new Set([...server.matchAll(/\b(dlq_\w+)\s*:/g)].map((m) => m[1]))].sort();
    expect(written.length).toBeGreaterThan(0);
    expect(Object.keys(DEAD_LETTER_HEADERS).sort()).toEqual(written);
  });
});

describe('the producers and consumers of the catalog (deploy/asyncapi/event-flows.ts)', () => {
  it('are those of the services\' code', () => {
    const derived = flowsInCode();
    const declared = Object.fromEntries(
      Object.entries(EVENT_FLOWS).map(([topic, flow]) => [topic, { producers: [...flow.producers].sort(), consumers: [...flow.consumers].sort() }]),
    );
    expect(derived).toEqual(declared);
  });
});

/** Who writes and reads each topic, read from the sources (not tests) of services/, libs/ and the seed loader. */
function flowsInCode(): Record<string, { producers: string[]; consumers: string[] }> {
  const producers = new Map<EventTopic, Set<string>>();
  const consumers = new Map<EventTopic, Set<string>>();
  const add = (map: Map<EventTopic, Set<string>>, key: string, who: string, where: string) => {
    const topic = TOPIC_BY_KEY.get(key);
    if (!topic) throw new Error(`${where}: Topics.${key} is not a topic`);
    map.set(topic, (map.get(topic) ?? new Set()).add(who));
  };
  const topicKeys = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
  const HANDLER = /@OnEvent(?:Batch)?\(\s*Topics\.(\w+)\s*\)/g;
  const OUTBOX_WRITE = /\.(?:publish|publishSelected|eventRow)\(\s*[\w.]+\s*,\s*Topics\.(\w+)/g;

  // Libraries that bring consumers: their handlers' topics, by the modules a service imports.
  const libraryConsumers = new Map<string, string[]>();
  for (const lib of readdirSync(join(ROOT, 'libs'))) {
    const files = sourcesUnder(join(ROOT, 'libs', lib, 'src'));
    const handled = files.flatMap(({ text }) => topicKeys(text, HANDLER));
    if (handled.length === 0) continue;
    const modules = files.flatMap(({ text }) => topicKeys(text, /export class (\w+Module)\b/g));
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) libraryConsumers.set(module, handled);
  }
  expect(libraryConsumers.size).toBeGreaterThan(0);

  for (const service of readdirSync(join(ROOT, 'services'))) {
    for (const { path, text } of sourcesUnder(join(ROOT, 'services', service, 'src'))) {
      for (const key of topicKeys(text, HANDLER)) add(consumers, key, service, path);
      for (const key of topicKeys(text, OUTBOX_WRITE)) add(producers, key, service, path);
      const live = /LIVE_TOPICS\s*=\s*\[([^\]]*)\]/.exec(text);
      if (live) for (const key of topicKeys(live[1], /Topics\.(\w+)/g)) add(consumers, key, service, path);
      const code = text.replace(/^import\b[\s\S]*?from\s+['"][^'"]+['"];?/gm, '');
      for (const [module, keys] of libraryConsumers) {
        if (new RegExp(`\\b${module}\\b`).test(code)) for (const key of keys) add(consumers, key, service, path);
      }
    }
  }

  // Written from outside the services: the seed loader stands in for upstream (MMIS).
  const seed = readFileSync(join(ROOT, 'deploy/local/seed-demo-data.ts'), 'utf8');
  expect(seed).toMatch(/producer\.send\(/);
  for (const key of new Set(topicKeys(seed, /Topics\.(\w+)/g))) add(producers, key, 'upstream', 'deploy/local/seed-demo-data.ts');

  return Object.fromEntries(
    (Object.values(Topics) as EventTopic[]).map((topic) => [
      topic,
      { producers: [...(producers.get(topic) ?? [])].sort(), consumers: [...(consumers.get(topic) ?? [])].sort() },
    ]),
  );
}

function sourcesUnder(dir: string): { path: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(spec|integration-spec|e2e-spec)\.tsx?$/.test(e.name))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') };
    });
}
