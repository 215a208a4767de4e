/* search_bench.c — search latency: presscut in-process (pc_query_parse + pc_search_run with limit 10 +
 * printing every hit through the TEXT printer, no colour, into /dev/null) against a plain SQLite FTS5 table
 * (title, body; tokenize='porter unicode61') holding the same articles, read from the presscut index. Run
 * by tests/bench/search.sh; a measurement, not a test.
 *
 *   bench_search_bench --db INDEX --queries TSV [--reps R] [--presscut BIN] [--cli-reps N] [--slowest N]
 *
 *   --db INDEX      a presscut index (opened read-only; the baseline reads its articles with plain SQLite)
 *   --queries TSV   "type<TAB>query" lines in presscut syntax (tests/bench/search_queries.tsv); type "any"
 *                   is parsed with --any
 *   --reps R        timed runs per query after one warm-up run (default 20)
 *   --presscut BIN  also times `BIN --db INDEX search [--any] -- QUERY` by fork/exec (stdout to /dev/null),
 *                   the first query of each type, --cli-reps times (default 5): that includes process start
 *   --slowest N     how many of the slowest queries to list (default 10)
 *   --plans         also prints each query's FTS5 translation (MATCH expression and SQL)
 *
 * The baseline gets the same query, translated from presscut's parse tree into FTS5 syntax: every word
 * quoted, AND/OR/NOT, phrases, prefixes ("pref" *), NEAR groups; =word is taken as a plain word (FTS5 has no
 * exact forms); title: becomes a {title} column filter; date: a WHERE on the article's published day, source:
 * and lang: WHEREs on those columns. Each run prepares and steps
 *   SELECT rowid, bm25(t), snippet(t, 1, '[', ']', '…', 24) FROM t WHERE t MATCH ? [AND ...]
 *   ORDER BY rank LIMIT 10
 * The table lives in a temporary file (removed at the end), built before the measurements.
 *
 * Output: per query type, p50/p95/p99/max of all timed runs in milliseconds for both systems and the
 * number of queries that found nothing; the slowest queries (by presscut's median); the CLI wall times. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "presscut/text/analyzer.h"
#include "presscut/output/printer.h"
#include "presscut/search/query.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"
#include "presscut/store/store.h"

#define MEASURE_PROGRAM "bench_search_bench"
#include "measure.h"

#define LIMIT 10

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- a growing string (appends never fail: out of memory exits) -------------------------------------- */

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = (t->n + n + 1) * 2;
        t->s = xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
}

static void text_puts(text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

/* ---- the queries ------------------------------------------------------------------------------------- */

typedef struct bench_query {
    char *type;
    char *text;
    bool any;
    bool ok;               /* parsed and ran without error */
    double *pc_ms, *fts_ms; /* per timed run */
    long long pc_total;    /* matching articles (presscut) */
    long long fts_rows;    /* rows returned (baseline, at most LIMIT) */
    char *fts_match;       /* the translated MATCH expression */
} bench_query;

static bench_query *read_queries(const char *path, size_t *n_out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "bench_search_bench: cannot read '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    bench_query *qs = NULL;
    size_t n = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long line_no = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        line_no++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || !tab[1]) {
            fprintf(stderr, "%s:%ld: not type<TAB>query; skipped\n", path, line_no);
            continue;
        }
        qs = xrealloc(qs, (n + 1) * sizeof *qs);
        bench_query *q = &qs[n++];
        memset(q, 0, sizeof *q);
        q->type = xstrndup(line, (size_t)(tab - line));
        q->text = xstrndup(tab + 1, strlen(tab + 1));
        q->any = strcmp(q->type, "any") == 0;
    }
    free(line);
    fclose(f);
    *n_out = n;
    return qs;
}

/* ---- presscut's parse tree as FTS5 syntax ------------------------------------------------------------ */

static void add_quoted(text *t, const pc_qword *words, size_t n)
{
    text_puts(t, "\"");
    for (size_t i = 0; i < n; i++) {
        if (i)
            text_puts(t, " ");
        for (const char *p = words[i].text; *p; p++) {
            if (*p == '"')
                text_puts(t, "\"\"");
            else
                text_add(t, p, 1);
        }
    }
    text_puts(t, "\"");
}

