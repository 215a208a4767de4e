/* cmd_tui.c — `presscut tui [QUERY]`: the interactive full-screen front-end (src/tui/) on the index; also
 * what `presscut` alone starts on a terminal when the index exists. */
#include <stdlib.h>

#include "cli.h"
#include "search_query.h"
#include "presscut/tui/tui.h"

/* No options of its own yet (--help only); filters and sort are set on the screen. */
typedef struct tui_args {
    bool none;
} tui_args;

static const cli_option tui_options[] = {
    CLI_OPT_END,
};

static const cli_command_help tui_help = {
    .name = "tui",
    .args = "[QUERY...]",
    .summary = "Opens the interactive screen: results follow the query as you type; open an article, see an\n"
               "entity's mentions with their timeline, filter, sort and export the hits. ? shows the keys.",
    .details = "Needs a terminal. The query language is that of presscut search.\n"
               "PRESSCUT_TUI_TRACE=FILE appends each keystroke-to-screen delay and search time (ms) to FILE.\n"
               "NO_COLOR=1 draws without colours.\n"
               "Exit status: 0 after q, 2 on an error, 130 after Ctrl-C from outside (SIGINT).",
    .options = tui_options,
};

int cmd_tui(cli_context *ctx, int argc, char **argv)
{
    tui_args a = {0};
    int first = 0;
    int rc = cli_parse(ctx, &tui_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    char *query = first < argc ? search_join_query(argc - first, argv + first) : NULL;
    if (first < argc && !query)
        return PC_EXIT_ERROR;
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store) {
        free(query);
        return PC_EXIT_ERROR;
    }
    const char *trace = getenv("PRESSCUT_TUI_TRACE");
    pc_tui_options opt = {.query = query, .trace_path = trace && *trace ? trace : NULL};
    pc_error err;
    pc_error_clear(&err);
    rc = pc_tui_run(store, &opt, &err);
    free(query);
    if (rc == PC_ESTOP)
        return 130;
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    return PC_EXIT_OK;
}
