// The JavaScript half of the iCalendar check (tests/outside/check.py runs it).
//
// Why: calendar clients do not share a parser. Google Calendar, Thunderbird (whose calendar
// code ical.js comes from) and web apps built on ical.js read our feeds with other code than
// our own tests do, and they resolve times with the feed's own VTIMEZONE components rather than
// a tz database. Expanding every feed here with ical.js, and in check.py with Python's
// icalendar + recurring-ical-events, and requiring both to agree, catches recurrence rules,
// exclusions, changed occurrences and zone definitions that only one reader understands.
//
// Usage: node ical.mjs FROM TO FILE...
//   FROM, TO  the window, UTC instants (ISO 8601); an occurrence counts when FROM <= start < TO
//   FILE      .ics files
// Prints one JSON object: { FILE: { "occurrences": ["UID|START", ...], "errors": [...] } }, where
// START is the UTC instant ("2026-12-03T08:00:00Z"), "DATE:2026-12-03" for all-day occurrences
// or "FLOAT:2026-12-03T08:00:00" for floating times — the same keys check.py builds.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [from, to, ...files] = process.argv.slice(2);
if (!from || !to || files.length === 0) {
  console.error("usage: node ical.mjs FROM TO FILE...");
  process.exit(2);
}
const fromMs = Date.parse(from);
const toMs = Date.parse(to);
// Changed occurrences may move into the window from after it: look this far past its end.
const LOOK_PAST_MS = 400 * 24 * 3600 * 1000;
const MAX_STEPS = 200000;

function key(uid, time) {
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  if (time.isDate) {
    return `${uid}|DATE:${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  }
  if (time.zone === ICAL.Timezone.localTimezone) {
    return (
      `${uid}|FLOAT:${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}` +
      `T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`
    );
  }
  return `${uid}|${new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z")}`;
}

// Whether a start counts as inside the window; floating and all-day starts are compared as if
// they were UTC, as check.py does.
function inWindow(time) {
  let ms;
  if (time.isDate || time.zone === ICAL.Timezone.localTimezone) {
    ms = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  } else {
    ms = time.toUnixTime() * 1000;
  }
  return ms >= fromMs && ms < toMs;
}

function expand(text) {
  const errors = [];
  const occurrences = [];
  const root = new ICAL.Component(ICAL.parse(text));
  // Each feed brings its own zones; forget the previous feed's.
  ICAL.TimezoneService.reset();
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const masters = new Map();
  const exceptions = [];
  for (const vevent of root.getAllSubcomponents("vevent")) {
    for (const name of ["dtstart", "dtend", "recurrence-id", "exdate", "rdate"]) {
      for (const prop of vevent.getAllProperties(name)) {
        const tzid = prop.getParameter("tzid");
        if (tzid && !ICAL.TimezoneService.has(tzid)) {
          errors.push(`${vevent.getFirstPropertyValue("uid")}: ${name} names TZID ${tzid} without a VTIMEZONE`);
        }
      }
    }
    const event = new ICAL.Event(vevent);
    if (!event.uid) errors.push("a VEVENT without UID");
    if (vevent.hasProperty("recurrence-id")) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  const orphans = [];
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    if (master) master.relateException(exception);
    else orphans.push(exception);
  }
  for (const event of [...masters.values(), ...orphans]) {
    if (!event.isRecurring() || event.isRecurrenceException()) {
      if (inWindow(event.startDate)) {
        occurrences.push(`${key(event.uid, event.startDate)}|${event.summary ?? ""}`);
      }
      continue;
    }
    const iterator = event.iterator();
    let steps = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (++steps > MAX_STEPS) {
        errors.push(`${event.uid}: more than ${MAX_STEPS} occurrences, expansion stopped`);
        break;
      }
      if (next.toUnixTime() * 1000 >= toMs + LOOK_PAST_MS) break;
      const details = event.getOccurrenceDetails(next);
      // The summary is the changed occurrence's own when it has one.
      if (inWindow(details.startDate)) {
        occurrences.push(`${key(event.uid, details.startDate)}|${details.item.summary ?? ""}`);
      }
    }
  }
  occurrences.sort();
  return { occurrences, errors };
}

const out = {};
for (const file of files) {
  try {
    out[file] = expand(readFileSync(file, "utf8"));
  } catch (e) {
    out[file] = { occurrences: [], errors: [`ical.js could not read it: ${e.message}`] };
  }
}
process.stdout.write(JSON.stringify(out));
