#!/usr/bin/env bash
# Run the cospace browser tests end to end:
#   1. make sure Chromium, the npm packages and the cospace binary exist;
#   2. start `cospace demo` on a free port with a throw-away SQLite database and
#      mail folder;
#   3. run `node --test` against it;
#   4. always stop the server and delete the database, whatever happened.
#
# Usage (from anywhere):   tests/browser/run.sh
# Environment:
#   COSPACE_BIN   server binary, relative to the repository root unless absolute
#                 (default target/debug/cospace; built with `cargo build -p cospace` if missing)
#   COSPACE_PORT  port to listen on (default: a free port the kernel picks)
#   CHROMIUM      browser binary used by the tests (default /usr/bin/chromium)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

log() { printf '[browser-tests] %s\n' "$*" >&2; }

# --- Chromium -------------------------------------------------------------
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  log "installing chromium (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

# --- npm packages and the demo server ---------------------------------------
source "$root/tests/demo-server.sh"
install_npm_packages
start_demo browser

# --- run the tests ---------------------------------------------------------
# Run from the test directory so `node --test .` only picks up our *.test.mjs
# files (node_modules is skipped by the runner).
(cd "$here" && node --test --test-reporter=spec .)
