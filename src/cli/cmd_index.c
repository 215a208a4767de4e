/* cmd_index.c — `presscut index PATH...`: options, per-file messages, the progress bar on stderr when it is
 * a terminal, and the closing summary. The work itself is the indexer module's. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "presscut/index/indexer.h"
#include "presscut/ingest/reader.h"

enum {
    OPT_LANG = 'l',
    OPT_QUIET = 'q',
    OPT_DEFAULT_LANG = 300,
    OPT_FORMAT,
    OPT_MAX_SIZE,
    OPT_PRUNE,
    OPT_FORCE,
    OPT_EXCLUDE,
    OPT_NO_DEFAULT_EXCLUDES,
    OPT_HIDDEN,
    OPT_FOLLOW,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_BATCH_SIZE,
    OPT_MAP,
};

static const cli_option index_options[] = {
    {"lang", OPT_LANG, "CODE", "language of every article (ISO 639-1: en, ru, uk, de, ...); default: detect"},
    {"default-lang", OPT_DEFAULT_LANG, "CODE", "language when detection is unsure (default: en)"},
    {"format", OPT_FORMAT, "NAME", "read every file as this format, whatever its extension: txt, html, json, jsonl, csv,\n"
                                   "tsv, sgml (Reuters-21578), time (the TIME collection)"},
    {"map", OPT_MAP, "FIELD=KEY,...", "json/csv: take FIELD (title, text, date, url, source, lang) from KEY (a CSV\n"
                                     "column may be named by number), as in --map text=article_body,date=pub_ts"},
    {"max-file-size", OPT_MAX_SIZE, "SIZE", "skip larger files (default: 64M; k, M, G suffixes)"},
    {"prune", OPT_PRUNE, NULL, "remove articles whose files no longer exist"},
    {"force", OPT_FORCE, NULL, "re-read every file, even those that look unchanged"},
    {"exclude", OPT_EXCLUDE, "GLOB", "skip files and folders matching GLOB (name or relative path; repeatable)"},
    {"no-default-excludes", OPT_NO_DEFAULT_EXCLUDES, NULL, "also index README*, LICENSE*, COPYING*, ... in folders"},
    {"hidden", OPT_HIDDEN, NULL, "also index hidden files and folders (names starting with '.')"},
    {"follow", OPT_FOLLOW, NULL, "follow symbolic links inside folders"},
    {"diacritics", CLI_OPT_DIACRITICS, "fold|keep", "new index: fold accents (cafe = café; default) or keep them"},
    {"exact-forms", CLI_OPT_EXACT_FORMS, "keep|drop", "new index: keep exact word forms for =word (default) or drop"},
    {"batch-size", OPT_BATCH_SIZE, "SIZE", "commit after about SIZE of text (default: 16M); smaller loses less on a crash"},
    {"progress", OPT_PROGRESS, NULL, "show a progress bar even when stderr is not a terminal"},
    {"no-progress", OPT_NO_PROGRESS, NULL, "never show a progress bar"},
    {"quiet", OPT_QUIET, NULL, "print only errors and the summary's problems"},
    {NULL, 0, NULL, NULL},
};

static const cli_command_help index_help = {
    .name = "index",
    .args = "PATH...",
    .summary = "Adds the articles in PATHs (files, or folders searched recursively) to the index. Unchanged\n"
               "files are skipped, changed ones re-indexed. Formats by extension: .txt .text, .html .htm .xhtml,\n"
               ".json (an array of articles), .jsonl .ndjson (one per line), .csv, .tsv .tab (a header row, one\n"
               "article per row), .sgm .sgml (Reuters-21578); files without an extension that start like the\n"
               "TIME collection (*TEXT 017 ...) are read as such.",
    .details = "Each problem is reported as 'PATH[:LINE]: warning|skipped|error: WHAT' on stderr; the run goes on.\n"
               "Exit status: 0 when the run completed (even with skipped files), 2 when a PATH cannot be read\n"
               "or the index cannot be written. Work committed before an interruption is kept.",
    .options = index_options,
};

typedef struct index_args {
    pc_index_options opt;
    const char **excludes;
    size_t n_excludes;
    pc_analyzer_config analyzer;
    bool analyzer_given;
    pc_field_map map;
    bool map_given;
    bool quiet;
    int progress; /* -1 never, 0 auto, 1 always */
} index_args;

