-- visadesk foundation schema (SQLite). Keep equivalent to migrations/postgres/0001_foundation.sql.
-- Columns holding personal data are marked with a 'personal:' comment; the Rust side wraps
-- them in `Personal<T>` so they cannot reach logs through Debug/Display.

CREATE TABLE offices (
    id            TEXT PRIMARY KEY,
    name_en       TEXT NOT NULL,
    name_zh       TEXT NOT NULL,
    city_en       TEXT NOT NULL,
    city_zh       TEXT NOT NULL,
    province_en   TEXT NOT NULL,
    province_zh   TEXT NOT NULL,
    address_en    TEXT NOT NULL,
    address_zh    TEXT NOT NULL,
    latitude      REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    phone         TEXT NOT NULL,
    time_zone     TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    hours         TEXT NOT NULL,
    source_url    TEXT NOT NULL,
    checked_on    TEXT NOT NULL,
    verified      INTEGER NOT NULL,
    note          TEXT
);
-- offices.hours: weekly opening hours, e.g. "Mon-Fri 09:00-12:00 13:30-17:00; Sat 09:00-12:00"

CREATE TABLE office_hours (
    office_id  TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens      TEXT NOT NULL,
    closes     TEXT NOT NULL CHECK (closes > opens),
    PRIMARY KEY (office_id, weekday, opens)
);

CREATE TABLE services (
    code                TEXT PRIMARY KEY,
    kind                TEXT NOT NULL,
    slot_group          TEXT NOT NULL,
    fee_fen             INTEGER CHECK (fee_fen >= 0),
    fee_verified        INTEGER NOT NULL,
    fee_note_key        TEXT,
    processing_days     INTEGER CHECK (processing_days >= 0),
    processing_verified INTEGER NOT NULL,
    source_url          TEXT NOT NULL,
    checked_on          TEXT NOT NULL,
    verified            INTEGER NOT NULL
);

CREATE TABLE service_documents (
    service_code  TEXT NOT NULL REFERENCES services(code) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    document_code TEXT NOT NULL,
    required      INTEGER NOT NULL,
    PRIMARY KEY (service_code, position)
);

CREATE TABLE office_services (
    office_id    TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    service_code TEXT NOT NULL REFERENCES services(code),
    PRIMARY KEY (office_id, service_code)
);

CREATE TABLE public_holidays (
    day        TEXT PRIMARY KEY,
    name_en    TEXT NOT NULL,
    name_zh    TEXT NOT NULL,
    source_url TEXT NOT NULL
);

CREATE TABLE office_closures (
    office_id TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    reason    TEXT NOT NULL,
    PRIMARY KEY (office_id, day)
);

CREATE TABLE slots (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id  TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    slot_group TEXT NOT NULL,
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    capacity   INTEGER NOT NULL CHECK (capacity >= 0),
    booked     INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
    CHECK (ends_at > starts_at),
    CHECK (booked <= capacity),
    UNIQUE (office_id, slot_group, starts_at)
);
CREATE INDEX slots_by_day ON slots (office_id, slot_group, starts_at);

CREATE TABLE applicants (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    full_name   TEXT NOT NULL,
    nationality TEXT NOT NULL,
    passport_no TEXT NOT NULL,
    birth_date  TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (nationality, passport_no)
);
-- applicants.full_name: personal: name as in passport
-- applicants.passport_no: personal: passport number
-- applicants.birth_date: personal: birth date

CREATE TABLE chat_users (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    locale                TEXT NOT NULL,
    notifications_enabled INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL
);

CREATE TABLE channel_identities (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_user_id INTEGER NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    locale       TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (channel, external_id)
);

CREATE TABLE applicant_links (
    chat_user_id INTEGER NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    method       TEXT NOT NULL,
    linked_at    TEXT NOT NULL,
    PRIMARY KEY (chat_user_id, applicant_id)
);

