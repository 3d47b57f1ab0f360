#!/usr/bin/env bash
# Stakeholders at city scale, behind docs/BENCHMARKS.md: one city with 50 neighbourhoods and
# 100,000 organisations with about 300,000 resources and needs (generated), then p50/p99 on
# loopback (wrk) for the map of one neighbourhood (what the map page loads first — its initial
# viewport, clustered — and the whole GeoJSON download), search, synergies for one need and
# the directory list page — on SQLite and on PostgreSQL — and import throughput.
#
#   cargo build --release -p cospace && bash benches/stakeholders.sh
#
# Knobs: COSPACE_BIN, NEIGHBOURHOODS (50), ORGS_PER_NEIGHBOURHOOD (2000), DURATION (15s),
# CONNECTIONS (8), PG_ADMIN_URL. Traffic stays on 127.0.0.1; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${COSPACE_BIN:-target/release/cospace}
NEIGHBOURHOODS=${NEIGHBOURHOODS:-50}
ORGS=${ORGS_PER_NEIGHBOURHOOD:-2000}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-8}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}
PORT=${PORT:-18182}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""
PASSWORD="bench admin password"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -x "$BIN" ] || { echo "build first: cargo build --release -p cospace" >&2; exit 1; }

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql -q "$PG_ADMIN_URL" -c 'DROP DATABASE IF EXISTS cospace_stakeholders_bench WITH (FORCE)' >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_healthy() {
  for _ in $(seq 1 2000); do
    curl -sf -o /dev/null "$BASE/healthz" && return 0
    sleep 0.01
  done
  echo "server did not become healthy" >&2
  return 1
}

start() {
  "$BIN" serve --listen "127.0.0.1:$PORT" --database-url "$1" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  wait_healthy
}

stop() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

api_post() { # PATH JSON
  curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "$2" "$BASE$1" >/dev/null
}

# The first request the map page makes for a 1000 × 448 pixel map (28rem at 16px): Leaflet's
# fitBounds(bounds.pad(0.15), {maxZoom: 16}) on the page's data-bounds, then the bbox of the
# view and its zoom, with the page's filters — what assets/map.js sends.
initial_viewport() { # SLUG → path
  curl -sf "$BASE/spaces/$1/stakeholders/map" | python3 -c '
import math, re, sys
slug, W, H = sys.argv[1], 1000, 448
w, s, e, n = map(float, re.search(r"data-bounds=\"([^\"]+)\"", sys.stdin.read()).group(1).split(","))
dw, dn = (e - w) * 0.15, (n - s) * 0.15
w, e, s, n = w - dw, e + dw, s - dn, n + dn
def px(lat, lon, z):
    size = 256 * 2 ** z; l = math.radians(lat)
    return (lon + 180) / 360 * size, (1 - math.log(math.tan(l) + 1 / math.cos(l)) / math.pi) / 2 * size
def unproject(x, y, z):
    size = 256 * 2 ** z
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / size)))), x / size * 360 - 180
z = 16
while z > 0:
    (x1, y1), (x2, y2) = px(n, w, z), px(s, e, z)
    if x2 - x1 <= W and y2 - y1 <= H:
        break
    z -= 1
(x1, y1), (x2, y2) = px(n, w, z), px(s, e, z)
cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
north, west = unproject(cx - W / 2, cy - H / 2, z)
south, east = unproject(cx + W / 2, cy + H / 2, z)
print(f"/spaces/{slug}/map.geojson?show=all&sector=&kind=&bbox={west:.6f},{south:.6f},{east:.6f},{north:.6f}&zoom={z}")
' "$1"
}

wrk_run() { # URL → "p50_ms p99_ms requests_per_second"
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$WORK/wrk.txt"
  python3 - "$WORK/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", text)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if bad:
    sys.exit(f"wrk saw {bad.group(1)} error responses")
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{ms('50%'):.1f} {ms('99%'):.1f} {rps:.0f}")
PY
}

