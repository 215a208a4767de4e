/* cmd_search.c — `presscut search QUERY`: parses the query (with the filter options), runs it and prints
 * the hits with the printer chosen by --format; or, with --explain, prints how the query was understood. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "search_query.h"
#include "presscut/output/print_explain.h"
#include "presscut/output/printer.h"
#include "presscut/search/explain.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"
#include "presscut/search/suggest.h"

static int read_search_format(const cli_option *option, const char *value, void *target);

static const cli_option search_options[] = {
    CLI_OPT_CALLBACK("limit", 'n', CLI_TARGET(search_args, search.limit, long long), search_read_limit, "N",
                     "show at most N hits (default: 10; 0: only count them; all: every hit)"),
    CLI_OPT_COUNT("offset", 0, search_args, search.offset, "N", "skip the first N hits (for paging)"),
    SEARCH_QUERY_OPTION_ROWS,
    CLI_OPT_CALLBACK("format", 0, CLI_TARGET_WHOLE, read_search_format, "FORMAT",
                     "text (default), json (one document), jsonl (one hit per line), or a table:\n"
                     "csv, tsv or xlsx (the columns of presscut export; xlsx needs -o FILE)"),
    SEARCH_TABLE_OPTION_ROWS,
    CLI_OPT_CALLBACK("color", 0, CLI_TARGET(search_args, color, bool), cli_read_color, "WHEN",
                     "auto (default: on a terminal, unless NO_COLOR is set), always or never"),
    CLI_OPT_COUNT("snippet", 0, search_args, snippet, "N",
                  "cut passages to about N characters around the matches (default 240; 0: whole)"),
    CLI_OPT_FLAG("explain", 0, search_args, explain,
                 "print how the query is understood and what each term matches, instead of\n"
                 "searching"),
    CLI_OPT_END,
};

static const cli_command_help search_help = {
    .name = "search",
    .args = "QUERY...",
    .summary = "Finds the articles that match QUERY (title and body together), best first, and prints each\n"
               "one's best passage with the matched words highlighted. Several QUERY arguments are joined\n"
               "with spaces; quote the query, or put -- before it, when it starts with '-'.",
    .details = "Query language (words match in any form unless written =word):\n"
               "  attacks              any form: attack, attacked, attacking\n"
               "  =attacks             this form only\n"
               "  \"peace talks\"        a phrase; \"=talks in\" makes a word exact inside it\n"
               "  negotiat*            words starting with negotiat\n"
               "  a b   a AND b        both, anywhere in the article (the default; with --any: either)\n"
               "  a OR b               either (OR binds tighter: kyiv OR kiev shelling)\n"
               "  -a   NOT a           without a anywhere in the article\n"
               "  ( ... )              grouping\n"
               "  NEAR(a b, 10)        within 10 words of each other, in one passage; also a NEAR/10 b\n"
               "  title:word  source:reuters  lang:uk  -source:x  -lang:x\n"
               "  date:2022-02  date:2022-01-01..2022-02-28  date:>=2022-01-10  date:<2022\n"
               "Exit status: 0 found, 1 nothing found, 2 error (a bad query names its column).",
    .options = search_options,
};

/* --format: a printer's format, or a table's (csv, tsv, xlsx; json and jsonl stay the printer's). */
static int read_search_format(const cli_option *option, const char *value, void *target)
{
    (void)option;
    search_args *a = target;
    pc_error err;
    pc_error_clear(&err);
    a->table = false;
    if (pc_output_format_parse(value, &a->format, &err) == PC_OK)
        return 0;
    if (strcmp(value, "csv") == 0 || strcmp(value, "tsv") == 0 || strcmp(value, "xlsx") == 0) {
        a->table = true;
        if (pc_table_format_parse(value, &a->table_format, &err) == PC_OK)
            return 0;
        cli_error("--format: %s", err.msg);
        return PC_EXIT_ERROR;
    }
    cli_error("--format: unknown format '%s': use text, json, jsonl, csv, tsv or xlsx", value);
    return PC_EXIT_ERROR;
}

