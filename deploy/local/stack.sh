#!/usr/bin/env bash
# The local stack, real parts only: Apache Kafka (KRaft, from Maven Central), PostgreSQL, Redis.
#   deploy/local/stack.sh up|down|status [dev|test|faults]
# `dev` (default) serves `npm start` on Kafka port 19092; `test` is a second broker on 29092 that
# the test suite may stop and start without disturbing a running demo; `faults` (27092) belongs to
# the fault drills (deploy/faults), which stop and start it at will. PostgreSQL and Redis are
# the machine's own servers on loopback (started, or installed from Debian, when missing); the
# fault drills run their own private PostgreSQL and Redis instead (deploy/faults/private-stack.ts).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.local"
KAFKA_LIBS="$STATE/kafka-libs"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/deploy/local/kafka/pom.xml")"

command="${1:-status}"
instance="${2:-dev}"
case "$instance" in
  dev) broker_port=19092 ;;
  test) broker_port=29092 ;;
  faults) broker_port=27092 ;;
  *) echo "unknown instance '$instance' (dev, test or faults)" >&2; exit 2 ;;
esac
kafka_dir="$STATE/kafka-$instance"
pid_file="$kafka_dir/broker.pid"
# Where clients find this broker; the test fixtures read it (the port moves if another checkout holds it).
bootstrap_file="$kafka_dir/bootstrap"

log() { printf '[stack] %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
kafka_running() { [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

fetch_kafka() {
  if [[ -f "$KAFKA_LIBS/.version" && "$(cat "$KAFKA_LIBS/.version")" == "$KAFKA_VERSION" ]]; then return; fi
  command -v java >/dev/null || { log "Java 17+ is needed for Kafka: apt-get install openjdk-17-jre-headless"; exit 1; }
  command -v mvn >/dev/null || { log "Maven is needed to fetch Kafka: apt-get install maven"; exit 1; }
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS"
  mvn -q -B -Dstyle.color=never -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" >&2
  echo "$KAFKA_VERSION" > "$KAFKA_LIBS/.version"
}

kafka_up() {
  fetch_kafka
  if kafka_running; then log "kafka-$instance already running on $(cat "$bootstrap_file")"; return; fi
  mkdir -p "$kafka_dir"
  # The data directory remembers its port; otherwise take the default, or the next free pair.
  [[ -f "$kafka_dir/port" ]] && broker_port="$(cat "$kafka_dir/port")"
  while port_open "$broker_port" || port_open $((broker_port + 1)); do
    [[ -f "$kafka_dir/data/meta.properties" ]] && { log "port $broker_port is taken; kafka-$instance cannot restart"; exit 1; }
    log "port $broker_port is taken by another process; trying $((broker_port + 100))"
    broker_port=$((broker_port + 100))
  done
  controller_port=$((broker_port + 1))
  echo "$broker_port" > "$kafka_dir/port"
  echo "127.0.0.1:$broker_port" > "$bootstrap_file"
  sed -e "s#@BROKER_PORT@#$broker_port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" \
    -e "s#@DATA_DIR@#$kafka_dir/data#g" "$ROOT/deploy/local/kafka/server.properties.template" > "$kafka_dir/server.properties"
  if [[ ! -f "$kafka_dir/data/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$kafka_dir/server.properties" >/dev/null 2>&1
    log "formatted KRaft storage in $kafka_dir/data (cluster $cluster_id)"
  fi
  # A small heap suits a 2-core laptop-sized machine; logs go to a file, not the terminal.
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$kafka_dir/server.properties" > "$kafka_dir/broker.log" 2>&1 &
  echo $! > "$pid_file"
  for _ in $(seq 1 120); do
    if grep -q "Kafka Server started" "$kafka_dir/broker.log" 2>/dev/null && port_open "$broker_port"; then
      log "kafka-$instance up on 127.0.0.1:$broker_port (pid $(cat "$pid_file"), log $kafka_dir/broker.log)"
      return
    fi
    kafka_running || { log "kafka-$instance exited; see $kafka_dir/broker.log"; tail -20 "$kafka_dir/broker.log" >&2; exit 1; }
    sleep 0.5
  done
  log "kafka-$instance did not start within 60 s; see $kafka_dir/broker.log"; exit 1
}

kafka_down() {
  if ! kafka_running; then log "kafka-$instance not running"; rm -f "$pid_file"; return; fi
  local pid; pid="$(cat "$pid_file")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pid_file"
  log "kafka-$instance stopped"
}

postgres_up() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    sed -i 's/^\(host.*127.0.0.1\/32\s*\)\S*$/\1trust/; s/^\(local\s*all\s*all\s*\)\S*$/\1trust/' /etc/postgresql/*/main/pg_hba.conf
  fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 0.5; done
  log "PostgreSQL did not start"; exit 1
}

redis_up() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  if ! command -v redis-server >/dev/null; then
    log "installing Redis from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return; sleep 0.5; done
  log "Redis did not start"; exit 1
}

status() {
  kafka_running && echo "kafka-$instance: up on $(cat "$bootstrap_file") (pid $(cat "$pid_file"))" || echo "kafka-$instance: down"
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo "postgresql: up on 127.0.0.1:5432" || echo "postgresql: down"
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && echo "redis: up on 127.0.0.1:6379" || echo "redis: down"
}

case "$command" in
  up) postgres_up; redis_up; kafka_up ;;
  down) kafka_down ;;  # PostgreSQL and Redis are the machine's; they stay up.
  kafka-start) kafka_up ;;
  kafka-stop) kafka_down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status|kafka-start|kafka-stop [dev|test|faults]" >&2; exit 2 ;;
esac
