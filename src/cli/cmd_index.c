/* cmd_index.c — `presscut index PATH...`: options, per-file messages, the progress bar on stderr when it is
 * a terminal, and the closing summary. The work itself is the indexer module's. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "presscut/core/quote.h"
#include "presscut/index/indexer.h"
#include "presscut/ingest/reader.h"
#include "presscut/output/print_index_summary.h"
#include "presscut/output/safe_text.h"

typedef struct index_args {
    pc_index_options opt;
    cli_string_list excludes;
    cli_analyzer_options analyzer;
    pc_field_map map;
    bool quiet;
    int progress; /* -1 never, 0 auto, 1 always */
} index_args;

static int read_language(const cli_option *option, const char *value, void *target);
static int read_format(const cli_option *option, const char *value, void *target);
static int read_map(const cli_option *option, const char *value, void *target);

static const cli_option index_options[] = {
    CLI_OPT_CALLBACK("lang", 'l', CLI_TARGET(index_args, opt.forced_lang, const char *), read_language, "CODE",
                     "language of every article (ISO 639-1: en, ru, uk, de, ...); default: detect"),
    CLI_OPT_CALLBACK("default-lang", 0, CLI_TARGET(index_args, opt.default_lang, const char *), read_language,
                     "CODE", "language when detection is unsure (default: en)"),
    CLI_OPT_CALLBACK("format", 0, CLI_TARGET(index_args, opt.forced_format, const char *), read_format, "NAME",
                     "read every file as this format, whatever its extension: txt, html, json, jsonl, csv,\n"
                     "tsv, sgml (Reuters-21578), time (the TIME collection)"),
    CLI_OPT_CALLBACK("map", 0, CLI_TARGET_WHOLE, read_map, "FIELD=KEY,...",
                     "json/csv: take FIELD (title, text, date, url, source, lang) from KEY (a CSV\n"
                     "column may be named by number), as in --map text=article_body,date=pub_ts"),
    CLI_OPT_SIZE("max-file-size", 0, index_args, opt.max_file_bytes, "64M or 500k", "SIZE",
                 "skip larger files (default: 64M; k, M, G suffixes)"),
    CLI_OPT_FLAG("prune", 0, index_args, opt.prune, "remove articles whose files no longer exist"),
    CLI_OPT_FLAG("force", 0, index_args, opt.force, "re-read every file, even those that look unchanged"),
    CLI_OPT_LIST("exclude", 0, index_args, excludes, "GLOB",
                 "skip files and folders matching GLOB (name or relative path; repeatable)"),
    CLI_OPT_FLAG("no-default-excludes", 0, index_args, opt.no_default_excludes,
                 "also index README*, LICENSE*, COPYING*, ... in folders"),
    CLI_OPT_FLAG("hidden", 0, index_args, opt.hidden, "also index hidden files and folders (names starting with '.')"),
    CLI_OPT_FLAG("follow", 0, index_args, opt.follow_symlinks, "follow symbolic links inside folders"),
    CLI_OPT_CHOICE("diacritics", 0, index_args, analyzer.diacritics, cli_diacritics_choices, "fold|keep",
                   "new index: fold accents (cafe = café; default) or keep them"),
    CLI_OPT_CHOICE("exact-forms", 0, index_args, analyzer.exact_forms, cli_exact_forms_choices, "keep|drop",
                   "new index: keep exact word forms for =word (default) or drop"),
    CLI_OPT_SIZE("batch-size", 0, index_args, opt.batch_bytes, "16M or 256k", "SIZE",
                 "commit after about SIZE of text (default: 16M); smaller loses less on a crash"),
    CLI_OPT_SET("progress", 0, index_args, progress, 1, "show a progress bar even when stderr is not a terminal"),
    CLI_OPT_SET("no-progress", 0, index_args, progress, -1, "never show a progress bar"),
    CLI_OPT_FLAG("quiet", 'q', index_args, quiet, "print only errors and the summary's problems"),
    CLI_OPT_END,
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

/* --lang and --default-lang: a language a stemmer knows, or any two-letter code. */
static int read_language(const cli_option *option, const char *value, void *target)
{
    if (!pc_analyzer_has_stemmer(value) && strlen(value) != 2) {
        cli_error("'%s' is not a language code (use ISO 639-1 codes such as en, ru, uk, de, fr)", value);
        return PC_EXIT_ERROR;
    }
    *(const char **)target = value;
    return 0;
}

static int read_format(const cli_option *option, const char *value, void *target)
{
    if (!pc_reader_by_name(value)) {
        cli_error("unknown format '%s' (known: txt, html, json, jsonl, csv, tsv, sgml, time)", value);
        return PC_EXIT_ERROR;
    }
    *(const char **)target = value;
    return 0;
}

/* --map, once: parsed into a->map, which a->opt.field_map then points to. */
static int read_map(const cli_option *option, const char *value, void *target)
{
    index_args *a = target;
    if (a->opt.field_map) {
        cli_error("--map given twice: put every FIELD=KEY in one, separated by commas");
        return PC_EXIT_ERROR;
    }
    pc_error err;
    pc_error_clear(&err);
    if (pc_field_map_parse(value, &a->map, &err) != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    a->opt.field_map = &a->map;
    return 0;
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
    pc_strbuf quoted = {0};
    pc_quote_add(&quoted, path, strlen(path)); /* as it is, or C-quoted: it names the file again */
    fputs(quoted.data && !quoted.failed ? quoted.data : "?", stderr);
    pc_strbuf_free(&quoted);
    if (line > 0)
        fprintf(stderr, ":%ld", line);
    const char *label = kind == PC_NOTE_WARNING ? "warning" : kind == PC_NOTE_SKIPPED ? "skipped" : "error";
    fprintf(stderr, ": %s: ", label);
    /* strerror() texts start with a capital; keep messages lowercase like the rest. */
    if (msg[0] >= 'A' && msg[0] <= 'Z' && (msg[1] < 'A' || msg[1] > 'Z')) {
        fputc(msg[0] - 'A' + 'a', stderr);
        msg++;
    }
    pc_safe_text_write(stderr, msg, strlen(msg), false);
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
    pc_index_run_figures figures = {
        .indexed = s->indexed, .unchanged = s->unchanged, .skipped = s->skipped, .failed = s->failed,
        .removed = s->removed, .excluded = s->excluded,
        .warnings = s->warnings, .repaired = s->repaired, .converted = s->converted,
        .recleaned = s->recleaned, .boilerplate_lines = s->boilerplate_lines,
        .articles = s->articles, .passages = s->passages, .bytes = s->bytes, .seconds = s->seconds,
    };
    pc_print_index_summary(stdout, &figures);
}

int cmd_index(cli_context *ctx, int argc, char **argv)
{
    index_args a = {.analyzer = CLI_ANALYZER_OPTIONS_UNSET};
    int first = 0;
    int rc = cli_parse(ctx, &index_help, argc, argv, &a, &first);
    if (rc != 0) {
        cli_string_list_free(&a.excludes);
        pc_field_map_clear(&a.map);
        return rc < 0 ? PC_EXIT_OK : rc;
    }
    if (first >= argc) {
        cli_string_list_free(&a.excludes);
        pc_field_map_clear(&a.map);
        return cli_usage_error(ctx, "index", "name at least one file or folder to index");
    }
    a.opt.excludes = a.excludes.items;

    /* The analyzer options decide how a new index is made (and an existing one must match them). */
    pc_analyzer_config analyzer;
    pc_analyzer_config_default(&analyzer);
    bool analyzer_given = cli_analyzer_options_apply(&a.analyzer, &analyzer);
    pc_store *store = cli_open_store(ctx, analyzer_given ? &analyzer : NULL);
    if (!store) {
        cli_string_list_free(&a.excludes);
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
    cli_on_interrupt_signals(request_stop);
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
        if (summary.indexed > 0) /* batches committed before the error */
            fputs("presscut: the files indexed before this error are kept; run the same command again to finish\n",
                  stderr);
        exit_code = PC_EXIT_ERROR;
    } else if (summary.root_errors) {
        exit_code = PC_EXIT_ERROR;
    }
    cli_string_list_free(&a.excludes);
    pc_field_map_clear(&a.map);
    return exit_code;
}
