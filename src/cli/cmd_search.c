/* cmd_search.c — `presscut search QUERY`: compiles the query, runs it on the index and prints one hit per
 * article (its best passage) in plain text. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "presscut/query.h"

enum { OPT_LIMIT = 'n', OPT_OFFSET = 400 };

static const cli_option search_options[] = {
    {"limit", OPT_LIMIT, "N", "show at most N articles (default: 10)"},
    {"offset", OPT_OFFSET, "N", "skip the first N articles (for paging)"},
    {NULL, 0, NULL, NULL},
};

static const cli_command_help search_help = {
    .name = "search",
    .args = "QUERY...",
    .summary = "Finds the articles whose passages match QUERY (all its terms), best first, and prints each\n"
               "article's best passage. Several QUERY arguments are joined with spaces.",
    .details = "Query syntax: word (any form: attacks = attack, attacked), =word (this form only),\n"
               "\"exact phrase\", prefix* . Exit status: 0 found, 1 nothing found, 2 error.",
    .options = search_options,
};

typedef struct search_args {
    long long limit, offset;
} search_args;

static int on_option(void *payload, int id, const char *value)
{
    search_args *a = payload;
    long long v = cli_parse_count(value);
    if (v < 0) {
        cli_error("--%s takes a whole number, not '%s'", id == OPT_LIMIT ? "limit" : "offset", value);
        return PC_EXIT_ERROR;
    }
    if (id == OPT_LIMIT)
        a->limit = v;
    else
        a->offset = v;
    return 0;
}

typedef struct print_state {
    long long rank;
} print_state;

/* Prints at most `max` bytes of the passage, cut at a space, with "…" when cut. */
static void print_passage(const char *text, size_t len, size_t max)
{
    size_t cut = len;
    if (len > max) {
        cut = max;
        while (cut > max / 2 && text[cut] != ' ')
            cut--;
    }
    fputs("    ", stdout);
    cli_write_safe(stdout, text, cut, false);
    if (cut < len)
        fputs(" \xe2\x80\xa6", stdout);
    fputc('\n', stdout);
}

static int print_hit(void *payload, const pc_store_hit *hit)
{
    print_state *st = payload;
    st->rank++;
    printf("%lld. [%s] ", st->rank, hit->published ? hit->published : "no date");
    if (hit->source) {
        cli_write_safe(stdout, hit->source, strlen(hit->source), false);
        fputs(" | ", stdout);
    }
    const char *title = hit->title && *hit->title ? hit->title : "(untitled)";
    cli_write_safe(stdout, title, strlen(title), false);
    fputc('\n', stdout);
    fputs("    ", stdout);
    cli_write_safe(stdout, hit->path, strlen(hit->path), false);
    if (hit->record)
        printf(" (%s)", hit->record);
    if (hit->matching_passages > 1)
        printf("  [%lld matching passages]", hit->matching_passages);
    fputc('\n', stdout);
    print_passage(hit->passage, hit->passage_len, 320);
    fputc('\n', stdout);
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

int cmd_search(cli_context *ctx, int argc, char **argv)
{
    search_args a = {.limit = 10, .offset = 0};
    int first = 0;
    int rc = cli_parse(ctx, &search_help, argc, argv, on_option, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first >= argc)
        return cli_usage_error(ctx, "search", "give a query, e.g. presscut search 'cyber attack'");
    char *query = join_arguments(argc - first, argv + first);
    if (!query) {
        cli_error("out of memory");
        return PC_EXIT_ERROR;
    }
    pc_store *store = cli_open_store(ctx, false, true, NULL);
    if (!store) {
        free(query);
        return PC_EXIT_ERROR;
    }
    pc_error err;
    pc_error_clear(&err);
    pc_analyzer *analyzer = NULL;
    char *match = NULL;
    int exit_code = PC_EXIT_ERROR;
    if (pc_analyzer_new(&analyzer, pc_store_analyzer_config(store), &err) != PC_OK) {
        cli_error("%s", err.msg);
    } else if (pc_query_compile(analyzer, query, &match, &err) != PC_OK) {
        cli_error("%s", err.msg);
    } else {
        print_state st = {.rank = a.offset};
        long long total = 0;
        if (pc_store_search(store, match, a.limit, a.offset, print_hit, &st, &total, &err) != PC_OK) {
            cli_error("%s", err.msg);
        } else {
            if (total == 0)
                fprintf(stderr, "no article matches\n");
            else
                fprintf(stderr, "%lld article%s match%s\n", total, total == 1 ? "" : "s", total == 1 ? "es" : "");
            exit_code = total > 0 ? PC_EXIT_OK : PC_EXIT_NOTHING;
        }
    }
    free(match);
    pc_analyzer_free(analyzer);
    pc_store_close(store);
    free(query);
    return exit_code;
}
