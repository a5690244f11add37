-- Personal data sealed at rest (bot/src/store/data_keys.rs). The personal columns keep their
-- names and now hold envelopes `v1:<key id>:<base64>`; `visadesk migrate` (every start runs
-- it) seals the values an earlier version wrote, in batches. A sealed value is different
-- each time, so equality lookups go through a blind index beside it (HMAC-SHA-256 under a
-- separate key), and uniqueness moves from the number to its index.
-- Keep equivalent to migrations/sqlite/0011_sealed_personal_data.sql.

-- A sealed birth date is text.
ALTER TABLE applicants ALTER COLUMN birth_date TYPE TEXT USING to_char(birth_date, 'YYYY-MM-DD');
COMMENT ON COLUMN applicants.birth_date IS 'personal: birth date (sealed)';
COMMENT ON COLUMN applicants.full_name IS 'personal: name as in passport (sealed)';
COMMENT ON COLUMN applicants.passport_no IS 'personal: passport number (sealed)';
COMMENT ON COLUMN appointments.full_name IS 'personal: name as in passport (sealed)';
COMMENT ON COLUMN appointments.passport_no IS 'personal: passport number (sealed)';
COMMENT ON COLUMN appointments.phone IS 'personal: phone number (sealed)';
COMMENT ON COLUMN residence_permits.number IS 'personal: visa or permit number (sealed)';
COMMENT ON COLUMN pr_permits.number IS 'personal: permanent residence permit number (sealed)';
COMMENT ON COLUMN passports.number IS 'personal: passport number (sealed)';
COMMENT ON COLUMN e_documents.payload IS 'personal: the attestation, naming the holder (sealed)';

ALTER TABLE applicants ADD COLUMN passport_index TEXT;
ALTER TABLE applicants DROP CONSTRAINT applicants_nationality_passport_no_key;
CREATE UNIQUE INDEX applicants_by_passport_index ON applicants (nationality, passport_index);

ALTER TABLE appointments ADD COLUMN passport_index TEXT;
CREATE INDEX appointments_by_passport_index ON appointments (nationality, passport_index);

ALTER TABLE residence_permits ADD COLUMN number_index TEXT;
ALTER TABLE residence_permits DROP CONSTRAINT residence_permits_kind_number_key;
CREATE UNIQUE INDEX residence_permits_by_number_index ON residence_permits (kind, number_index);

ALTER TABLE pr_permits ADD COLUMN number_index TEXT;
ALTER TABLE pr_permits DROP CONSTRAINT pr_permits_number_key;
CREATE UNIQUE INDEX pr_permits_by_number_index ON pr_permits (number_index);

ALTER TABLE passports ADD COLUMN number_index TEXT;
ALTER TABLE passports DROP CONSTRAINT passports_nationality_number_key;
CREATE UNIQUE INDEX passports_by_number_index ON passports (nationality, number_index);
