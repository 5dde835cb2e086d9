-- Machine translations for caseworkers: each text is paid for once (results kept by a keyed hash of the text,
-- encrypted, since worker messages are personal data), and the characters sent are counted per month.
CREATE TABLE translations (
    text_hash    NVARCHAR (64)   NOT NULL,
    from_lang    NVARCHAR (10)   NOT NULL,
    to_lang      NVARCHAR (10)   NOT NULL,
    result_enc   NVARCHAR (MAX)  NOT NULL,
    created_at   DATETIMEOFFSET  NOT NULL,
    CONSTRAINT pk_translations PRIMARY KEY (text_hash, from_lang, to_lang)
);

CREATE TABLE translator_usage (
    month        NVARCHAR (7)  NOT NULL CONSTRAINT pk_translator_usage PRIMARY KEY,
    characters   BIGINT        NOT NULL
);
