/**
 * The dead-letter tool's pure part: its arguments, which dead letters a filter selects, what is printed,
 * and the message a replay sends back. No Kafka here (dlq-kafka.ts), so all of it is unit-tested
 * (deploy/test/dlq-dead-letters.spec.ts).
 *
 * A dead letter is what KafkaEventServer.deadLetter() wrote to `<topic>.dlq`: the original key, value and
 * headers, plus `dlq_reason`, `dlq_consumer`, `dlq_source_topic` (unprefixed), `dlq_source_partition`,
 * `dlq_source_offset` and `dlq_attempts`.
 */
import { CloudEventHeaders, deadLetterTopicOf, Topics } from '@rosterlink/contracts';

/** Headers of a dead letter, as the consumer wrote them. */
export const DlqHeaders = {
  reason: 'dlq_reason',
  consumer: 'dlq_consumer',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  attempts: 'dlq_attempts',
} as const;

/** Headers a replay adds to the message it sends back. */
export const ReplayHeaders = {
  by: 'dlq_replayed_by',
  at: 'dlq_replayed_at',
  from: 'dlq_replayed_from',
} as const;

/** Every header the tool owns: dropped from a replayed message (a replayed one may be dead-lettered again). */
const DLQ_HEADER = /^dlq_/;

/** Where one dead letter sits: the dead-letter topic (unprefixed), partition and offset. */
export interface Coordinates {
  topic: string;
  partition: number;
  offset: string;
}

/** One message read from a `.dlq` topic. Header values are decoded (UTF-8; the first value of a repeated header). */
export interface DeadLetter extends Coordinates {
  /** When it was dead-lettered: the dead-letter record's timestamp, in ms since the epoch. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface Filter {
  /** Dead-letter topics (unprefixed, ending in `.dlq`); none: every one. */
  topics: string[];
  since?: Date;
  until?: Date;
  /** Case-insensitive text in `dlq_reason`. */
  error?: string;
  /** The consumer (service) that dead-lettered it, `dlq_consumer`. */
  consumer?: string;
}

export type Command =
  | { command: 'list'; filter: Filter }
  | { command: 'show'; at: Coordinates }
  | {
      command: 'replay';
      /** Named dead letters; else the filter selects (with `all`, or at least one filter given). */
      at: Coordinates[];
      filter: Filter;
      all: boolean;
      dryRun: boolean;
      by?: string;
    }
  | { command: 'help' };

export const USAGE = `Dead letters: list, inspect and replay the <topic>.dlq topics.

  npm run dlq -- list [--topic <t>] [--since <ISO>] [--until <ISO>] [--error <text>] [--consumer <service>]
  npm run dlq -- show <dlqTopic>:<partition>:<offset>
  npm run dlq -- replay (<dlqTopic>:<partition>:<offset>... | <filters> | --all) [--dry-run] --by <who>

  --topic     a topic or its dead-letter topic (either name; repeatable)
  --since     dead-lettered at or after this time (ISO 8601)
  --until     dead-lettered before this time (ISO 8601)
  --error     text in the reason (case-insensitive)
  --consumer  the service that dead-lettered it
  --dry-run   print what would be sent; send and record nothing
  --by        who replays (recorded with each replayed message; required to replay)

Environment: KAFKA_BROKERS (default 127.0.0.1:19092), KAFKA_TOPIC_PREFIX (default ''),
DLQ_AUDIT_FILE (default .local/dlq-replays.jsonl).`;

/** Every dead-letter topic of the contract, unprefixed. */
export const DEAD_LETTER_TOPICS: readonly string[] = Object.values(Topics).map(deadLetterTopicOf);

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `--topic` takes a topic or its `.dlq`; either way the dead-letter topic, which must be a contract one. */
export function deadLetterTopicNamed(name: string, prefix = ''): string {
  const unprefixed = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const dlq = unprefixed.endsWith('.dlq') ? unprefixed : deadLetterTopicOf(unprefixed);
  if (!DEAD_LETTER_TOPICS.includes(dlq)) throw new UsageError(`"${name}" is no contract topic (known: ${Object.values(Topics).join(', ')})`);
  return dlq;
}

