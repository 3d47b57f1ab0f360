"""Check cospace's published formats with tools cospace did not write.

Why: our own tests say what we meant; other people's parsers say what clients will see. API
client generators read /api/openapi.json, calendar applications subscribe to our iCalendar feeds
and map libraries draw our GeoJSON, each with its own reading of the standard. This script runs
against a live `cospace demo` (tests/outside/run.sh starts one) and checks:

  1. OpenAPI: /api/openapi.json is a valid OpenAPI 3.1 document (openapi-spec-validator).
  2. iCalendar: every space's feed, and the feed of every organisation that organises an event
     in it, parses with Python's icalendar; a year of occurrences expanded with
     recurring-ical-events equals, occurrence for occurrence (UID and UTC start), what ical.js
     expands with the feed's own VTIMEZONEs (ical.mjs); and every absolute URL in a feed starts
     with the configured public URL even when the request names another Host.
  3. GeoJSON: every space's map.geojson — whole, organisations only, and a viewport as the map
     script asks for it — validates against the GeoJSON FeatureCollection JSON Schema (from the
     geojson org's `geojson-schema` npm package); coordinates are in range, longitude first
     (checked against the organisations' lat/lon from the API), and bounding boxes hold what
     they bound.

Prints one line per check and exits non-zero, naming every failure, when any check fails.

Usage: COSPACE_URL=http://127.0.0.1:PORT python3 check.py   (COSPACE_URL is also the public URL)
"""

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import icalendar
import jsonschema
import recurring_ical_events
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

HERE = Path(__file__).resolve().parent
BASE = os.environ.get("COSPACE_URL", "http://127.0.0.1:8080").rstrip("/")
FORGED_HOST = "evil.example"

failures: list[str] = []


def fail(check: str, message: str) -> None:
    failures.append(f"{check}: {message}")


def get(path: str, accept: str = "*/*", host: str | None = None):
    """GET BASE+path; returns (status, body, headers) without raising on 4xx/5xx; the headers
    are looked up without regard to case."""
    url = path if path.startswith("http") else BASE + path
    request = urllib.request.Request(url, headers={"Accept": accept})
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def get_json(path: str):
    status, body, _ = get(path, "application/json")
    if status != 200:
        raise RuntimeError(f"GET {path}: HTTP {status}")
    return json.loads(body)


def get_list(path: str) -> list:
    """Every page of an API list (RFC 8288 `Link: <…>; rel="next"`)."""
    items, url = [], path + ("&" if "?" in path else "?") + "limit=1000"
    while url:
        status, body, headers = get(url, "application/json")
        if status != 200:
            raise RuntimeError(f"GET {url}: HTTP {status}")
        items.extend(json.loads(body))
        match = re.search(r'<([^>]+)>;\s*rel="next"', headers.get("Link", ""))
        url = match.group(1) if match else None
    return items


# --- 1. OpenAPI ---------------------------------------------------------------------------


def check_openapi() -> None:
    document = get_json("/api/openapi.json")
    version = document.get("openapi", "")
    if not version.startswith("3.1"):
        fail("openapi", f"declares openapi {version!r}, not 3.1.x")
    errors = 0
    try:
        validate(document)  # picks the 3.1 validator from the `openapi` field
    except OpenAPIValidationError as e:
        errors = 1
        fail("openapi", f"invalid OpenAPI {version}: {e.message} at {'/'.join(map(str, e.path))}")
    print(
        f"openapi:  {len(document.get('paths', {}))} paths, OpenAPI {version}, "
        f"{'valid' if not errors else 'INVALID'}"
    )


# --- 2. iCalendar -------------------------------------------------------------------------


def unfold(text: str) -> str:
    return re.sub(r"\r?\n[ \t]", "", text)


def occurrence_key(uid: str, start) -> str:
    """The same keys ical.mjs builds: UTC instant, DATE: for all-day, FLOAT: for floating."""
    if isinstance(start, dt.datetime):
        if start.tzinfo is None:
            return f"{uid}|FLOAT:{start.strftime('%Y-%m-%dT%H:%M:%S')}"
        return f"{uid}|{start.astimezone(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}"
    return f"{uid}|DATE:{start.isoformat()}"


def naive_utc(start) -> dt.datetime:
    """Where a start falls for the window test; floating and all-day starts read as UTC."""
    if isinstance(start, dt.datetime):
        if start.tzinfo is None:
            return start
        return start.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime(start.year, start.month, start.day)


def python_occurrences(text: str, window: tuple[dt.datetime, dt.datetime]) -> list[str]:
    calendar = icalendar.Calendar.from_ical(text)
    start, end = window
    keys = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        begins = event.decoded("DTSTART")
        if start.replace(tzinfo=None) <= naive_utc(begins) < end.replace(tzinfo=None):
            # With its summary: a changed occurrence's own title must reach both parsers.
            summary = str(event.get("SUMMARY", ""))
            keys.append(f"{occurrence_key(str(event.get('UID')), begins)}|{summary}")
    return sorted(keys)


