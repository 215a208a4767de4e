-- 011_passage_slices.sql — the passage texts FTS5 reads (check, rebuild, re-indexing a changed file) are cut
-- by pc_body_slice (src/store/store_bodies.c), which keeps the text of the last article it unpacked: reading
-- all the passages of an article unpacks its body once, where substr(pc_body(b.body), ...) unpacked the
-- whole body for every passage (cost growing with the square of the article's size). The stored body is
-- handed over only for short articles (the column is read only when the CASE takes that branch); for long
-- ones pc_body_slice reads it once itself. Same text, byte for byte, as before.
DROP VIEW passage_text;
CREATE VIEW passage_text(id, text) AS
    SELECT p.id,
           CASE a.lang WHEN '' THEN '' ELSE char(30) || a.lang || char(30) END
           || pc_body_slice(a.id, a.content_hash, CASE WHEN a.body_bytes <= 65536 THEN b.body END,
                            p.start_byte, p.end_byte)
    FROM passages p
    JOIN articles a ON a.id = p.article_id
    JOIN bodies b ON b.article_id = p.article_id;
