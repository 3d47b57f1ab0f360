#!/usr/bin/env bash
# CSV import throughput: generates a sample of ORGS organisations around Kraków (about five
# rows each: 20,000 organisations ≈ 100,000 rows) with `cospace import generate-sample`, then
# times `cospace import stakeholders` RUNS times into a fresh SQLite file and a fresh
# PostgreSQL database (cospace_import_bench, dropped afterwards), and prints the medians:
# rows/s as the command reports it (reading, validating and writing the rows) and rows/s of
# the whole process (start-up and the migration check included).
#
#   bash benches/import.sh
#
# Knobs: COSPACE_BIN (a built binary; otherwise the release binary is built first),
# ORGS (default 20000), RUNS (default 3), PG_ADMIN_URL (default
# postgres://postgres@127.0.0.1:5432/postgres; "skip" leaves PostgreSQL out).
set -euo pipefail
cd "$(dirname "$0")/.."

ORGS=${ORGS:-20000}
RUNS=${RUNS:-3}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_DB=cospace_import_bench
WORK=$(mktemp -d)

if [ -n "${COSPACE_BIN:-}" ]; then
  BIN=$COSPACE_BIN
else
  cargo build --release -p cospace
  BIN=target/release/cospace
fi

cleanup() {
  if [ "$PG_ADMIN_URL" != skip ]; then
    psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print(f"{statistics.median(v):.0f}")'; }

GENERATED=$("$BIN" import generate-sample "$WORK/sample.csv" --organizations "$ORGS")
echo "$GENERATED"
ROWS=$(sed -n 's/^wrote [0-9]* organisations (\([0-9]*\) rows.*/\1/p' <<<"$GENERATED")

sqlite_space() { # a fresh database at $1 with the space "bench"
  rm -f "$1" "$1-wal" "$1-shm"
  "$BIN" migrate --database-url "sqlite://$1" >/dev/null
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("""INSERT INTO spaces (slug, kind, title, description, languages, visibility, created_at, updated_at)
              VALUES ('bench', 'city', 'Bench', '', 'en', 'public',
                      strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'))""")
db.commit()
PY
}

postgres_space() { # a fresh database cospace_import_bench with the space "bench"
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1
  psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $PG_DB" >/dev/null
  "$BIN" migrate --database-url "$1" >/dev/null
  psql -q "$1" -c "INSERT INTO spaces (slug, kind, title, description, languages, visibility, created_at, updated_at)
                   VALUES ('bench', 'city', 'Bench', '', 'en', 'public', now(), now())" >/dev/null
}

run() { # backend url: prints "reported_rows_per_s wall_rows_per_s" per run, then the medians
  local backend=$1 url=$2 reported=() wall=()
  for i in $(seq 1 "$RUNS"); do
    if [ "$backend" = sqlite ]; then sqlite_space "$WORK/bench.db"; else postgres_space "$url"; fi
    local start end line
    start=$(date +%s.%N)
    line=$("$BIN" import stakeholders "$WORK/sample.csv" --space bench --database-url "$url" 2>/dev/null)
    end=$(date +%s.%N)
    reported+=("$(sed -n 's/.*(\([0-9]*\) rows\/s)$/\1/p' <<<"$line")")
    wall+=("$(python3 -c "print(f'{$ROWS / ($end - $start):.0f}')")")
    echo "  $backend run $i: $line"
  done
  printf '%-10s %8s rows/s (command)   %8s rows/s (whole process)\n' "$backend" \
    "$(printf '%s\n' "${reported[@]}" | median)" "$(printf '%s\n' "${wall[@]}" | median)"
}

echo "importing $ROWS rows ($ORGS organisations), median of $RUNS runs"
SUMMARY=$(mktemp)
run sqlite "sqlite://$WORK/bench.db" | tee -a "$SUMMARY"
if [ "$PG_ADMIN_URL" != skip ]; then
  run postgres "${PG_ADMIN_URL%/*}/$PG_DB" | tee -a "$SUMMARY"
fi
echo
grep -v '^  ' "$SUMMARY"
rm -f "$SUMMARY"
