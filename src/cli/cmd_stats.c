/* cmd_stats.c — `presscut stats`: what the index holds (articles, passages, languages, sources, dates,
 * near-duplicate clusters, size), printed by the output stage as aligned text or as one JSON object. */
#include "cli.h"
#include "presscut/output/print_stats.h"

typedef struct stats_args {
    pc_output_format format;
    bool all;
} stats_args;

static const cli_option stats_options[] = {
    CLI_OPT_CALLBACK("format", 0, CLI_TARGET(stats_args, format, pc_output_format), cli_read_output_format,
                     "FORMAT", "text (default), json (one object) or jsonl (the same on one line)"),
    CLI_OPT_FLAG("all", 'a', stats_args, all, "list every source, not only the 10 largest"),
    CLI_OPT_END,
};

static const cli_command_help stats_help = {
    .name = "stats",
    .args = "",
    .summary = "Shows what the index holds: files, articles, passages, languages, sources, the date range,\n"
               "clusters of near-duplicate copies, the index size and the analyzer configuration.",
    .details = NULL,
    .options = stats_options,
};

int cmd_stats(cli_context *ctx, int argc, char **argv)
{
    stats_args a = {.format = PC_OUTPUT_TEXT};
    int first = 0;
    int rc = cli_parse(ctx, &stats_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(ctx, "stats", "'stats' takes no arguments");
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_store_stats st;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_stats_get(store, &st, &err);
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
