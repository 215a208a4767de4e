/* search_query.c — the query options, query session and table output that `search` and `export` share
 * (see search_query.h). */
#include "search_query.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "presscut/output/export_hits.h"

int search_add_filter(const cli_option *option, const char *value, void *target)
{
    search_args *a = target;
    if (a->n_filters == sizeof a->filters / sizeof a->filters[0]) {
        cli_error("too many filter options (at most 64)");
        return PC_EXIT_ERROR;
    }
    a->filters[a->n_filters++] = (filter_option){option->long_name, value};
    return 0;
}

int search_read_limit(const cli_option *option, const char *value, void *target)
{
    long long n = strcmp(value, "all") == 0 ? -1 : cli_parse_count(value);
    if (n < 0 && strcmp(value, "all") != 0) {
        cli_error("--%s: '%s' is not a number of hits: give a whole number, or all", option->long_name, value);
        return PC_EXIT_ERROR;
    }
    *(long long *)target = n;
    return 0;
}

char *search_join_query(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *out = malloc(len);
    if (!out) {
        cli_error("out of memory");
        return NULL;
    }
    out[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, argv[i]);
    }
    return out;
}

pc_query_session *search_open_query(pc_store *store, const char *text, const search_args *a)
{
    pc_error err;
    pc_error_clear(&err);
    pc_query_session *qs = NULL;
    pc_query_options qopt = {.any = a->any, .no_translit = a->no_translit, .no_expand = a->no_expand};
    if (pc_query_session_new(&qs, store, text, &qopt, &err) != PC_OK) {
        cli_error("%s", err.msg);
        return NULL;
    }
    for (size_t i = 0; i < a->n_filters; i++) {
        if (pc_query_session_add_filter(qs, a->filters[i].name, a->filters[i].value, &err) != PC_OK) {
            cli_error("%s", err.msg);
            pc_query_session_free(qs);
            return NULL;
        }
    }
    return qs;
}

void search_report(const search_args *a, long long total)
{
    long long shown = total - a->search.offset;
    if (shown < 0)
        shown = 0;
    bool cut = a->search.limit >= 0 && shown > a->search.limit;
    if (cut)
        shown = a->search.limit;
    const char *unit = a->search.per_passage ? "passage" : "article";
    if (total == 0)
        fprintf(stderr, "no %s matches\n", unit);
    else
        fprintf(stderr, "%lld %s%s match%s (%lld %s)\n", total, unit, total == 1 ? "" : "s",
                total == 1 ? "es" : "", shown, a->table ? "written" : "shown");
    if (cut && (a->output || !isatty(STDOUT_FILENO)))
        fprintf(stderr, "showing %lld of %lld; -n all for every hit\n", shown, total);
}

/* ---- hits as a table ---- */

typedef struct table_state {
    pc_table *table;
    pc_export_row *row;
    pc_error *err;
} table_state;

static int write_hit_row(void *payload, const pc_search_hit *hit)
{
    table_state *st = payload;
    const pc_cell *cells = NULL;
    int rc = pc_export_row_fill(st->row, hit, &cells, st->err);
    return rc == PC_OK ? pc_table_row(st->table, cells, st->err) : rc;
}

/* The manifest of an export of the session's query. */
static int make_manifest(pc_store *store, const char *text, const search_args *a, const char *command,
                         pc_export_manifest *m, pc_error *err)
{
    pc_store_stats stats;
    int rc = pc_store_stats_get(store, &stats, err);
    if (rc != PC_OK)
        return rc;
    const char *names[64], *values[64];
    for (size_t i = 0; i < a->n_filters; i++) {
        names[i] = a->filters[i].name;
        values[i] = a->filters[i].value;
    }
    pc_export_facts facts = {
        .command = command,
        .query = text,
        .filter_names = names,
        .filter_values = values,
        .n_filters = a->n_filters,
        .any = a->any,
        .per_passage = a->search.per_passage,
        .all_copies = a->search.all_copies,
        .no_translit = a->no_translit,
        .no_expand = a->no_expand,
        .index_path = pc_store_path(store),
        .articles = stats.articles,
        .analyzer = &stats.analyzer,
        .analyzer_version = stats.analyzer_version,
    };
    rc = pc_export_manifest_make(&facts, m, err);
    pc_store_stats_free(&stats);
    return rc;
}

int search_write_table(pc_query_session *qs, const char *text, const search_args *a, const char *command)
{
    if (a->table_format == PC_TABLE_XLSX && !a->output && isatty(STDOUT_FILENO)) {
        cli_error("an xlsx workbook is a binary file and would garble the terminal: write it with -o FILE.xlsx "
                  "or redirect the output to a file");
        return PC_EXIT_ERROR;
    }
    pc_error err;
    pc_error_clear(&err);
    pc_export_manifest manifest = {0};
    table_state st = {.err = &err};
    long long total = 0;
    size_t n_columns = 0;
    const pc_table_column *columns = pc_export_hit_columns(&n_columns);
    int rc = make_manifest(pc_query_session_store(qs), text, a, command, &manifest, &err);
    if (rc == PC_OK)
        rc = pc_export_row_new(a->table_format, &st.row, &err);
    if (rc == PC_OK) {
        pc_table_options topt = {
            .format = a->table_format,
            .out = stdout,
            .path = a->output,
            .raw = a->raw,
            .bom = a->bom,
            .with_header = a->with_header,
            .meta = manifest.meta,
            .n_meta = manifest.n,
        };
        rc = pc_table_open(&topt, columns, n_columns, &st.table, &err);
    }
    if (rc == PC_OK)
        rc = pc_search_run(qs, &a->search, write_hit_row, &st, &total, &err);
    if (rc == PC_OK)
        rc = pc_table_finish(st.table, &err);
    pc_table_free(st.table);
    pc_export_row_free(st.row);
    pc_export_manifest_clear(&manifest);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    search_report(a, total);
    return total > 0 ? PC_EXIT_OK : PC_EXIT_NOTHING;
}
