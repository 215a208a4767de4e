/* cmd_rebuild.c — `presscut rebuild`: re-analyses every stored article with this presscut's analyzer
 * (after an upgrade), or with other analyzer options, without reading the source files again. */
#include "cli.h"

static const cli_option rebuild_options[] = {
    {"diacritics", CLI_OPT_DIACRITICS, "fold|keep", "fold accents (default) or keep them"},
    {"exact-forms", CLI_OPT_EXACT_FORMS, "keep|drop", "keep exact word forms for =word (default) or drop them"},
    {NULL, 0, NULL, NULL},
};

static const cli_command_help rebuild_help = {
    .name = "rebuild",
    .args = "",
    .summary = "Re-analyses every article stored in the index with the current analyzer and the options given\n"
               "(options not given take their defaults). Source files are not read again.",
    .details = NULL,
    .options = rebuild_options,
};

static int on_option(void *payload, int id, const char *value)
{
    bool bad = false;
    if (!cli_analyzer_option(id, value, payload, &bad) || bad)
        return PC_EXIT_ERROR;
    return 0;
}

int cmd_rebuild(cli_context *ctx, int argc, char **argv)
{
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    int first = 0;
    int rc = cli_parse(ctx, &rebuild_help, argc, argv, on_option, &cfg, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(ctx, "rebuild", "'rebuild' takes no arguments");
    /* Opened whatever analyzer it was built with: that is what is being replaced. */
    pc_store_options opt = {.create = false, .read_only = false, .analyzer = NULL, .for_rebuild = true};
    pc_store *store = NULL;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_open(&store, ctx->db_path, &opt, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    rc = pc_store_rebuild(store, &cfg, &err);
    pc_store_close(store);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    printf("rebuilt the index '%s'\n", ctx->db_path);
    return PC_EXIT_OK;
}