static int on_option(void *payload, int id, const char *value)
{
    index_args *a = payload;
    bool bad = false;
    if (cli_analyzer_option(id, value, &a->analyzer, &bad)) {
        a->analyzer_given = true;
        return bad ? PC_EXIT_ERROR : 0;
    }
    switch (id) {
    case OPT_LANG:
    case OPT_DEFAULT_LANG:
        if (!pc_analyzer_has_stemmer(value) && strlen(value) != 2) {
            cli_error("'%s' is not a language code (use ISO 639-1 codes such as en, ru, uk, de, fr)", value);
            return PC_EXIT_ERROR;
        }
        if (id == OPT_LANG)
            a->opt.forced_lang = value;
        else
            a->opt.default_lang = value;
        return 0;
    case OPT_FORMAT:
        if (!pc_reader_by_name(value)) {
            cli_error("unknown format '%s' (known: txt, html, json, jsonl, csv, tsv, sgml, time)", value);
            return PC_EXIT_ERROR;
        }
        a->opt.forced_format = value;
        return 0;
    case OPT_MAX_SIZE:
        a->opt.max_file_bytes = cli_parse_size(value);
        if (a->opt.max_file_bytes <= 0) {
            cli_error("--max-file-size takes a size such as 64M or 500k, not '%s'", value);
            return PC_EXIT_ERROR;
        }
        return 0;
    case OPT_BATCH_SIZE:
        a->opt.batch_bytes = cli_parse_size(value);
        if (a->opt.batch_bytes <= 0) {
            cli_error("--batch-size takes a size such as 16M or 256k, not '%s'", value);
            return PC_EXIT_ERROR;
        }
        return 0;
    case OPT_MAP: {
        if (a->map_given) {
            cli_error("--map given twice: put every FIELD=KEY in one, separated by commas");
            return PC_EXIT_ERROR;
        }
        pc_error err;
        pc_error_clear(&err);
        if (pc_field_map_parse(value, &a->map, &err) != PC_OK) {
            cli_error("%s", err.msg);
            return PC_EXIT_ERROR;
        }
        a->map_given = true;
        a->opt.field_map = &a->map;
        return 0;
    }
    case OPT_PRUNE: a->opt.prune = true; return 0;
    case OPT_FORCE: a->opt.force = true; return 0;
    case OPT_EXCLUDE: {
        const char **grown = realloc(a->excludes, (a->n_excludes + 2) * sizeof *grown);
        if (!grown) {
            cli_error("out of memory");
            return PC_EXIT_ERROR;
        }
        a->excludes = grown;
        a->excludes[a->n_excludes++] = value;
        a->excludes[a->n_excludes] = NULL;
        return 0;
    }
    case OPT_NO_DEFAULT_EXCLUDES: a->opt.no_default_excludes = true; return 0;
    case OPT_HIDDEN: a->opt.hidden = true; return 0;
    case OPT_FOLLOW: a->opt.follow_symlinks = true; return 0;
    case OPT_PROGRESS: a->progress = 1; return 0;
    case OPT_NO_PROGRESS: a->progress = -1; return 0;
    case OPT_QUIET: a->quiet = true; return 0;
    default: return PC_EXIT_ERROR;
    }
}

/* ---- interruption ---- */

/* Set by the first SIGINT/SIGTERM: the indexer commits what it has and stops. A second one ends the
 * process at once (the handler is then the default again); the index stays consistent either way. */
static volatile sig_atomic_t stop_requested;

static void request_stop(int signo)
{
    stop_requested = 1;
    signal(signo, SIG_DFL);
}

