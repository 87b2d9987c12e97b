#!/usr/bin/env bash
# `npm run test:faults`: the fault drills (deploy/faults) at full scale: the built services as
# processes against their own PostgreSQL, Redis and Kafka broker, killed, restarted and flushed
# mid-work; one table at the end, non-zero exit on any loss or duplicate.
#   FAULT_DRILL_SCALE=short|full (default full)   FAULT_DRILL_SKIP_BUILD=1   FAULT_DRILL_KEEP=1
# Extra arguments go to Jest (e.g. -t 'replay' to run one drill).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/common.sh"

install_dependencies
if [[ "${FAULT_DRILL_SKIP_BUILD:-0}" != 1 ]]; then build_services; fi
export FAULT_DRILL_SCALE="${FAULT_DRILL_SCALE:-full}"
npx jest -c jest.faults.config.cts --ci "$@"