static void add_node(text *t, const pc_qnode *node)
{
    switch (node->kind) {
    case PC_QNODE_TERM:
    case PC_QNODE_PHRASE:
        add_quoted(t, node->words, node->n_words);
        if (node->prefix)
            text_puts(t, " *");
        break;
    case PC_QNODE_NEAR: {
        text_puts(t, "NEAR(");
        for (size_t i = 0; i < node->n_children; i++) {
            if (i)
                text_puts(t, " ");
            add_node(t, node->children[i]);
        }
        char buf[32];
        snprintf(buf, sizeof buf, ", %d)", node->distance);
        text_puts(t, buf);
        break;
    }
    case PC_QNODE_OR:
    case PC_QNODE_AND: {
        /* FTS5's NOT is binary: ((a AND b) NOT c) NOT d */
        size_t nots = 0;
        for (size_t i = 0; i < node->n_children; i++)
            nots += node->children[i]->kind == PC_QNODE_NOT;
        for (size_t i = 0; i < nots + 1; i++)
            text_puts(t, "(");
        bool first = true;
        for (size_t i = 0; i < node->n_children; i++) {
            if (node->children[i]->kind == PC_QNODE_NOT)
                continue;
            if (!first)
                text_puts(t, node->kind == PC_QNODE_OR ? " OR " : " AND ");
            first = false;
            add_node(t, node->children[i]);
        }
        text_puts(t, ")");
        for (size_t i = 0; i < node->n_children; i++) {
            if (node->children[i]->kind != PC_QNODE_NOT)
                continue;
            text_puts(t, " NOT ");
            add_node(t, node->children[i]->children[0]);
            text_puts(t, ")");
        }
        break;
    }
    case PC_QNODE_NOT:
        /* only under AND, handled there */
        add_node(t, node->children[0]);
        break;
    }
}

/* The baseline statement for q: SQL into *sql, MATCH expression into *match (both malloc'd). Bound
 * parameters: ?1 the MATCH expression, then the filter values in order, listed in *binds (not owned). */
typedef struct fts_plan {
    char *sql, *match;
    const char *binds[64];
    long long bind_days[2];
    size_t n_binds;
} fts_plan;

static void plan_add_bind(fts_plan *p, text *sql, const char *fmt, const char *value)
{
    if (p->n_binds == sizeof p->binds / sizeof p->binds[0])
        return;
    p->binds[p->n_binds++] = value;
    text_puts(sql, fmt);
}

static void plan_query(const pc_query *q, fts_plan *p)
{
    memset(p, 0, sizeof *p);
    text m = {0}, sql = {0};
    if (q->root)
        add_node(&m, q->root);
    if (q->filters.title) {
        if (q->root)
            text_puts(&m, " AND ");
        text_puts(&m, "{title} : (");
        add_node(&m, q->filters.title);
        text_puts(&m, ")");
    }
    text_puts(&sql, "SELECT rowid, bm25(t), snippet(t, 1, '[', ']', '\xe2\x80\xa6', 24) FROM t WHERE t MATCH ?");
    const pc_query_filters *f = &q->filters;
    if (f->day_from || f->day_to) {
        char buf[96];
        snprintf(buf, sizeof buf, " AND published > 0 AND published BETWEEN %ld AND %ld", f->day_from ? f->day_from : 1,
                 f->day_to ? f->day_to : 100000000L);
        text_puts(&sql, buf);
    }
    if (f->n_sources) {
        text_puts(&sql, " AND (");
        for (size_t i = 0; i < f->n_sources; i++)
            plan_add_bind(p, &sql, i ? " OR source LIKE '%' || ? || '%'" : "source LIKE '%' || ? || '%'",
                          f->sources[i]);
        text_puts(&sql, ")");
    }
    for (size_t i = 0; i < f->n_not_sources; i++)
        plan_add_bind(p, &sql, " AND source NOT LIKE '%' || ? || '%'", f->not_sources[i]);
    if (f->n_langs) {
        text_puts(&sql, " AND lang IN (");
        for (size_t i = 0; i < f->n_langs; i++)
            plan_add_bind(p, &sql, i ? ", ?" : "?", f->langs[i]);
        text_puts(&sql, ")");
    }
    for (size_t i = 0; i < f->n_not_langs; i++)
        plan_add_bind(p, &sql, " AND lang <> ?", f->not_langs[i]);
    text_puts(&sql, " ORDER BY rank LIMIT 10");
    p->sql = sql.s;
    p->match = m.s ? m.s : xstrndup("", 0);
}

/* ---- the baseline table ------------------------------------------------------------------------------ */

