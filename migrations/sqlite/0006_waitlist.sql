-- People waiting for a place at an office (SQLite). Keep equivalent to
-- migrations/postgres/0006_waitlist.sql.

-- A chat user who found no free day asks to be told when a place frees up for this office
-- and service between from_day and to_day (office dates). Told once: notified_at is set in
-- the transaction that frees the place and writes the outbox row.
CREATE TABLE slot_waiters (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_user_id INTEGER NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    office_id    TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    service_code TEXT NOT NULL REFERENCES services(code),
    from_day     TEXT NOT NULL,
    to_day       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    notified_at  TEXT
);
CREATE INDEX slot_waiters_waiting ON slot_waiters (office_id, notified_at);