bench_backend() { # NAME URL
  local name=$1 url=$2
  "$BIN" migrate --database-url "$url" >/dev/null
  "$BIN" user create --email bench@example.org --password "$PASSWORD" --admin --database-url "$url" >/dev/null
  TOKEN=$("$BIN" token create --user bench@example.org --database-url "$url")
  start "$url"
  api_post /api/v1/spaces '{"title":"Bench City","slug":"bench-city","kind":"city","languages":["pl","en"]}'
  for n in $(seq -w 1 "$NEIGHBOURHOODS"); do
    api_post /api/v1/spaces "{\"parent\":\"bench-city\",\"title\":\"Neighbourhood $n\",\"slug\":\"bench-n$n\",\"kind\":\"neighbourhood\",\"languages\":[\"pl\"]}"
  done
  stop
  local t0 t1 rows
  rows=0
  t0=$(date +%s%N)
  for n in $(seq -w 1 "$NEIGHBOURHOODS"); do
    "$BIN" import generate-sample "$WORK/n$n.csv" --organizations "$ORGS" --seed "$((10#$n))" >/dev/null
    rows=$((rows + $(($(wc -l <"$WORK/n$n.csv") - 1))))
  done
  t1=$(date +%s%N)
  local gen_s
  gen_s=$(python3 -c "print(f'{($t1-$t0)/1e9:.1f}')")
  t0=$(date +%s%N)
  for n in $(seq -w 1 "$NEIGHBOURHOODS"); do
    "$BIN" import stakeholders "$WORK/n$n.csv" --space "bench-n$n" --database-url "$url" >/dev/null 2>&1
  done
  t1=$(date +%s%N)
  local import_rate
  import_rate=$(python3 -c "print(f'{$rows/(($t1-$t0)/1e9):.0f}')")
  start "$url"
  local need
  need=$(curl -sf "$BASE/api/v1/spaces/bench-n01/needs?status=open" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  local viewport map search synergies list
  viewport=$(wrk_run "$BASE$(initial_viewport bench-n01)")
  map=$(wrk_run "$BASE/spaces/bench-n01/map.geojson")
  search=$(wrk_run "$BASE/api/v1/spaces/bench-city/search?q=sala")
  synergies=$(wrk_run "$BASE/api/v1/spaces/bench-n01/synergies?need=$need")
  list=$(wrk_run "$BASE/spaces/bench-n01/stakeholders?show=organizations")
  stop
  printf '| %s | %s rows (generated in %s s) at **%s rows/s** | %s | %s | %s | %s | %s |\n' \
    "$name" "$rows" "$gen_s" "$import_rate" \
    "$(echo "$viewport" | awk '{print $1" / "$2" ms ("$3"/s)"}')" \
    "$(echo "$map" | awk '{print $1" / "$2" ms ("$3"/s)"}')" \
    "$(echo "$search" | awk '{print $1" / "$2" ms ("$3"/s)"}')" \
    "$(echo "$synergies" | awk '{print $1" / "$2" ms ("$3"/s)"}')" \
    "$(echo "$list" | awk '{print $1" / "$2" ms ("$3"/s)"}')"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $NEIGHBOURHOODS neighbourhoods × $ORGS organisations; wrk 1 thread, $CONNECTIONS connections, $DURATION per URL"
echo
echo "| backend | import | map of one neighbourhood: initial viewport p50 / p99 | whole GeoJSON download p50 / p99 | search p50 / p99 | synergies for one need p50 / p99 | list page p50 / p99 |"
echo "|---|---|---|---|---|---|---|"
bench_backend sqlite "sqlite://$WORK/bench.db"
if psql -q "$PG_ADMIN_URL" -c 'DROP DATABASE IF EXISTS cospace_stakeholders_bench WITH (FORCE)' -c 'CREATE DATABASE cospace_stakeholders_bench' >/dev/null 2>&1; then
  bench_backend postgres "${PG_ADMIN_URL%/*}/cospace_stakeholders_bench"
else
  echo "(PostgreSQL not reachable at $PG_ADMIN_URL: skipped)"
fi
