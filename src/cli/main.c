/* main.c — the `presscut` command: global options (--db, --version, --help), then one subcommand from the
 * table below, git-style. Each subcommand lives in its own cmd_<name>.c; its row says how it opens the index
 * (the command asks for it with cli_open_store after checking its arguments) and the store is closed here. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct cli_command {
    const char *name;
    int (*run)(cli_context *ctx, int argc, char **argv);
    cli_store_mode store;
    const char *summary;
} cli_command;

static const cli_command commands[] = {
    {"index", cmd_index, CLI_STORE_CREATE,
     "add files and folders of articles to the index (re-indexing only what changed)"},
    {"search", cmd_search, CLI_STORE_READ, "find the best passages for a query"},
    {"mentions", cmd_mentions, CLI_STORE_READ,
     "every mention of a person, organisation or place, in context, with counts over time"},
    {"export", cmd_export, CLI_STORE_READ,
     "write every hit of a query as csv, tsv, jsonl, json or xlsx (for spreadsheets and notebooks)"},
    {"show", cmd_show, CLI_STORE_READ, "print a whole article (by the id search shows), with matches highlighted"},
    {"stats", cmd_stats, CLI_STORE_READ, "show what the index holds"},
    {"rebuild", cmd_rebuild, CLI_STORE_REBUILD,
     "re-analyse every stored article (after an upgrade or to change analyzer options)"},
    {"check", cmd_check, CLI_STORE_CHECK, "verify that the index is consistent"},
    {"entities", cmd_entities, CLI_STORE_WRITE,
     "keep a list of entities and their aliases (import, list, remove) for @name in queries"},
    {"tui", cmd_tui, CLI_STORE_READ,
     "the interactive screen: results as you type, articles, mentions, filters, exports"},
    {"sql", cmd_sql, CLI_STORE_READ, "run a read-only SQL query on the index (for scripts and diagnostics)"},
    {NULL, NULL, CLI_STORE_NONE, NULL},
};

static void print_main_usage(FILE *out)
{
    fputs("usage: presscut [--db FILE] COMMAND [OPTIONS] [ARGS]\n\n"
          "presscut: local full-text search for news archives.\n\nCommands:\n",
          out);
    for (const cli_command *c = commands; c->name; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fputs("\nGlobal options:\n"
          "  --db FILE    the index database (default: $PRESSCUT_DB, else ./presscut.db)\n"
          "  --version    print the version\n"
          "  -h, --help   show this help; 'presscut COMMAND --help' shows a command's options\n"
          "\nExit status: 0 success (search: something found), 1 nothing found, 2 error.\n",
          out);
}

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "");
    /* Past the file size limit (ulimit -f) a write then fails with EFBIG, reported like a full disk, where
     * SIGXFSZ would end the process without a word. */
    signal(SIGXFSZ, SIG_IGN);
    cli_context ctx = {.db_path = NULL, .program = "presscut", .store_mode = CLI_STORE_NONE, .store = NULL};
    const char *env_db = getenv("PRESSCUT_DB");
    ctx.db_path = env_db && *env_db ? env_db : "presscut.db";

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                cli_error("--db needs a file name");
                return PC_EXIT_ERROR;
            }
            ctx.db_path = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            if (!a[5]) {
                cli_error("--db needs a file name");
                return PC_EXIT_ERROR;
            }
            ctx.db_path = a + 5;
        } else if (strcmp(a, "--version") == 0) {
            printf("presscut %s\n", PRESSCUT_VERSION);
            return PC_EXIT_OK;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_main_usage(stdout);
            return PC_EXIT_OK;
        } else {
            cli_error("unknown global option '%s' (command options go after the command)", a);
            print_main_usage(stderr);
            return PC_EXIT_ERROR;
        }
    }
    if (i >= argc && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && access(ctx.db_path, R_OK) == 0) {
        /* `presscut` alone on a terminal, with an index: the interactive screen */
        static char tui_name[] = "tui";
        char *tui_argv[] = {tui_name, NULL};
        ctx.store_mode = CLI_STORE_READ;
        int rc = cmd_tui(&ctx, 1, tui_argv);
        pc_store_close(ctx.store);
        return rc;
    }
    if (i >= argc) {
        print_main_usage(stderr);
        return PC_EXIT_ERROR;
    }
    if (strcmp(argv[i], "help") == 0) {
        print_main_usage(stdout);
        return PC_EXIT_OK;
    }
    for (const cli_command *c = commands; c->name; c++) {
        if (strcmp(argv[i], c->name) == 0) {
            ctx.store_mode = c->store;
            int rc = c->run(&ctx, argc - i, argv + i);
            pc_store_close(ctx.store);
            if (cli_interrupt_signal()) {
                fputs("presscut: interrupted\n", stderr);
                return 128 + cli_interrupt_signal();
            }
            if (fflush(stdout) != 0 || ferror(stdout)) {
                cli_error("cannot write the output");
                return PC_EXIT_ERROR;
            }
            return rc;
        }
    }
    cli_error("'%s' is not a presscut command", argv[i]);
    print_main_usage(stderr);
    return PC_EXIT_ERROR;
}
