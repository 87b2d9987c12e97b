/**
 * `npm run dlq -- list|show|replay …`: the commands, wired to Kafka (dlq-kafka.ts) and to what the pure
 * module (dead-letters.ts) decides and prints. Exported as a function so that a test runs exactly what an
 * SRE runs (deploy/e2e/dlq-replay.e2e-spec.ts).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  auditRecordOf,
  Command,
  DEAD_LETTER_TOPICS,
  DeadLetter,
  formatCoordinates,
  formatDryRunLine,
  formatList,
  formatShow,
  matches,
  parseArgs,
  replayMessageOf,
  staleReplayWarning,
  USAGE,
  UsageError,
} from './dead-letters';
import { existingTopics, kafkaClient, readDeadLetter, readDeadLetters, sendReplays } from './dlq-kafka';

const WORKSPACE_ROOT = resolve(__dirname, '../..');
export const DEFAULT_AUDIT_FILE = '.local/dlq-replays.jsonl';

export interface DlqIo {
  env: Record<string, string | undefined>;
  /** A line of the command's output (stdout). */
  out: (line: string) => void;
  /** A line of warnings and errors (stderr). */
  err: (line: string) => void;
  now?: () => Date;
}

/** The audit file: DLQ_AUDIT_FILE (relative to the working directory), else .local/dlq-replays.jsonl of the workspace. */
export function auditFileOf(env: Record<string, string | undefined>): string {
  const given = env['DLQ_AUDIT_FILE'];
  if (given) return isAbsolute(given) ? given : resolve(given);
  return join(WORKSPACE_ROOT, DEFAULT_AUDIT_FILE);
}

/** Runs one command line; resolves to the exit code (0 done, 1 failed, 2 usage). */
export async function runDlq(argv: readonly string[], io: DlqIo): Promise<number> {
  const prefix = io.env['KAFKA_TOPIC_PREFIX'] ?? '';
  let command: Command;
  try {
    command = parseArgs(argv, prefix);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`dlq: ${error.message}`);
    io.err('');
    io.err(USAGE);
    return 2;
  }
  if (command.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const kafka = kafkaClient(io.env['KAFKA_BROKERS'] || '127.0.0.1:19092');
  try {
    if (command.command === 'show') {
      const letter = await readDeadLetter(kafka, prefix, command.at);
      if (!letter) {
        io.err(`dlq: no dead letter at ${formatCoordinates(command.at)} (never written, or gone with the topic's retention)`);
        return 1;
      }
      formatShow(letter).forEach((line) => io.out(line));
      return 0;
    }

    // list, and replay by filter or --all: every dead-letter topic the filter names (all of them without one).
    let letters: DeadLetter[];
    let topicsRead: string[];
    if (command.command === 'replay' && command.at.length > 0) {
      letters = [];
      for (const at of command.at) {
        const letter = await readDeadLetter(kafka, prefix, at);
        if (!letter) {
          io.err(`dlq: no dead letter at ${formatCoordinates(at)}; nothing replayed`);
          return 1;
        }
        letters.push(letter);
      }
      topicsRead = [...new Set(letters.map((l) => l.topic))];
    } else {
      const wanted = command.filter.topics.length > 0 ? command.filter.topics : DEAD_LETTER_TOPICS;
      topicsRead = await existingTopics(kafka, prefix, wanted);
      for (const missing of wanted.filter((t) => !topicsRead.includes(t))) io.err(`dlq: ${prefix}${missing} is not on the broker; skipped`);
      const filter = command.filter;
      letters = await readDeadLetters(kafka, prefix, topicsRead, (letter) => matches(letter, filter));
    }

    if (command.command === 'list') {
      formatList(letters, topicsRead).forEach((line) => io.out(line));
      return 0;
    }

    // replay: every message is built (and checked) before the first is sent.
    const now = io.now ?? (() => new Date());
    const by = command.by ?? '(dry run)';
    const messages = letters.map((letter) => replayMessageOf(letter, by, now()));
    for (const letter of letters) {
      const warning = staleReplayWarning(letter, now());
      if (warning) io.err(`dlq: warning: ${warning}`);
    }
    if (command.dryRun) {
      letters.forEach((letter, i) => io.out(formatDryRunLine(letter, messages[i])));
      io.out(`dry run: ${letters.length} dead letter(s) would be replayed; nothing sent, nothing recorded`);
      return 0;
    }
    if (letters.length === 0) {
      io.out('nothing to replay: no dead letter matches');
      return 0;
    }
    const auditFile = auditFileOf(io.env);
    await mkdir(dirname(auditFile), { recursive: true });
    await sendReplays(kafka, prefix, messages, async (i, sent) => {
      const line = JSON.stringify(auditRecordOf(letters[i], messages[i], sent));
      await appendFile(auditFile, `${line}\n`);
      io.out(line);
    });
    io.out(`replayed ${letters.length} dead letter(s); recorded in ${auditFile}`);
    io.out('the dead letters stay on their .dlq topics (a replay copies them back; the consumers skip what they have handled)');
    return 0;
  } catch (error) {
    io.err(`dlq: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