def absolute_urls(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z0-9+.-]*://[^\s\"<>\\,;]+", unfold(text), re.IGNORECASE)


def check_ical(spaces: list[dict]) -> None:
    today = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    window = (today, today + dt.timedelta(days=365))
    feeds: dict[str, str] = {}  # path -> text
    skipped = []
    for space in spaces:
        slug = space["slug"]
        path = f"/spaces/{slug}/calendar.ics"
        status, body, headers = get(path, "text/calendar")
        if status == 404:
            skipped.append(slug)  # the calendar component is not enabled here
            continue
        if status != 200:
            fail("ical", f"GET {path}: HTTP {status}")
            continue
        if not headers.get("Content-Type", "").startswith("text/calendar"):
            fail("ical", f"{path}: Content-Type {headers.get('Content-Type')!r}")
        text = body.decode("utf-8")
        feeds[path] = text
        # The organisations organising the space's events: each has its own feed.
        event_ids = sorted(
            {int(n) for n in re.findall(rf"/spaces/{re.escape(slug)}/calendar/events/(\d+)", text)}
        )
        organizations = set()
        for event_id in event_ids:
            event = get_json(f"/api/v1/spaces/{slug}/events/{event_id}")
            organizations.update(o["id"] for o in event.get("organizers", []))
        for organization in sorted(organizations):
            org_path = f"/spaces/{slug}/calendar/organizations/{organization}.ics"
            status, body, _ = get(org_path, "text/calendar")
            if status != 200:
                fail("ical", f"GET {org_path}: HTTP {status}")
                continue
            feeds[org_path] = body.decode("utf-8")

    # Python: icalendar + recurring-ical-events.
    python: dict[str, list[str]] = {}
    for path, text in feeds.items():
        try:
            python[path] = python_occurrences(text, window)
        except Exception as e:  # noqa: BLE001 — any parser error is the finding
            fail("ical", f"{path}: icalendar/recurring-ical-events: {type(e).__name__}: {e}")

    # JavaScript: ical.js, one process for every feed.
    javascript: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cospace-ical-") as folder:
        files = {}
        for n, (path, text) in enumerate(feeds.items()):
            file = Path(folder) / f"{n}.ics"
            file.write_text(text, encoding="utf-8")
            files[str(file)] = path
        if files:
            run = subprocess.run(
                ["node", str(HERE / "ical.mjs"), window[0].isoformat(), window[1].isoformat(), *files],
                capture_output=True,
                text=True,
                cwd=HERE,
                check=False,
            )
            if run.returncode != 0:
                fail("ical", f"ical.mjs exited {run.returncode}: {run.stderr.strip()}")
            else:
                javascript = {files[f]: r for f, r in json.loads(run.stdout).items()}

    agreeing = 0
    total = 0
    for path in feeds:
        js = javascript.get(path)
        if js is None or path not in python:
            continue
        for error in js["errors"]:
            fail("ical", f"{path}: ical.js: {error}")
        py_set, js_set = Counter(python[path]), Counter(js["occurrences"])
        only_py = sorted((py_set - js_set).elements())
        only_js = sorted((js_set - py_set).elements())
        total += len(python[path])
        if only_py or only_js:
            fail(
                "ical",
                f"{path}: the parsers disagree: Python {len(python[path])} occurrences, "
                f"ical.js {len(js['occurrences'])}; only Python: {only_py[:5]}; "
                f"only ical.js: {only_js[:5]}",
            )
        elif not js["errors"]:
            agreeing += 1
        print(f"  {path}: {len(python[path])} occurrences (Python) / {len(js['occurrences'])} (ical.js)")

    if total == 0:
        fail("ical", "no occurrence in a year of any feed: the comparison checked nothing")

    # Absolute URLs come from the public URL, never from the request's Host.
    urls = 0
    for path in feeds:
        status, body, _ = get(path, "text/calendar", host=FORGED_HOST)
        if status != 200:
            fail("ical", f"GET {path} with Host: {FORGED_HOST}: HTTP {status}")
            continue
        text = body.decode("utf-8")
        for url in absolute_urls(text):
            urls += 1
            if not (url == BASE or url.startswith(BASE + "/")):
                fail("ical", f"{path} (Host: {FORGED_HOST}): URL {url} does not start with {BASE}")
        if FORGED_HOST in text:
            fail("ical", f"{path}: the forged Host {FORGED_HOST} appears in the feed")

    print(
        f"ical:     {len(feeds)} feeds ({len(skipped)} spaces without a calendar), "
        f"{total} occurrences in {window[0]:%Y-%m-%d}..{window[1]:%Y-%m-%d}, "
        f"parsers agree on {agreeing}/{len(feeds)}; {urls} absolute URLs checked under a forged Host"
    )


