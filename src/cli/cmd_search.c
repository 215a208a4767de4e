/* cmd_search.c — `presscut search QUERY`: parses the query (with the filter options), runs it and prints
 * the hits with the printer chosen by --format; or, with --explain, prints how the query was understood. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "presscut/output/print_explain.h"
#include "presscut/output/printer.h"
#include "presscut/search/explain.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"
#include "presscut/search/suggest.h"

/* A filter option in the order given, applied after the query is parsed. */
typedef struct filter_option {
    const char *name, *value;
} filter_option;

typedef struct search_args {
    pc_search_options search;
    long long snippet; /* --snippet, or -1: the default */
    bool any, explain, no_translit, no_expand;
    pc_output_format format;
    bool color;
    filter_option filters[64];
    size_t n_filters;
} search_args;

static int add_filter(const cli_option *option, const char *value, void *target);

static const cli_option search_options[] = {
    CLI_OPT_COUNT("limit", 'n', search_args, search.limit, "N", "show at most N hits (default: 10; 0: only count them)"),
    CLI_OPT_COUNT("offset", 0, search_args, search.offset, "N", "skip the first N hits (for paging)"),
    CLI_OPT_FLAG("passages", 0, search_args, search.per_passage,
                 "one hit per matching passage instead of one per article"),
    CLI_OPT_FLAG("all-copies", 0, search_args, search.all_copies,
                 "list near-duplicate copies of a story one by one (by default they are\n"
                 "folded into the best-ranked one, which says +N copies)"),
    CLI_OPT_FLAG("any", 0, search_args, any,
                 "match articles with any of the words, not all (for questions in plain words)"),
    CLI_OPT_FLAG("no-expand", 0, search_args, no_expand,
                 "with --any: search the question's words alone, without the words the best\n"
                 "first hits add to it (see --explain)"),
    CLI_OPT_FLAG("no-translit", 0, search_args, no_translit,
                 "Cyrillic words do not also match their Latin spelling (Песков: not peskov)"),
    CLI_OPT_CALLBACK("since", 0, CLI_TARGET_WHOLE, add_filter, "DATE",
                     "only articles published on or after DATE (2022, 2022-02, 2022-02-16)"),
    CLI_OPT_CALLBACK("until", 0, CLI_TARGET_WHOLE, add_filter, "DATE",
                     "only articles published on or before DATE (a month or year counts to its end)"),
    CLI_OPT_CALLBACK("source", 0, CLI_TARGET_WHOLE, add_filter, "NAME",
                     "only articles whose source is NAME; '*' for any characters: 'uk*' (repeat for any of several)"),
    CLI_OPT_CALLBACK("lang", 0, CLI_TARGET_WHOLE, add_filter, "CODE",
                     "only articles in language CODE, e.g. en, ru, uk (repeat for any of several)"),
    CLI_OPT_CALLBACK("format", 0, CLI_TARGET(search_args, format, pc_output_format), cli_read_output_format,
                     "FORMAT", "text (default), json (one document) or jsonl (one hit per line)"),
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

/* --since, --until, --source and --lang (target: the whole search_args): kept in the order given, named
 * as the query's filters are, for pc_query_add_filter once the query is parsed. */
static int add_filter(const cli_option *option, const char *value, void *target)
{
    search_args *a = target;
    if (a->n_filters == sizeof a->filters / sizeof a->filters[0]) {
        cli_error("too many filter options (at most 64)");
        return PC_EXIT_ERROR;
    }
    a->filters[a->n_filters++] = (filter_option){option->long_name, value};
    return 0;
}

static char *join_arguments(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, argv[i]);
    }
    return out;
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

/* Makes the query session: parses the query text and applies the filter options. Prints the error and
 * returns NULL on failure. */
static pc_query_session *open_query(pc_store *store, const char *text, const search_args *a)
{
    pc_error err;
    pc_error_clear(&err);
    pc_query_session *qs = NULL;
    pc_query_options qopt = {.any = a->any, .no_translit = a->no_translit, .no_expand = a->no_expand};
    if (pc_query_session_new(&qs, store, text, &qopt, &err) != PC_OK) {
        cli_error("%s", err.msg);
        return NULL;
    }
    for (size_t i = 0; i < a->n_filters; i++) {
        if (pc_query_session_add_filter(qs, a->filters[i].name, a->filters[i].value, &err) != PC_OK) {
            cli_error("%s", err.msg);
            pc_query_session_free(qs);
            return NULL;
        }
    }
    return qs;
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
    char *text = join_arguments(argc - first, argv + first);
    if (!text) {
        cli_error("out of memory");
        return PC_EXIT_ERROR;
    }
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store) {
        free(text);
        return PC_EXIT_ERROR;
    }
    int exit_code = PC_EXIT_ERROR;
    pc_query_session *qs = open_query(store, text, &a);
    if (qs) {
        pc_error err;
        pc_error_clear(&err);
        pc_printer_options oopt = {
            .format = a.format,
            .color = a.color,
            .out = stdout,
            .query = text,
        };
        pc_printer *out = NULL;
        long long total = 0;
        if (pc_printer_new(&oopt, &out, &err) != PC_OK) {
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
                long long shown = total - a.search.offset;
                if (shown < 0)
                    shown = 0;
                if (a.search.limit >= 0 && shown > a.search.limit)
                    shown = a.search.limit;
                const char *unit = a.search.per_passage ? "passage" : "article";
                if (total == 0)
                    fprintf(stderr, "no %s matches\n", unit);
                else
                    fprintf(stderr, "%lld %s%s match%s (%lld shown)\n", total, unit, total == 1 ? "" : "s",
                            total == 1 ? "es" : "", shown);
                if (a.format != PC_OUTPUT_JSON) /* JSON Lines stay one hit per line */
                    print_suggestions(suggestions);
                exit_code = total > 0 ? PC_EXIT_OK : PC_EXIT_NOTHING;
            }
            pc_query_suggestions_free(suggestions);
        }
        pc_printer_free(out);
    }
    pc_query_session_free(qs);
    free(text);
    return exit_code;
}
