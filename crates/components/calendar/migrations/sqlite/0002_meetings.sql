-- Meetings: what one occurrence of a meeting records (agenda, attendance, minutes, decisions),
-- the action items it leaves, and the organisations invited to a series.

CREATE TABLE calendar_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    recurrence_id TEXT NOT NULL,
    minutes TEXT NOT NULL DEFAULT '',
    people INTEGER CHECK (people >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (event_id, recurrence_id)
);

CREATE TABLE calendar_agenda_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_agenda_items_meeting ON calendar_agenda_items (meeting_id);

CREATE TABLE calendar_attendance (
    meeting_id INTEGER NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    people INTEGER NOT NULL CHECK (people >= 0),
    PRIMARY KEY (meeting_id, organization_id)
);

CREATE TABLE calendar_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX calendar_decisions_meeting ON calendar_decisions (meeting_id);

CREATE TABLE calendar_action_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    owner_organization_id INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    follow_up_event_id INTEGER REFERENCES calendar_events (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX calendar_action_items_event ON calendar_action_items (event_id);
CREATE INDEX calendar_action_items_meeting ON calendar_action_items (meeting_id);

CREATE TABLE calendar_invitations (
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (event_id, organization_id)
);
