/* cmd_export.c — `presscut export QUERY`: every hit of a search (the query and filters of `search`) written
 * as a table — csv (default), tsv, jsonl, json or xlsx — to stdout or -o FILE, with a manifest that says how
 * it was made. */
#include <stdlib.h>

#include "cli.h"
#include "search_query.h"

static int read_export_format(const cli_option *option, const char *value, void *target)
{
    pc_error err;
    pc_error_clear(&err);
    if (pc_table_format_parse(value, target, &err) != PC_OK) {
        cli_error("--%s: %s", option->long_name, err.msg);
        return PC_EXIT_ERROR;
    }
    return 0;
}

static const cli_option export_options[] = {
    CLI_OPT_CALLBACK("format", 'f', CLI_TARGET(search_args, table_format, pc_table_format), read_export_format,
                     "FORMAT", "csv (default), tsv, jsonl, json or xlsx (xlsx needs -o FILE or a redirect)"),
    SEARCH_TABLE_OPTION_ROWS,
    SEARCH_QUERY_OPTION_ROWS,
    CLI_OPT_COUNT("snippet", 0, search_args, snippet, "N",
                  "cut the snippet column to about N characters around the matches (default 240;\n"
                  "0: the whole passage)"),
    CLI_OPT_END,
};

static const cli_command_help export_help = {
    .name = "export",
    .args = "QUERY...",
    .summary = "Writes every hit of QUERY (as presscut search finds them, best first, without a limit) as a\n"
               "table for a spreadsheet or a notebook: one row per article (per passage with --passages),\n"
               "with its metadata, snippet, the matched words and their offsets in the article body.",
    .details = "The query language is that of presscut search (see presscut search --help).\n"
               "Columns: rank score article_id passage date source title url path record lang cluster\n"
               "copies matched snippet match_bytes match_chars (README: Exports).\n"
               "The manifest (query, filters, index, article count, analyzer, version) goes to\n"
               "FILE.manifest.json for csv/tsv with -o, to a first record with --with-header for\n"
               "json/jsonl, and to the sheet \"query\" of an xlsx workbook.\n"
               "Exit status: 0 hits written, 1 nothing found (a header only), 2 error.",
    .options = export_options,
};

int cmd_export(cli_context *ctx, int argc, char **argv)
{
    search_args a = {.snippet = -1, .table = true, .table_format = PC_TABLE_CSV};
    pc_search_options_default(&a.search);
    a.search.limit = -1;
    int first = 0;
    int rc = cli_parse(ctx, &export_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (a.snippet >= 0)
        a.search.snippet_chars = (size_t)a.snippet;
    if (first >= argc)
        return cli_usage_error(ctx, "export", "give a query, e.g. presscut export 'cyber attack' -o hits.csv");
    char *text = search_join_query(argc - first, argv + first);
    if (!text)
        return PC_EXIT_ERROR;
    cli_stop_on_interrupt(ctx);
    pc_store *store = cli_open_store(ctx, NULL);
    int exit_code = PC_EXIT_ERROR;
    pc_query_session *qs = store ? search_open_query(store, text, &a) : NULL;
    if (qs)
        exit_code = search_write_table(qs, text, &a, "export");
    pc_query_session_free(qs);
    free(text);
    return exit_code;
}
