-- Extra dates of a series (RDATE): wall-clock starts in the event's zone, as exclusions are.
CREATE TABLE calendar_rdates (
    event_id INTEGER NOT NULL REFERENCES calendar_events (id) ON DELETE CASCADE,
    recurrence_id TEXT NOT NULL,
    PRIMARY KEY (event_id, recurrence_id)
);
