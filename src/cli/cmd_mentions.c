/* cmd_mentions.c — `presscut mentions NAME`: every mention of an entity (its aliases from the entity list or
 * --alias, and the forms made from them) as a keyword-in-context concordance, counts per bucket (--by), or
 * the forms searched (--explain). Streams the mentions unless --sort asks to hold them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "presscut/output/export_hits.h"
#include "presscut/output/export_mentions.h"
#include "presscut/output/print_concordance.h"
#include "presscut/output/table.h"
#include "presscut/search/mentions.h"
#include "presscut/search/session.h"

typedef struct mentions_args {
    pc_mention_options mentions;
    cli_string_list aliases, since, until, sources, langs;
    long long context; /* -1: the default */
    int sort;          /* pc_mention_sort */
    int by;            /* pc_mention_bucket_by, or -1: no counts */
    bool explain, no_translit, exact, color;
    const char *format, *output;
    bool raw, bom, with_header;
} mentions_args;

static const cli_option mentions_options[] = {
    CLI_OPT_LIST("alias", 'a', mentions_args, aliases, "ALIAS",
                 "another name of the entity (repeatable): --alias Kiev --alias \"Dmitry Peskov\""),
    CLI_OPT_FLAG("no-translit", 0, mentions_args, no_translit,
                 "no Latin <-> Cyrillic transliterations of the aliases (the spellings given only)"),
    CLI_OPT_FLAG("exact", 0, mentions_args, exact, "no inflected forms (Пескова for Песков)"),
    CLI_OPT_FLAG("case-sensitive", 0, mentions_args, mentions.case_sensitive,
                 "a mention must have its alias's case: Kremlin, not kremlin; NATO, not Nato"),
    CLI_OPT_FLAG("all-copies", 0, mentions_args, mentions.all_copies,
                 "list the mentions of every near-duplicate copy of a story (by default a story\n"
                 "is read once and its line says +N copies)"),
    CLI_OPT_COUNT("context", 'C', mentions_args, context, "N", "words of context on each side (default 8)"),
    CLI_OPT_CHOICE("sort", 0, mentions_args, sort, pc_mention_sort_names, "KEY",
                   "none (default: as found, streamed), date, left (the words just before the\n"
                   "mention, nearest first), right (the words after it) or source"),
    CLI_OPT_CHOICE("by", 0, mentions_args, by, pc_mention_bucket_names, "BUCKET",
                   "print counts per day, week, month, source or lang instead of the mentions\n"
                   "(mentions, stories, articles; a bar chart on a terminal)"),
    CLI_OPT_FLAG("explain", 0, mentions_args, explain,
                 "print every form searched, how it was made and the mentions it gave"),
    CLI_OPT_LIST("since", 0, mentions_args, since, "DATE", "only articles published on or after DATE (2022, 2022-02, 2022-02-16)"),
    CLI_OPT_LIST("until", 0, mentions_args, until, "DATE",
                 "only articles published on or before DATE (a month or year counts to its end)"),
    CLI_OPT_LIST("source", 0, mentions_args, sources, "NAME",
                 "only articles whose source is NAME; '*' for any characters (repeat for any of several)"),
    CLI_OPT_LIST("lang", 0, mentions_args, langs, "CODE", "only articles in language CODE (repeatable)"),
    CLI_OPT_STRING("format", 0, mentions_args, format, "FORMAT",
                   "text (default), csv, tsv, jsonl, json or xlsx (one row per mention; with --by,\n"
                   "one row per bucket)"),
    CLI_OPT_STRING("output", 'o', mentions_args, output, "FILE", "write to FILE instead of standard output"),
    CLI_OPT_FLAG("raw", 0, mentions_args, raw, "csv/tsv: leave cells starting with = + - @ as they are"),
    CLI_OPT_FLAG("bom", 0, mentions_args, bom, "csv/tsv: start with a UTF-8 byte order mark (for Excel)"),
    CLI_OPT_FLAG("with-header", 0, mentions_args, with_header, "json/jsonl: a first record with the manifest"),
    CLI_OPT_CALLBACK("color", 0, CLI_TARGET(mentions_args, color, bool), cli_read_color, "WHEN",
                     "auto (default: on a terminal, unless NO_COLOR is set), always or never"),
    CLI_OPT_END,
};

