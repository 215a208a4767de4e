-- 005_stem_lookup.sql — the stems the analyzer gave the words of indexed articles, for languages whose
-- stemmer needs a large dictionary (Ukrainian: hunspell-uk, 0.3 s to load). A query word found here gets its
-- stem without loading the dictionary; a word not found is stemmed as before, so results never differ.
-- Written by src/store.c from the pairs the tokenizer records while indexing (see
-- include/presscut/fts5_tokenizer.h); emptied and refilled by `presscut rebuild`. Rows are facts about the
-- dictionary, not about documents: deleting an article leaves its rows, which stay true.

-- lang: the article language ('uk'); surface: the folded word as indexed (its surface term); stem: its stem
-- term without PC_STEM_MARK, or NULL when the word is its own stem.
CREATE TABLE stem_lookup (
    lang    TEXT NOT NULL,
    surface TEXT NOT NULL,
    stem    TEXT,
    PRIMARY KEY (lang, surface)
) WITHOUT ROWID;
