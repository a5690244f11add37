-- Platform updates already received (SQLite). Keep equivalent to migrations/postgres/0004_telegram.sql.
-- A redelivered update (webhook retry, getUpdates after a restart) is recognised here and runs
-- no turn twice. Rows older than two days are removed by the service.
CREATE TABLE seen_updates (
    channel    TEXT NOT NULL,
    update_key TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (channel, update_key)
);

CREATE INDEX seen_updates_by_time ON seen_updates (seen_at);
