#!/usr/bin/env bash
# `npm test`: lint, type-check, unit, integration and end-to-end tests against real Kafka,
# PostgreSQL and Redis (Testcontainers when a Docker engine answers, the local stack otherwise:
# ROSTERLINK_TEST_STACK=auto|local|testcontainers). Prints one closing line: "N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RESULTS="$ROOT/.local/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
report() {
  local status=$?
  node deploy/local/test-summary.js "$RESULTS" || true
  if (( status != 0 )); then echo "test run FAILED (exit $status)"; fi
  exit "$status"
}
trap report EXIT

install_dependencies
install_chromium
install_ops_tools
if [[ "${ROSTERLINK_TEST_STACK:-auto}" != testcontainers ]]; then deploy/local/stack.sh up test; fi

echo "== lint"
npx nx run-many -t lint --outputStyle=static
echo "== type-check"
npx tsc -p tsconfig.json
npx tsc -p services/ops-dashboard/tsconfig.web.json
npx tsc -p services/provider-portal/tsconfig.web.json
npx tsc -p libs/ui/tsconfig.json
echo "== unit"
npx jest -c jest.config.ts --ci --json --outputFile="$RESULTS/unit.json"
echo "== integration"
npx jest -c jest.integration.config.cts --ci --json --outputFile="$RESULTS/integration.json"
echo "== end-to-end"
build_services
npx jest -c jest.e2e.config.cts --ci --json --outputFile="$RESULTS/e2e.json"
echo "== fault drills (short)"
# The services killed, PostgreSQL restarted, Redis flushed, Kafka stopped mid-work, on private
# servers (deploy/faults); `npm run test:faults` is the full version.
FAULT_DRILL_SCALE=short npx jest -c jest.faults.config.cts --ci --json --outputFile="$RESULTS/faults.json"
echo "== benchmarks (short)"
# Every bench script at a small size, so none of them rots; the numbers mean nothing at this size.
# `npm run bench` is the real run.
BENCH_SCALE=short BENCH_SKIP_BUILD=1 bash deploy/local/bench.sh