static void catch_interruptions(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = request_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* ---- messages and the progress bar ---- */

typedef struct index_ui {
    bool quiet;
    bool progress;
    bool bar_shown;
    double last_draw;
    double started;
} index_ui;

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_bar(index_ui *ui)
{
    if (ui->bar_shown) {
        fputs("\r\033[K", stderr);
        ui->bar_shown = false;
    }
}

static void on_note(void *payload, pc_note_kind kind, const char *path, long line, const char *msg)
{
    index_ui *ui = payload;
    if (ui->quiet && kind == PC_NOTE_WARNING)
        return;
    clear_bar(ui);
    cli_write_safe(stderr, path, strlen(path), false);
    if (line > 0)
        fprintf(stderr, ":%ld", line);
    const char *label = kind == PC_NOTE_WARNING ? "warning" : kind == PC_NOTE_SKIPPED ? "skipped" : "error";
    fprintf(stderr, ": %s: ", label);
    /* strerror() texts start with a capital; keep messages lowercase like the rest. */
    if (msg[0] >= 'A' && msg[0] <= 'Z' && (msg[1] < 'A' || msg[1] > 'Z')) {
        fputc(msg[0] - 'A' + 'a', stderr);
        msg++;
    }
    cli_write_safe(stderr, msg, strlen(msg), false);
    fputc('\n', stderr);
}

static void on_progress(void *payload, const pc_index_progress *p)
{
    index_ui *ui = payload;
    if (!ui->progress)
        return;
    double now = monotonic_seconds();
    if (p->files_done < p->files_total && now - ui->last_draw < 0.1)
        return;
    ui->last_draw = now;
    double fraction = p->bytes_total > 0 ? (double)p->bytes_done / (double)p->bytes_total : 1.0;
    const int width = 30;
    int filled = (int)(fraction * width + 0.5);
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '-';
    bar[width] = '\0';
    double elapsed = now - ui->started;
    double mbs = elapsed > 0 ? (double)p->bytes_done / 1e6 / elapsed : 0;
    fprintf(stderr, "\r\033[K[%s] %3.0f%%  %zu/%zu files  %.1f MB/s", bar, fraction * 100, p->files_done,
            p->files_total, mbs);
    ui->bar_shown = true;
    fflush(stderr);
}

static void print_summary(const pc_index_summary *s)
{
    printf("indexed %zu file%s (%lld article%s, %lld passage%s), %zu unchanged, %zu skipped, %zu failed", s->indexed,
           s->indexed == 1 ? "" : "s", s->articles, s->articles == 1 ? "" : "s", s->passages,
           s->passages == 1 ? "" : "s", s->unchanged, s->skipped, s->failed);
    if (s->removed)
        printf(", %zu removed", s->removed);
    if (s->excluded)
        printf(", %zu excluded", s->excluded);
    printf("\n");
    if (s->warnings || s->repaired || s->converted)
        printf("%zu warning%s: %zu file%s with invalid UTF-8 repaired, %zu converted from another encoding\n",
               s->warnings, s->warnings == 1 ? "" : "s", s->repaired, s->repaired == 1 ? "" : "s", s->converted);
    if (s->recleaned)
        printf("%zu file%s indexed again: lines their source repeats were found and removed\n", s->recleaned,
               s->recleaned == 1 ? "" : "s");
    if (s->boilerplate_lines)
        printf("%zu boilerplate line%s removed (menus, share and subscribe lines, repeated footers)\n",
               s->boilerplate_lines, s->boilerplate_lines == 1 ? "" : "s");
    printf("read %.1f MB in %.2f s\n", (double)s->bytes / 1e6, s->seconds);
}

int cmd_index(cli_context *ctx, int argc, char **argv)
{
    index_args a = {0};
    pc_analyzer_config_default(&a.analyzer);
    int first = 0;
    int rc = cli_parse(ctx, &index_help, argc, argv, on_option, &a, &first);
    if (rc != 0) {
        free(a.excludes);
        pc_field_map_clear(&a.map);
        return rc < 0 ? PC_EXIT_OK : rc;
    }
    if (first >= argc) {
        free(a.excludes);
        pc_field_map_clear(&a.map);
        return cli_usage_error(ctx, "index", "name at least one file or folder to index");
    }
    a.opt.excludes = a.excludes;

    pc_store *store = cli_open_store(ctx, true, false, a.analyzer_given ? &a.analyzer : NULL);
    if (!store) {
        free(a.excludes);
        pc_field_map_clear(&a.map);
        return PC_EXIT_ERROR;
    }
    index_ui ui = {
        .quiet = a.quiet,
        .progress = a.progress > 0 || (a.progress == 0 && !a.quiet && isatty(STDERR_FILENO)),
        .started = monotonic_seconds(),
    };
    pc_index_callbacks cb = {.note = on_note, .progress = on_progress, .payload = &ui};
    a.opt.stop = &stop_requested;
    catch_interruptions();
    pc_index_summary summary;
    pc_error err;
    pc_error_clear(&err);
    rc = pc_index_run(store, (const char *const *)argv + first, (size_t)(argc - first), &a.opt, &cb, &summary, &err);
    clear_bar(&ui);
    print_summary(&summary);
    int exit_code = PC_EXIT_OK;
    if (rc == PC_ESTOP) {
        cli_error("%s; the files indexed so far are kept: run the same command again to finish", err.msg);
        exit_code = 128 + SIGINT;
    } else if (rc != PC_OK) {
        cli_error("%s", err.msg);
        fputs("presscut: the files indexed before this error are kept; run the same command again to finish\n",
              stderr);
        exit_code = PC_EXIT_ERROR;
    } else if (summary.root_errors) {
        exit_code = PC_EXIT_ERROR;
    }
    pc_store_close(store);
    free(a.excludes);
    pc_field_map_clear(&a.map);
    return exit_code;
}