/** `<dlqTopic>:<partition>:<offset>`; the topic may carry the run's prefix, which is taken off. */
export function parseCoordinates(text: string, prefix = ''): Coordinates {
  const match = /^(.+):(\d+):(\d+)$/.exec(text);
  if (!match) throw new UsageError(`"${text}" is not <dlqTopic>:<partition>:<offset>`);
  const [, topic, partition, offset] = match;
  const unprefixed = prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  if (!DEAD_LETTER_TOPICS.includes(unprefixed)) throw new UsageError(`"${topic}" is no dead-letter topic (a contract topic's name + ".dlq")`);
  return { topic: unprefixed, partition: Number(partition), offset: String(BigInt(offset)) };
}

export function formatCoordinates({ topic, partition, offset }: Coordinates): string {
  return `${topic}:${partition}:${offset}`;
}

function parseTime(option: string, text: string): Date {
  const time = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time.getTime())) throw new UsageError(`${option} needs an ISO 8601 time, not "${text}"`);
  return time;
}

const VALUE_OPTIONS = ['--topic', '--since', '--until', '--error', '--consumer', '--by'] as const;
const FLAG_OPTIONS = ['--all', '--dry-run', '--help'] as const;

/** The command line after `npm run dlq --`. Throws UsageError on anything it does not understand. */
export function parseArgs(argv: readonly string[], prefix = ''): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'list' && command !== 'show' && command !== 'replay') throw new UsageError(`unknown command "${command}": list, show or replay`);

  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      flags.add(name);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      positional.push(arg);
    }
  }
  if (flags.has('--help')) return { command: 'help' };
  const one = (name: string): string | undefined => {
    const given = values.get(name);
    if (given && given.length > 1) throw new UsageError(`${name} is given more than once`);
    return given?.[0];
  };
  const allowOnly = (allowed: readonly string[]) => {
    for (const name of [...values.keys(), ...flags]) if (!allowed.includes(name)) throw new UsageError(`${command} takes no ${name}`);
  };
  const filter = (): Filter => {
    const since = one('--since');
    const until = one('--until');
    const error = one('--error');
    const consumer = one('--consumer');
    return {
      topics: [...new Set((values.get('--topic') ?? []).map((t) => deadLetterTopicNamed(t, prefix)))],
      ...(since !== undefined ? { since: parseTime('--since', since) } : {}),
      ...(until !== undefined ? { until: parseTime('--until', until) } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(consumer !== undefined ? { consumer } : {}),
    };
  };

  if (command === 'list') {
    allowOnly(['--topic', '--since', '--until', '--error', '--consumer']);
    if (positional.length > 0) throw new UsageError(`list takes filters, not "${positional.join(' ')}"`);
    return { command, filter: filter() };
  }
  if (command === 'show') {
    allowOnly([]);
    if (positional.length !== 1) throw new UsageError('show takes one <dlqTopic>:<partition>:<offset>');
    return { command, at: parseCoordinates(positional[0], prefix) };
  }

  allowOnly(['--topic', '--since', '--until', '--error', '--consumer', '--all', '--dry-run', '--by']);
  const at = positional.map((p) => parseCoordinates(p, prefix));
  const selected = filter();
  const all = flags.has('--all');
  const filtered = isFiltering(selected);
  const ways = [at.length > 0, filtered, all].filter(Boolean).length;
  if (ways === 0) throw new UsageError('replay what? name dead letters (<dlqTopic>:<partition>:<offset>), give filters, or say --all');
  if (ways > 1) throw new UsageError('replay either named dead letters, a filter, or --all; not more than one of them');
  const dryRun = flags.has('--dry-run');
  const by = one('--by')?.trim();
  if (!dryRun && !by) throw new UsageError('replay needs --by <who>: every replay is recorded with who made it');
  return { command, at, filter: selected, all, dryRun, ...(by ? { by } : {}) };
}

