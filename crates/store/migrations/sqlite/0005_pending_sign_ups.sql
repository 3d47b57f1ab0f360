-- Sign-ups waiting for their e-mail address to be confirmed. The account is created only when
-- the link mailed to the address is followed, so a sign-up form never tells whether an address
-- is registered. The link's token is stored as its SHA-256 only; rows lapse after 24 hours and
-- are purged by the hourly housekeeping.
CREATE TABLE pending_sign_ups (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    language TEXT,
    next_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX pending_sign_ups_email ON pending_sign_ups (email);
CREATE INDEX pending_sign_ups_expiry ON pending_sign_ups (expires_at);
