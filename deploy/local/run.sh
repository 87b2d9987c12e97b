#!/usr/bin/env bash
# `npm start`: the whole system on this machine, real parts only.
# Installs what is missing, brings up Kafka/PostgreSQL/Redis, creates the topics, builds and starts
# the five services (each migrates its own schema), loads the demo data through
# provider-master.upserted.v1, starts the operations dashboard on port 3000, then prints the URLs
# and demo tokens. The services and the dashboard are supervised (restarted when they exit, see
# deploy/local/supervise.ts). Ctrl-C stops them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SERVICES=(upload-service:3001 import-service:3002 link-request-service:3003 notification-service:3004 access-service:3005)
LOGS="$ROOT/.local/logs"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/rosterlink}"

install_dependencies
deploy/local/stack.sh up dev
export KAFKA_BROKERS="${KAFKA_BROKERS:-$(cat .local/kafka-dev/bootstrap)}"
psql "${DATABASE_URL%/*}/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = '${DATABASE_URL##*/}'" | grep -q 1 \
  || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"${DATABASE_URL##*/}\""
npx tsx deploy/local/provision-topics.ts
build_services

mkdir -p "$LOGS"
# deploy/local/supervise.ts keeps the processes running: one that exits is restarted with backoff (1 s
# doubling to 30 s), and the exit, with its last log lines, is reported here. The process list goes on
# stdin, so `pgrep -f dist/services/<name>/main.js` finds the service and not its supervisor.
supervisors=()
supervise() { # supervise <name>…: `node $SERVICE_NODE_FLAGS dist/services/<name>/main.js` for each, logging to $LOGS/<name>.log
  for name in "$@"; do echo "$name node $SERVICE_NODE_FLAGS dist/services/$name/main.js"; done \
    | node --import tsx deploy/local/supervise.ts --logs "$LOGS" &
  supervisors+=($!)
}
stop_services() {
  trap - INT TERM EXIT
  echo; echo "[run] stopping the services (the stack stays up: deploy/local/stack.sh down stops Kafka)"
  # Each supervisor sends SIGTERM to its processes, SIGKILLs what is left after 10 s, and exits.
  kill -TERM "${supervisors[@]}" 2>/dev/null || true
  wait "${supervisors[@]}" 2>/dev/null || true
}
trap 'stop_services; exit 130' INT
trap 'stop_services; exit 143' TERM
trap stop_services EXIT

supervise "${SERVICES[@]%%:*}"

deadline=$((SECONDS + 180))
for entry in "${SERVICES[@]}"; do
  name="${entry%%:*}" port="${entry##*:}"
  until curl -fs "http://127.0.0.1:$port/health" >/dev/null; do
    if (( SECONDS > deadline )); then echo "[run] $name is not healthy after 3 minutes; see $LOGS/$name.log" >&2; exit 1; fi
    sleep 1
  done
  echo "[run] $name healthy on http://127.0.0.1:$port (API docs at /docs)"
done

npx tsx deploy/local/seed-demo-data.ts
# The demo provider users' grants and each location's Primary User, through access-service's API.
npx tsx deploy/local/seed-demo-access.ts
# Demo link requests submitted on past days (on track, WARNING, BREACHED), through link-request-service's own submit
# use case; swc, not tsx: Nest's injection needs decorator metadata. Idempotent.
node -r @swc-node/register deploy/local/seed-demo-requests.ts || echo "[run] the demo link requests were not seeded (see above); everything else runs" >&2

# The operations dashboard, with the local sign-in as one of the demo users (production signs in through OIDC).
demo_users="$(npx tsx -e "import { DEMO_USERS } from './deploy/local/demo-users'; console.log(JSON.stringify(DEMO_USERS))")"
DEV_SIGN_IN_USERS="$demo_users" supervise ops-dashboard
deadline=$((SECONDS + 60))
until curl -fs http://127.0.0.1:3000/health >/dev/null; do
  if (( SECONDS > deadline )); then echo "[run] ops-dashboard is not up; see $LOGS/ops-dashboard.log" >&2; exit 1; fi
  sleep 1
done
# The provider portal, with the same local sign-in as the demo users (production signs in through OIDC).
DEV_SIGN_IN_USERS="$demo_users" supervise provider-portal
deadline=$((SECONDS + 60))
until curl -fs http://127.0.0.1:3006/health >/dev/null; do
  if (( SECONDS > deadline )); then echo "[run] provider-portal is not up; see $LOGS/provider-portal.log" >&2; exit 1; fi
  sleep 1
done
echo
echo "rosterlink is running. Logs: tail -f $LOGS/*.log"
for entry in "${SERVICES[@]}"; do echo "  ${entry%%:*}: http://127.0.0.1:${entry##*:}/docs"; done
echo "  ops dashboard: http://127.0.0.1:3000 (sign in as a demo user)"
echo "  provider portal: http://127.0.0.1:3006 (sign in as a demo provider user, e.g. Maria Santos)"
echo
npx tsx deploy/local/demo-tokens.ts
echo
echo "Press Ctrl-C to stop."
# The supervisors run until stopped; should one of them die, the EXIT trap stops the other.
wait -n "${supervisors[@]}"