function isFiltering(filter: Filter): boolean {
  return filter.topics.length > 0 || filter.since !== undefined || filter.until !== undefined || filter.error !== undefined || filter.consumer !== undefined;
}

/** Whether the filter selects the dead letter. (The topic filter is also applied by reading only those topics.) */
export function matches(letter: DeadLetter, filter: Filter): boolean {
  if (filter.topics.length > 0 && !filter.topics.includes(letter.topic)) return false;
  if (filter.since && letter.timestamp < filter.since.getTime()) return false;
  if (filter.until && letter.timestamp >= filter.until.getTime()) return false;
  if (filter.error !== undefined && !(letter.headers[DlqHeaders.reason] ?? '').toLowerCase().includes(filter.error.toLowerCase())) return false;
  if (filter.consumer !== undefined && letter.headers[DlqHeaders.consumer] !== filter.consumer) return false;
  return true;
}

/** A reason on one line, so one dead letter stays one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One line of `list`: where, when, from which topic and consumer, after how many attempts, why. Never the key or payload (PHI). */
export function formatListLine(letter: DeadLetter): string {
  const h = letter.headers;
  return [
    formatCoordinates(letter),
    new Date(letter.timestamp).toISOString(),
    `source=${h[DlqHeaders.sourceTopic] ?? '?'}:${h[DlqHeaders.sourcePartition] ?? '?'}:${h[DlqHeaders.sourceOffset] ?? '?'}`,
    `consumer=${h[DlqHeaders.consumer] ?? '?'}`,
    `attempts=${h[DlqHeaders.attempts] ?? '?'}`,
    `reason=${oneLine(h[DlqHeaders.reason] ?? '?')}`,
  ].join('  ');
}

/** The dead letters per dead-letter topic, every topic read listed (0 included), in the contract's order. */
export function countByTopic(letters: readonly DeadLetter[], topicsRead: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(topicsRead.map((t) => [t, 0]));
  for (const letter of letters) counts.set(letter.topic, (counts.get(letter.topic) ?? 0) + 1);
  return counts;
}

/** All of `list`'s output: a line per dead letter, then the count per topic and the total. */
export function formatList(letters: readonly DeadLetter[], topicsRead: readonly string[]): string[] {
  const lines = letters.map(formatListLine);
  if (lines.length > 0) lines.push('');
  for (const [topic, count] of countByTopic(letters, topicsRead)) lines.push(`${topic}: ${count}`);
  lines.push(`total: ${letters.length}`);
  return lines;
}

/** The payload as pretty JSON, or as it is when it is not JSON. */
function prettyValue(value: Buffer | null): string {
  if (value === null) return '(null)';
  const text = value.toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** `show`: everything about one dead letter, the payload included. */
export function formatShow(letter: DeadLetter): string[] {
  const width = Math.max(0, ...Object.keys(letter.headers).map((k) => k.length));
  return [
    `dead letter ${formatCoordinates(letter)}, dead-lettered ${new Date(letter.timestamp).toISOString()}`,
    '',
    'headers:',
    ...Object.entries(letter.headers).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    `key: ${letter.key === null ? '(null)' : letter.key.toString('utf8')}`,
    '',
    'payload:',
    prettyValue(letter.value),
  ];
}

/** The message a replay sends: to the source topic (unprefixed here), its partition, original key, value and headers. */
export interface ReplayMessage {
  topic: string;
  /** The partition it was read from, when the dead letter says so (the key's partition, so it stays in order with the key). */
  partition?: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * What goes back to the source topic: the same key, value and CloudEvents headers — the same `ce_id`, so a
 * consumer group that handled the event already finds it in its inbox and skips it — without the dlq_*
 * headers, plus who replayed it, when, and from where.
 */
export function replayMessageOf(letter: DeadLetter, by: string, at: Date): ReplayMessage {
  const topic = letter.headers[DlqHeaders.sourceTopic];
  if (!topic) throw new Error(`${formatCoordinates(letter)} has no ${DlqHeaders.sourceTopic} header: not written by a consumer, not replayable`);
  if (deadLetterTopicOf(topic) !== letter.topic) throw new Error(`${formatCoordinates(letter)} names ${topic} as its source, which is not the topic of ${letter.topic}`);
  if (!letter.headers[CloudEventHeaders.id]) throw new Error(`${formatCoordinates(letter)} has no ${CloudEventHeaders.id} header: a consumer would refuse it again`);
  const original = Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !DLQ_HEADER.test(name)));
  const partition = Number(letter.headers[DlqHeaders.sourcePartition]);
  return {
    topic,
    ...(Number.isInteger(partition) && partition >= 0 && letter.headers[DlqHeaders.sourcePartition] !== '' ? { partition } : {}),
    key: letter.key,
    value: letter.value,
    headers: {
      ...original,
      [ReplayHeaders.by]: by,
      [ReplayHeaders.at]: at.toISOString(),
      [ReplayHeaders.from]: formatCoordinates(letter),
    },
  };
}

