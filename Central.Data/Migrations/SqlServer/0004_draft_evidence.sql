-- Evidence a worker sends before the report is confirmed. Messenger's file links expire, so the bytes are fetched
-- at once and kept here (encrypted) until the case opens (moved to case_attachments) or the draft is dropped.
CREATE TABLE draft_evidence (
    id            BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_draft_evidence PRIMARY KEY,
    contact_id    BIGINT           NOT NULL CONSTRAINT fk_draft_evidence_contact REFERENCES contacts (id),
    kind          NVARCHAR (20)    NOT NULL,
    content_type  NVARCHAR (200)   NULL,
    file_name     NVARCHAR (400)   NULL,
    source_url    NVARCHAR (2000)  NULL,
    content_enc   VARBINARY (MAX)  NULL,
    size_bytes    BIGINT           NULL,
    sha256        NVARCHAR (64)    NULL,
    received_at   DATETIMEOFFSET   NOT NULL
);
CREATE INDEX ix_draft_evidence_contact ON draft_evidence (contact_id);
