-- Identity linking and record disclosure (PostgreSQL). Keep equivalent to migrations/sqlite/0002_identity.sql.

-- Chat users who asked to be told when an application's status changes.
CREATE TABLE application_watchers (
    chat_user_id   BIGINT NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    application_id BIGINT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    since          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chat_user_id, application_id)
);

CREATE INDEX audit_log_by_subject ON audit_log (subject, at);
