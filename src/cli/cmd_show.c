/* cmd_show.c — `presscut show ID`: prints one whole article (its metadata and cleaned body) by the id that
 * search shows, optionally with the words of a query highlighted. */
#include <stdlib.h>

#include "cli.h"
#include "presscut/output/printer.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"

typedef struct show_args {
    const char *highlight;
    pc_output_format format;
    bool color;
} show_args;

static const cli_option show_options[] = {
    CLI_OPT_STRING("highlight", 0, show_args, highlight, "QUERY",
                   "highlight the words of QUERY (search syntax) in the title and body"),
    CLI_OPT_CALLBACK("format", 0, CLI_TARGET(show_args, format, pc_output_format), cli_read_output_format, "FORMAT",
                     "text (default), json or jsonl (the same single object)"),
    CLI_OPT_CALLBACK("color", 0, CLI_TARGET(show_args, color, bool), cli_read_color, "WHEN",
                     "auto (default: on a terminal, unless NO_COLOR is set), always or never"),
    CLI_OPT_END,
};

static const cli_command_help show_help = {
    .name = "show",
    .args = "ID...",
    .summary = "Prints whole articles: their metadata (date, source, url, language, file, record, tags,\n"
               "copies) and cleaned body. ID is the article id that search prints.",
    .details = "Exit status: 0 shown, 1 no article has that id, 2 error.",
    .options = show_options,
};

typedef struct print_state {
    pc_printer *out;
    pc_error *err;
} print_state;

static int print_article(void *payload, const pc_article_view *article)
{
    print_state *st = payload;
    return pc_printer_article(st->out, article, st->err);
}

int cmd_show(cli_context *ctx, int argc, char **argv)
{
    show_args a = {.format = PC_OUTPUT_TEXT, .color = cli_stdout_wants_color()};
    int first = 0;
    int rc = cli_parse(ctx, &show_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first >= argc)
        return cli_usage_error(ctx, "show", "give an article id, e.g. presscut show 12");
    for (int i = first; i < argc; i++)
        if (cli_parse_count(argv[i]) <= 0)
            return cli_usage_error(ctx, "show", "'%s' is not an article id (a whole number such as 12)", argv[i]);
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;

    pc_error err;
    pc_error_clear(&err);
    int exit_code = PC_EXIT_OK;
    pc_query_session *highlight = NULL;
    pc_printer *out = NULL;
    if (a.highlight && pc_query_session_new(&highlight, store, a.highlight, NULL, &err) != PC_OK) {
        cli_error("--highlight: %s", err.msg);
        exit_code = PC_EXIT_ERROR;
    }
    pc_printer_options oopt = {
        .format = a.format,
        .color = a.color,
        .out = stdout,
    };
    if (exit_code == PC_EXIT_OK && pc_printer_new(&oopt, &out, &err) != PC_OK) {
        cli_error("%s", err.msg);
        exit_code = PC_EXIT_ERROR;
    }
    for (int i = first; exit_code != PC_EXIT_ERROR && i < argc; i++) {
        print_state st = {.out = out, .err = &err};
        rc = pc_printer_begin(out, &err);
        if (rc == PC_OK)
            rc = pc_search_show(store, cli_parse_count(argv[i]), highlight, print_article, &st, &err);
        if (rc == PC_EINVAL) {
            cli_error("%s", err.msg);
            exit_code = PC_EXIT_NOTHING;
        } else if (rc != PC_OK) {
            cli_error("%s", err.msg);
            exit_code = PC_EXIT_ERROR;
        }
    }
    pc_printer_free(out);
    pc_query_session_free(highlight);
    return exit_code;
}
