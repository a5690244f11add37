-- PR holders' passports and e-documents, linking another channel, acting for relatives
-- (PostgreSQL). Keep equivalent to migrations/sqlite/0003_holder_and_family.sql.

-- A passport declared by the holder after a passport change waits for an office to confirm
-- it ('holder'); only office-recorded links ('office') are attested by an e-document.
ALTER TABLE passports ADD COLUMN source TEXT NOT NULL DEFAULT 'office';
ALTER TABLE passports ADD COLUMN unlinked_at TIMESTAMPTZ;

-- Short one-time codes shown on one channel to link the same person on another.
CREATE TABLE channel_link_codes (
    code_hash    TEXT PRIMARY KEY,
    chat_user_id BIGINT NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);

-- How a delegation came about ('proof': the helper gave the relative's proof data;
-- 'invitation': the relative accepted the helper's invitation) and who ended it.
ALTER TABLE delegations ADD COLUMN method TEXT NOT NULL DEFAULT 'proof';
ALTER TABLE delegations ADD COLUMN helper_label TEXT;
ALTER TABLE delegations ADD COLUMN revoked_by BIGINT;
CREATE INDEX delegations_by_helper ON delegations (helper_chat_user, revoked_at);
CREATE INDEX delegations_by_applicant ON delegations (applicant_id, revoked_at);

-- An invitation to let the inviter act for whoever accepts it (the relative consents).
CREATE TABLE family_invitations (
    code_hash    TEXT PRIMARY KEY,
    inviter      BIGINT NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    inviter_label TEXT,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    accepted_by  BIGINT
);
