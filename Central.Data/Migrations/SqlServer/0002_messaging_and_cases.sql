-- What the conversation core, intake and workspace need beyond 0001: idempotent case creation, stored evidence,
-- the worker's transcript, requests for a person, held updates, outbox failure kinds and a general audit log.

ALTER TABLE contacts ADD
    human_requested_at   DATETIMEOFFSET  NULL,
    human_caseworker_id  INT             NULL CONSTRAINT fk_contacts_human REFERENCES caseworkers (id),
    human_since          DATETIMEOFFSET  NULL;

ALTER TABLE cases ADD
    source_key   NVARCHAR (200)  NULL,
    notified_at  DATETIMEOFFSET  NULL;

ALTER TABLE case_attachments ADD
    file_name    NVARCHAR (400)   NULL,
    content_enc  VARBINARY (MAX)  NULL;

ALTER TABLE outbox ADD failure_kind NVARCHAR (40) NULL;

CREATE INDEX ix_outbox_recipient ON outbox (recipient_key, status, id);
CREATE INDEX ix_inbox_sender ON inbox (sender_key, processed_at, id);

CREATE TABLE transcript (
    id          BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_transcript PRIMARY KEY,
    contact_id  BIGINT          NOT NULL CONSTRAINT fk_transcript_contact REFERENCES contacts (id),
    at          DATETIMEOFFSET  NOT NULL,
    direction   NVARCHAR (3)    NOT NULL CONSTRAINT ck_transcript_direction CHECK (direction IN (N'in', N'out')),
    author      NVARCHAR (100)  NOT NULL,
    text_enc    NVARCHAR (MAX)  NOT NULL
);
CREATE INDEX ix_transcript_contact ON transcript (contact_id, id);

CREATE TABLE human_requests (
    id            BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_human_requests PRIMARY KEY,
    contact_id    BIGINT          NOT NULL CONSTRAINT fk_human_requests_contact REFERENCES contacts (id),
    requested_at  DATETIMEOFFSET  NOT NULL,
    language      NVARCHAR (10)   NOT NULL,
    status        NVARCHAR (10)   NOT NULL CONSTRAINT ck_human_requests_status CHECK (status IN (N'open', N'taken', N'closed')),
    taken_by      INT             NULL CONSTRAINT fk_human_requests_caseworker REFERENCES caseworkers (id),
    taken_at      DATETIMEOFFSET  NULL,
    closed_at     DATETIMEOFFSET  NULL
);
CREATE INDEX ix_human_requests_open ON human_requests (status, requested_at);

CREATE TABLE worker_updates (
    id            BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_worker_updates PRIMARY KEY,
    contact_id    BIGINT          NOT NULL CONSTRAINT fk_worker_updates_contact REFERENCES contacts (id),
    case_id       BIGINT          NULL CONSTRAINT fk_worker_updates_case REFERENCES cases (id),
    created_at    DATETIMEOFFSET  NOT NULL,
    text_enc      NVARCHAR (MAX)  NOT NULL,
    delivered_at  DATETIMEOFFSET  NULL
);
CREATE INDEX ix_worker_updates_contact ON worker_updates (contact_id, delivered_at);

CREATE TABLE audit_log (
    id       BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    at       DATETIMEOFFSET   NOT NULL,
    actor    NVARCHAR (100)   NOT NULL,
    action   NVARCHAR (50)    NOT NULL,
    subject  NVARCHAR (200)   NULL,
    detail   NVARCHAR (2000)  NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- A filtered unique index must come in its own batch after the ALTER that adds its column; the migration runner
-- sends the script as one batch, so it is created through dynamic SQL.
EXEC (N'CREATE UNIQUE INDEX ux_cases_source ON cases (source_key) WHERE source_key IS NOT NULL;');