CREATE TABLE link_codes (
    code_hash    TEXT PRIMARY KEY,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    issued_by    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
);

CREATE TABLE delegations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    helper_chat_user  INTEGER NOT NULL REFERENCES chat_users(id) ON DELETE CASCADE,
    applicant_id      INTEGER NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
    scope             TEXT NOT NULL,
    granted_at        TEXT NOT NULL,
    revoked_at        TEXT
);

CREATE TABLE appointments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    code             TEXT NOT NULL UNIQUE,
    slot_id          INTEGER NOT NULL REFERENCES slots(id),
    service_code     TEXT NOT NULL REFERENCES services(code),
    applicant_id     INTEGER REFERENCES applicants(id),
    chat_user_id     INTEGER REFERENCES chat_users(id) ON DELETE SET NULL,
    full_name        TEXT NOT NULL,
    nationality      TEXT NOT NULL,
    passport_no      TEXT NOT NULL,
    phone            TEXT NOT NULL,
    status           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    cancelled_at     TEXT
);
-- appointments.full_name: personal: name as in passport
-- appointments.passport_no: personal: passport number
-- appointments.phone: personal: phone number
CREATE INDEX appointments_by_user ON appointments (chat_user_id, status);

CREATE TABLE applications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    receipt_no    TEXT NOT NULL UNIQUE,
    applicant_id  INTEGER NOT NULL REFERENCES applicants(id),
    service_code  TEXT NOT NULL REFERENCES services(code),
    office_id     TEXT NOT NULL REFERENCES offices(id),
    submitted_at  TEXT NOT NULL,
    status        TEXT NOT NULL,
    status_note   TEXT,
    pickup_from   TEXT,
    pickup_until  TEXT,
    updated_at    TEXT NOT NULL
);

CREATE TABLE application_status_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    status         TEXT NOT NULL,
    note           TEXT,
    changed_at     TEXT NOT NULL
);

CREATE TABLE residence_permits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    kind         TEXT NOT NULL,
    permit_type  TEXT NOT NULL,
    number       TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    expires_on   TEXT NOT NULL,
    entries      TEXT NOT NULL,
    stay_days    INTEGER,
    UNIQUE (kind, number)
);
-- residence_permits.number: personal: visa or permit number

CREATE TABLE pr_permits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    number       TEXT NOT NULL UNIQUE,
    issued_on    TEXT NOT NULL,
    expires_on   TEXT NOT NULL,
    status       TEXT NOT NULL
);
-- pr_permits.number: personal: permanent residence permit number

CREATE TABLE passports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    number       TEXT NOT NULL,
    nationality  TEXT NOT NULL,
    issued_on    TEXT,
    expires_on   TEXT,
    pr_permit_id INTEGER REFERENCES pr_permits(id),
    linked_at    TEXT,
    UNIQUE (nationality, number)
);
-- passports.number: personal: passport number

CREATE TABLE e_documents (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    pr_permit_id INTEGER REFERENCES pr_permits(id),
    passport_id  INTEGER REFERENCES passports(id),
    payload      TEXT NOT NULL,
    signature    TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    revoked_at   TEXT
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor      TEXT NOT NULL,
    channel    TEXT,
    action     TEXT NOT NULL,
    subject    TEXT,
    outcome    TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);

CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key     TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    chat_user_id  INTEGER REFERENCES chat_users(id) ON DELETE CASCADE,
    applicant_id  INTEGER REFERENCES applicants(id),
    payload       TEXT NOT NULL,
    due_at        TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    claimed_by    TEXT,
    claimed_until TEXT,
    created_at    TEXT NOT NULL,
    delivered_at  TEXT
);
CREATE INDEX outbox_due ON outbox (state, due_at);

CREATE TABLE attempt_counters (
    scope        TEXT NOT NULL,
    subject      TEXT NOT NULL,
    window_start TEXT NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (scope, subject, window_start)
);
