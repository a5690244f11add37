-- When a chat user was last seen (PostgreSQL). Keep equivalent to
-- migrations/sqlite/0009_web_idle.sql.

-- Refreshed by a turn when it is an hour or more old, so it costs at most one write an hour
-- per user. Anonymous web chat users idle longer than VISADESK_WEB_IDLE_DAYS with nothing
-- worth keeping are purged by the scheduler (`visadesk_bot::retention`).
ALTER TABLE chat_users ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE chat_users SET last_seen_at = created_at;
ALTER TABLE chat_users ALTER COLUMN last_seen_at SET NOT NULL;
CREATE INDEX chat_users_last_seen ON chat_users (last_seen_at);
