#!/usr/bin/env bash
# Check cospace's published formats with tools it did not write (check.py, ical.mjs):
#   OpenAPI 3.1 (openapi-spec-validator), iCalendar feeds read by two parsers that must agree
#   (Python icalendar + recurring-ical-events, and ical.js), GeoJSON against the geojson org's
#   JSON Schema.
#   1. make sure the pip and npm packages and the cospace binary exist;
#   2. start `cospace demo` on a free port with a throw-away SQLite database and mail folder,
#      its public URL set to that address;
#   3. run check.py against it;
#   4. always stop the server and delete the database, whatever happened.
#
# Usage (from anywhere):   tests/outside/run.sh
# Environment:
#   COSPACE_BIN   server binary, relative to the repository root unless absolute
#                 (default target/debug/cospace; built with `cargo build -p cospace` if missing)
#   COSPACE_PORT  port to listen on (default: a free port picked by python3, else 18081)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

log() { printf '[outside-checks] %s\n' "$*" >&2; }

# --- Python packages --------------------------------------------------------
# pip is quick when everything is already there.
log "installing Python packages (pip)"
PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check -r "$here/requirements.txt"

# --- npm packages ---------------------------------------------------------
# `npm ci` is re-run when node_modules is missing or the lockfile changed since
# the last install; we remember the lockfile's checksum inside node_modules.
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
stamp="$here/node_modules/.cospace-lock-sha256"
if [[ ! -d "$here/node_modules" || "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]]; then
  log "installing npm packages (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund)
  echo "$lock_sum" >"$stamp"
fi

# --- server binary --------------------------------------------------------
bin="${COSPACE_BIN:-target/debug/cospace}"
[[ "$bin" == /* ]] || bin="$root/$bin"
if [[ ! -x "$bin" ]]; then
  log "building cospace ($bin is missing)"
  cargo build -p cospace
fi

# --- start the demo server --------------------------------------------------
port="${COSPACE_PORT:-}"
if [[ -z "$port" ]]; then
  # Bind to port 0 and let the kernel choose; there is a tiny window before the
  # server binds it, which is fine for a single local run.
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18081)"
fi
workdir="$(mktemp -d "${TMPDIR:-/tmp}/cospace-outside.XXXXXX")"
db="$workdir/cospace.db"
server_log="$workdir/server.log"
server_pid=""

cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$server_log" ]]; then
    log "FAILED (exit $status) — server log follows:"
    sed 's/^/  | /' "$server_log" >&2
  fi
  rm -rf "$workdir"   # the database, its -wal/-shm files, the mail and the log
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export COSPACE_URL="http://127.0.0.1:$port"
log "starting $bin demo on $COSPACE_URL (database $db)"
# The public URL is set explicitly: the checks require every absolute URL to start with it,
# whatever Host a request names.
"$bin" demo --database-url "sqlite://$db" --listen "127.0.0.1:$port" --public-url "$COSPACE_URL" \
  --mail-dir "$workdir/mail" >"$server_log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 60); do   # 60 × 0.5 s = 30 s
  if ! kill -0 "$server_pid" 2>/dev/null; then
    log "the server exited before becoming healthy"
    exit 1
  fi
  if [[ "$(curl -fsS --max-time 2 "$COSPACE_URL/healthz" 2>/dev/null || true)" == "ok" ]]; then
    ready=1
    break
  fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  log "the server did not answer /healthz within 30 s"
  exit 1
fi
log "server is up"

# --- run the checks ---------------------------------------------------------
python3 "$here/check.py"
