/* export_hits.h — search hits as rows of an exported table (table.h): the columns an exported hit has, the
 * mapping of one hit to one row, and the manifest that makes an export reproducible. It formats cells only;
 * which hits there are is the search's business (search.h), how the table is written the writer's.
 *
 * Columns, in order (README "Exports" documents them for users):
 *   rank score article_id passage date source title url path record lang cluster copies matched snippet
 *   match_bytes match_chars
 * `matched` holds each body match as written (matched[i] is body[match_bytes[i]]), `match_bytes` and
 * `match_chars` the matches' [start, end) offsets in the article BODY in bytes and in characters (Unicode
 * code points, as Python indexes a str). In csv, tsv and xlsx the three are compact strings:
 * "Peskov | Песков", "120-126 340-352"; in json and jsonl they are JSON lists: ["Peskov","Песков"],
 * [[120,126],[340,352]]. */
#ifndef PRESSCUT_OUTPUT_EXPORT_HITS_H
#define PRESSCUT_OUTPUT_EXPORT_HITS_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/output/table.h"
#include "presscut/search/entity_forms.h"
#include "presscut/search/search.h"
#include "presscut/text/analyzer.h"

/* The columns of an exported hit: a static array (not to be freed) of *n columns. */
const pc_table_column *pc_export_hit_columns(size_t *n);

/* What turns hits into rows: the cells of the current row and the text they point into, reused from row to
 * row so that memory does not grow with the number of hits. */
typedef struct pc_export_row pc_export_row;

/* Makes a row for tables of `format` (lists are JSON in json and jsonl, compact strings otherwise). Returns
 * 0 and sets *out (free with pc_export_row_free), or PC_ENOMEM with *out NULL. */
int pc_export_row_new(pc_table_format format, pc_export_row **out, pc_error *err);

/* Fills the row from `hit` and sets *cells to its cells, one per column of pc_export_hit_columns. The cells
 * point into the hit and the row: valid until the next fill, the row's free, or the end of the hit's
 * callback, whichever comes first. Returns 0 or PC_ENOMEM. */
int pc_export_row_fill(pc_export_row *row, const pc_search_hit *hit, const pc_cell **cells, pc_error *err);

/* Frees a row. Accepts NULL. */
void pc_export_row_free(pc_export_row *row);

/* What the manifest states. Strings are borrowed; filters are the filter options in the order given. */
typedef struct pc_export_facts {
    const char *command;             /* "search" or "export" */
    const char *query;               /* as typed */
    const char *const *filter_names; /* "since", "until", "source", "lang" */
    const char *const *filter_values;
    size_t n_filters;
    bool any, per_passage, all_copies, no_translit, no_expand;
    const char *index_path;
    long long articles;              /* articles in the index */
    const pc_analyzer_config *analyzer;
    int analyzer_version;
    /* mentions: the entity asked for (n_aliases 0 for other commands: no "entity" in the manifest) */
    struct {
        const char *name;              /* NAME as typed, NULL when only --alias was given */
        const char *const *aliases;    /* every alias searched, as given */
        size_t n_aliases;
        const pc_entity_forms *forms;  /* the forms searched (NULL: none listed) */
        bool exact, case_sensitive;
    } entity;
} pc_export_facts;

/* A manifest: meta[0, n) for pc_table_options.meta, with the strings it owns. */
typedef struct pc_export_manifest {
    pc_table_meta *meta;
    size_t n;
    char **owned;
    size_t n_owned;
} pc_export_manifest;

/* Fills *out from *facts, in this order: presscut_version, command, query, filters (a JSON list of
 * {"name", "value"}), options (a JSON object of the flags), index, articles, analyzer (a JSON object), and
 * for mentions entity ({"name", "aliases": [...], "exact", "case_sensitive", "forms": [{"form", "kind",
 * "alias", "how"}]}). The
 * export's time is left out on purpose: the same query on the same index gives the same manifest. Returns
 * 0 or PC_ENOMEM (then *out is empty). Free with pc_export_manifest_clear. */
int pc_export_manifest_make(const pc_export_facts *facts, pc_export_manifest *out, pc_error *err);

/* pc_export_manifest_make with the index's facts (index_path, articles, analyzer, analyzer_version) read from
 * `store` in place of those of *facts. Returns 0, PC_ENOMEM or PC_EDB (then *out is empty). */
int pc_export_manifest_for_store(pc_store *store, const pc_export_facts *facts, pc_export_manifest *out,
                                 pc_error *err);

/* Frees what a manifest owns and empties it. Accepts NULL. */
void pc_export_manifest_clear(pc_export_manifest *m);

/* Runs the session's query with `search` and writes its hits as a table opened with `table` (its meta is
 * replaced by the manifest of *facts, whose index_path, articles, analyzer and analyzer_version are taken
 * from the session's store). *total (may be NULL) receives the number of hits. Returns 0, or PC_ENOMEM,
 * PC_EIO, PC_EINVAL, PC_EDB, PC_ECONFIG or PC_ESTOP (from the search or the writer) with err filled; the
 * table is then left unfinished (a partial file). */
int pc_export_hits_write(pc_query_session *qs, const pc_search_options *search, const pc_table_options *table,
                         const pc_export_facts *facts, long long *total, pc_error *err);

#endif
