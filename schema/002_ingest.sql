-- 002_ingest.sql — labels the data gives an article (Reuters places and topics, JSON/CSV keywords), kept as
-- one text so that they can be shown and filtered on.

-- tags: "key:value" labels separated by "; " ("place:usa; topic:earn"), NULL when the data gives none.
ALTER TABLE articles ADD COLUMN tags TEXT;

DROP VIEW article_details;
CREATE VIEW article_details AS
    SELECT a.id, a.file_id, f.path, a.record, a.title, a.published, a.day, a.source, a.url, a.lang,
           a.tags, a.body_bytes, a.content_hash, a.indexed_at, b.body
    FROM articles a
    JOIN files f ON f.id = a.file_id
    JOIN bodies b ON b.article_id = a.id;
