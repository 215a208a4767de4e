-- 001_init.sql — the first presscut index schema: source files, articles (metadata apart from their bodies),
-- passages as byte ranges of the bodies, and two external-content FTS5 tables whose text comes from views.
-- Applied by src/store.c inside one transaction; PRAGMA user_version counts the schema files applied.
-- Needs the "presscut" FTS5 tokenizer registered on the connection (see include/presscut/fts5_tokenizer.h).

-- Index identity and history: analyzer_version, fold_diacritics, exact_forms ('0'/'1'), created_at,
-- presscut_version (the presscut that created or last rebuilt the index).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per source file indexed; hash is pc_hash_hex of its bytes.
CREATE TABLE files (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL UNIQUE,
    size       INTEGER NOT NULL,
    mtime_ns   INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);

-- One row per article. The body lives in `bodies` so that scans over metadata (stats, filters) do not read
-- the text. record is NULL for one-article files; day is pc_date_day_number(published), 0 when undated;
-- content_hash is pc_hash_hex(title || '\n' || body); body_bytes the body's length in bytes.
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    file_id      INTEGER NOT NULL REFERENCES files(id),
    record       TEXT,
    title        TEXT,
    published    TEXT,
    day          INTEGER NOT NULL DEFAULT 0,
    source       TEXT,
    url          TEXT,
    lang         TEXT NOT NULL,
    body_bytes   INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    indexed_at   TEXT NOT NULL
);
-- NULL records are distinct in a plain UNIQUE constraint: one-article files compare as ''.
CREATE UNIQUE INDEX articles_file_record ON articles(file_id, coalesce(record, ''));
CREATE INDEX articles_lang ON articles(lang);
CREATE INDEX articles_source ON articles(source);

CREATE TABLE bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    body       TEXT NOT NULL
);

-- A passage is the byte range [start_byte, end_byte) of its article's body. id = (day << 32) | n, n counting
-- from 1 within the day, so passages are in date order and a date range is a rowid range.
CREATE TABLE passages (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq        INTEGER NOT NULL,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL
);
CREATE INDEX passages_article ON passages(article_id, seq);

-- The texts the FTS5 tables index, cut out of the bodies and prefixed with the language tag
-- (char(30) || lang || char(30); no tag when lang is ''), byte for byte what pc_lang_tag_write produces.
CREATE VIEW passage_text(id, text) AS
    SELECT p.id,
           CASE a.lang WHEN '' THEN '' ELSE char(30) || a.lang || char(30) END
           || CAST(substr(CAST(b.body AS BLOB), p.start_byte + 1, p.end_byte - p.start_byte) AS TEXT)
    FROM passages p
    JOIN articles a ON a.id = p.article_id
    JOIN bodies b ON b.article_id = p.article_id;

CREATE VIEW article_title(id, title) AS
    SELECT a.id, CASE a.lang WHEN '' THEN '' ELSE char(30) || a.lang || char(30) END || a.title
    FROM articles a
    WHERE a.title IS NOT NULL;

-- Everything about an article in one row (its file's path, its body): for `presscut sql` and diagnostics.
CREATE VIEW article_details AS
    SELECT a.id, a.file_id, f.path, a.record, a.title, a.published, a.day, a.source, a.url, a.lang,
           a.body_bytes, a.content_hash, a.indexed_at, b.body
    FROM articles a
    JOIN files f ON f.id = a.file_id
    JOIN bodies b ON b.article_id = a.id;

CREATE VIRTUAL TABLE passage_fts USING fts5(
    text, content = 'passage_text', content_rowid = 'id', tokenize = 'presscut', detail = full);

CREATE VIRTUAL TABLE title_fts USING fts5(
    title, content = 'article_title', content_rowid = 'id', tokenize = 'presscut', detail = full);

-- FTS5 writes its in-memory terms out as a new segment every `hashsize` bytes (1 MB by default): 8 MB makes
-- fewer, larger segments and less merging while indexing (about 25% faster bulk indexing, measured).
INSERT INTO passage_fts(passage_fts, rank) VALUES('hashsize', 8388608);