static int build_baseline(const char *index_path, const char *db_path, sqlite3 **out, long long *articles)
{
    sqlite3 *src = NULL, *dst = NULL;
    sqlite3_stmt *read = NULL, *ins = NULL;
    int rc = sqlite3_open_v2(index_path, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(src,
                                "SELECT a.id, a.title, b.body, a.day, a.source, a.lang FROM articles a "
                                "JOIN bodies b ON b.article_id = a.id ORDER BY a.id",
                                -1, &read, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "bench_search_bench: cannot read the articles of '%s': %s\n", index_path,
                src ? sqlite3_errmsg(src) : "cannot open");
        sqlite3_close(src);
        return -1;
    }
    rc = sqlite3_open(db_path, &dst);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst,
                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
                          "CREATE VIRTUAL TABLE t USING fts5(title, body, published UNINDEXED, source UNINDEXED, "
                          "lang UNINDEXED, tokenize='porter unicode61'); BEGIN",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(dst, "INSERT INTO t(rowid, title, body, published, source, lang) VALUES (?,?,?,?,?,?)",
                                -1, &ins, NULL);
    *articles = 0;
    while (rc == SQLITE_OK && sqlite3_step(read) == SQLITE_ROW) {
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(read, 0));
        for (int c = 1; c <= 5; c++) {
            if (c == 3)
                sqlite3_bind_int64(ins, 4, sqlite3_column_int64(read, 3));
            else
                sqlite3_bind_text(ins, c + 1, (const char *)sqlite3_column_text(read, c), sqlite3_column_bytes(read, c),
                                  SQLITE_TRANSIENT);
        }
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = SQLITE_ERROR;
        sqlite3_reset(ins);
        (*articles)++;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "COMMIT; INSERT INTO t(t) VALUES ('optimize')", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "bench_search_bench: building the baseline table: %s\n", sqlite3_errmsg(dst));
    sqlite3_finalize(read);
    sqlite3_finalize(ins);
    sqlite3_close(src);
    if (rc != SQLITE_OK) {
        sqlite3_close(dst);
        return -1;
    }
    *out = dst;
    return 0;
}

/* One baseline run: prepare, bind, step every row (bm25 and snippet computed), finalize. Returns the rows,
 * or -1 with a message. */
static long long run_baseline(sqlite3 *db, const fts_plan *p)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, p->sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_search_bench: baseline: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(st, 1, p->match, -1, SQLITE_STATIC);
    for (size_t i = 0; i < p->n_binds; i++)
        sqlite3_bind_text(st, (int)i + 2, p->binds[i], -1, SQLITE_STATIC);
    long long rows = 0;
    int rc;
    size_t sink = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sink += (size_t)sqlite3_column_bytes(st, 2);
        rows++;
    }
    (void)sink;
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "bench_search_bench: baseline '%s': %s\n", p->match, sqlite3_errmsg(db));
        rows = -1;
    }
    sqlite3_finalize(st);
    return rows;
}

/* ---- presscut in-process ----------------------------------------------------------------------------- */

typedef struct pc_env {
    pc_store *store;
    pc_query_session *session; /* retargeted at each query, as an interactive screen would */
    pc_analyzer *analyzer;     /* the session's */
    FILE *devnull;
} pc_env;

static int print_hit(void *payload, const pc_search_hit *hit)
{
    pc_error err;
    return pc_printer_hit(payload, hit, &err);
}

/* One presscut run: parse, search, print into /dev/null. Returns 0 or an error with a message. */
static int run_presscut(pc_env *env, bench_query *bq, long long *total)
{
    pc_error err;
    pc_error_clear(&err);
    pc_printer *out = NULL;
    pc_query_options qopt = {.any = bq->any};
    int rc = pc_query_session_retarget(env->session, bq->text, &qopt, &err);
    if (rc == 0) {
        pc_printer_options oopt = {.format = PC_OUTPUT_TEXT, .color = false, .out = env->devnull, .query = bq->text};
        rc = pc_printer_new(&oopt, &out, &err);
    }
    pc_search_options sopt;
    pc_search_options_default(&sopt);
    sopt.limit = LIMIT;
    if (rc == 0)
        rc = pc_search_run(env->session, &sopt, print_hit, out, total, &err);
    if (rc == 0)
        rc = pc_printer_end(out, *total, 0, &err);
    if (rc != 0)
        fprintf(stderr, "bench_search_bench: '%s': %s\n", bq->text, err.msg[0] ? err.msg : "search failed");
    pc_printer_free(out);
    return rc;
}

/* ---- statistics -------------------------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted v[0..n). */
static double percentile(const double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    size_t k = (size_t)ceil(p * (double)n);
    return v[k ? k - 1 : 0];
}

