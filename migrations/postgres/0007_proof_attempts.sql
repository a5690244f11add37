-- Proof attempts (identity proofs, link and invitation codes), one row each, counted over
-- sliding windows: a fixed clock hour or UTC day let twice the limit through around its
-- boundary. A successful proof gives its attempt back, so what stays counts failures.
DROP TABLE attempt_counters;
CREATE TABLE proof_attempts (
    id      BIGSERIAL PRIMARY KEY,
    -- `user:<chat user id>` or `passport:<digest>` (never the number itself)
    subject TEXT NOT NULL,
    at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX proof_attempts_subject ON proof_attempts (subject, at);
