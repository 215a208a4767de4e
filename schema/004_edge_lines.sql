-- 004_edge_lines.sql — short lines at the start or end of articles (see include/presscut/boilerplate.h),
-- remembered so that a line one source repeats across many of its files is recognised as boilerplate, in
-- later runs and in a second pass over the files already indexed.

-- line_key: the boilerplate line key (the article's source and the line's folded text, hashed); kept: 1 while
-- the line is not judged boilerplate (it is in the stored body), 0 once it is. One row per article and distinct edge line;
-- removed with the article.
CREATE TABLE edge_lines (
    line_key   INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    kept       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (line_key, article_id)
) WITHOUT ROWID;
CREATE INDEX edge_lines_article ON edge_lines(article_id);
