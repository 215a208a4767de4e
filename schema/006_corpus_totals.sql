-- 006_corpus_totals.sql — running totals of the articles, their body bytes and their passages, kept by
-- triggers, so that ranking can read the collection's size and an article's expected length without
-- scanning a table at every search (src/store_search.c).

CREATE TABLE corpus_totals (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    articles   INTEGER NOT NULL,
    body_bytes INTEGER NOT NULL,
    passages   INTEGER NOT NULL
);
INSERT INTO corpus_totals(id, articles, body_bytes, passages)
    SELECT 1, count(*), coalesce(sum(body_bytes), 0), (SELECT count(*) FROM passages) FROM articles;

CREATE TRIGGER corpus_totals_article_added AFTER INSERT ON articles BEGIN
    UPDATE corpus_totals SET articles = articles + 1, body_bytes = body_bytes + NEW.body_bytes WHERE id = 1;
END;

CREATE TRIGGER corpus_totals_article_removed AFTER DELETE ON articles BEGIN
    UPDATE corpus_totals SET articles = articles - 1, body_bytes = body_bytes - OLD.body_bytes WHERE id = 1;
END;

CREATE TRIGGER corpus_totals_article_changed AFTER UPDATE OF body_bytes ON articles BEGIN
    UPDATE corpus_totals SET body_bytes = body_bytes - OLD.body_bytes + NEW.body_bytes WHERE id = 1;
END;

CREATE TRIGGER corpus_totals_passage_added AFTER INSERT ON passages BEGIN
    UPDATE corpus_totals SET passages = passages + 1 WHERE id = 1;
END;

CREATE TRIGGER corpus_totals_passage_removed AFTER DELETE ON passages BEGIN
    UPDATE corpus_totals SET passages = passages - 1 WHERE id = 1;
END;
