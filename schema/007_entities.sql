-- 007_entities.sql — the entity list a user keeps in the index (`presscut entities import/list/remove`):
-- entities, each a name with its aliases in the order they were imported. `@name` in a query and
-- `presscut mentions name` look an entity up by its case-folded name. Written by src/store/store_entities.c
-- only. An index made before this file gains the (empty) tables when it is next opened.

-- name: as imported; folded: the name case-folded (ICU full case folding), what lookups compare.
CREATE TABLE entities (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    folded TEXT NOT NULL UNIQUE
);

-- position: 0, 1, ... in the order of the import file; alias: as written there (UTF-8, never empty).
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, position)
) WITHOUT ROWID;
