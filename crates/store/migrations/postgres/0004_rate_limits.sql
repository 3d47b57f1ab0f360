-- Rate limits: one row per limited key (an account's sign-ins, an address's sign-ins, …) with
-- the hits of its current window. A hit is counted by one atomic upsert before the guarded
-- work runs, so concurrent requests on any node cannot all slip under the limit.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);
