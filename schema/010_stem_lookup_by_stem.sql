-- 010_stem_lookup_by_stem.sql — the stems of stem_lookup (005) looked up by stem: a Ukrainian query word the
-- table does not know is stemmed without the hunspell dictionary (1-2 s to load) by asking which of the stems
-- the dictionary could give it the index holds (src/store/store_stems.c, pc_uk_stem_by_vocabulary in
-- src/text/stem_uk.h). A word that is its own stem has a NULL stem and is found by the primary key.
CREATE INDEX IF NOT EXISTS stem_lookup_by_stem ON stem_lookup(lang, stem) WHERE stem IS NOT NULL;
