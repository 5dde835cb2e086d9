-- Central's first schema (SQLite). Times are UTC, stored as ISO-8601 text so they sort as text.
-- Columns ending in _enc hold AES-GCM ciphertext (PersonalDataCipher); _key columns hold a keyed hash for lookup.

CREATE TABLE caseworkers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    email            TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    name             TEXT    NOT NULL,
    role             TEXT    NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'admin')),
    password_hash    TEXT    NOT NULL,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT    NULL,
    disabled         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL
);

CREATE TABLE contacts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    channel           TEXT    NOT NULL,
    user_key          TEXT    NOT NULL,
    address_enc       TEXT    NOT NULL,
    language          TEXT    NULL,
    referral          TEXT    NULL,
    last_inbound_at   TEXT    NULL,
    opted_out_at      TEXT    NULL,
    created_at        TEXT    NOT NULL,
    UNIQUE (channel, user_key)
);

CREATE TABLE case_numbers (
    year        INTEGER PRIMARY KEY,
    last_value  INTEGER NOT NULL
);

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number          TEXT    NOT NULL UNIQUE,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    channel              TEXT    NOT NULL,
    language             TEXT    NOT NULL,
    category             TEXT    NOT NULL,
    employer             TEXT    NULL,
    employer_key         TEXT    NULL,
    province             TEXT    NULL,
    sector               TEXT    NULL,
    started              TEXT    NULL,
    description_enc      TEXT    NULL,
    workers_affected     INTEGER NULL,
    others_aware         TEXT    NULL,
    urgency              TEXT    NOT NULL CHECK (urgency IN ('normal', 'urgent')),
    urgency_reasons      TEXT    NULL,
    status               TEXT    NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting_for_worker', 'resolved', 'referred', 'closed')),
    assigned_to          INTEGER NULL REFERENCES caseworkers (id),
    consent              INTEGER NOT NULL,
    anonymous            INTEGER NOT NULL,
    contact_id           INTEGER NULL REFERENCES contacts (id),
    reporter_name_enc    TEXT    NULL,
    phone_enc            TEXT    NULL,
    follow_up_code_hash  TEXT    NULL,
    version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_cases_queue ON cases (status, urgency, created_at);
CREATE INDEX ix_cases_employer ON cases (employer_key);
CREATE INDEX ix_cases_contact ON cases (contact_id);

CREATE TABLE case_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    at           TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    before_json  TEXT    NULL,
    after_json   TEXT    NULL
);
CREATE INDEX ix_case_events_case ON case_events (case_id, at);

CREATE TABLE case_attachments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    kind          TEXT    NOT NULL,
    content_type  TEXT    NULL,
    source_url    TEXT    NULL,
    stored_path   TEXT    NULL,
    size_bytes    INTEGER NULL,
    sha256        TEXT    NULL,
    received_at   TEXT    NOT NULL
);
CREATE INDEX ix_case_attachments_case ON case_attachments (case_id);

CREATE TABLE conversation_state (
    state_key   TEXT PRIMARY KEY,
    data_enc    TEXT NOT NULL,
    etag        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE inbox (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    channel           TEXT    NOT NULL,
    message_id        TEXT    NOT NULL,
    sender_key        TEXT    NOT NULL,
    payload_enc       TEXT    NOT NULL,
    received_at       TEXT    NOT NULL,
    processed_at      TEXT    NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    claimed_by        TEXT    NULL,
    claim_expires_at  TEXT    NULL,
    last_error        TEXT    NULL,
    UNIQUE (channel, message_id)
);
CREATE INDEX ix_inbox_pending ON inbox (processed_at, sender_key, id);

CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    channel           TEXT    NOT NULL,
    idempotency_key   TEXT    NOT NULL UNIQUE,
    recipient_key     TEXT    NOT NULL,
    payload_enc       TEXT    NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT    NOT NULL,
    last_error        TEXT    NULL,
    created_at        TEXT    NOT NULL,
    sent_at           TEXT    NULL,
    claimed_by        TEXT    NULL,
    claim_expires_at  TEXT    NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, recipient_key, id);
