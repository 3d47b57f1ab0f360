#!/usr/bin/env bash
# The iCalendar feed of a space with 10,000 events, behind docs/BENCHMARKS.md: a generated .ics
# file (mostly one-off events, some weekly and monthly series, a few with excluded dates and
# moved or cancelled occurrences, several zones, all-day events) imported with
# `cospace import calendar` into a fresh SQLite and a fresh PostgreSQL database, then p50/p99
# and req/s on loopback (wrk) for /spaces/SLUG/calendar.ics — one client at a time and several
# at once — with /healthz as the same run's baseline, the feed's size and the import time.
#
#   cargo build --release -p cospace && bash benches/calendar.sh
#
# Knobs: COSPACE_BIN, EVENTS (10000), DURATION (15s), CONCURRENT (4), COLD_RUNS (9), PG_ADMIN_URL. Traffic
# stays on 127.0.0.1; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${COSPACE_BIN:-target/release/cospace}
EVENTS=${EVENTS:-10000}
DURATION=${DURATION:-15s}
CONCURRENT=${CONCURRENT:-4}
COLD_RUNS=${COLD_RUNS:-9}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}
PORT=${PORT:-18183}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""
PASSWORD="bench admin password"
FEED="/spaces/bench-city/calendar.ics"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -x "$BIN" ] || { echo "build first: cargo build --release -p cospace" >&2; exit 1; }

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql -q "$PG_ADMIN_URL" -c 'DROP DATABASE IF EXISTS cospace_calendar_bench WITH (FORCE)' >/dev/null 2>&1 || true
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

wrk_run() { # CONNECTIONS URL → "p50_ms p99_ms requests_per_second"
  wrk -t1 -c"$1" -d"$DURATION" --latency "$2" >"$WORK/wrk.txt"
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

# The calendar of a busy city: EVENTS events from November 2025 to October 2027 (all inside
# the feed's window, so every one is published), deterministic.
generate() { # FILE
  python3 - "$1" "$EVENTS" <<'PY'
import random, sys
from datetime import date, datetime, timedelta
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261122)
titles = ["Spotkanie liderów lokalnych", "Warsztaty dla seniorów", "Festyn sąsiedzki",
          "Sprzątanie parku", "Konsultacje budżetu obywatelskiego", "Klub książki",
          "Family picnic", "Youth football training", "Kurs komputerowy", "Koncert w bibliotece",
          "Neighbourhood council", "Repair café", "Zajęcia plastyczne dla dzieci"]
places = ["Klub Azory\\, os. Azory 1", "Biblioteka Publiczna\\, ul. Pachońskiego 8",
          "Park Azory", "Dom Kultury\\, ul. Makowskiego 2", "Szkoła Podstawowa nr 1"]
kinds = ["action", "meeting", "consultation", "celebration", "training", "other"]
zones = ["Europe/Warsaw"] * 8 + ["Europe/London", "Europe/Madrid"]
first = date(2025, 11, 1)
def stamp(d): return d.strftime("%Y%m%dT%H%M%S")
def fold(line):
    out, b = [], line.encode()
    while len(b) > 75:
        cut = 75 if not out else 74
        while (b[cut] & 0xC0) == 0x80: cut -= 1
        out.append(b[:cut].decode()); b = b[cut:]
    out.append(b.decode())
    return "\r\n ".join(out)
lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cospace bench//EN", "CALSCALE:GREGORIAN"]
for i in range(n):
    day = first + timedelta(days=rng.randrange(0, 730))
    start = datetime(day.year, day.month, day.day, rng.choice([9, 10, 12, 15, 16, 17, 18]), rng.choice([0, 30]))
    end = start + timedelta(minutes=rng.choice([60, 90, 120, 180]))
    zone = rng.choice(zones)
    roll = rng.random()
    kind = rng.choice(kinds)
    ev = ["BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20261120T100000Z",
          fold(f"SUMMARY:{rng.choice(titles)} #{i}"),
          fold("DESCRIPTION:" + " ".join(rng.choice(["Zapraszamy", "mieszkańców", "Azorów", "na",
               "wspólne", "działania\\,", "all", "welcome", "free", "entry\\;", "kawa", "i", "ciasto"])
               for _ in range(30))),
          fold(f"LOCATION:{rng.choice(places)}\\, Kraków"),
          f"CATEGORIES:{kind}"]
    if roll < 0.05:  # all-day
        ev += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=rng.choice([1, 2])):%Y%m%d}"]
    else:
        ev += [f"DTSTART;TZID={zone}:{stamp(start)}", f"DTEND;TZID={zone}:{stamp(end)}"]
    overrides = []
    if 0.05 <= roll < 0.15:  # weekly series
        ev.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(8, 53)}")
    elif 0.15 <= roll < 0.19:  # monthly, open-ended
        nth = min((start.day - 1) // 7 + 1, 4)
        # A meeting series must end (its meetings are numbered); other series may run on.
        ends = ";COUNT=12" if kind == "meeting" else ""
        ev.append(f"RRULE:FREQ=MONTHLY;BYDAY={nth}{['MO','TU','WE','TH','FR','SA','SU'][start.weekday()]}{ends}")
    elif 0.19 <= roll < 0.20:  # weekly with exclusions and a moved and a cancelled occurrence
        ev.append("RRULE:FREQ=WEEKLY;COUNT=30")
        ex = [start + timedelta(weeks=w) for w in (2, 5)]
        ev.append(f"EXDATE;TZID={zone}:" + ",".join(stamp(x) for x in ex))
        for w, cancelled in ((3, False), (7, True)):
            rid = start + timedelta(weeks=w)
            moved = rid + timedelta(hours=0 if cancelled else 1)
            overrides.append(["BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20261120T100000Z",
                              f"RECURRENCE-ID;TZID={zone}:{stamp(rid)}",
                              f"DTSTART;TZID={zone}:{stamp(moved)}",
                              f"DTEND;TZID={zone}:{stamp(moved + (end - start))}",
                              "STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED", "END:VEVENT"])
    ev.append("STATUS:" + rng.choice(["CONFIRMED", "TENTATIVE", "CONFIRMED", "CANCELLED" if rng.random() < 0.05 else "CONFIRMED"]))
    ev.append("END:VEVENT")
    lines += ev
    for o in overrides:
        lines += o
lines.append("END:VCALENDAR")
open(path, "w").write("\r\n".join(lines) + "\r\n")
PY
}

