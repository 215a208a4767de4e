/* cmd_check.c — `presscut check`: verifies the index (SQLite integrity, FTS index against stored text,
 * passage ranges) and says what is wrong. */
#include "cli.h"

static const cli_option check_options[] = {CLI_OPT_END};

static const cli_command_help check_help = {
    .name = "check",
    .args = "",
    .summary = "Verifies that the index is consistent: the database file, the full-text index against the\n"
               "stored text, and every passage's place in its article. Exit status 0 when all is well, 2 if not.",
    .details = NULL,
    .options = check_options,
};

int cmd_check(cli_context *ctx, int argc, char **argv)
{
    int first = 0;
    int rc = cli_parse(ctx, &check_help, argc, argv, NULL, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(ctx, "check", "'check' takes no arguments");
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_check(store, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    printf("ok: the index '%s' is consistent\n", ctx->db_path);
    return PC_EXIT_OK;
}