static double median_of(const double *v, size_t n)
{
    double *copy = xmalloc(n * sizeof *copy);
    memcpy(copy, v, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, cmp_double);
    double m = percentile(copy, n, 0.5);
    free(copy);
    return m;
}

typedef struct type_stats {
    const char *type;
    size_t queries, pc_empty, fts_empty, failed;
    double *pc, *fts;
    size_t n_pc, n_fts;
} type_stats;

/* ---- the CLI ----------------------------------------------------------------------------------------- */

/* Wall time of one `BIN --db DB search [--any] -- QUERY` with stdout and stderr to /dev/null; < 0 when it
 * could not run or exited with status 2. */
static double cli_run(const char *bin, const char *db, const bench_query *q)
{
    char *argv[10];
    int n = 0;
    argv[n++] = (char *)bin;
    argv[n++] = "--db";
    argv[n++] = (char *)db;
    argv[n++] = "search";
    if (q->any)
        argv[n++] = "--any";
    argv[n++] = "--";
    argv[n++] = q->text;
    argv[n] = NULL;
    double start = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        execv(bin, argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    double ms = now_ms() - start;
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
        return -1;
    return ms;
}

/* ---- main -------------------------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: bench_search_bench --db INDEX --queries TSV [--reps R] [--presscut BIN] [--cli-reps N] "
                    "[--slowest N] [--plans]\n");
}

static int cmp_slowest(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return (x[0] < y[0]) - (x[0] > y[0]);
}

int main(int argc, char **argv)
{
    const char *db_path = NULL, *tsv = NULL, *bin = NULL;
    long reps = 20, cli_reps = 5, slowest = 10;
    bool show_plans = false;
    for (int i = 1; i < argc; i++) {
        bool v = i + 1 < argc;
        if (!strcmp(argv[i], "--db") && v)
            db_path = argv[++i];
        else if (!strcmp(argv[i], "--queries") && v)
            tsv = argv[++i];
        else if (!strcmp(argv[i], "--presscut") && v)
            bin = argv[++i];
        else if (!strcmp(argv[i], "--reps") && v)
            reps = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--cli-reps") && v)
            cli_reps = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--slowest") && v)
            slowest = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--plans"))
            show_plans = true;
        else {
            usage();
            return 2;
        }
    }
    if (!db_path || !tsv || reps < 1 || cli_reps < 0 || slowest < 0) {
        usage();
        return 2;
    }
    size_t n_queries = 0;
    bench_query *qs = read_queries(tsv, &n_queries);
    if (!qs)
        return 2;

    int exit_code = 2;
    pc_error err;
    pc_error_clear(&err);
    pc_env env = {0};
    sqlite3 *base = NULL;
    char tmp_dir[] = "/tmp/presscut-search-bench-XXXXXX";
    char base_path[sizeof tmp_dir + 16];
    bool have_tmp = mkdtemp(tmp_dir) != NULL;
    snprintf(base_path, sizeof base_path, "%s/fts5.db", tmp_dir);
    pc_store_options sopt = {.read_only = true};
    env.devnull = fopen("/dev/null", "w");
    if (!have_tmp || !env.devnull) {
        fprintf(stderr, "bench_search_bench: cannot make a temporary folder or open /dev/null\n");
        goto done;
    }
    if (pc_store_open(&env.store, db_path, &sopt, &err) != 0 ||
        pc_query_session_new(&env.session, env.store, NULL, NULL, &err) != 0) {
        fprintf(stderr, "bench_search_bench: %s\n", err.msg);
        goto done;
    }
    env.analyzer = pc_query_session_analyzer(env.session);
    long long articles = 0;
    double t0 = now_ms();
    if (build_baseline(db_path, base_path, &base, &articles) != 0)
        goto done;
    double build_ms = now_ms() - t0;
    printf("index %s: %lld articles; baseline FTS5 table built from them in %.1f s\n", db_path, articles,
           build_ms / 1e3);
    printf("%zu queries, each 1 warm-up + %ld timed runs, in-process, limit %d; presscut prints TEXT into /dev/null\n",
           n_queries, reps, LIMIT);

    /* Plans first (parsing for the translation is not timed), then the runs, interleaving the systems. */
    fts_plan *plans = xmalloc(n_queries * sizeof *plans);
    for (size_t i = 0; i < n_queries; i++) {
        pc_query *q = NULL;
        pc_query_options qopt = {.any = qs[i].any};
        memset(&plans[i], 0, sizeof plans[i]);
        if (pc_query_parse(env.analyzer, qs[i].text, &qopt, &q, &err) != 0) {
            fprintf(stderr, "bench_search_bench: '%s': %s\n", qs[i].text, err.msg);
            continue;
        }
        plan_query(q, &plans[i]);
        /* the bound filter values point into q: keep copies */
        for (size_t b = 0; b < plans[i].n_binds; b++)
            plans[i].binds[b] = xstrndup(plans[i].binds[b], strlen(plans[i].binds[b]));
        qs[i].fts_match = xstrndup(plans[i].match, strlen(plans[i].match));
        pc_query_free(q);
        qs[i].ok = true;
        if (show_plans)
            printf("%-7s %s\n        MATCH %s\n        %s\n", qs[i].type, qs[i].text, plans[i].match, plans[i].sql);
    }
    for (size_t i = 0; i < n_queries; i++) {
        bench_query *q = &qs[i];
        q->pc_ms = xmalloc((size_t)reps * sizeof *q->pc_ms);
        q->fts_ms = xmalloc((size_t)reps * sizeof *q->fts_ms);
        if (!q->ok)
            continue;
        for (long r = -1; r < reps && q->ok; r++) {
            long long total = 0;
            double start = now_ms();
            if (run_presscut(&env, q, &total) != 0)
                q->ok = false;
            double mid = now_ms();
            long long rows = run_baseline(base, &plans[i]);
            double end = now_ms();
            if (rows < 0)
                q->ok = false;
            if (r >= 0) {
                q->pc_ms[r] = mid - start;
                q->fts_ms[r] = end - mid;
            }
            q->pc_total = total;
            q->fts_rows = rows;
        }
    }

    /* Per type, in the order the types first appear. */
    type_stats *types = xmalloc(n_queries * sizeof *types);
    size_t n_types = 0;
    for (size_t i = 0; i < n_queries; i++) {
        type_stats *ts = NULL;
        for (size_t k = 0; k < n_types; k++)
            if (!strcmp(types[k].type, qs[i].type))
                ts = &types[k];
        if (!ts) {
            ts = &types[n_types++];
            memset(ts, 0, sizeof *ts);
            ts->type = qs[i].type;
            ts->pc = xmalloc((size_t)reps * n_queries * sizeof *ts->pc);
            ts->fts = xmalloc((size_t)reps * n_queries * sizeof *ts->fts);
        }
        ts->queries++;
        if (!qs[i].ok) {
            ts->failed++;
            continue;
        }
        ts->pc_empty += qs[i].pc_total == 0;
        ts->fts_empty += qs[i].fts_rows == 0;
        memcpy(ts->pc + ts->n_pc, qs[i].pc_ms, (size_t)reps * sizeof *ts->pc);
        memcpy(ts->fts + ts->n_fts, qs[i].fts_ms, (size_t)reps * sizeof *ts->fts);
        ts->n_pc += (size_t)reps;
        ts->n_fts += (size_t)reps;
    }
    printf("\nlatency in ms (all timed runs of the type's queries)\n");
    printf("%-8s %3s %6s | %-36s %5s | %-36s %5s\n", "type", "n", "failed", "presscut  p50 / p95 / p99 / max", "empty",
           "FTS5 bm25 porter  p50 / p95 / p99 / max", "empty");
    double *all_pc = xmalloc((size_t)reps * n_queries * sizeof *all_pc);
    double *all_fts = xmalloc((size_t)reps * n_queries * sizeof *all_fts);
    size_t n_all = 0;
    for (size_t k = 0; k < n_types; k++) {
        type_stats *ts = &types[k];
        memcpy(all_pc + n_all, ts->pc, ts->n_pc * sizeof *all_pc);
        memcpy(all_fts + n_all, ts->fts, ts->n_fts * sizeof *all_fts);
        n_all += ts->n_pc;
        qsort(ts->pc, ts->n_pc, sizeof *ts->pc, cmp_double);
        qsort(ts->fts, ts->n_fts, sizeof *ts->fts, cmp_double);
        char a[64], b[64];
        snprintf(a, sizeof a, "%7.2f %7.2f %7.2f %7.2f", percentile(ts->pc, ts->n_pc, 0.5),
                 percentile(ts->pc, ts->n_pc, 0.95), percentile(ts->pc, ts->n_pc, 0.99),
                 ts->n_pc ? ts->pc[ts->n_pc - 1] : NAN);
        snprintf(b, sizeof b, "%7.2f %7.2f %7.2f %7.2f", percentile(ts->fts, ts->n_fts, 0.5),
                 percentile(ts->fts, ts->n_fts, 0.95), percentile(ts->fts, ts->n_fts, 0.99),
                 ts->n_fts ? ts->fts[ts->n_fts - 1] : NAN);
        printf("%-8s %3zu %6zu | %-36s %5zu | %-36s %5zu\n", ts->type, ts->queries, ts->failed, a, ts->pc_empty, b,
               ts->fts_empty);
    }
    qsort(all_pc, n_all, sizeof *all_pc, cmp_double);
    qsort(all_fts, n_all, sizeof *all_fts, cmp_double);
    printf("%-8s %3zu %6s | %7.2f %7.2f %7.2f %7.2f %10s | %7.2f %7.2f %7.2f %7.2f\n", "all", n_queries, "",
           percentile(all_pc, n_all, 0.5), percentile(all_pc, n_all, 0.95), percentile(all_pc, n_all, 0.99),
           n_all ? all_pc[n_all - 1] : NAN, "", percentile(all_fts, n_all, 0.5), percentile(all_fts, n_all, 0.95),
           percentile(all_fts, n_all, 0.99), n_all ? all_fts[n_all - 1] : NAN);
    free(all_pc);
    free(all_fts);

    /* The slowest queries by presscut's median. */
    double (*order)[2] = xmalloc(n_queries * sizeof *order);
    size_t n_order = 0;
    for (size_t i = 0; i < n_queries; i++)
        if (qs[i].ok) {
            order[n_order][0] = median_of(qs[i].pc_ms, (size_t)reps);
            order[n_order][1] = (double)i;
            n_order++;
        }
    qsort(order, n_order, sizeof *order, cmp_slowest);
    printf("\nslowest queries (median ms; matching articles for presscut)\n");
    printf("%9s %9s %9s  %-7s %s\n", "presscut", "FTS5", "matches", "type", "query");
    for (size_t k = 0; k < n_order && k < (size_t)slowest; k++) {
        const bench_query *q = &qs[(size_t)order[k][1]];
        printf("%9.2f %9.2f %9lld  %-7s %s\n", order[k][0], median_of(q->fts_ms, (size_t)reps), q->pc_total, q->type,
               q->text);
    }
    free(order);

    if (bin && cli_reps > 0) {
        printf("\nCLI wall time, including process start (fork/exec of `presscut search`, median of %ld runs)\n",
               cli_reps);
        double *runs = xmalloc((size_t)cli_reps * sizeof *runs);
        for (size_t k = 0; k < n_types; k++) {
            const bench_query *q = NULL;
            for (size_t i = 0; i < n_queries && !q; i++)
                if (!strcmp(qs[i].type, types[k].type) && qs[i].ok)
                    q = &qs[i];
            if (!q)
                continue;
            size_t n = 0;
            for (long r = 0; r < cli_reps; r++) {
                double ms = cli_run(bin, db_path, q);
                if (ms >= 0)
                    runs[n++] = ms;
            }
            if (n)
                printf("%9.1f ms  %-7s %s\n", median_of(runs, n), q->type, q->text);
            else
                printf("%9s     %-7s %s (failed)\n", "-", q->type, q->text);
        }
        free(runs);
    }
    exit_code = 0;

    for (size_t k = 0; k < n_types; k++) {
        free(types[k].pc);
        free(types[k].fts);
    }
    free(types);
    for (size_t i = 0; i < n_queries; i++) {
        free(plans[i].sql);
        free(plans[i].match);
        for (size_t b = 0; b < plans[i].n_binds; b++)
            free((char *)plans[i].binds[b]);
    }
    free(plans);
done:
    for (size_t i = 0; i < n_queries; i++) {
        free(qs[i].type);
        free(qs[i].text);
        free(qs[i].pc_ms);
        free(qs[i].fts_ms);
        free(qs[i].fts_match);
    }
    free(qs);
    sqlite3_close(base);
    pc_query_session_free(env.session);
    pc_store_close(env.store);
    if (env.devnull)
        fclose(env.devnull);
    if (have_tmp) {
        char path[sizeof base_path + 8];
        unlink(base_path);
        snprintf(path, sizeof path, "%s-wal", base_path);
        unlink(path);
        snprintf(path, sizeof path, "%s-shm", base_path);
        unlink(path);
        rmdir(tmp_dir);
    }
    return exit_code;
}
