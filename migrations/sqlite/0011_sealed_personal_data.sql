-- Personal data sealed at rest (bot/src/store/data_keys.rs). The personal columns keep their
-- names and now hold envelopes `v1:<key id>:<base64>`; `visadesk migrate` (every start runs
-- it) seals the values an earlier version wrote, in batches. A sealed value is different
-- each time, so equality lookups go through a blind index beside it (HMAC-SHA-256 under a
-- separate key), and uniqueness moves from the number to its index. (SQLite cannot drop the
-- old table constraints on the sealed columns; sealed values never collide, so they are
-- harmless.) Keep equivalent to migrations/postgres/0011_sealed_personal_data.sql.
-- e_documents.payload: personal: the attestation, naming the holder (sealed)

ALTER TABLE applicants ADD COLUMN passport_index TEXT;
CREATE UNIQUE INDEX applicants_by_passport_index ON applicants (nationality, passport_index);

ALTER TABLE appointments ADD COLUMN passport_index TEXT;
CREATE INDEX appointments_by_passport_index ON appointments (nationality, passport_index);

ALTER TABLE residence_permits ADD COLUMN number_index TEXT;
CREATE UNIQUE INDEX residence_permits_by_number_index ON residence_permits (kind, number_index);

ALTER TABLE pr_permits ADD COLUMN number_index TEXT;
CREATE UNIQUE INDEX pr_permits_by_number_index ON pr_permits (number_index);

ALTER TABLE passports ADD COLUMN number_index TEXT;
CREATE UNIQUE INDEX passports_by_number_index ON passports (nationality, number_index);
