#!/usr/bin/env bash
# Kafka's own command-line tools, from the jars the local stack fetched (no separate install).
#   deploy/local/kafka-tool.sh topics --list
#   deploy/local/kafka-tool.sh console-consumer --topic roster.uploaded.v1 --from-beginning --property print.key=true --property print.headers=true
#   deploy/local/kafka-tool.sh consumer-groups --describe --group import-service
# --bootstrap-server defaults to the dev broker (KAFKA_BOOTSTRAP overrides it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LIBS="$ROOT/.local/kafka-libs"
[[ -d "$LIBS" ]] || { echo "Kafka jars missing: run deploy/local/stack.sh up first" >&2; exit 1; }

tool="${1:-}"; shift || true
case "$tool" in
  topics) main=org.apache.kafka.tools.TopicCommand ;;
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  console-producer) main=org.apache.kafka.tools.ConsoleProducer ;;
  consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  configs) main=org.apache.kafka.admin.ConfigCommand ;;
  *) echo "usage: $0 topics|console-consumer|console-producer|consumer-groups|configs [options]" >&2; exit 2 ;;
esac
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$main" \
  --bootstrap-server "${KAFKA_BOOTSTRAP:-$(cat "$ROOT/.local/kafka-dev/bootstrap" 2>/dev/null || echo 127.0.0.1:19092)}" "$@"
