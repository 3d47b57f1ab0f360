#!/usr/bin/env bash
# Crash safety, behind docs/BENCHMARKS.md: "an acknowledged write survives a crash". ROUNDS
# times per setup, WRITERS clients write through the API (new spaces, and new organisations in
# a space: two components' tables and the activity log) while the server is killed with
# SIGKILL at a random moment; every write the server acknowledged (201) is recorded before
# the next is sent. After each restart every acknowledged write must be there; at the end
# `cospace log verify` must find the activity log's hash chain intact. Setups: SQLite (one
# node), PostgreSQL with one node, and PostgreSQL with two nodes sharing the database (both
# killed at once, writers spread over both).
#
#   cargo build --release -p cospace && bash benches/crash.sh
#
# Knobs: COSPACE_BIN, ROUNDS (50 per setup), WRITERS (8), PG_ADMIN_URL, PORT; SETUPS
# ("sqlite postgres postgres-2"). Exit status 1 if any acknowledged write is missing or the
# log does not verify. Traffic stays on 127.0.0.1; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${COSPACE_BIN:-target/release/cospace}
ROUNDS=${ROUNDS:-50}
WRITERS=${WRITERS:-8}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}
PG_DB=cospace_crash_bench
PORT=${PORT:-18184}
SETUPS=${SETUPS:-sqlite postgres postgres-2}
WORK=$(mktemp -d)
PIDS=()
PASSWORD="crash admin password"

[ -x "$BIN" ] || { echo "build first: cargo build --release -p cospace" >&2; exit 1; }

kill_all() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
cleanup() {
  kill_all
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_nodes() { # URL NODES
  local port
  for node in $(seq 1 "$2"); do
    port=$((PORT + node - 1))
    "$BIN" serve --listen "127.0.0.1:$port" --database-url "$1" >>"$WORK/server-$node.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 3000); do
      curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
      sleep 0.01
    done
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "node $node did not start" >&2; exit 1; }
  done
}

# The writers: each sends one write after another and appends what was acknowledged to its
# own file (flushed before the next write), until the server stops answering.
WRITER=$(cat <<'PY'
import json, sys, threading, urllib.error, urllib.request
token, out, round_no, writers, ports = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5].split(",")

def post(port, path, body):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
        headers={"authorization": f"Bearer {token}", "content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.load(response)

def write(n):
    port = ports[n % len(ports)]
    with open(f"{out}.{n}", "a") as acknowledged:
        i = 0
        while i < 100000:
            i += 1
            try:
                if i % 2:
                    slug = f"c{round_no}-{n}-{i}"
                    status, _ = post(port, "/api/v1/spaces", {"title": f"Crash {slug}", "slug": slug, "kind": "neighbourhood", "languages": ["en"]})
                    record = f"space {slug}"
                else:
                    name = f"Crash organisation {round_no}-{n}-{i}"
                    status, body = post(port, "/api/v1/spaces/crash/organizations", {"name": name, "sector": "ngo"})
                    record = f"organization {body['id']} {name}"
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                return
            if status == 201:
                acknowledged.write(record + "\n")
                acknowledged.flush()

threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
for t in threads: t.start()
for t in threads: t.join()
PY
)

# Checks every acknowledged write (of every round so far) through the API after the restart; prints how many were
# checked and exits 1 listing the missing.
CHECK=$(cat <<'PY'
import glob, json, sys, urllib.request
token, pattern, port = sys.argv[1], sys.argv[2], sys.argv[3]
def get(path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
organizations, cursor = {}, None
while True:
    status, body = get("/api/v1/spaces/crash/organizations?limit=1000" + (f"&cursor={cursor}" if cursor else ""))
    page = json.loads(body)
    for o in page:
        organizations[o["id"]] = o["name"]
    if len(page) < 1000:
        break
    cursor = page[-1]["id"]
status, body = get("/api/v1/spaces")
spaces = {s["slug"] for s in json.loads(body)}
missing, checked = [], 0
for path in glob.glob(pattern):
    for line in open(path):
        kind, rest = line.rstrip("\n").split(" ", 1)
        checked += 1
        if kind == "space":
            if rest not in spaces:
                missing.append(line.strip())
        else:
            id, name = rest.split(" ", 1)
            if organizations.get(int(id)) != name:
                missing.append(line.strip())
print(checked)
if missing:
    print("missing: " + "; ".join(missing[:20]), file=sys.stderr)
    sys.exit(1)
PY
)

run_setup() { # NAME URL NODES
  local name=$1 url=$2 nodes=$3 ports acknowledged=0 failures=0 t0 t1
  ports=$(seq -s, "$PORT" $((PORT + nodes - 1)))
  "$BIN" migrate --database-url "$url" >/dev/null
  "$BIN" user create --email crash@example.org --password "$PASSWORD" --admin --database-url "$url" >/dev/null
  TOKEN=$("$BIN" token create --user crash@example.org --database-url "$url")
  start_nodes "$url" 1
  curl -sf -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d '{"title":"Crash","slug":"crash","kind":"city","languages":["en"]}' "http://127.0.0.1:$PORT/api/v1/spaces" >/dev/null
  kill_all
  t0=$(date +%s)
  for round in $(seq 1 "$ROUNDS"); do
    start_nodes "$url" "$nodes"
    python3 -c "$WRITER" "$TOKEN" "$WORK/ack-$name" "$round" "$WRITERS" "$ports" &
    local writer=$!
    # Killed somewhere between 0.3 and 1.5 s into the load.
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 1.5), 2))')"
    kill_all
    wait "$writer" || true
    start_nodes "$url" 1
    if ! python3 -c "$CHECK" "$TOKEN" "$WORK/ack-$name.*" "$PORT" >"$WORK/checked" 2>"$WORK/missing"; then
      failures=$((failures + 1))
      echo "round $round: $(cat "$WORK/missing")" >&2
    fi
    acknowledged=$(cat "$WORK/checked")
    kill_all
  done
  t1=$(date +%s)
  local verify
  if verify=$("$BIN" log verify --database-url "$url" 2>&1); then verify=$(head -1 <<<"$verify"); else verify="BROKEN: $(tr '\n' ' ' <<<"$verify")"; failures=$((failures + 1)); fi
  printf '| %s | %s | %s | %s | %s | %s | %s s |\n' "$name" "$nodes" "$ROUNDS" "$acknowledged" "$failures" "$verify" "$((t1 - t0))"
  [ "$failures" = 0 ]
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $WRITERS writers; SIGKILL after 0.3–1.5 s of load, $ROUNDS rounds per setup"
echo
echo "| setup | nodes | kill -9 rounds | acknowledged writes checked | rounds with a missing write | activity log | duration |"
echo "|---|---|---|---|---|---|---|"
status=0
for setup in $SETUPS; do
  case "$setup" in
    sqlite) run_setup sqlite "sqlite://$WORK/crash.db" 1 || status=1 ;;
    postgres | postgres-2)
      if psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB" >/dev/null 2>&1; then
        run_setup "$setup" "${PG_ADMIN_URL%/*}/$PG_DB" "$([ "$setup" = postgres-2 ] && echo 2 || echo 1)" || status=1
      else
        echo "| $setup | – | PostgreSQL not reachable at $PG_ADMIN_URL: skipped | | | | |"
      fi
      ;;
  esac
done
exit $status
