/**
 * Dead letters: list, show and replay the `<topic>.dlq` topics.
 *   npm run dlq -- list [--topic <t>] [--since <ISO>] [--until <ISO>] [--error <text>] [--consumer <service>]
 *   npm run dlq -- show <dlqTopic>:<partition>:<offset>
 *   npm run dlq -- replay (<dlqTopic>:<partition>:<offset> | <filters> | --all) [--dry-run] --by <who>
 * KAFKA_BROKERS (default 127.0.0.1:19092), KAFKA_TOPIC_PREFIX (default ''), DLQ_AUDIT_FILE (default .local/dlq-replays.jsonl).
 */
import { runDlq } from './cli';

runDlq(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`dlq: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
