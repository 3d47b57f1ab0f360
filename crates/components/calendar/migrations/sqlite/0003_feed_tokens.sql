-- Personal calendar feeds: calendar programs cannot sign in, so each person's feed URL carries
-- a secret; only its hash is kept.
CREATE TABLE calendar_feed_tokens (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
