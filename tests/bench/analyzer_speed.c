/* analyzer_speed.c — measures the analyzer's throughput: reads the files named on the command line (default:
 * every BBC article under $PRESSCUT_SHARED/corpus/bbc-fulltext/bbc, PRESSCUT_SHARED defaulting to ../shared),
 * runs pc_analyze over all of them several times and prints MB/s and terms/s with the ASCII fast path on and
 * off, and, for reference, the speed of SQLite FTS5's own "porter unicode61" tokenizer on the same text.
 * Times are CPU times of the process (less disturbed by other programs than wall time).
 *
 * Usage: bench_analyzer_speed [-l LANG] [-r ROUNDS] [-m all|fast|icu|fts5] [FILE...]
 *   -l LANG   language of the text (default en; "none": no stemming)
 *   -r N      rounds over all files (default 5)
 *   -m WHAT   what to measure (default all): the fast path, ICU only, or the FTS5 reference */
#include <glob.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presscut/text/analyzer.h"

typedef struct doc {
    char *text;
    size_t len;
} doc;

/* CPU time of this (single-threaded) process: steadier than wall time on a shared machine. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int load(const char *path, doc *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 16384;
    d->len = 0;
    d->text = malloc(cap);
    size_t got;
    while (d->text && (got = fread(d->text + d->len, 1, cap - d->len, f)) > 0) {
        d->len += got;
        if (d->len == cap) {
            char *p = realloc(d->text, cap *= 2);
            if (!p)
                free(d->text);
            d->text = p;
        }
    }
    fclose(f);
    return d->text ? 0 : -1;
}

static int count_term(void *payload, const pc_term *t)
{
    (void)t;
    (*(long *)payload)++;
    return 0;
}

static int count_fts5_token(void *payload, int flags, const char *token, int n, int start, int end)
{
    (void)flags, (void)token, (void)n, (void)start, (void)end;
    (*(long *)payload)++;
    return SQLITE_OK;
}

static void report(const char *what, double seconds, size_t bytes, long terms, int rounds)
{
    double mb = (double)bytes * rounds / (1024.0 * 1024.0);
    printf("%-34s %8.1f MB/s %12.0f terms/s  (%ld terms per round, %.2f s)\n", what, mb / seconds,
           (double)terms * rounds / seconds, terms, seconds);
}

static int bench_analyzer(const char *what, bool fast_path, const char *lang, doc *docs, size_t n_docs, size_t bytes,
                          int rounds)
{
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    cfg.ascii_fast_path = fast_path;
    pc_analyzer *a;
    pc_error err;
    if (pc_analyzer_new(&a, &cfg, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    long terms = 0;
    for (size_t i = 0; i < n_docs; i++) /* warm-up: stemmers, caches, buffers */
        pc_analyze(a, lang, docs[i].text, docs[i].len, count_term, &terms);
    terms = 0;
    double t0 = now_seconds();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n_docs; i++) {
            int rc = pc_analyze(a, lang, docs[i].text, docs[i].len, count_term, &terms);
            if (rc != 0) {
                fprintf(stderr, "pc_analyze failed: %d\n", rc);
                pc_analyzer_free(a);
                return 1;
            }
        }
    double t = now_seconds() - t0;
    report(what, t, bytes, terms / rounds, rounds);
    pc_analyzer_free(a);
    return 0;
}

static int bench_fts5(doc *docs, size_t n_docs, size_t bytes, int rounds)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    fts5_api *api = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "fts5 reference: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    void *user = NULL;
    fts5_tokenizer tok;
    Fts5Tokenizer *t = NULL;
    const char *args[] = {"unicode61"};
    if (!api || api->xFindTokenizer(api, "porter", &user, &tok) != SQLITE_OK ||
        tok.xCreate(user, args, 1, &t) != SQLITE_OK) {
        fprintf(stderr, "fts5 reference: no porter tokenizer\n");
        sqlite3_close(db);
        return 1;
    }
    long terms = 0;
    double t0 = now_seconds();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n_docs; i++)
            tok.xTokenize(t, &terms, FTS5_TOKENIZE_DOCUMENT, docs[i].text, (int)docs[i].len, count_fts5_token);
    double secs = now_seconds() - t0;
    report("fts5 porter unicode61 (reference)", secs, bytes, terms / rounds, rounds);
    tok.xDelete(t);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    const char *lang = "en";
    int rounds = 5;
    const char *mode = "all";
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-l") == 0 && first + 1 < argc) {
            lang = strcmp(argv[first + 1], "none") == 0 ? NULL : argv[first + 1];
            first += 2;
        } else if (strcmp(argv[first], "-m") == 0 && first + 1 < argc) {
            mode = argv[first + 1];
            first += 2;
        } else if (strcmp(argv[first], "-r") == 0 && first + 1 < argc) {
            rounds = atoi(argv[first + 1]);
            first += 2;
        } else {
            fprintf(stderr, "usage: %s [-l LANG|none] [-r ROUNDS] [-m all|fast|icu|fts5] [FILE...]\n", argv[0]);
            return 2;
        }
    }
    if (rounds < 1)
        rounds = 1;

    glob_t g;
    memset(&g, 0, sizeof g);
    char **paths = argv + first;
    size_t n_paths = (size_t)(argc - first);
    if (n_paths == 0) {
        const char *shared = getenv("PRESSCUT_SHARED");
        char pattern[4096];
        snprintf(pattern, sizeof pattern, "%s/corpus/bbc-fulltext/bbc/*/*.txt",
                 shared && *shared ? shared : "../shared");
        if (glob(pattern, 0, NULL, &g) != 0) {
            fprintf(stderr, "no files match %s: name files on the command line or set PRESSCUT_SHARED\n", pattern);
            return 2;
        }
        paths = g.gl_pathv;
        n_paths = g.gl_pathc;
    }
    doc *docs = calloc(n_paths, sizeof *docs);
    size_t n_docs = 0, bytes = 0;
    for (size_t i = 0; docs && i < n_paths; i++) {
        if (load(paths[i], &docs[n_docs]) < 0) {
            fprintf(stderr, "cannot read '%s'\n", paths[i]);
            continue;
        }
        bytes += docs[n_docs++].len;
    }
    printf("%zu files, %.2f MB, language %s, %d rounds\n", n_docs, (double)bytes / (1024.0 * 1024.0),
           lang ? lang : "none", rounds);
    int rc = 0;
    bool all = strcmp(mode, "all") == 0;
    if (n_docs > 0 && (all || strcmp(mode, "fast") == 0))
        rc |= bench_analyzer("presscut analyzer, fast path on", true, lang, docs, n_docs, bytes, rounds);
    if (n_docs > 0 && (all || strcmp(mode, "icu") == 0))
        rc |= bench_analyzer("presscut analyzer, fast path off", false, lang, docs, n_docs, bytes, rounds);
    if (n_docs > 0 && (all || strcmp(mode, "fts5") == 0))
        rc |= bench_fts5(docs, n_docs, bytes, rounds);
    for (size_t i = 0; i < n_docs; i++)
        free(docs[i].text);
    free(docs);
    globfree(&g);
    return rc;
}
