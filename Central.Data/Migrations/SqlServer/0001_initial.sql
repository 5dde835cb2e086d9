-- Central's first schema (SQL Server / Azure SQL). Same logical schema as Migrations/Sqlite/0001_initial.sql.
-- Every column that can hold Khmer is NVARCHAR. Columns ending in _enc hold AES-GCM ciphertext (base64).

CREATE TABLE caseworkers (
    id               INT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_caseworkers PRIMARY KEY,
    email            NVARCHAR (320)  NOT NULL CONSTRAINT uq_caseworkers_email UNIQUE,
    name             NVARCHAR (200)  NOT NULL,
    role             NVARCHAR (20)   NOT NULL CONSTRAINT ck_caseworkers_role CHECK (role IN (N'caseworker', N'supervisor', N'admin')),
    password_hash    NVARCHAR (400)  NOT NULL,
    failed_sign_ins  INT             NOT NULL CONSTRAINT df_caseworkers_failed DEFAULT 0,
    locked_until     DATETIMEOFFSET  NULL,
    disabled         BIT             NOT NULL CONSTRAINT df_caseworkers_disabled DEFAULT 0,
    created_at       DATETIMEOFFSET  NOT NULL
);

CREATE TABLE contacts (
    id                BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_contacts PRIMARY KEY,
    channel           NVARCHAR (40)   NOT NULL,
    user_key          NVARCHAR (64)   NOT NULL,
    address_enc       NVARCHAR (MAX)  NOT NULL,
    language          NVARCHAR (10)   NULL,
    referral          NVARCHAR (200)  NULL,
    last_inbound_at   DATETIMEOFFSET  NULL,
    opted_out_at      DATETIMEOFFSET  NULL,
    created_at        DATETIMEOFFSET  NOT NULL,
    CONSTRAINT uq_contacts_user UNIQUE (channel, user_key)
);

CREATE TABLE case_numbers (
    year        INT NOT NULL CONSTRAINT pk_case_numbers PRIMARY KEY,
    last_value  INT NOT NULL
);

CREATE TABLE cases (
    id                   BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_cases PRIMARY KEY,
    case_number          NVARCHAR (20)   NOT NULL CONSTRAINT uq_cases_number UNIQUE,
    created_at           DATETIMEOFFSET  NOT NULL,
    updated_at           DATETIMEOFFSET  NOT NULL,
    channel              NVARCHAR (40)   NOT NULL,
    language             NVARCHAR (10)   NOT NULL,
    category             NVARCHAR (400)  NOT NULL,
    employer             NVARCHAR (300)  NULL,
    employer_key         NVARCHAR (300)  NULL,
    province             NVARCHAR (100)  NULL,
    sector               NVARCHAR (100)  NULL,
    started              NVARCHAR (200)  NULL,
    description_enc      NVARCHAR (MAX)  NULL,
    workers_affected     INT             NULL,
    others_aware         NVARCHAR (400)  NULL,
    urgency              NVARCHAR (10)   NOT NULL CONSTRAINT ck_cases_urgency CHECK (urgency IN (N'normal', N'urgent')),
    urgency_reasons      NVARCHAR (400)  NULL,
    status               NVARCHAR (20)   NOT NULL CONSTRAINT ck_cases_status CHECK (status IN (N'new', N'in_progress', N'waiting_for_worker', N'resolved', N'referred', N'closed')),
    assigned_to          INT             NULL CONSTRAINT fk_cases_caseworker REFERENCES caseworkers (id),
    consent              BIT             NOT NULL,
    anonymous            BIT             NOT NULL,
    contact_id           BIGINT          NULL CONSTRAINT fk_cases_contact REFERENCES contacts (id),
    reporter_name_enc    NVARCHAR (MAX)  NULL,
    phone_enc            NVARCHAR (MAX)  NULL,
    follow_up_code_hash  NVARCHAR (64)   NULL,
    version              INT             NOT NULL CONSTRAINT df_cases_version DEFAULT 1
);
CREATE INDEX ix_cases_queue ON cases (status, urgency, created_at);
CREATE INDEX ix_cases_employer ON cases (employer_key);
CREATE INDEX ix_cases_contact ON cases (contact_id);

