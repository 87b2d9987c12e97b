#!/usr/bin/env bash
# `npm run bench`: the system measured against the real local stack (PostgreSQL, Redis, the `test`
# Kafka broker) and the built services; no assertions. Every figure is printed as it is measured,
# then all of them as one table (with its floor measured in the same run, the ratio to it, and the
# goal), kept in bench/results/<date>.json.
#   BENCH_SCALE=short  every bench at a small size (a smoke run, as `npm test` does at its end);
#                      results go to .local/bench/ instead of bench/results/.
#   BENCH_SKIP_BUILD=1 use dist/ as it is (npm test has just built it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_dependencies
deploy/local/stack.sh up test >/dev/null
mkdir -p .local/bench
export BENCH_RESULTS_FILE="$ROOT/.local/bench/results.jsonl"
REPORT_DIR="$ROOT/bench/results"
if [[ "${BENCH_SCALE:-full}" == short ]]; then
  export BENCH_ROWS=2000 BENCH_EVENTS=2000 BENCH_UPLOADS_SLOW=3 BENCH_UPLOADS_FAST=20
  export BENCH_PROVIDERS=20000 BENCH_SEARCHES=20 BENCH_REQUESTS=20000 BENCH_SUBMITS=200
  BENCH_RESULTS_FILE="$ROOT/.local/bench/results-short.jsonl"
  REPORT_DIR="$ROOT/.local/bench"
fi
rm -f "$BENCH_RESULTS_FILE"
swc() { node -r @swc-node/register "$@" 2>&1 | grep -v '^{'; }

echo "== pure steps: row validation, file reading"
npx tsx libs/roster/bench/validate-rows.bench.ts "${BENCH_ROWS:-100000}"
npx tsx libs/roster-file/bench/read-roster.bench.ts "${BENCH_ROWS:-100000}"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then build_services; fi
echo "== roster import (the built import-service, its own database)"
swc services/import-service/bench/roster-import.bench.ts
echo "== provider search (1,000,000 providers, its own database)"
swc services/link-request-service/bench/provider-search.bench.ts
echo "== link submit (50 concurrent clients)"
swc services/link-request-service/bench/link-submit.bench.ts
echo "== SLA sweep (1,000,000 open requests)"
swc services/link-request-service/bench/sla-sweep.bench.ts
echo "== upload → case (built services)"
npx tsx deploy/bench/upload-to-case.bench.ts
echo "== event pipeline (built services)"
npx tsx deploy/bench/event-pipeline.bench.ts
BENCH_REPORT_DIR="$REPORT_DIR" npx tsx deploy/bench/report.ts "$BENCH_RESULTS_FILE"