typedef struct print_state {
    pc_printer *out;
    pc_error *err;
} print_state;

static int print_hit(void *payload, const pc_search_hit *hit)
{
    print_state *st = payload;
    return pc_printer_hit(st->out, hit, st->err);
}

/* "did you mean" for the text output, on stderr after the count of hits. */
static void print_suggestions(const pc_query_suggestions *s)
{
    pc_strbuf line = {0};
    pc_suggestions_layout(&line, s);
    if (line.len > 0 && !line.failed)
        fputs(line.data, stderr);
    pc_strbuf_free(&line);
}

/* --explain: prints how the query of `qs` is understood on its index with `out`. Returns an exit code (0, or
 * 2 with the error printed). */
static int explain_query(pc_query_session *qs, pc_printer *out)
{
    pc_error err;
    pc_error_clear(&err);
    pc_explanation *e = NULL;
    int rc = pc_explain_query(qs, &e, &err);
    if (rc == PC_OK)
        rc = pc_print_explanation(out, e, &err);
    pc_explanation_free(e);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    return PC_EXIT_OK;
}

int cmd_search(cli_context *ctx, int argc, char **argv)
{
    search_args a = {.snippet = -1, .format = PC_OUTPUT_TEXT, .color = cli_stdout_wants_color()};
    pc_search_options_default(&a.search);
    int first = 0;
    int rc = cli_parse(ctx, &search_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (a.snippet >= 0)
        a.search.snippet_chars = (size_t)a.snippet;
    if (first >= argc)
        return cli_usage_error(ctx, "search", "give a query, e.g. presscut search 'cyber attack'");
    char *text = search_join_query(argc - first, argv + first);
    if (!text)
        return PC_EXIT_ERROR;
    cli_stop_on_interrupt(ctx);
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store) {
        free(text);
        return PC_EXIT_ERROR;
    }
    int exit_code = PC_EXIT_ERROR;
    pc_query_session *qs = search_open_query(store, text, &a);
    if (qs && a.table && !a.explain) {
        exit_code = search_write_table(qs, text, &a, "search");
    } else if (qs) {
        pc_error err;
        pc_error_clear(&err);
        FILE *file = a.output ? fopen(a.output, "w") : NULL;
        if (a.output && !file)
            cli_error("cannot write '%s': %s; check that its folder exists and is writable", a.output,
                      strerror(errno));
        pc_printer_options oopt = {
            .format = a.format,
            .color = a.color && !file,
            .out = file ? file : stdout,
            .query = text,
        };
        pc_printer *out = NULL;
        long long total = 0;
        if (a.output && !file) {
            /* printed above */
        } else if (pc_printer_new(&oopt, &out, &err) != PC_OK) {
            cli_error("%s", err.msg);
        } else if (a.explain) {
            exit_code = explain_query(qs, out);
        } else {
            print_state st = {.out = out, .err = &err};
            rc = pc_search_run(qs, &a.search, print_hit, &st, &total, &err);
            pc_query_suggestions *suggestions = NULL;
            if (rc == PC_OK)
                rc = pc_query_session_suggest(qs, &suggestions, &err);
            if (rc == PC_OK)
                rc = pc_printer_suggestions(out, suggestions, &err);
            if (rc == PC_OK)
                rc = pc_printer_end(out, total, a.search.offset, &err);
            if (rc != PC_OK) {
                cli_error("%s", err.msg);
            } else {
                search_report(&a, total);
                if (a.format != PC_OUTPUT_JSON) /* JSON Lines stay one hit per line */
                    print_suggestions(suggestions);
                exit_code = total > 0 ? PC_EXIT_OK : PC_EXIT_NOTHING;
            }
            pc_query_suggestions_free(suggestions);
        }
        pc_printer_free(out);
        if (file && fclose(file) != 0 && exit_code != PC_EXIT_ERROR) {
            cli_error("cannot write '%s': %s", a.output, strerror(errno));
            exit_code = PC_EXIT_ERROR;
        }
    }
    pc_query_session_free(qs);
    free(text);
    return exit_code;
}
