#!/usr/bin/env bash
# Server benchmarks behind docs/BENCHMARKS.md: cold start of `cospace serve` to the first 200 on
# /healthz, idle RSS, release binary size, and requests/s and p99 latency of a space page and of
# the components' list pages against /healthz in the same run (wrk on loopback), on SQLite and
# on PostgreSQL.
#
#   cargo build --release -p cospace && bash benches/serve.sh
#
# Knobs: COSPACE_BIN, RUNS (cold starts per backend, default 15; 0 skips them), DURATION (wrk,
# default 15s), CONNECTIONS (default 16), THREADS (wrk threads, default 1), PAGES (the paths
# measured against /healthz, space-separated), BACKENDS (default "sqlite postgres"),
# PG_ADMIN_URL, PORT, BENCH_DB (the PostgreSQL database it creates and drops).
# Traffic goes to 127.0.0.1 only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${COSPACE_BIN:-target/release/cospace}
RUNS=${RUNS:-15}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}
PAGES=${PAGES:-/spaces/azory /spaces/azory/stakeholders /spaces/azory/calendar?view=agenda}
BACKENDS=${BACKENDS:-sqlite postgres}
PORT=${PORT:-18181}
BENCH_DB=${BENCH_DB:-cospace_bench}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -x "$BIN" ] || { echo "build first: cargo build --release -p cospace" >&2; exit 1; }

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print(f"{statistics.median(v):.1f}")'; }

wait_healthy() {
  for _ in $(seq 1 2000); do
    curl -sf -o /dev/null "$BASE/healthz" && return 0
    sleep 0.005
  done
  echo "server did not become healthy" >&2
  return 1
}

start() { # start CMD... in the background, quietly
  "$@" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}

stop() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

wrk_run() { # prints "requests_per_second p99_ms"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$WORK/wrk.txt"
  python3 - "$WORK/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
value, unit = float(p99.group(1)), p99.group(2)
ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors:
    sys.exit(f"wrk saw {errors.group(1)} error responses")
print(f"{rps:.0f} {ms:.2f}")
PY
}

bench_backend() { # NAME URL
  local name=$1 url=$2
  # Load the demo world once, then measure plain `serve` on it.
  start "$BIN" demo --database-url "$url"
  wait_healthy
  stop
  : >"$WORK/starts"
  for _ in $(seq 1 "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    start "$BIN" serve --database-url "$url"
    wait_healthy
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000 ))" | awk '{print $1/1000}' >>"$WORK/starts"
    stop
  done
  local cold="-" rss health path result
  [ "$RUNS" -gt 0 ] && cold="$(median <"$WORK/starts") ms"
  start "$BIN" serve --database-url "$url"
  wait_healthy
  sleep 1
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$SERVER_PID/status")
  for path in $PAGES; do
    curl -sf -o /dev/null "$BASE$path" || { echo "$path failed" >&2; exit 1; }
  done
  # The baseline and the pages back to back, on the same server, in the same minute.
  health=$(wrk_run "$BASE/healthz")
  read -r health_rps health_p99 <<<"$health"
  printf '| %s | %s | %s MiB | `/healthz` | %s | %s ms | 1.00 |\n' \
    "$name" "$cold" "$rss" "$health_rps" "$health_p99"
  for path in $PAGES; do
    result=$(wrk_run "$BASE$path")
    read -r page_rps page_p99 <<<"$result"
    ratio=$(python3 -c "print(f'{$page_rps/$health_rps:.2f}')")
    printf '| %s | | | `%s` | %s | %s ms | %s |\n' "$name" "$path" "$page_rps" "$page_p99" "$ratio"
  done
  stop
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "binary: $BIN, $(du -b "$BIN" | awk '{printf "%.1f MiB", $1/1048576}')"
echo "wrk: $THREADS thread(s), $CONNECTIONS connections, $DURATION per URL; cold start: median of $RUNS"
echo
echo "| backend | cold start → /healthz 200 | idle RSS | path | req/s | p99 | ÷ /healthz |"
echo "|---|---|---|---|---|---|---|"
for backend in $BACKENDS; do
  case $backend in
    sqlite) bench_backend sqlite "sqlite://$WORK/bench.db" ;;
    postgres)
      if psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB" >/dev/null 2>&1; then
        bench_backend postgres "${PG_ADMIN_URL%/*}/$BENCH_DB"
      else
        echo "(PostgreSQL not reachable at $PG_ADMIN_URL: skipped)"
      fi ;;
  esac
done
