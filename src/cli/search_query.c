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
        cli_error("--%s takes a whole number, not '%s' (or all, for every hit)", option->long_name, value);
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
    if (cut && a->search.limit > 0 && (a->output || !isatty(STDOUT_FILENO)))
        fprintf(stderr, "showing %lld of %lld; -n all for every hit\n", shown, total);
}

/* ---- hits as a table ---- */

int search_write_table(pc_query_session *qs, const char *text, const search_args *a, const char *command)
{
    if (a->table_format == PC_TABLE_XLSX && !a->output && isatty(STDOUT_FILENO)) {
        cli_error("an xlsx workbook is a binary file and would garble the terminal: write it with -o FILE.xlsx "
                  "or redirect the output to a file");
        return PC_EXIT_ERROR;
    }
    pc_error err;
    pc_error_clear(&err);
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
    };
    pc_table_options topt = {
        .format = a->table_format,
        .out = stdout,
        .path = a->output,
        .raw = a->raw,
        .bom = a->bom,
        .with_header = a->with_header,
    };
    long long total = 0;
    int rc = pc_export_hits_write(qs, &a->search, &topt, &facts, &total, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    search_report(a, total);
    return total > 0 ? PC_EXIT_OK : PC_EXIT_NOTHING;
}
