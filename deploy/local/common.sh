# Shared by run.sh and test.sh: the repository root and a dependency install that only runs when needed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

install_dependencies() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "[setup] npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The dashboard's browser tests drive Debian's Chromium (playwright-core downloads no browser).
install_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    echo "[setup] apt-get install chromium" >&2
    local sudo=""
    if (( EUID != 0 )); then sudo="sudo -n"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}

build_services() {
  echo "[setup] building the services and the operations dashboard" >&2
  npx nx run-many -t build --projects=tag:type:app --outputStyle=static >/dev/null
}
