-- When a chat user was last seen (SQLite). Keep equivalent to
-- migrations/postgres/0009_web_idle.sql.

-- Refreshed by a turn when it is an hour or more old, so it costs at most one write an hour
-- per user. Anonymous web chat users idle longer than VISADESK_WEB_IDLE_DAYS with nothing
-- worth keeping are purged by the scheduler (`visadesk_bot::retention`). SQLite cannot add
-- a NOT NULL column without a constant default: every insert sets it, and reads fall back
-- to created_at.
ALTER TABLE chat_users ADD COLUMN last_seen_at TEXT;
UPDATE chat_users SET last_seen_at = created_at;
CREATE INDEX chat_users_last_seen ON chat_users (last_seen_at);
