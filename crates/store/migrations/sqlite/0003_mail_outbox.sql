-- Outgoing e-mail, written in the transaction of the change it is about and delivered later
-- by a worker on any node. A row is `pending` until a worker claims it (`sending`, with
-- `next_attempt_at` as the end of its lease), then `sent`, or back to `pending` with a later
-- `next_attempt_at` after a failure, or `failed` once the attempts are used up.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_address TEXT NOT NULL,
    to_name TEXT,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    calendar_method TEXT,
    calendar_ics TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    CHECK ((calendar_method IS NULL) = (calendar_ics IS NULL))
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
