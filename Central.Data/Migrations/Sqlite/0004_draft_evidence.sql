-- Evidence a worker sends before the report is confirmed. Messenger's file links expire, so the bytes are fetched
-- at once and kept here (encrypted) until the case opens (moved to case_attachments) or the draft is dropped.
CREATE TABLE draft_evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id),
    kind          TEXT    NOT NULL,
    content_type  TEXT    NULL,
    file_name     TEXT    NULL,
    source_url    TEXT    NULL,
    content_enc   BLOB    NULL,
    size_bytes    INTEGER NULL,
    sha256        TEXT    NULL,
    received_at   TEXT    NOT NULL
);
CREATE INDEX ix_draft_evidence_contact ON draft_evidence (contact_id);
