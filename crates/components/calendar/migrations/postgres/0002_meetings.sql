-- Meetings: what one occurrence of a meeting records (agenda, attendance, minutes, decisions),
-- the action items it leaves, and the organisations invited to a series.

CREATE TABLE calendar_meetings (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    recurrence_id TEXT NOT NULL,
    minutes TEXT NOT NULL DEFAULT '',
    people BIGINT CHECK (people >= 0),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (event_id, recurrence_id)
);

CREATE TABLE calendar_agenda_items (
    id BIGSERIAL PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX calendar_agenda_items_meeting ON calendar_agenda_items (meeting_id);

CREATE TABLE calendar_attendance (
    meeting_id BIGINT NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    people BIGINT NOT NULL CHECK (people >= 0),
    PRIMARY KEY (meeting_id, organization_id)
);

CREATE TABLE calendar_decisions (
    id BIGSERIAL PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX calendar_decisions_meeting ON calendar_decisions (meeting_id);

CREATE TABLE calendar_action_items (
    id BIGSERIAL PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES calendar_meetings (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    owner_organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    follow_up_event_id BIGINT REFERENCES calendar_events (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX calendar_action_items_event ON calendar_action_items (event_id);
CREATE INDEX calendar_action_items_meeting ON calendar_action_items (meeting_id);

CREATE TABLE calendar_invitations (
    event_id BIGINT NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, organization_id)
);
