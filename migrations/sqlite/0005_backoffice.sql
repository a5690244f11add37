-- Back-office API and notifications (SQLite). Keep equivalent to migrations/postgres/0005_backoffice.sql.

-- Bearer tokens of the back-office API. Only the SHA-256 of the secret is kept: a database
-- dump does not hand out working tokens.
-- scopes: comma-separated scopes, e.g. applications:write,audit:read
-- offices: comma-separated office ids the token may act for; NULL: every office
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL UNIQUE,
    scopes      TEXT NOT NULL,
    offices     TEXT,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

-- Pickup details an office gives with "ready for pickup" (the times are pickup_from/until).
ALTER TABLE applications ADD COLUMN pickup_place TEXT;
ALTER TABLE applications ADD COLUMN pickup_bring TEXT;

-- Which outbox rows are due: pending ones by due time, and sending ones whose claim ran out.
CREATE INDEX outbox_claimable ON outbox (state, claimed_until);

-- One row per channel identity a notification reached, so a retry after a crash skips the
-- identities already served.
CREATE TABLE deliveries (
    outbox_id    INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, channel, external_id)
);

-- Scheduled jobs: who holds a job's lease and the last tick it completed, so a job runs once
-- per tick across processes and missed ticks are caught up.
CREATE TABLE scheduler_jobs (
    job         TEXT PRIMARY KEY,
    holder      TEXT,
    lease_until TEXT,
    last_tick   TEXT
);
