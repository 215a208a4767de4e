/* search_query.h — what `search` and `export` share: their options struct, the option rows of the query and
 * its filters (one list, so the two commands cannot drift apart), the query session made from them, and the
 * writing of hits as a table (csv, tsv, jsonl, json, xlsx) with the counts reported on stderr. */
#ifndef PRESSCUT_CLI_SEARCH_QUERY_H
#define PRESSCUT_CLI_SEARCH_QUERY_H

#include <stdbool.h>

#include "cli.h"
#include "presscut/output/table.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"

/* A filter option in the order given, applied after the query is parsed. */
typedef struct filter_option {
    const char *name, *value;
} filter_option;

typedef struct search_args {
    pc_search_options search;
    long long snippet; /* --snippet, or -1: the default */
    bool any, explain, no_translit, no_expand;
    pc_output_format format;
    bool color;
    filter_option filters[64];
    size_t n_filters;
    /* Hits as a table: `table` set when --format is csv, tsv, jsonl, json or xlsx for `export`, csv, tsv or
     * xlsx for `search`. */
    bool table;
    pc_table_format table_format;
    const char *output; /* -o FILE, or NULL: stdout */
    bool raw, bom, with_header;
} search_args;

/* --since, --until, --source and --lang (target: the whole search_args): kept in the order given. */
int search_add_filter(const cli_option *option, const char *value, void *target);
/* --limit N or "all" (into a long long: -1 for all). */
int search_read_limit(const cli_option *option, const char *value, void *target);

/* The option rows of the query and its filters, for the option tables of `search` and `export`. */
#define SEARCH_QUERY_OPTION_ROWS                                                                             \
    CLI_OPT_FLAG("passages", 0, search_args, search.per_passage,                                             \
                 "one hit per matching passage instead of one per article"),                                 \
    CLI_OPT_FLAG("all-copies", 0, search_args, search.all_copies,                                            \
                 "list near-duplicate copies of a story one by one (by default they are\n"                   \
                 "folded into the best-ranked one, which says +N copies)"),                                  \
    CLI_OPT_FLAG("any", 0, search_args, any,                                                                 \
                 "match articles with any of the words, not all (for questions in plain words)"),            \
    CLI_OPT_FLAG("no-expand", 0, search_args, no_expand,                                                     \
                 "with --any: search the question's words alone, without the words the best\n"              \
                 "first hits add to it (see --explain)"),                                                    \
    CLI_OPT_FLAG("no-translit", 0, search_args, no_translit,                                                 \
                 "Cyrillic words do not also match their Latin spelling (Песков: not peskov)"),              \
    CLI_OPT_CALLBACK("since", 0, CLI_TARGET_WHOLE, search_add_filter, "DATE",                                \
                     "only articles published on or after DATE (2022, 2022-02, 2022-02-16)"),                \
    CLI_OPT_CALLBACK("until", 0, CLI_TARGET_WHOLE, search_add_filter, "DATE",                                \
                     "only articles published on or before DATE (a month or year counts to its end)"),       \
    CLI_OPT_CALLBACK("source", 0, CLI_TARGET_WHOLE, search_add_filter, "NAME",                               \
                     "only articles whose source is NAME; '*' for any characters: 'uk*' (repeat for any of "  \
                     "several)"),                                                                            \
    CLI_OPT_CALLBACK("lang", 0, CLI_TARGET_WHOLE, search_add_filter, "CODE",                                 \
                     "only articles in language CODE, e.g. en, ru, uk (repeat for any of several)")

/* The option rows of a table's file, for `search` and `export`. */
#define SEARCH_TABLE_OPTION_ROWS                                                                             \
    CLI_OPT_STRING("output", 'o', search_args, output, "FILE",                                               \
                   "write to FILE instead of stdout (csv/tsv: the manifest goes to FILE.manifest.json)"),    \
    CLI_OPT_FLAG("raw", 0, search_args, raw,                                                                 \
                 "csv/tsv: leave cells starting with = + - @ as they are (by default a ' is put\n"          \
                 "before them, so that a spreadsheet does not run them as formulas)"),                       \
    CLI_OPT_FLAG("bom", 0, search_args, bom, "csv/tsv: start with a UTF-8 byte order mark (for Excel)"),     \
    CLI_OPT_FLAG("with-header", 0, search_args, with_header,                                                 \
                 "json/jsonl: a first record with the manifest (query, filters, index, analyzer)")

/* Joins the query operands with spaces. Returns a malloc'd string, or NULL (printed) when out of memory. */
char *search_join_query(int argc, char **argv);

/* Makes the query session: parses `text` and applies the filter options. Prints the error and returns NULL
 * on failure. */
pc_query_session *search_open_query(pc_store *store, const char *text, const search_args *a);

/* Runs the session's query and writes its hits in [offset, offset + limit) as the table a->table_format to
 * a->output or stdout, with the manifest, then reports the count on stderr (search_report). `command` names
 * the command in the manifest. Refuses xlsx to a terminal. Returns an exit code: 0 hits written, 1 none,
 * 2 error (printed). */
int search_write_table(pc_query_session *qs, const char *text, const search_args *a, const char *command);

/* Reports on stderr how many hits matched and how many were written ("201 articles match (10 shown)"),
 * and, when -n cut them and the output is not a terminal, "showing 10 of 201; -n all for every hit". */
void search_report(const search_args *a, long long total);

#endif
