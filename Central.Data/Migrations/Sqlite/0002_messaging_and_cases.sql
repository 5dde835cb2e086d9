-- What the conversation core, intake and workspace need beyond 0001: idempotent case creation, stored evidence,
-- the worker's transcript, requests for a person, held updates, outbox failure kinds and a general audit log.

ALTER TABLE contacts ADD COLUMN human_requested_at TEXT NULL;
ALTER TABLE contacts ADD COLUMN human_caseworker_id INTEGER NULL REFERENCES caseworkers (id);
ALTER TABLE contacts ADD COLUMN human_since TEXT NULL;

ALTER TABLE cases ADD COLUMN source_key TEXT NULL;
ALTER TABLE cases ADD COLUMN notified_at TEXT NULL;
CREATE UNIQUE INDEX ux_cases_source ON cases (source_key) WHERE source_key IS NOT NULL;

ALTER TABLE case_attachments ADD COLUMN file_name TEXT NULL;
ALTER TABLE case_attachments ADD COLUMN content_enc BLOB NULL;

ALTER TABLE outbox ADD COLUMN failure_kind TEXT NULL;
CREATE INDEX ix_outbox_recipient ON outbox (recipient_key, status, id);
CREATE INDEX ix_inbox_sender ON inbox (sender_key, processed_at, id);

CREATE TABLE transcript (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id),
    at          TEXT    NOT NULL,
    direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    author      TEXT    NOT NULL,
    text_enc    TEXT    NOT NULL
);
CREATE INDEX ix_transcript_contact ON transcript (contact_id, id);

CREATE TABLE human_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id),
    requested_at  TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'taken', 'closed')),
    taken_by      INTEGER NULL REFERENCES caseworkers (id),
    taken_at      TEXT    NULL,
    closed_at     TEXT    NULL
);
CREATE INDEX ix_human_requests_open ON human_requests (status, requested_at);

CREATE TABLE worker_updates (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id),
    case_id       INTEGER NULL REFERENCES cases (id),
    created_at    TEXT    NOT NULL,
    text_enc      TEXT    NOT NULL,
    delivered_at  TEXT    NULL
);
CREATE INDEX ix_worker_updates_contact ON worker_updates (contact_id, delivered_at);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT    NOT NULL,
    actor    TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    subject  TEXT    NULL,
    detail   TEXT    NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
