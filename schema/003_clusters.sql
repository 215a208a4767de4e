-- 003_clusters.sql — near-duplicate clusters: copies of one story (exact copies, copies with a changed
-- headline, paragraph or boilerplate) share articles.cluster. Signatures and band keys are those of
-- include/presscut/neardup.h; src/store_cluster.c writes them when an article is inserted.

-- cluster: the id of the cluster's first article (the article's own id when it has no copy). An article
-- joins the cluster of the most similar earlier article whose estimated shingle Jaccard similarity is at least
-- PC_NEARDUP_THRESHOLD; a cluster id stays when that first article is removed. Articles indexed before this
-- schema get their own id (they have no signature: later copies do not find them until re-indexed).
ALTER TABLE articles ADD COLUMN cluster INTEGER;
UPDATE articles SET cluster = id;
CREATE INDEX articles_cluster ON articles(cluster);

-- The body's signature (pc_neardup_signature_encode): 128 x 32-bit MinHash minima, or an 8-byte exact key
-- for bodies too short for MinHash. Articles without a word have none.
CREATE TABLE cluster_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    signature  BLOB NOT NULL
);

-- LSH band keys (pc_neardup_band_keys): articles sharing a key are candidates for one cluster. Looked up by
-- key; removed by (key, article) from the article's stored signature, so no second index is needed.
CREATE TABLE cluster_bands (
    band_key   INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;

DROP VIEW article_details;
CREATE VIEW article_details AS
    SELECT a.id, a.file_id, f.path, a.record, a.title, a.published, a.day, a.source, a.url, a.lang,
           a.tags, a.body_bytes, a.content_hash, a.cluster, a.indexed_at, b.body
    FROM articles a
    JOIN files f ON f.id = a.file_id
    JOIN bodies b ON b.article_id = a.id;
