/* cmd_rebuild.c — `presscut rebuild`: re-analyses every stored article with this presscut's analyzer
 * (after an upgrade), or with other analyzer options, without reading the source files again. */
#include "cli.h"

static const cli_option rebuild_options[] = {
    CLI_OPT_CHOICE("diacritics", 0, cli_analyzer_options, diacritics, cli_diacritics_choices, "fold|keep",
                   "fold accents (default) or keep them"),
    CLI_OPT_CHOICE("exact-forms", 0, cli_analyzer_options, exact_forms, cli_exact_forms_choices, "keep|drop",
                   "keep exact word forms for =word (default) or drop them"),
    CLI_OPT_END,
};

static const cli_command_help rebuild_help = {
    .name = "rebuild",
    .args = "",
    .summary = "Re-analyses every article stored in the index with the current analyzer and the options given\n"
               "(options not given take their defaults). Source files are not read again.",
    .details = NULL,
    .options = rebuild_options,
};

int cmd_rebuild(cli_context *ctx, int argc, char **argv)
{
    cli_analyzer_options given = CLI_ANALYZER_OPTIONS_UNSET;
    int first = 0;
    int rc = cli_parse(ctx, &rebuild_help, argc, argv, &given, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(ctx, "rebuild", "'rebuild' takes no arguments");
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    cli_analyzer_options_apply(&given, &cfg);
    /* Opened whatever analyzer it was built with (CLI_STORE_REBUILD): that is what is being replaced. */
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_rebuild(store, &cfg, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    printf("rebuilt the index '%s'\n", ctx->db_path);
    return PC_EXIT_OK;
}
