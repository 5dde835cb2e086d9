-- Machine translations for caseworkers: each text is paid for once (results kept by a keyed hash of the text,
-- encrypted, since worker messages are personal data), and the characters sent are counted per month.
CREATE TABLE translations (
    text_hash    TEXT NOT NULL,
    from_lang    TEXT NOT NULL,
    to_lang      TEXT NOT NULL,
    result_enc   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (text_hash, from_lang, to_lang)
);

CREATE TABLE translator_usage (
    month        TEXT    NOT NULL PRIMARY KEY,
    characters   INTEGER NOT NULL
);