static const cli_command_help mentions_help = {
    .name = "mentions",
    .args = "[NAME...]",
    .summary = "Finds every mention of an entity — not the best few — and prints each in its context,\n"
               "aligned on the mention: date, source, title, left context │ mention │ right context.\n"
               "NAME (several words are one name) is looked up in the entity list (`presscut entities`);\n"
               "its aliases, or NAME itself when it is not there, and every --alias are searched in\n"
               "their forms: case and diacritics folded, transliterated and inflected (see --explain).",
    .details = "Examples:\n"
               "  presscut mentions Peskov --alias Песков\n"
               "  presscut mentions Kyiv --alias Kiev --sort left --context 5\n"
               "  presscut mentions Putin --by month --since 2014\n"
               "Exit status: 0 found, 1 no mention, 2 error.",
    .options = mentions_options,
};

static void free_args(mentions_args *a)
{
    cli_string_list_free(&a->aliases);
    cli_string_list_free(&a->since);
    cli_string_list_free(&a->until);
    cli_string_list_free(&a->sources);
    cli_string_list_free(&a->langs);
}

/* The terminal's width, or 0 when standard output is not a terminal. */
static size_t terminal_columns(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

/* ---- the aliases ---- */

typedef struct alias_set {
    char **listed; /* from the entity list (owned) */
    size_t n_listed;
    const char **all; /* listed, then NAME when not listed, then --alias (borrowed) */
    size_t n;
} alias_set;

static void alias_set_free(alias_set *s)
{
    for (size_t i = 0; i < s->n_listed; i++)
        free(s->listed[i]);
    free(s->listed);
    free(s->all);
}

static int gather_aliases(pc_store *store, const char *name, const cli_string_list *extra, alias_set *out,
                          pc_error *err)
{
    memset(out, 0, sizeof *out);
    if (name) {
        int rc = pc_store_entity_aliases(store, name, &out->listed, &out->n_listed, err);
        if (rc != PC_OK)
            return rc;
    }
    out->all = calloc(out->n_listed + 1 + extra->count + 1, sizeof *out->all);
    if (!out->all)
        return pc_error_set(err, PC_ENOMEM, "out of memory while gathering the aliases");
    for (size_t i = 0; i < out->n_listed; i++)
        out->all[out->n++] = out->listed[i];
    if (name && out->n_listed == 0)
        out->all[out->n++] = name;
    for (size_t i = 0; i < extra->count; i++)
        out->all[out->n++] = extra->items[i];
    return PC_OK;
}

/* ---- writing ---- */

static const pc_table_column count_columns[] = {
    {"bucket", PC_CELL_TEXT}, {"mentions", PC_CELL_INT}, {"stories", PC_CELL_INT}, {"articles", PC_CELL_INT}};

static int write_count_rows(pc_table *t, const pc_mention_counts *c, pc_error *err)
{
    int rc = PC_OK;
    for (size_t i = 0; rc == PC_OK && i < c->n; i++) {
        const pc_mention_bucket *b = &c->buckets[i];
        pc_cell cells[] = {pc_cell_text(b->key), pc_cell_int(b->mentions), pc_cell_int(b->stories),
                           pc_cell_int(b->articles)};
        rc = pc_table_row(t, cells, err);
    }
    return rc;
}

/* Opens the table of --format: mention rows, or count rows with --by; the manifest says what was asked. */
static int open_table(pc_store *store, const mentions_args *a, pc_table_format format, const char *name,
                      const alias_set *aliases, const pc_mentions *m, pc_table **out, pc_error *err)
{
    pc_strbuf query = {0};
    for (size_t i = 0; i < aliases->n; i++) {
        pc_strbuf_add_str(&query, i ? " | " : "");
        pc_strbuf_add_str(&query, aliases->all[i]);
    }
    const char *names[256], *values[256];
    size_t n_filters = 0;
    const cli_string_list *lists[] = {&a->since, &a->until, &a->sources, &a->langs};
    const char *list_names[] = {"since", "until", "source", "lang"};
    for (size_t l = 0; l < 4; l++)
        for (size_t i = 0; i < lists[l]->count && n_filters < 256; i++) {
            names[n_filters] = list_names[l];
            values[n_filters++] = lists[l]->items[i];
        }
    pc_store_stats stats;
    int rc = query.failed ? pc_error_set(err, PC_ENOMEM, "out of memory") : pc_store_stats_get(store, &stats, err);
    if (rc != PC_OK) {
        pc_strbuf_free(&query);
        return rc;
    }
    pc_export_facts facts = {
        .command = "mentions", .query = query.data, .filter_names = names, .filter_values = values,
        .n_filters = n_filters, .all_copies = a->mentions.all_copies, .no_translit = a->no_translit,
        .index_path = pc_store_path(store), .articles = stats.articles, .analyzer = &stats.analyzer,
        .analyzer_version = stats.analyzer_version,
        .entity = {.name = name, .aliases = aliases->all, .n_aliases = aliases->n, .forms = pc_mentions_forms(m),
                   .exact = a->exact, .case_sensitive = a->mentions.case_sensitive},
    };
    pc_export_manifest manifest = {0};
    rc = pc_export_manifest_make(&facts, &manifest, err);
    size_t n_mention_columns = 0;
    const pc_table_column *mention_columns = pc_export_mention_columns(&n_mention_columns);
    if (rc == PC_OK) {
        pc_table_options topt = {.format = format, .out = stdout, .path = a->output, .raw = a->raw, .bom = a->bom,
                                 .with_header = a->with_header, .meta = manifest.meta, .n_meta = manifest.n};
        rc = a->by >= 0 ? pc_table_open(&topt, count_columns, 4, out, err)
                        : pc_table_open(&topt, mention_columns, n_mention_columns, out, err);
    }
    pc_export_manifest_clear(&manifest);
    pc_store_stats_free(&stats);
    pc_strbuf_free(&query);
    return rc;
}

typedef struct emit_state {
    pc_table *table; /* --format other than text, else NULL */
    pc_error *err;
    FILE *out;
    pc_concordance_layout layout;
    bool color;
    pc_strbuf line;
    pc_mention_list *keep;     /* --sort: mentions are kept here and written after */
    pc_mention_counts *counts; /* --by: mentions are counted here */
    int write_failed;
} emit_state;

static int write_line(emit_state *st, const pc_mention *m)
{
    if (st->table)
        return pc_export_mention_row(st->table, m, st->err);
    pc_strbuf_reset(&st->line);
    pc_concordance_line(&st->line, m, &st->layout, st->color);
    if (st->line.failed)
        return PC_ENOMEM;
    if (fwrite(st->line.data, 1, st->line.len, st->out) != st->line.len)
        return st->write_failed = PC_EIO;
    return PC_OK;
}

static int on_mention(void *payload, const pc_mention *m)
{
    emit_state *st = payload;
    if (st->counts)
        return pc_mention_counts_add(st->counts, m);
    if (st->keep)
        return pc_mention_list_add(st->keep, m);
    return write_line(st, m);
}

static int on_mention_count_only(void *payload, const pc_mention *m)
{
    (void)payload;
    (void)m;
    return PC_OK;
}

static int write_text(emit_state *st, const char *what)
{
    if (st->line.failed) {
        cli_error("out of memory while writing %s", what);
        return PC_EXIT_ERROR;
    }
    if (st->line.len && fwrite(st->line.data, 1, st->line.len, st->out) != st->line.len) {
        cli_error("cannot write %s: the output failed", what);
        return PC_EXIT_ERROR;
    }
    return PC_EXIT_OK;
}

/* Makes the engine for the aliases with the options given (its forms are made now). Returns 0 or prints the
 * error and returns PC_EXIT_ERROR. */
static int make_engine(pc_query_session *qs, const mentions_args *a, const alias_set *aliases, pc_mentions **m)
{
    pc_error err = {0};
    pc_mention_options opt = a->mentions;
    opt.forms.translit = !a->no_translit;
    opt.forms.inflect = !a->exact;
    opt.context_words = a->context >= 0 ? (size_t)a->context : PC_MENTION_CONTEXT_DEFAULT;
    if (pc_mentions_new(m, qs, aliases->all, aliases->n, &opt, &err) != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    return PC_EXIT_OK;
}

/* Runs the engine m (freed here) and writes its mentions, counts or forms. */
static int run_mentions(pc_mentions *m, const mentions_args *a, FILE *out, pc_table *table)
{
    pc_error err = {0};
    size_t columns = out == stdout ? terminal_columns() : 0;
    emit_state st = {.table = table, .err = &err, .out = out, .color = a->color};
    pc_concordance_layout_for(columns, &st.layout);
    pc_mention_list keep = {0};
    pc_mention_counts counts = {.by = a->by >= 0 ? (pc_mention_bucket_by)a->by : PC_BUCKET_MONTH};
    if (a->by >= 0)
        st.counts = &counts;
    else if (a->sort != PC_MENTION_SORT_NONE)
        st.keep = &keep;
    pc_mention_totals totals;
    int rc = pc_mentions_run(m, a->explain ? on_mention_count_only : on_mention, &st, &totals, &err);
    int status = PC_EXIT_OK;
    if (rc == PC_ENOMEM && !err.msg[0])
        pc_error_set(&err, rc, "out of memory while reading mentions");
    if (rc != PC_OK) {
        if (st.write_failed && !table)
            cli_error("cannot write the mentions: the output failed");
        else
            cli_error("%s", err.msg[0] ? err.msg : "cannot read the mentions");
        status = PC_EXIT_ERROR;
    } else if (a->explain) {
        pc_concordance_explain(&st.line, m);
        pc_concordance_totals(&st.line, &totals);
        status = write_text(&st, "the forms");
    } else if (st.counts && table) {
        if (write_count_rows(table, &counts, &err) != PC_OK) {
            cli_error("%s", err.msg);
            status = PC_EXIT_ERROR;
        }
    } else if (st.counts) {
        pc_concordance_counts(&st.line, &counts, isatty(fileno(out)) != 0, columns);
        status = write_text(&st, "the counts");
    } else if (st.keep) {
        pc_mention_list_sort(&keep, (pc_mention_sort)a->sort);
        for (size_t i = 0; i < keep.n && status == PC_EXIT_OK; i++)
            if (write_line(&st, pc_mention_list_at(&keep, i)) != PC_OK) {
                if (table)
                    cli_error("%s", err.msg);
                else
                    cli_error("cannot write the mentions: %s", st.write_failed ? "the output failed" : "out of memory");
                status = PC_EXIT_ERROR;
            }
    }
    if (status == PC_EXIT_OK && table && pc_table_finish(table, &err) != PC_OK) {
        cli_error("%s", err.msg);
        status = PC_EXIT_ERROR;
    }
    if (status == PC_EXIT_OK && !a->explain) {
        pc_strbuf summary = {0};
        pc_concordance_totals(&summary, &totals);
        if (summary.data)
            fputs(summary.data, stderr);
        pc_strbuf_free(&summary);
    }
    if (status == PC_EXIT_OK && totals.mentions == 0)
        status = PC_EXIT_NOTHING;
    pc_strbuf_free(&st.line);
    pc_mention_list_free(&keep);
    pc_mention_counts_free(&counts);
    pc_mentions_free(m);
    return status;
}

static char *join_operands(int argc, char **argv)
{
    pc_strbuf joined = {0};
    for (int i = 0; i < argc; i++) {
        if (i)
            pc_strbuf_add_str(&joined, " ");
        pc_strbuf_add_str(&joined, argv[i]);
    }
    if (joined.failed) {
        pc_strbuf_free(&joined);
        return NULL;
    }
    return joined.data;
}

static int add_filters(pc_query_session *qs, const char *name, const cli_string_list *values)
{
    for (size_t i = 0; i < values->count; i++) {
        pc_error err = {0};
        if (pc_query_session_add_filter(qs, name, values->items[i], &err) != PC_OK) {
            cli_error("%s", err.msg);
            return PC_EXIT_ERROR;
        }
    }
    return PC_EXIT_OK;
}

int cmd_mentions(cli_context *ctx, int argc, char **argv)
{
    mentions_args a = {.context = -1, .sort = PC_MENTION_SORT_NONE, .by = -1, .color = cli_stdout_wants_color()};
    pc_mention_options_default(&a.mentions);
    int first = 0;
    int rc = cli_parse(ctx, &mentions_help, argc, argv, &a, &first);
    if (rc != 0) {
        free_args(&a);
        return rc < 0 ? PC_EXIT_OK : rc;
    }
    if (first >= argc && a.aliases.count == 0) {
        free_args(&a);
        return cli_usage_error(ctx, "mentions", "give a NAME or --alias to find the mentions of");
    }
    if (a.context > PC_MENTION_CONTEXT_MAX) {
        free_args(&a);
        return cli_usage_error(ctx, "mentions", "--context %lld is too wide: give at most %d words", a.context,
                               PC_MENTION_CONTEXT_MAX);
    }
    pc_table_format format = PC_TABLE_CSV;
    bool as_table = a.format && strcmp(a.format, "text") != 0 && !a.explain;
    if (as_table) {
        pc_error ferr = {0};
        if (pc_table_format_parse(a.format, &format, &ferr) != PC_OK) {
            free_args(&a);
            return cli_usage_error(ctx, "mentions", "%s (or text)", ferr.msg);
        }
        if (format == PC_TABLE_XLSX && !a.output && isatty(STDOUT_FILENO)) {
            free_args(&a);
            return cli_usage_error(ctx, "mentions", "an xlsx workbook would garble the terminal: write it with -o FILE.xlsx");
        }
    }
    char *name = first < argc ? join_operands(argc - first, argv + first) : NULL;
    cli_stop_on_interrupt(ctx);
    pc_store *store = first < argc && !name ? NULL : cli_open_store(ctx, NULL);
    if (!store) {
        if (first < argc && !name)
            cli_error("out of memory while reading the name");
        free(name);
        free_args(&a);
        return PC_EXIT_ERROR;
    }
    pc_error err = {0};
    alias_set aliases;
    pc_query_session *qs = NULL;
    int status = PC_EXIT_OK;
    if (gather_aliases(store, name, &a.aliases, &aliases, &err) != PC_OK ||
        pc_query_session_new(&qs, store, NULL, NULL, &err) != PC_OK) {
        cli_error("%s", err.msg);
        status = PC_EXIT_ERROR;
    }
    if (status == PC_EXIT_OK)
        status = add_filters(qs, "since", &a.since);
    if (status == PC_EXIT_OK)
        status = add_filters(qs, "until", &a.until);
    if (status == PC_EXIT_OK)
        status = add_filters(qs, "source", &a.sources);
    if (status == PC_EXIT_OK)
        status = add_filters(qs, "lang", &a.langs);
    pc_mentions *engine = NULL;
    if (status == PC_EXIT_OK)
        status = make_engine(qs, &a, &aliases, &engine);
    FILE *out = stdout;
    pc_table *table = NULL;
    if (status == PC_EXIT_OK && as_table &&
        open_table(store, &a, format, name, &aliases, engine, &table, &err) != PC_OK) {
        cli_error("%s", err.msg);
        status = PC_EXIT_ERROR;
    } else if (status == PC_EXIT_OK && a.output && !as_table) {
        out = fopen(a.output, "w");
        if (!out) {
            cli_error("cannot create '%s': %s; check the folder exists and is writable", a.output, strerror(errno));
            status = PC_EXIT_ERROR;
        }
        a.color = false; /* colour follows the file the text goes to, and a file gets none */
    }
    if (status == PC_EXIT_OK) {
        status = run_mentions(engine, &a, out, table);
        engine = NULL;
    }
    pc_mentions_free(engine);
    pc_table_free(table);
    if (out && out != stdout && fclose(out) != 0 && status != PC_EXIT_ERROR) {
        cli_error("cannot write '%s': %s", a.output, strerror(errno));
        status = PC_EXIT_ERROR;
    } else if (out == stdout && fflush(stdout) != 0 && status != PC_EXIT_ERROR) {
        cli_error("cannot write the mentions: %s", strerror(errno));
        status = PC_EXIT_ERROR;
    }
    pc_query_session_free(qs);
    alias_set_free(&aliases);
    free(name);
    free_args(&a);
    return status;
}
