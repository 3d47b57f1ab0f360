-- The common calendar: events with their organisers, audiences, recurrence exclusions and
-- changed occurrences. Instants are UTC seconds (for range queries and clash sweeps); the
-- wall-clock times people planned are kept beside them with their zone, as iCalendar needs.

CREATE TABLE calendar_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    start_local TEXT NOT NULL,
    end_local TEXT NOT NULL,
    rrule TEXT,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER,
    venue_id INTEGER REFERENCES resources (id) ON DELETE SET NULL,
    address TEXT NOT NULL,
    lat REAL CHECK (lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon BETWEEN -180 AND 180),
    expected_participants INTEGER CHECK (expected_participants >= 0),
    actual_participants INTEGER CHECK (actual_participants >= 0),
    status TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'done', 'cancelled')),
    sequence INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX calendar_events_space_time ON calendar_events (space_id, starts_at);
CREATE INDEX calendar_events_venue ON calendar_events (venue_id);

CREATE TABLE calendar_event_organizers (
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (event_id, organization_id)
);
CREATE INDEX calendar_event_organizers_org ON calendar_event_organizers (organization_id);

CREATE TABLE calendar_event_audiences (
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    PRIMARY KEY (event_id, audience)
);

CREATE TABLE calendar_exdates (
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    recurrence_id TEXT NOT NULL,
    PRIMARY KEY (event_id, recurrence_id)
);

CREATE TABLE calendar_changes (
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    recurrence_id TEXT NOT NULL,
    start_local TEXT NOT NULL,
    end_local TEXT NOT NULL,
    cancelled INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
    PRIMARY KEY (event_id, recurrence_id)
);
