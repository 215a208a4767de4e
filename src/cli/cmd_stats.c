/* cmd_stats.c — `presscut stats`: what the index holds (articles, passages, languages, sources, dates,
 * near-duplicate clusters, size), printed by the output stage as aligned text or as one JSON object. */
#include "cli.h"
#include "presscut/output/print_stats.h"

enum { OPT_FORMAT = 500, OPT_ALL = 'a' };

static const cli_option stats_options[] = {
    {"format", OPT_FORMAT, "FORMAT", "text (default), json (one object) or jsonl (the same on one line)"},
    {"all", OPT_ALL, NULL, "list every source, not only the 10 largest"},
    {NULL, 0, NULL, NULL},
};

static const cli_command_help stats_help = {
    .name = "stats",
    .args = "",
    .summary = "Shows what the index holds: files, articles, passages, languages, sources, the date range,\n"
               "clusters of near-duplicate copies, the index size and the analyzer configuration.",
    .details = NULL,
    .options = stats_options,
};

typedef struct stats_args {
    pc_output_format format;
    bool all;
} stats_args;

static int on_option(void *payload, int id, const char *value)
{
    stats_args *a = payload;
    if (id == OPT_ALL) {
        a->all = true;
        return 0;
    }
    return cli_format_option(value, &a->format);
}

int cmd_stats(cli_context *ctx, int argc, char **argv)
{
    stats_args a = {.format = PC_OUTPUT_TEXT};
    int first = 0;
    int rc = cli_parse(ctx, &stats_help, argc, argv, on_option, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(ctx, "stats", "'stats' takes no arguments");
    pc_store *store = cli_open_store(ctx, false, true, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_store_stats st;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_stats_get(store, &st, &err);
    pc_store_close(store);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    pc_printer_options popt = {.format = a.format, .out = stdout};
    pc_printer *printer = NULL;
    rc = pc_printer_new(&popt, &printer, &err);
    if (rc == PC_OK)
        rc = pc_print_stats(printer, ctx->db_path, &st, a.all, &err);
    if (rc != PC_OK)
        cli_error("%s", err.msg);
    pc_printer_free(printer);
    pc_store_stats_free(&st);
    return rc == PC_OK ? PC_EXIT_OK : PC_EXIT_ERROR;
}
