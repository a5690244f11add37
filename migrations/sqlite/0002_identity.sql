-- Identity linking and record disclosure (SQLite). Keep equivalent to migrations/postgres/0002_identity.sql.

-- Chat users who asked to be told when an application's status changes.
CREATE TABLE application_watchers (
    chat_user_id   INTEGER NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    since          TEXT NOT NULL,
    PRIMARY KEY (chat_user_id, application_id)
);

CREATE INDEX audit_log_by_subject ON audit_log (subject, at);