# --- 3. GeoJSON ---------------------------------------------------------------------------


def positions(geometry):
    """Every position of a geometry."""
    if geometry is None:
        return
    kind = geometry["type"]
    if kind == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from positions(part)
        return
    coordinates = geometry["coordinates"]
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[kind]

    def walk(value, level):
        if level == 0:
            yield value
        else:
            for item in value:
                yield from walk(item, level - 1)

    yield from walk(coordinates, depth)


def check_geojson(spaces: list[dict]) -> None:
    schema = json.loads((HERE / "node_modules/geojson-schema/FeatureCollection.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    documents = features = 0
    for space in spaces:
        slug = space["slug"]
        known = {}  # organisation id -> (lon, lat), from the API
        for organization in get_list(f"/api/v1/spaces/{slug}/organizations"):
            if organization.get("lat") is not None and organization.get("lon") is not None:
                known[organization["id"]] = (organization["lon"], organization["lat"])
        queries = ["", "?show=organizations"]
        for n, query in enumerate(queries):
            path = f"/spaces/{slug}/map.geojson{query}"
            status, body, headers = get(path, "application/geo+json")
            if status == 404 and n == 0:
                break  # the stakeholders component is not enabled here
            if status != 200:
                fail("geojson", f"GET {path}: HTTP {status}")
                continue
            documents += 1
            if not headers.get("Content-Type", "").startswith("application/geo+json"):
                fail("geojson", f"{path}: Content-Type {headers.get('Content-Type')!r}")
            collection = json.loads(body)
            features += check_collection(path, collection, validator, known)
            if n == 0:
                # The viewport the map script asks for: bbox=west,south,east,north&zoom=Z
                # (assets/map.js), here the box around every place, at a city's and at the
                # world's zoom.
                points = [p for f in collection["features"] for p in positions(f["geometry"])]
                if points:
                    west, east = min(p[0] for p in points), max(p[0] for p in points)
                    south, north = min(p[1] for p in points), max(p[1] for p in points)
                    box = ",".join(f"{v:.6f}" for v in (west - 0.01, south - 0.01, east + 0.01, north + 0.01))
                    queries += [f"?bbox={box}&zoom=13", f"?bbox={box}&zoom=3", "?bbox=-180,-90,180,90&zoom=1"]
    if features == 0:
        fail("geojson", "no feature in any document: the schema checked nothing")
    print(f"geojson:  {documents} documents from {len(spaces)} spaces, {features} features valid against the FeatureCollection schema")


def check_collection(path: str, collection, validator, known: dict) -> int:
    errors = sorted(validator.iter_errors(collection), key=lambda e: list(e.absolute_path))
    for error in errors[:5]:
        fail("geojson", f"{path}: schema: {error.message} at /{'/'.join(map(str, error.absolute_path))}")
    if errors:
        return 0
    for feature in collection["features"]:
        name = feature.get("id", "?")
        points = list(positions(feature["geometry"]))
        for position in points:
            if len(position) < 2 or not all(isinstance(v, (int, float)) for v in position):
                fail("geojson", f"{path}: {name}: position {position} is not numbers")
                continue
            lon, lat = position[0], position[1]
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                fail("geojson", f"{path}: {name}: position {position} out of range (longitude, latitude)")
        properties = feature.get("properties") or {}
        if properties.get("type") == "organization" and properties.get("id") in known and points:
            lon, lat = known[properties["id"]]
            got = points[0]
            if abs(got[0] - lon) > 1e-6 or abs(got[1] - lat) > 1e-6:
                fail("geojson", f"{path}: {name} at {got}, but the API has lon {lon}, lat {lat} (longitude first?)")
        box = feature.get("bbox")
        if box is not None:
            if len(box) != 4 or not (box[0] <= box[2] and box[1] <= box[3]):
                fail("geojson", f"{path}: {name}: bbox {box} is not [west, south, east, north]")
            for p in points:
                if not (box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]):
                    fail("geojson", f"{path}: {name}: {p} lies outside its bbox {box}")
    return len(collection["features"])


def main() -> int:
    started = time.monotonic()
    spaces = get_list("/api/v1/spaces")
    for name, check in [
        ("openapi", check_openapi),
        ("ical", lambda: check_ical(spaces)),
        ("geojson", lambda: check_geojson(spaces)),
    ]:
        try:
            check()
        except Exception as e:  # noqa: BLE001 — report and go on with the other checks
            fail(name, f"{type(e).__name__}: {e}")
    print(f"outside checks took {time.monotonic() - started:.1f} s")
    if failures:
        print(f"\n{len(failures)} FAILURE(S):", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print("all outside checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
