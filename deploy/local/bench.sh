#!/usr/bin/env bash
# `npm run bench`: the roster hot path, measured (no assertions; numbers only).
#   row validation (pure), file reading (CSV and xlsx streams), the whole Process Roster Import,
#   provider search over 1,000,000 providers, against the local PostgreSQL; and the event pipeline
#   (outbox → Kafka → consumer → /links/verify) at 100,000 events, with the built services.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_dependencies
deploy/local/stack.sh up test >/dev/null
npx tsx libs/roster/bench/validate-rows.bench.ts
npx tsx libs/roster-file/bench/read-roster.bench.ts
node -r @swc-node/register services/import-service/bench/roster-import.bench.ts 2>&1 | grep -v '^{'
node -r @swc-node/register services/link-request-service/bench/provider-search.bench.ts 2>&1 | grep -v '^{'
build_services
npx tsx deploy/bench/event-pipeline.bench.ts