bench_backend() { # NAME URL QUERY
  local name=$1 url=$2 query=$3
  "$BIN" migrate --database-url "$url" >/dev/null
  "$BIN" user create --email bench@example.org --password "$PASSWORD" --admin --database-url "$url" >/dev/null
  local token
  token=$("$BIN" token create --user bench@example.org --database-url "$url")
  start "$url"
  curl -sf -X POST -H "Authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"title":"Bench City","slug":"bench-city","kind":"city","languages":["pl","en"]}' \
    "$BASE/api/v1/spaces" >/dev/null
  stop
  printf 'record,org_ref,name,sector,level,description,website,languages,sdg_targets,address,lat,lon,person,role,email,phone,visibility,kind,title,capacity,availability,urgency,status\norganization,dk,Dom Kultury,local_government,,,,,,,,,,,,,,,,,,,\n' >"$WORK/org.csv"
  "$BIN" import stakeholders "$WORK/org.csv" --space bench-city --database-url "$url" >/dev/null 2>&1
  local org
  org=$($query "SELECT id FROM organizations ORDER BY id LIMIT 1")
  local t0 t1 import_s
  t0=$(date +%s%N)
  "$BIN" import calendar "$WORK/events.ics" --space bench-city --organization "$org" \
    --time-zone Europe/Warsaw --database-url "$url" >"$WORK/import.txt" 2>/dev/null
  t1=$(date +%s%N)
  import_s=$(python3 -c "print(f'{($t1-$t0)/1e9:.1f}')")
  start "$url"
  local size vevents
  size=$(curl -sf "$BASE$FEED" | wc -c)
  vevents=$(curl -sf "$BASE$FEED" | grep -c '^BEGIN:VEVENT' || true)
  # A feed written afresh, as after any change to the calendar: one event's SEQUENCE is bumped
  # in the database (what an edit does), then the feed is fetched; median of COLD_RUNS.
  local cold
  : >"$WORK/cold.txt"
  for i in $(seq 1 "$COLD_RUNS"); do
    $query "UPDATE calendar_events SET sequence = sequence + 1 WHERE id = $i" >/dev/null
    curl -sf -o /dev/null -w '%{time_total}\n' "$BASE$FEED" >>"$WORK/cold.txt"
  done
  cold=$(sort -n "$WORK/cold.txt" | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]*1000}')
  local health one many
  health=$(wrk_run "$CONCURRENT" "$BASE/healthz")
  one=$(wrk_run 1 "$BASE$FEED")
  many=$(wrk_run "$CONCURRENT" "$BASE$FEED")
  stop
  printf '| %s | %s s | %s VEVENTs, %s KiB | %s ms | %s | %s | %s |\n' \
    "$name" "$import_s" "$vevents" "$((size / 1024))" "$cold" \
    "$(echo "$one" | awk '{print $1" / **"$2"** ms ("$3"/s)"}')" \
    "$(echo "$many" | awk '{print $1" / "$2" ms ("$3"/s)"}')" \
    "$(echo "$health" | awk '{print $1" / "$2" ms ("$3"/s)"}')"
}

generate "$WORK/events.ics"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $EVENTS events ($(wc -c <"$WORK/events.ics") bytes of .ics, $(grep -c '^BEGIN:VEVENT' "$WORK/events.ics") VEVENTs); wrk 1 thread, $DURATION per run"
echo
echo "| backend | import | feed | written afresh (median of $COLD_RUNS) | unchanged feed, 1 client: p50 / p99 | $CONCURRENT clients: p50 / p99 | /healthz, $CONCURRENT clients: p50 / p99 |"
echo "|---|---|---|---|---|---|---|"
bench_backend sqlite "sqlite://$WORK/bench.db" "sqlite3 $WORK/bench.db"
if psql -q "$PG_ADMIN_URL" -c 'DROP DATABASE IF EXISTS cospace_calendar_bench WITH (FORCE)' -c 'CREATE DATABASE cospace_calendar_bench' >/dev/null 2>&1; then
  pg_url="${PG_ADMIN_URL%/*}/cospace_calendar_bench"
  bench_backend postgres "$pg_url" "psql -qtA $pg_url -c"
else
  echo "(PostgreSQL not reachable at $PG_ADMIN_URL: skipped)"
fi