CREATE TABLE case_events (
    id           BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_case_events PRIMARY KEY,
    case_id      BIGINT          NOT NULL CONSTRAINT fk_case_events_case REFERENCES cases (id),
    at           DATETIMEOFFSET  NOT NULL,
    actor        NVARCHAR (100)  NOT NULL,
    action       NVARCHAR (50)   NOT NULL,
    before_json  NVARCHAR (MAX)  NULL,
    after_json   NVARCHAR (MAX)  NULL
);
CREATE INDEX ix_case_events_case ON case_events (case_id, at);

CREATE TABLE case_attachments (
    id            BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_case_attachments PRIMARY KEY,
    case_id       BIGINT           NOT NULL CONSTRAINT fk_case_attachments_case REFERENCES cases (id),
    kind          NVARCHAR (20)    NOT NULL,
    content_type  NVARCHAR (200)   NULL,
    source_url    NVARCHAR (2000)  NULL,
    stored_path   NVARCHAR (400)   NULL,
    size_bytes    BIGINT           NULL,
    sha256        NVARCHAR (64)    NULL,
    received_at   DATETIMEOFFSET   NOT NULL
);
CREATE INDEX ix_case_attachments_case ON case_attachments (case_id);

CREATE TABLE conversation_state (
    state_key   NVARCHAR (200)  NOT NULL CONSTRAINT pk_conversation_state PRIMARY KEY,
    data_enc    NVARCHAR (MAX)  NOT NULL,
    etag        NVARCHAR (40)   NOT NULL,
    updated_at  DATETIMEOFFSET  NOT NULL
);

CREATE TABLE inbox (
    id                BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_inbox PRIMARY KEY,
    channel           NVARCHAR (40)    NOT NULL,
    message_id        NVARCHAR (200)   NOT NULL,
    sender_key        NVARCHAR (64)    NOT NULL,
    payload_enc       NVARCHAR (MAX)   NOT NULL,
    received_at       DATETIMEOFFSET   NOT NULL,
    processed_at      DATETIMEOFFSET   NULL,
    attempts          INT              NOT NULL CONSTRAINT df_inbox_attempts DEFAULT 0,
    claimed_by        NVARCHAR (100)   NULL,
    claim_expires_at  DATETIMEOFFSET   NULL,
    last_error        NVARCHAR (1000)  NULL,
    CONSTRAINT uq_inbox_message UNIQUE (channel, message_id)
);
CREATE INDEX ix_inbox_pending ON inbox (processed_at, sender_key, id);

CREATE TABLE outbox (
    id                BIGINT IDENTITY (1, 1) NOT NULL CONSTRAINT pk_outbox PRIMARY KEY,
    channel           NVARCHAR (40)    NOT NULL,
    idempotency_key   NVARCHAR (200)   NOT NULL CONSTRAINT uq_outbox_idempotency UNIQUE,
    recipient_key     NVARCHAR (64)    NOT NULL,
    payload_enc       NVARCHAR (MAX)   NOT NULL,
    status            NVARCHAR (10)    NOT NULL CONSTRAINT ck_outbox_status CHECK (status IN (N'pending', N'sent', N'failed')),
    attempts          INT              NOT NULL CONSTRAINT df_outbox_attempts DEFAULT 0,
    next_attempt_at   DATETIMEOFFSET   NOT NULL,
    last_error        NVARCHAR (1000)  NULL,
    created_at        DATETIMEOFFSET   NOT NULL,
    sent_at           DATETIMEOFFSET   NULL,
    claimed_by        NVARCHAR (100)   NULL,
    claim_expires_at  DATETIMEOFFSET   NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, recipient_key, id);
