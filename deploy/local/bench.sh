#!/usr/bin/env bash
# `npm run bench`: the roster hot path, measured (no assertions; numbers only).
#   row validation (pure), file reading (CSV and xlsx streams), and the whole Process Roster Import
#   against the local PostgreSQL. BENCH_ROWS (default 100000) sizes the last one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_dependencies
deploy/local/stack.sh up test >/dev/null
npx tsx libs/roster/bench/validate-rows.bench.ts | head -1
npx tsx libs/roster-file/bench/read-roster.bench.ts
node -r @swc-node/register services/import-service/bench/roster-import.bench.ts 2>&1 | grep -v '^{'
