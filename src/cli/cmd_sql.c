/* cmd_sql.c — `presscut sql STATEMENT`: runs one read-only SQL statement on the index with presscut's
 * tokenizer registered (plain sqlite3 cannot read the full-text tables), printing tab-separated rows. */
#include "cli.h"
#include "presscut/output/print_rows.h"

typedef struct sql_args {
    bool header;
    bool header_done;
    long long rows;
} sql_args;

static const cli_option sql_options[] = {
    CLI_OPT_FLAG("header", 'H', sql_args, header, "print the column names first"),
    CLI_OPT_END,
};

static const cli_command_help sql_help = {
    .name = "sql",
    .args = "STATEMENT",
    .summary = "Runs one read-only SQL statement on the index and prints its rows, tab-separated (NULL as\n"
               "an empty field; tabs and newlines in values as \\t and \\n). Statements that write are refused.",
    .details = "Tables: articles, passages, files, meta; full-text: passage_fts, title_fts (tokenizer 'presscut').\n"
               "Example: presscut sql \"SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'attack'\"",
    .options = sql_options,
};

static int print_row(void *payload, int ncols, const char *const *names, const char *const *values)
{
    sql_args *a = payload;
    if (a->header && !a->header_done) {
        pc_print_row(stdout, ncols, names);
        a->header_done = true;
    }
    pc_print_row(stdout, ncols, values);
    a->rows++;
    return 0;
}

int cmd_sql(cli_context *ctx, int argc, char **argv)
{
    sql_args a = {0};
    int first = 0;
    int rc = cli_parse(ctx, &sql_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (argc - first != 1)
        return cli_usage_error(ctx, "sql", "give exactly one SQL statement (quote it)");
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_sql(store, argv[first], print_row, &a, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    return PC_EXIT_OK;
}
