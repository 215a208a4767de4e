-- 008_compressed_bodies.sql — bodies kept compressed: bodies.body holds a zstd frame (a BLOB), or the text itself
-- (TEXT) when compressing gains nothing and in indexes made before this file, which keep working unchanged.
-- The SQL function pc_body(body), registered on every connection presscut opens (src/store/store_bodies.c),
-- gives the text of either; the views read bodies through it. In `presscut sql`, read article text from
-- article_details.body or pc_body(bodies.body).

-- A zstd dictionary trained from the first bodies the index received (include/presscut/store/body_codec.h);
-- id: its zstd dictionary id, which every frame made with it carries in its header.
CREATE TABLE IF NOT EXISTS body_dictionaries (
    id         INTEGER PRIMARY KEY,
    dictionary BLOB NOT NULL
);

DROP VIEW passage_text;
CREATE VIEW passage_text(id, text) AS
    SELECT p.id,
           CASE a.lang WHEN '' THEN '' ELSE char(30) || a.lang || char(30) END
           || CAST(substr(CAST(pc_body(b.body) AS BLOB), p.start_byte + 1, p.end_byte - p.start_byte) AS TEXT)
    FROM passages p
    JOIN articles a ON a.id = p.article_id
    JOIN bodies b ON b.article_id = p.article_id;

DROP VIEW article_details;
CREATE VIEW article_details AS
    SELECT a.id, a.file_id, f.path, a.record, a.title, a.published, a.day, a.source, a.url, a.lang,
           a.tags, a.body_bytes, a.content_hash, a.cluster, a.indexed_at, pc_body(b.body) AS body
    FROM articles a
    JOIN files f ON f.id = a.file_id
    JOIN bodies b ON b.article_id = a.id;
