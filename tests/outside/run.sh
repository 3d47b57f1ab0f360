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
#   COSPACE_PORT  port to listen on (default: a free port the kernel picks)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

log() { printf '[outside-checks] %s\n' "$*" >&2; }

# --- Python packages --------------------------------------------------------
# pip is quick when everything is already there.
log "installing Python packages (pip)"
PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check -r "$here/requirements.txt"

# --- npm packages and the demo server ---------------------------------------
source "$root/tests/demo-server.sh"
install_npm_packages
start_demo outside

# --- run the checks ---------------------------------------------------------
python3 "$here/check.py"
