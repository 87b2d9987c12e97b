# Shared by run.sh and test.sh: the repository root and a dependency install that only runs when needed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
# The V8 flags of every service process: libs/platform/src/service-node-flags.ts (deploy/test checks this copy).
SERVICE_NODE_FLAGS="--max-semi-space-size=8"

install_dependencies() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "[setup] npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The dashboard's browser tests drive Debian's Chromium (playwright-core downloads no browser).
install_chromium() {
  install_debian_packages chromium:/usr/bin/chromium
}

# The operations tooling the tests check the repository's files with: promtool (alert rules) and kubectl
# (`kubectl kustomize` renders the Kubernetes manifests offline).
install_ops_tools() {
  install_debian_packages prometheus:/usr/bin/promtool kubectl:/usr/bin/kubectl
}

# Each argument is `package:binary`; the packages whose binary is missing are installed from Debian.
install_debian_packages() {
  local missing=() spec
  for spec in "$@"; do [[ -x "${spec#*:}" ]] || missing+=("${spec%%:*}"); done
  (( ${#missing[@]} == 0 )) && return 0
  echo "[setup] apt-get install ${missing[*]}" >&2
  local sudo=""
  if (( EUID != 0 )); then sudo="sudo -n"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build_services() {
  echo "[setup] building the services and the operations dashboard" >&2
  npx nx run-many -t build --projects=tag:type:app --outputStyle=static >/dev/null
}