/** One line of the audit file (JSON Lines): who replayed which dead letter, when, to where. Never the payload. */
export interface AuditRecord {
  at: string;
  by: string;
  from: string;
  eventId: string | null;
  type: string | null;
  consumer: string | null;
  reason: string | null;
  to: { topic: string; partition: number | null; offset: string | null };
}

export function auditRecordOf(letter: DeadLetter, message: ReplayMessage, sent: { partition: number | null; offset: string | null }): AuditRecord {
  return {
    at: message.headers[ReplayHeaders.at],
    by: message.headers[ReplayHeaders.by],
    from: formatCoordinates(letter),
    eventId: letter.headers[CloudEventHeaders.id] ?? null,
    type: letter.headers[CloudEventHeaders.type] ?? null,
    consumer: letter.headers[DlqHeaders.consumer] ?? null,
    reason: letter.headers[DlqHeaders.reason] ?? null,
    to: { topic: message.topic, partition: sent.partition, offset: sent.offset },
  };
}

/** How long a service's inbox keeps the ids of the events it handled (libs/messaging's outbox relay, INBOX_KEEP). */
export const INBOX_KEEP_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A warning when the event is old enough that other consumer groups may have forgotten it: a replay is skipped
 * by a group only while its inbox still holds the event id (30 days), and the `.dlq` topics keep 30 days too.
 * Two days of margin; the event's age is the older of its `ce_time` and the dead-lettering.
 */
export function staleReplayWarning(letter: DeadLetter, now: Date): string | undefined {
  const produced = Date.parse(letter.headers[CloudEventHeaders.time] ?? '');
  const since = Math.min(letter.timestamp, Number.isNaN(produced) ? letter.timestamp : produced);
  const days = (now.getTime() - since) / DAY_MS;
  if (days < INBOX_KEEP_DAYS - 2) return undefined;
  return `${formatCoordinates(letter)}: the event is ${Math.floor(days)} days old; consumer groups forget handled event ids after ${INBOX_KEEP_DAYS} days, so one that already handled it may handle it again`;
}

/** `--dry-run`'s line for one selected dead letter: where it would go, and as which event. */
export function formatDryRunLine(letter: DeadLetter, message: ReplayMessage): string {
  return [
    `would replay ${formatCoordinates(letter)}`,
    `-> ${message.topic}${message.partition !== undefined ? `:${message.partition}` : ''}`,
    `ce_id=${message.headers[CloudEventHeaders.id] ?? '?'}`,
    `consumer=${letter.headers[DlqHeaders.consumer] ?? '?'}`,
  ].join('  ');
}

/** Decodes kafkajs's header values: Buffer, string, or an array of them for a repeated header (the first is kept). */
export function decodeHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) decoded[name] = first.toString();
  }
  return decoded;
}
