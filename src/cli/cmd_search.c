/* cmd_search.c — `presscut search QUERY`: parses the query (with the filter options), runs it and prints
 * the hits with the printer chosen by --format; or, with --explain, prints how the query was understood. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "presscut/output/printer.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"

enum {
    OPT_LIMIT = 'n',
    OPT_OFFSET = 400,
    OPT_PASSAGES,
    OPT_ANY,
    OPT_EXPLAIN,
    OPT_FORMAT,
    OPT_COLOR,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_SOURCE,
    OPT_LANG,
    OPT_SNIPPET,
    OPT_ALL_COPIES,
};

static const cli_option search_options[] = {
    {"limit", OPT_LIMIT, "N", "show at most N hits (default: 10; 0: only count them)"},
    {"offset", OPT_OFFSET, "N", "skip the first N hits (for paging)"},
    {"passages", OPT_PASSAGES, NULL, "one hit per matching passage instead of one per article"},
    {"all-copies", OPT_ALL_COPIES, NULL, "list near-duplicate copies of a story one by one (by default they are\n"
                                          "folded into the best-ranked one, which says +N copies)"},
    {"any", OPT_ANY, NULL, "match articles with any of the words, not all (for questions in plain words)"},
    {"since", OPT_SINCE, "DATE", "only articles published on or after DATE (2022, 2022-02, 2022-02-16)"},
    {"until", OPT_UNTIL, "DATE", "only articles published on or before DATE (a month or year counts to its end)"},
    {"source", OPT_SOURCE, "TEXT", "only articles whose source contains TEXT (repeat for any of several)"},
    {"lang", OPT_LANG, "CODE", "only articles in language CODE, e.g. en, ru, uk (repeat for any of several)"},
    {"format", OPT_FORMAT, "FORMAT", "text (default), json (one document) or jsonl (one hit per line)"},
    {"color", OPT_COLOR, "WHEN", "auto (default: on a terminal, unless NO_COLOR is set), always or never"},
    {"snippet", OPT_SNIPPET, "N", "cut passages to about N characters around the matches (default 240; 0: whole)"},
    {"explain", OPT_EXPLAIN, NULL, "print how the query is understood and what each term matches, instead of\n"
                                   "searching"},
    {NULL, 0, NULL, NULL},
};

static const cli_command_help search_help = {
    .name = "search",
    .args = "QUERY...",
    .summary = "Finds the articles whose passages match QUERY, best first, and prints each one's best passage\n"
               "with the matched words highlighted. Several QUERY arguments are joined with spaces; quote the\n"
               "query, or put -- before it, when it starts with '-'.",
    .details = "Query language (words match in any form unless written =word):\n"
               "  attacks              any form: attack, attacked, attacking\n"
               "  =attacks             this form only\n"
               "  \"peace talks\"        a phrase; \"=talks in\" makes a word exact inside it\n"
               "  negotiat*            words starting with negotiat\n"
               "  a b   a AND b        both (the default; with --any: either)\n"
               "  a OR b               either (OR binds tighter: kyiv OR kiev shelling)\n"
               "  -a   NOT a           without a\n"
               "  ( ... )              grouping\n"
               "  NEAR(a b, 10)        within 10 words of each other; also a NEAR/10 b\n"
               "  title:word  source:reuters  lang:uk  -source:x  -lang:x\n"
               "  date:2022-02  date:2022-01-01..2022-02-28  date:>=2022-01-10  date:<2022\n"
               "Exit status: 0 found, 1 nothing found, 2 error (a bad query names its column).",
    .options = search_options,
};

/* A filter option in the order given, applied after the query is parsed. */
typedef struct filter_option {
    const char *name, *value;
} filter_option;

typedef struct search_args {
    pc_search_options search;
    bool any, explain;
    pc_output_format format;
    bool color;
    filter_option filters[64];
    size_t n_filters;
} search_args;

static int on_option(void *payload, int id, const char *value)
{
    search_args *a = payload;
    switch (id) {
    case OPT_LIMIT:
    case OPT_OFFSET:
    case OPT_SNIPPET: {
        long long v = cli_parse_count(value);
        const char *name = id == OPT_LIMIT ? "limit" : id == OPT_OFFSET ? "offset" : "snippet";
        if (v < 0) {
            cli_error("--%s takes a whole number, not '%s'", name, value);
            return PC_EXIT_ERROR;
        }
        if (id == OPT_LIMIT)
            a->search.limit = v;
        else if (id == OPT_OFFSET)
            a->search.offset = v;
        else
            a->search.snippet_chars = (size_t)v;
        return 0;
    }
    case OPT_PASSAGES:
        a->search.per_passage = true;
        return 0;
    case OPT_ANY:
        a->any = true;
        return 0;
    case OPT_ALL_COPIES:
        a->search.all_copies = true;
        return 0;
    case OPT_EXPLAIN:
        a->explain = true;
        return 0;
    case OPT_FORMAT:
        return cli_format_option(value, &a->format);
    case OPT_COLOR:
        return cli_color_option(value, &a->color);
    default: {
        if (a->n_filters == sizeof a->filters / sizeof a->filters[0]) {
            cli_error("too many filter options (at most 64)");
            return PC_EXIT_ERROR;
        }
        const char *name = id == OPT_SINCE ? "since" : id == OPT_UNTIL ? "until" : id == OPT_SOURCE ? "source" : "lang";
        a->filters[a->n_filters++] = (filter_option){name, value};
        return 0;
    }
    }
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

/* Makes the query session: parses the query text and applies the filter options. Prints the error and
 * returns NULL on failure. */
static pc_query_session *open_query(pc_store *store, const char *text, const search_args *a)
{
    pc_error err;
    pc_error_clear(&err);
    pc_query_session *qs = NULL;
    pc_query_options qopt = {.any = a->any};
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

int cmd_search(cli_context *ctx, int argc, char **argv)
{
    search_args a = {.format = PC_OUTPUT_TEXT, .color = cli_stdout_wants_color()};
    pc_search_options_default(&a.search);
    int first = 0;
    int rc = cli_parse(ctx, &search_help, argc, argv, on_option, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first >= argc)
        return cli_usage_error(ctx, "search", "give a query, e.g. presscut search 'cyber attack'");
    char *text = join_arguments(argc - first, argv + first);
    if (!text) {
        cli_error("out of memory");
        return PC_EXIT_ERROR;
    }
    pc_store *store = cli_open_store(ctx, false, true, NULL);
    if (!store) {
        free(text);
        return PC_EXIT_ERROR;
    }
    int exit_code = PC_EXIT_ERROR;
    pc_query_session *qs = open_query(store, text, &a);
    if (qs && a.explain) {
        exit_code = cli_explain_query(qs, stdout);
    } else if (qs) {
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
        } else {
            print_state st = {.out = out, .err = &err};
            rc = pc_search_run(qs, &a.search, print_hit, &st, &total, &err);
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
                exit_code = total > 0 ? PC_EXIT_OK : PC_EXIT_NOTHING;
            }
        }
        pc_printer_free(out);
    }
    pc_query_session_free(qs);
    pc_store_close(store);
    free(text);
    return exit_code;
}
