/* cmd_stats.c — `presscut stats`: what the index holds (articles, passages, languages, sources, dates,
 * near-duplicate clusters, size), as aligned text or as one JSON object. */
#include <string.h>

#include "cli.h"

typedef struct stats_args {
    int format; /* STATS_TEXT or STATS_JSON */
    bool all;
} stats_args;

enum { STATS_TEXT, STATS_JSON };
static const char *const stats_formats[] = {[STATS_TEXT] = "text", [STATS_JSON] = "json", NULL};

static const cli_option stats_options[] = {
    CLI_OPT_CHOICE("format", 0, stats_args, format, stats_formats, "text|json", "output format (default: text)"),
    CLI_OPT_FLAG("all", 'a', stats_args, all, "list every source, not only the 10 largest"),
    CLI_OPT_END,
};

static const cli_command_help stats_help = {
    .name = "stats",
    .args = "",
    .summary = "Shows what the index holds: files, articles, passages, languages, sources, the date range,\n"
               "clusters of near-duplicate copies, the index size and the analyzer configuration.",
    .details = NULL,
    .options = stats_options,
};

static void print_json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p < 0x20 || *p == 0x7f)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void print_json_counts(const char *key, const pc_count *counts, size_t n)
{
    printf("  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        printf("%s{\"name\": ", i ? ", " : "");
        print_json_string(counts[i].name);
        printf(", \"articles\": %lld}", counts[i].count);
    }
    printf("],\n");
}

static void print_json(const cli_context *ctx, const pc_store_stats *st)
{
    printf("{\n  \"index\": ");
    print_json_string(ctx->db_path);
    printf(",\n  \"index_bytes\": %lld,\n  \"files\": %lld,\n  \"articles\": %lld,\n  \"passages\": %lld,\n"
           "  \"text_bytes\": %lld,\n",
           st->db_bytes, st->files, st->articles, st->passages, st->body_bytes);
    print_json_counts("languages", st->langs, st->n_langs);
    print_json_counts("sources", st->sources, st->n_sources);
    printf("  \"first_date\": ");
    if (st->first_date[0])
        print_json_string(st->first_date);
    else
        fputs("null", stdout);
    printf(",\n  \"last_date\": ");
    if (st->last_date[0])
        print_json_string(st->last_date);
    else
        fputs("null", stdout);
    printf(",\n  \"undated\": %lld,\n", st->undated);
    printf("  \"duplicates\": {\"clusters\": %lld, \"articles\": %lld, \"largest\": %lld},\n", st->dup_clusters,
           st->dup_articles, st->largest_cluster);
    printf("  \"schema_version\": %d,\n", st->schema_version);
    printf("  \"analyzer\": {\"version\": %d, \"fold_diacritics\": %s, \"exact_forms\": %s}\n}\n",
           st->analyzer_version, st->analyzer.fold_diacritics ? "true" : "false",
           st->analyzer.exact_forms ? "true" : "false");
}

static void print_counts(const char *label, const pc_count *counts, size_t n, size_t show)
{
    printf("%-11s", label);
    if (n == 0)
        fputs("none", stdout);
    for (size_t i = 0; i < n && i < show; i++) {
        const char *name = counts[i].name[0] ? counts[i].name : "(unknown)";
        fputs(i ? ", " : "", stdout);
        cli_write_safe(stdout, name, strlen(name), false);
        printf(" %lld", counts[i].count);
    }
    if (n > show)
        printf(" (+%zu more; --all lists them)", n - show);
    putchar('\n');
}

static void print_text(const cli_context *ctx, const pc_store_stats *st, bool all)
{
    printf("%-11s%s (%.1f MB)\n", "index", ctx->db_path, (double)st->db_bytes / 1e6);
    printf("%-11s%lld\n", "files", st->files);
    printf("%-11s%lld\n", "articles", st->articles);
    printf("%-11s%lld\n", "passages", st->passages);
    printf("%-11s%.1f MB (index is %.2f x the text)\n", "text", (double)st->body_bytes / 1e6,
           st->body_bytes ? (double)st->db_bytes / (double)st->body_bytes : 0.0);
    print_counts("languages", st->langs, st->n_langs, all ? st->n_langs : 20);
    print_counts("sources", st->sources, st->n_sources, all ? st->n_sources : 10);
    if (st->first_date[0])
        printf("%-11s%s .. %s (%lld undated)\n", "dates", st->first_date, st->last_date, st->undated);
    else
        printf("%-11snone (%lld undated)\n", "dates", st->undated);
    if (st->dup_clusters)
        printf("%-11s%lld clusters of copies, %lld articles in them (largest %lld)\n", "duplicates", st->dup_clusters,
               st->dup_articles, st->largest_cluster);
    else
        printf("%-11snone found\n", "duplicates");
    printf("%-11sversion %d, diacritics %s, exact forms %s; schema %d\n", "analyzer", st->analyzer_version,
           st->analyzer.fold_diacritics ? "folded" : "kept", st->analyzer.exact_forms ? "kept" : "dropped",
           st->schema_version);
}

int cmd_stats(cli_context *ctx, int argc, char **argv)
{
    stats_args a = {.format = STATS_TEXT, .all = false};
    int first = 0;
    int rc = cli_parse(ctx, &stats_help, argc, argv, &a, &first);
    if (rc != 0)
        return rc < 0 ? PC_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(ctx, "stats", "'stats' takes no arguments");
    pc_store *store = cli_open_store(ctx, NULL);
    if (!store)
        return PC_EXIT_ERROR;
    pc_store_stats st;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_store_stats_get(store, &st, &err);
    if (rc != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    if (a.format == STATS_JSON)
        print_json(ctx, &st);
    else
        print_text(ctx, &st, a.all);
    pc_store_stats_free(&st);
    return PC_EXIT_OK;
}
