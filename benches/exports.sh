#!/usr/bin/env bash
# Exports and API lists at the scale of a large city, behind docs/BENCHMARKS.md ("exports are
# unbounded"). Two spaces, one with SMALL organisations (the baseline) and one with ORGS (ten
# times more), generated with `cospace import generate-sample`. For each space: time, size and
# the server's peak resident memory (VmHWM, reset before each request) of the anonymous
# Popolo JSON, the CSV export, the first page of the API list and a walk over every page of
# the API list; then three Popolo downloads of the large space at once (the export limit turns
# the third away with 503), and the server's resident memory afterwards. Constant memory shows
# as a large/small ratio of peak memory near 1 while time grows with the size.
#
#   cargo build --release -p cospace && bash benches/exports.sh
#
# Knobs: COSPACE_BIN, ORGS (200000), SMALL (20000), DATABASE (sqlite | postgres),
# PG_ADMIN_URL, PORT. Traffic stays on 127.0.0.1; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${COSPACE_BIN:-target/release/cospace}
ORGS=${ORGS:-200000}
SMALL=${SMALL:-20000}
DATABASE=${DATABASE:-sqlite}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}
PG_DB=cospace_exports_bench
PORT=${PORT:-18183}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""
PASSWORD="bench admin password"

[ -x "$BIN" ] || { echo "build first: cargo build --release -p cospace" >&2; exit 1; }

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [ "$DATABASE" = postgres ]; then
    psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

case "$DATABASE" in
  sqlite) URL="sqlite://$WORK/bench.db" ;;
  postgres)
    psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB" >/dev/null
    URL="${PG_ADMIN_URL%/*}/$PG_DB"
    ;;
  *) echo "DATABASE is sqlite or postgres" >&2; exit 1 ;;
esac

start() {
  "$BIN" serve --listen "127.0.0.1:$PORT" --database-url "$URL" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 2000); do
    curl -sf -o /dev/null "$BASE/healthz" && return 0
    sleep 0.01
  done
  echo "server did not become healthy" >&2
  exit 1
}

stop() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
peak_kib() { awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }
# Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one.
reset_peak() { echo 5 >"/proc/$SERVER_PID/clear_refs"; }

measure() { # PATH → "seconds bytes peak_MiB"
  reset_peak
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "$BASE$1")
  set -- $out
  [ "$1" = 200 ] || { echo "status $1 for the export" >&2; exit 1; }
  echo "$2 $3 $(mib "$(peak_kib)")"
}

walk() { # PATH → "seconds pages items peak_MiB": every page of an API list, following Link
  reset_peak
  python3 - "$BASE" "$1" <<'PY'
import json, re, sys, time, urllib.request
base, path = sys.argv[1], sys.argv[2]
url, pages, items, t0 = base + path, 0, 0, time.perf_counter()
while url:
    with urllib.request.urlopen(url) as response:
        items += len(json.load(response))
        link = response.headers.get("link") or ""
    pages += 1
    m = re.match(r"<([^>]+)>; rel=\"next\"", link)
    url = m.group(1) if m else None
print(f"{time.perf_counter() - t0:.2f} {pages} {items}")
PY
}

"$BIN" migrate --database-url "$URL" >/dev/null
"$BIN" user create --email bench@example.org --password "$PASSWORD" --admin --database-url "$URL" >/dev/null
TOKEN=$("$BIN" token create --user bench@example.org --database-url "$URL")
start
for space in small large; do
  curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"title\":\"Bench $space\",\"slug\":\"bench-$space\",\"kind\":\"city\",\"languages\":[\"pl\",\"en\"]}" \
    "$BASE/api/v1/spaces" >/dev/null
done
stop
"$BIN" import generate-sample "$WORK/small.csv" --organizations "$SMALL" --seed 1 >/dev/null
"$BIN" import generate-sample "$WORK/large.csv" --organizations "$ORGS" --seed 2 >/dev/null
"$BIN" import stakeholders "$WORK/small.csv" --space bench-small --database-url "$URL" >/dev/null 2>&1
"$BIN" import stakeholders "$WORK/large.csv" --space bench-large --database-url "$URL" >/dev/null 2>&1
start
IDLE=$(mib "$(rss_kib)")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $DATABASE; $SMALL and $ORGS organisations; server resident memory when idle: $IDLE MiB"
echo
echo "| request | $SMALL organisations: time, size, peak memory | $ORGS organisations: time, size, peak memory | large / small: time, peak memory |"
echo "|---|---|---|---|"
row() { # LABEL PATH (SPACE stands for the space's slug) [walk]
  local small large
  if [ "${3:-}" = walk ]; then
    small="$(walk "${2//SPACE/bench-small}") $(mib "$(peak_kib)")"
    large="$(walk "${2//SPACE/bench-large}") $(mib "$(peak_kib)")"
  else
    small=$(measure "${2//SPACE/bench-small}")
    large=$(measure "${2//SPACE/bench-large}")
  fi
  python3 - "$1" "${3:-}" $small $large <<'PY'
import sys
label, walk, values = sys.argv[1], sys.argv[2], sys.argv[3:]
half = len(values) // 2
s, l = values[:half], values[half:]
def cell(v):
    if walk:
        return f"{float(v[0]):.2f} s, {v[1]} pages, {v[2]} entries, {v[3]} MiB"
    return f"{float(v[0]):.2f} s, {int(v[1]) / 1048576:.1f} MiB, {v[2]} MiB"
tr = float(l[0]) / max(float(s[0]), 1e-6)
mr = float(l[-1]) / max(float(s[-1]), 1e-6)
print(f"| {label} | {cell(s)} | {cell(l)} | ×{tr:.1f}, ×{mr:.2f} |")
PY
}
row "Popolo JSON, anonymous" /spaces/SPACE/popolo.json
row "CSV export, anonymous" /spaces/SPACE/stakeholders.csv
row "API list, first page (default 100)" /api/v1/spaces/SPACE/organizations
row "API list, every page of 1000" "/api/v1/spaces/SPACE/organizations?limit=1000" walk

echo
reset_peak
CURLS=()
for i in 1 2 3; do
  curl -s -o /dev/null -w "%{http_code} %{time_total}\n" "$BASE/spaces/bench-large/popolo.json" >"$WORK/at-once-$i" &
  CURLS+=($!)
done
wait "${CURLS[@]}"
CODES=$(cat "$WORK"/at-once-* | awk '{print $1}' | sort | tr '\n' ' ')
SLOWEST=$(cat "$WORK"/at-once-* | awk '$1 == 200 {print $2}' | sort -n | tail -1)
echo "Three Popolo downloads of $ORGS organisations at once: statuses $CODES(slowest 200 in ${SLOWEST} s); peak memory $(mib "$(peak_kib)") MiB; resident afterwards $(mib "$(rss_kib)") MiB (idle before: $IDLE MiB)"
