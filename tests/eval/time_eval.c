/* time_eval.c — relevance of `presscut search --any` on the TIME collection (1963, 423 articles, 83 queries
 * with judgments), against plain SQLite FTS5 (bm25, porter unicode61) on the same documents, in the same
 * run. Prints MAP, P@10 and nDCG@10 (binary gains, log2 discount) per system. Run by hand; not a test. Used
 * to tune the ranking parameters.
 *
 * presscut is measured along two paths, each with its own index: through its TIME reader (`BIN index
 * DIR/time/TIME.ALL`), and the way users hand over their own data: one JSON Lines export of the same
 * documents, {"id": "017", "text": "<the text after the *TEXT header, as in the file>"} per line, written to
 * the temporary folder and indexed with `BIN index FILE.jsonl`.
 *
 *   eval_time_eval --presscut BIN --corpus DIR [--db PATH] [--path reader|jsonl|both] [--params P]
 *                  [--grid | --grid-spec SPEC] [--per-query] [--keep-case] [--raw-numbering]
 *
 *   --presscut BIN   the presscut binary
 *   --corpus DIR     the shared corpus folder (holding time/); default $PRESSCUT_SHARED/corpus
 *   --db PATH        the index of the TIME reader path to build or reuse (default: a fresh one in a temporary
 *                    folder, removed after); the JSONL path's index is always a fresh one there
 *   --path P         the paths measured (default both); the grids run on each
 *   --params P       "k1=..,b=..,proximity=..,title=..,passages=.." given to presscut in the environment
 *                    variable PRESSCUT_RANK_PARAMS (keys left out keep presscut's defaults)
 *   --grid           also runs presscut once per value of a small sweep of each parameter alone (the others
 *                    as in --params), one row each
 *   --grid-spec SPEC the rows are every combination of SPEC's values, e.g. "k1=0.9:1.2:1.5,b=0.5:0.75"
 *   --per-query      prints each query's average precision for both systems
 *   --keep-case      sends the queries in capitals as written (the default lowercases them: the TIME queries
 *                    are ALL CAPITALS, so "AND", "OR", "NOT" in 28 of them would be read as operators)
 *   --raw-numbering  takes the judgments' document numbers as positions in TIME.ALL as they are (see below)
 *
 * Each query (text between *FIND headers, white space collapsed, a lone trailing "." dropped, lowercased) is
 * run as `BIN --db PATH search --any --format jsonl -n 1000 -- QUERY`, by fork/exec (no shell). Each JSON
 * line is a hit; its document is read from the tag "doc:N" (the TIME reader's position of the record), else
 * from its record "TEXT nnn", else from its record "line N" (line N of the export holds position N). The
 * baseline is an in-memory FTS5 table over the same documents (the text after each *TEXT header line), each
 * query an OR of its quoted words, ranked by bm25 (LIMIT 1000).
 *
 * Document numbering of TIME.REL.ALL (checked against the data): the numbers are positions in the original
 * 425-document file (the 1988 README says 425; the judgments use numbers up to 425), but this TIME.ALL holds
 * 423: two documents after position 370 are missing (probably TEXT 499 and 500: the numbering jumps from 498
 * to 501 there). For each of the 34 judgments numbered above 372, the document at position N-2 matches its
 * query far better (tf-idf rank) than the one at N (e.g. query 23 "countries newly joined the United
 * Nations" judges 425, which is position 423, "the U.N. grew to 113 members with the admission of Zanzibar
 * and Kenya"); for nearly all of the 290 below 371, position N is. No judgment uses 371 or 372. So a judged
 * number N > 372 is position N - 2 here. FTS5's MAP is 0.696 with this mapping and 0.626 without it
 * (--raw-numbering). */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MEASURE_PROGRAM "eval_time_eval"
#include "measure.h"

#define MAX_HITS 1000
#define CUTOFF 10
/* Judged numbers above this are shifted by MISSING_DOCS (see the comment at the top). */
#define LAST_UNSHIFTED 370
#define FIRST_SHIFTED 373
#define MISSING_DOCS 2
#define ORIGINAL_DOCS 425

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* a followed by b, malloc'd. */
static char *concat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *out = xmalloc(la + lb + 1);
    memcpy(out, a, la);
    memcpy(out + la, b, lb + 1);
    return out;
}

/* The whole file, NUL-terminated (malloc'd), or NULL with a message. */
static char *slurp(const char *path, size_t *len)
{
    size_t n = 0;
    char *buf = (char *)harness_read_file(path, &n);
    if (!buf)
        fprintf(stderr, "eval_time_eval: cannot read '%s': %s\n", path, strerror(errno));
    if (len)
        *len = n;
    return buf;
}

/* ---- the collection ---------------------------------------------------------------------------------- */

typedef struct doc {
    long text_number; /* from "*TEXT 017 ..." */
    char *body;       /* the text after the header line */
} doc;

typedef struct query {
    int id;           /* from "*FIND 46" */
    char *text;       /* as sent to presscut */
    int *relevant;    /* positions (1-based) in TIME.ALL, sorted, no repeats */
    size_t n_relevant;
} query;

typedef struct collection {
    doc *docs;        /* docs[i] is position i + 1 */
    size_t n_docs;
    query *queries;
    size_t n_queries;
    size_t judgments, judgments_dropped;
} collection;

static bool starts_line(const char *buf, const char *p)
{
    return p == buf || p[-1] == '\n';
}

/* Splits TIME.ALL at lines starting with "*TEXT" (a "*STOP" line ends the last one). */
static void read_docs(collection *c, char *all)
{
    size_t cap = 0;
    char *p = all;
    while ((p = strstr(p, "*TEXT")) != NULL) {
        if (!starts_line(all, p)) {
            p++;
            continue;
        }
        char *header_end = strchr(p, '\n');
        char *body = header_end ? header_end + 1 : p + strlen(p);
        char *next = body;
        while ((next = strchr(next, '*')) != NULL && !(starts_line(all, next) &&
                                                       (!strncmp(next, "*TEXT", 5) || !strncmp(next, "*STOP", 5))))
            next++;
        size_t body_len = next ? (size_t)(next - body) : strlen(body);
        if (c->n_docs == cap) {
            cap = cap ? cap * 2 : 512;
            c->docs = xrealloc(c->docs, cap * sizeof *c->docs);
        }
        doc *d = &c->docs[c->n_docs++];
        d->text_number = strtol(p + 5, NULL, 10);
        d->body = xmalloc(body_len + 1);
        memcpy(d->body, body, body_len);
        d->body[body_len] = '\0';
        if (!next || !strncmp(next, "*STOP", 5))
            break;
        p = next;
    }
}

/* White space collapsed, a lone trailing "." dropped, lowercased unless keep_case. In place. */
static void clean_query(char *s, bool keep_case)
{
    char *w = s;
    bool space = true;
    for (char *r = s; *r; r++) {
        unsigned char ch = (unsigned char)*r;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            if (!space)
                *w++ = ' ';
            space = true;
        } else {
            *w++ = keep_case ? (char)ch : (ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : (char)ch);
            space = false;
        }
    }
    while (w > s && w[-1] == ' ')
        w--;
    if (w > s && w[-1] == '.' && (w - 1 == s || w[-2] == ' ')) {
        w--;
        while (w > s && w[-1] == ' ')
            w--;
    }
    *w = '\0';
}

static void read_queries(collection *c, char *text, bool keep_case)
{
    size_t cap = 0;
    char *p = text;
    while ((p = strstr(p, "*FIND")) != NULL) {
        if (!starts_line(text, p)) {
            p++;
            continue;
        }
        char *after;
        long id = strtol(p + 5, &after, 10);
        char *next = after;
        while ((next = strstr(next, "*FIND")) != NULL && !starts_line(text, next))
            next++;
        size_t len = next ? (size_t)(next - after) : strlen(after);
        if (c->n_queries == cap) {
            cap = cap ? cap * 2 : 128;
            c->queries = xrealloc(c->queries, cap * sizeof *c->queries);
        }
        query *q = &c->queries[c->n_queries++];
        memset(q, 0, sizeof *q);
        q->id = (int)id;
        q->text = xmalloc(len + 1);
        memcpy(q->text, after, len);
        q->text[len] = '\0';
        clean_query(q->text, keep_case);
        if (!next)
            break;
        p = next;
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* A judged document number as a position in this TIME.ALL, or 0 when the document is not in it. */
static int judged_position(const collection *c, long number, bool raw)
{
    if (!raw && c->n_docs == ORIGINAL_DOCS - MISSING_DOCS && number > LAST_UNSHIFTED) {
        if (number < FIRST_SHIFTED)
            return 0;
        number -= MISSING_DOCS;
    }
    return number >= 1 && (size_t)number <= c->n_docs ? (int)number : 0;
}

static void read_judgments(collection *c, char *text, bool raw)
{
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *p = line, *end;
        long id = strtol(p, &end, 10);
        if (end == p)
            continue;
        query *q = NULL;
        for (size_t i = 0; i < c->n_queries; i++)
            if (c->queries[i].id == id)
                q = &c->queries[i];
        if (!q) {
            fprintf(stderr, "eval_time_eval: judgments for query %ld, which TIME.QUE does not have\n", id);
            continue;
        }
        for (p = end;; p = end) {
            long number = strtol(p, &end, 10);
            if (end == p)
                break;
            c->judgments++;
            int pos = judged_position(c, number, raw);
            if (!pos) {
                c->judgments_dropped++;
                continue;
            }
            q->relevant = xrealloc(q->relevant, (q->n_relevant + 1) * sizeof *q->relevant);
            q->relevant[q->n_relevant++] = pos;
        }
        qsort(q->relevant, q->n_relevant, sizeof *q->relevant, cmp_int);
        size_t n = 0;
        for (size_t i = 0; i < q->n_relevant; i++)
            if (n == 0 || q->relevant[n - 1] != q->relevant[i])
                q->relevant[n++] = q->relevant[i];
        q->n_relevant = n;
    }
}

static void collection_free(collection *c)
{
    for (size_t i = 0; i < c->n_docs; i++)
        free(c->docs[i].body);
    for (size_t i = 0; i < c->n_queries; i++) {
        free(c->queries[i].text);
        free(c->queries[i].relevant);
    }
    free(c->docs);
    free(c->queries);
}

/* ---- metrics ----------------------------------------------------------------------------------------- */

typedef struct scores {
    double ap, p10, ndcg10;
} scores;

static bool is_relevant(const query *q, int pos)
{
    return bsearch(&pos, q->relevant, q->n_relevant, sizeof *q->relevant, cmp_int) != NULL;
}

/* ranked: positions, best first, no repeats. AP over all judged relevant documents of q. */
static scores score_ranking(const query *q, const int *ranked, size_t n)
{
    scores s = {0};
    if (q->n_relevant == 0)
        return s;
    size_t found = 0;
    double dcg = 0, idcg = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_relevant(q, ranked[i]))
            continue;
        found++;
        s.ap += (double)found / (double)(i + 1);
        if (i < CUTOFF) {
            s.p10 += 1.0 / CUTOFF;
            dcg += 1.0 / log2((double)i + 2.0);
        }
    }
    s.ap /= (double)q->n_relevant;
    for (size_t i = 0; i < q->n_relevant && i < CUTOFF; i++)
        idcg += 1.0 / log2((double)i + 2.0);
    s.ndcg10 = dcg / idcg;
    return s;
}

typedef struct run_result {
    double map, p10, ndcg10;
    size_t evaluated;  /* queries with at least one judged document in the collection */
    size_t empty;      /* queries that found nothing */
    size_t failed;     /* queries the system refused (counted with scores 0) */
    double seconds;
    double *ap;        /* per query (index in collection.queries) */
} run_result;

static void add_scores(run_result *r, const collection *c, size_t qi, const int *ranked, size_t n)
{
    const query *q = &c->queries[qi];
    if (q->n_relevant == 0)
        return;
    scores s = score_ranking(q, ranked, n);
    r->map += s.ap;
    r->p10 += s.p10;
    r->ndcg10 += s.ndcg10;
    r->ap[qi] = s.ap;
    r->evaluated++;
}

static void finish_scores(run_result *r)
{
    if (r->evaluated) {
        r->map /= (double)r->evaluated;
        r->p10 /= (double)r->evaluated;
        r->ndcg10 /= (double)r->evaluated;
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the baseline: FTS5 bm25 ------------------------------------------------------------------------- */

/* An OR of the query's words (runs of ASCII letters and digits), each quoted; NULL when it has none. */
static char *fts5_any_expression(const char *text)
{
    size_t cap = strlen(text) * 6 + 16, n = 0;
    char *out = xmalloc(cap);
    const char *p = text;
    while (*p) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            p++;
        const char *start = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            p++;
        if (p == start)
            break;
        n += (size_t)sprintf(out + n, "%s\"%.*s\"", n ? " OR " : "", (int)(p - start), start);
    }
    if (n == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int run_baseline(const collection *c, run_result *r)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL, *sel = NULL;
    int rc = sqlite3_open(":memory:", &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61'); BEGIN", NULL,
                          NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES (?, ?)", -1, &ins, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < c->n_docs; i++) {
        sqlite3_bind_int64(ins, 1, (sqlite3_int64)(i + 1));
        sqlite3_bind_text(ins, 2, c->docs[i].body, -1, SQLITE_STATIC);
        rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(ins);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 1000", -1, &sel,
                                NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "eval_time_eval: baseline: %s\n", db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_finalize(ins);
        sqlite3_close(db);
        return -1;
    }
    int *ranked = xmalloc(MAX_HITS * sizeof *ranked);
    double start = now_seconds();
    for (size_t qi = 0; qi < c->n_queries; qi++) {
        char *expr = fts5_any_expression(c->queries[qi].text);
        size_t n = 0;
        if (expr) {
            sqlite3_bind_text(sel, 1, expr, -1, SQLITE_STATIC);
            int step;
            while ((step = sqlite3_step(sel)) == SQLITE_ROW && n < MAX_HITS)
                ranked[n++] = (int)sqlite3_column_int64(sel, 0);
            if (step != SQLITE_DONE && step != SQLITE_ROW) {
                fprintf(stderr, "eval_time_eval: baseline query %d: %s\n", c->queries[qi].id, sqlite3_errmsg(db));
                r->failed++;
            }
            sqlite3_reset(sel);
        }
        if (n == 0)
            r->empty++;
        add_scores(r, c, qi, ranked, n);
        free(expr);
    }
    r->seconds = now_seconds() - start;
    finish_scores(r);
    free(ranked);
    sqlite3_finalize(ins);
    sqlite3_finalize(sel);
    sqlite3_close(db);
    return 0;
}

/* ---- presscut, by fork/exec -------------------------------------------------------------------------- */

/* Runs argv with stdout into *out (malloc'd, NUL-terminated) and stderr into the file err_path; the child
 * gets PRESSCUT_RANK_PARAMS=params (unset when NULL). Returns the exit status, or -1 when it did not exit
 * normally or could not be started. */
static int run_program(char *const argv[], const char *params, const char *err_path, char **out, size_t *out_len)
{
    int fds[2];
    *out = NULL;
    *out_len = 0;
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        int err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (err_fd >= 0) {
            dup2(err_fd, 2);
            close(err_fd);
        }
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        if (params)
            setenv("PRESSCUT_RANK_PARAMS", params, 1);
        else
            unsetenv("PRESSCUT_RANK_PARAMS");
        execv(argv[0], argv);
        fprintf(stderr, "cannot run '%s': %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fds[0], buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    close(fds[0]);
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void print_file(const char *path, const char *prefix)
{
    char *text = slurp(path, NULL);
    if (text && *text)
        fprintf(stderr, "%s%s%s", prefix, text, text[strlen(text) - 1] == '\n' ? "" : "\n");
    free(text);
}

/* The document position of one JSON hit: tag "doc:N", else record "TEXT nnn" looked up among the documents,
 * else record "line N" of the JSONL export. 0 when none names one of ours. */
static int hit_position(const collection *c, json_t *hit)
{
    const char *tags = json_string_value(json_object_get(hit, "tags"));
    if (tags) {
        const char *p = strstr(tags, "doc:");
        while (p && p != tags && p[-1] != ' ' && p[-1] != ';')
            p = strstr(p + 1, "doc:");
        if (p) {
            long n = strtol(p + 4, NULL, 10);
            if (n >= 1 && (size_t)n <= c->n_docs)
                return (int)n;
        }
    }
    const char *record = json_string_value(json_object_get(hit, "record"));
    if (record && !strncmp(record, "TEXT ", 5)) {
        long number = strtol(record + 5, NULL, 10);
        for (size_t i = 0; i < c->n_docs; i++)
            if (c->docs[i].text_number == number)
                return (int)(i + 1);
    }
    if (record && !strncmp(record, "line ", 5)) {
        long line = strtol(record + 5, NULL, 10);
        if (line >= 1 && (size_t)line <= c->n_docs)
            return (int)line;
    }
    return 0;
}

/* Parses presscut's JSON Lines output into document positions in rank order (repeats dropped). Returns the
 * number of positions, or -1 after a message when a line is not a JSON object with a rank. */
static long parse_hits(const collection *c, char *jsonl, int *ranked, size_t max, int query_id)
{
    size_t n = 0;
    long long last_rank = 0;
    char *save = NULL;
    for (char *line = strtok_r(jsonl, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (!*line)
            continue;
        json_error_t jerr;
        json_t *hit = json_loads(line, 0, &jerr);
        if (!json_is_object(hit) || !json_is_integer(json_object_get(hit, "rank"))) {
            fprintf(stderr, "eval_time_eval: query %d: not a hit: %.120s%s\n", query_id, line,
                    hit ? "" : jerr.text);
            json_decref(hit);
            return -1;
        }
        long long rank = json_integer_value(json_object_get(hit, "rank"));
        if (rank <= last_rank)
            fprintf(stderr, "eval_time_eval: query %d: rank %lld after %lld\n", query_id, rank, last_rank);
        last_rank = rank;
        int pos = hit_position(c, hit);
        if (!pos) {
            json_t *id = json_object_get(hit, "article_id");
            fprintf(stderr, "eval_time_eval: query %d: hit %lld (article %lld) names no TIME document\n", query_id,
                    rank, json_is_integer(id) ? (long long)json_integer_value(id) : -1LL);
        }
        json_decref(hit);
        bool seen = pos == 0;
        for (size_t i = 0; i < n && !seen; i++)
            seen = ranked[i] == pos;
        if (!seen && n < max)
            ranked[n++] = pos;
    }
    return (long)n;
}

/* One path into presscut: its index, what is indexed into it, and its name in the table. */
typedef struct presscut_run {
    const char *bin, *db, *err_path;
    const char *input; /* TIME.ALL or the JSONL export */
    const char *label; /* "TIME reader", "JSONL export" */
} presscut_run;

static int run_presscut(const presscut_run *pr, const collection *c, const char *params, run_result *r)
{
    int *ranked = xmalloc(MAX_HITS * sizeof *ranked);
    double start = now_seconds();
    for (size_t qi = 0; qi < c->n_queries; qi++) {
        const query *q = &c->queries[qi];
        char *argv[] = {(char *)pr->bin, "--db", (char *)pr->db, "search", "--any", "--format", "jsonl",
                        "-n", "1000", "--", q->text, NULL};
        char *out;
        size_t out_len;
        int status = run_program(argv, params, pr->err_path, &out, &out_len);
        long n = 0;
        if (status == 0) {
            n = parse_hits(c, out, ranked, MAX_HITS, q->id);
            if (n < 0) {
                n = 0;
                r->failed++;
            } else if (n == 0) {
                r->empty++;
            }
        } else if (status == 1) {
            r->empty++;
        } else {
            fprintf(stderr, "eval_time_eval: query %d \"%s\": presscut exit status %d\n", q->id, q->text, status);
            print_file(pr->err_path, "  ");
            r->failed++;
        }
        add_scores(r, c, qi, ranked, (size_t)n);
        free(out);
    }
    r->seconds = now_seconds() - start;
    finish_scores(r);
    free(ranked);
    return 0;
}

static int index_collection(const presscut_run *pr)
{
    char *argv[] = {(char *)pr->bin, "--db", (char *)pr->db, "index", (char *)pr->input, NULL};
    char *out;
    size_t out_len;
    int status = run_program(argv, NULL, pr->err_path, &out, &out_len);
    free(out);
    if (status != 0) {
        fprintf(stderr, "eval_time_eval: indexing '%s' failed (exit status %d)\n", pr->input, status);
        print_file(pr->err_path, "  ");
        return -1;
    }
    return 0;
}

/* Writes the documents as one JSON Lines export, {"id": "017", "text": ...} per line in TIME.ALL's order, the
 * text as in the file without the white space around it. Returns 0, or -1 after a message. */
static int write_jsonl_export(const collection *c, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "eval_time_eval: cannot write '%s': %s\n", path, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < c->n_docs && rc == 0; i++) {
        const char *text = c->docs[i].body;
        size_t len = strlen(text);
        while (len > 0 && (*text == '\n' || *text == ' ')) {
            text++;
            len--;
        }
        while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
            len--;
        char id[32];
        snprintf(id, sizeof id, "%03ld", c->docs[i].text_number);
        json_t *obj = json_pack("{s:s, s:s%}", "id", id, "text", text, len);
        char *line = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
        if (!line || fprintf(f, "%s\n", line) < 0)
            rc = -1;
        free(line);
        json_decref(obj);
    }
    if (fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "eval_time_eval: cannot write '%s'\n", path);
    return rc;
}

/* ---- the table --------------------------------------------------------------------------------------- */

static void print_header(void)
{
    printf("%-56s %7s %7s %8s %8s %6s %7s %8s\n", "system", "MAP", "P@10", "nDCG@10", "queries", "empty", "failed",
           "seconds");
}

static void print_row(const char *name, const run_result *r)
{
    printf("%-56s %7.4f %7.4f %8.4f %8zu %6zu %7zu %8.2f\n", name, r->map, r->p10, r->ndcg10, r->evaluated, r->empty,
           r->failed, r->seconds);
    fflush(stdout);
}

/* ---- parameter grids --------------------------------------------------------------------------------- */

/* base with key=value set (replacing key's value when base has one). malloc'd. */
static char *params_with(const char *base, const char *key, const char *value)
{
    size_t cap = (base ? strlen(base) : 0) + strlen(key) + strlen(value) + 4, n = 0;
    char *out = xmalloc(cap);
    out[0] = '\0';
    size_t key_len = strlen(key);
    if (base) {
        const char *p = base;
        while (*p) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            bool same = len > key_len && !strncmp(p, key, key_len) && p[key_len] == '=';
            if (!same && len > 0)
                n += (size_t)sprintf(out + n, "%s%.*s", n ? "," : "", (int)len, p);
            p += len;
            if (*p == ',')
                p++;
        }
    }
    sprintf(out + n, "%s%s=%s", n ? "," : "", key, value);
    return out;
}

static int run_row(const presscut_run *pr, const collection *c, const char *params)
{
    run_result r = {0};
    r.ap = calloc(c->n_queries ? c->n_queries : 1, sizeof *r.ap);
    if (!r.ap)
        return -1;
    run_presscut(pr, c, params, &r);
    char name[256];
    snprintf(name, sizeof name, "presscut --any, %s %s", pr->label, params ? params : "");
    print_row(name, &r);
    free(r.ap);
    return 0;
}

/* One parameter at a time over a few values, the others as in base. */
static void sweep(const presscut_run *pr, const collection *c, const char *base)
{
    static const struct {
        const char *key;
        const char *values[6];
    } grid[] = {
        {"k1", {"0.6", "0.9", "1.2", "1.5", "2.0", NULL}},
        {"b", {"0.3", "0.5", "0.75", "0.9", NULL}},
        {"proximity", {"0", "0.25", "0.5", "1", "2", NULL}},
        {"title", {"0", "1", "2", "4", NULL}},
        {"passages", {"0", "0.25", "0.5", "1", NULL}},
    };
    for (size_t i = 0; i < sizeof grid / sizeof grid[0]; i++)
        for (size_t j = 0; grid[i].values[j]; j++) {
            char *params = params_with(base, grid[i].key, grid[i].values[j]);
            run_row(pr, c, params);
            free(params);
        }
}

/* Every combination of the values in spec ("k1=0.9:1.2,b=0.5:0.75"), the other keys as in base. */
static int grid_spec(const presscut_run *pr, const collection *c, const char *base, const char *spec)
{
    char *copy = xstrdup(spec);
    char *keys[16], *values[16][16];
    size_t n_keys = 0, n_values[16] = {0};
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq || n_keys == 16) {
            fprintf(stderr, "eval_time_eval: --grid-spec: '%s' is not key=v1:v2:...\n", item);
            free(copy);
            return -1;
        }
        *eq = '\0';
        keys[n_keys] = item;
        char *vsave = NULL;
        for (char *v = strtok_r(eq + 1, ":", &vsave); v && n_values[n_keys] < 16; v = strtok_r(NULL, ":", &vsave))
            values[n_keys][n_values[n_keys]++] = v;
        if (n_values[n_keys] == 0) {
            fprintf(stderr, "eval_time_eval: --grid-spec: no values for '%s'\n", item);
            free(copy);
            return -1;
        }
        n_keys++;
    }
    size_t at[16] = {0};
    for (;;) {
        char *params = base ? xstrdup(base) : NULL;
        for (size_t k = 0; k < n_keys; k++) {
            char *next = params_with(params, keys[k], values[k][at[k]]);
            free(params);
            params = next;
        }
        run_row(pr, c, params);
        free(params);
        size_t k = 0;
        while (k < n_keys && ++at[k] == n_values[k])
            at[k++] = 0;
        if (k == n_keys)
            break;
    }
    free(copy);
    return 0;
}

/* ---- main -------------------------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: eval_time_eval --presscut BIN [--corpus DIR] [--db PATH] [--path reader|jsonl|both] "
                    "[--params P] [--grid | --grid-spec SPEC] [--per-query] [--keep-case] [--raw-numbering]\n");
}

/* Removes dir + name (name starts with '/') when it exists. */
static void remove_in(const char *dir, const char *name)
{
    char *path = concat(dir, name);
    unlink(path);
    free(path);
}

int main(int argc, char **argv)
{
    const char *bin = NULL, *corpus = NULL, *db = NULL, *params = NULL, *spec = NULL, *path = "both";
    bool grid = false, per_query = false, keep_case = false, raw = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--presscut") && has_value)
            bin = argv[++i];
        else if (!strcmp(a, "--corpus") && has_value)
            corpus = argv[++i];
        else if (!strcmp(a, "--db") && has_value)
            db = argv[++i];
        else if (!strcmp(a, "--path") && has_value)
            path = argv[++i];
        else if (!strcmp(a, "--params") && has_value)
            params = argv[++i];
        else if (!strcmp(a, "--grid-spec") && has_value)
            spec = argv[++i];
        else if (!strcmp(a, "--grid"))
            grid = true;
        else if (!strcmp(a, "--per-query"))
            per_query = true;
        else if (!strcmp(a, "--keep-case"))
            keep_case = true;
        else if (!strcmp(a, "--raw-numbering"))
            raw = true;
        else {
            usage();
            return 2;
        }
    }
    bool reader_path = !strcmp(path, "reader") || !strcmp(path, "both");
    bool jsonl_path = !strcmp(path, "jsonl") || !strcmp(path, "both");
    if (!bin || !(reader_path || jsonl_path)) {
        usage();
        return 2;
    }
    char *corpus_owned = NULL;
    if (!corpus) {
        const char *shared = getenv("PRESSCUT_SHARED");
        corpus = corpus_owned = concat(shared && *shared ? shared : "../shared", "/corpus");
    }
    char *all_path = concat(corpus, "/time/TIME.ALL"), *que_path = concat(corpus, "/time/TIME.QUE"),
         *rel_path = concat(corpus, "/time/TIME.REL.ALL");

    collection c = {0};
    char *all = slurp(all_path, NULL), *que = slurp(que_path, NULL), *rel = slurp(rel_path, NULL);
    free(que_path);
    free(rel_path);
    free(corpus_owned);
    if (!all || !que || !rel) {
        free(all);
        free(que);
        free(rel);
        free(all_path);
        return 2;
    }
    read_docs(&c, all);
    read_queries(&c, que, keep_case);
    read_judgments(&c, rel, raw);
    free(all);
    free(que);
    free(rel);
    size_t judged_queries = 0;
    for (size_t i = 0; i < c.n_queries; i++)
        judged_queries += c.queries[i].n_relevant > 0;
    printf("TIME: %zu documents, %zu queries (%zu with judgments), %zu judgments (%zu name no document here)%s\n",
           c.n_docs, c.n_queries, judged_queries, c.judgments, c.judgments_dropped,
           raw ? "; numbering taken as is" : "");

    char tmp_dir[] = "/tmp/presscut-time-eval-XXXXXX";
    if (!mkdtemp(tmp_dir)) {
        fprintf(stderr, "eval_time_eval: cannot make a temporary folder: %s\n", strerror(errno));
        collection_free(&c);
        free(all_path);
        return 2;
    }
    char *db_owned = NULL, *err_path = concat(tmp_dir, "/stderr"), *jsonl_db = concat(tmp_dir, "/jsonl.db"),
         *jsonl_export = concat(tmp_dir, "/time.jsonl");
    if (!db)
        db = db_owned = concat(tmp_dir, "/time.db");
    presscut_run paths[2];
    size_t n_paths = 0;
    if (reader_path)
        paths[n_paths++] = (presscut_run){.bin = bin, .db = db, .err_path = err_path, .input = all_path,
                                          .label = "TIME reader"};
    if (jsonl_path)
        paths[n_paths++] = (presscut_run){.bin = bin, .db = jsonl_db, .err_path = err_path, .input = jsonl_export,
                                          .label = "JSONL export"};

    int exit_code = 0;
    run_result base = {0}, pc[2];
    memset(pc, 0, sizeof pc);
    base.ap = calloc(c.n_queries ? c.n_queries : 1, sizeof *base.ap);
    for (size_t p = 0; p < 2; p++)
        pc[p].ap = calloc(c.n_queries ? c.n_queries : 1, sizeof *pc[p].ap);
    if (!base.ap || !pc[0].ap || !pc[1].ap || run_baseline(&c, &base) != 0 ||
        (jsonl_path && write_jsonl_export(&c, jsonl_export) != 0)) {
        exit_code = 2;
        goto done;
    }
    for (size_t p = 0; p < n_paths; p++)
        if (index_collection(&paths[p]) != 0) {
            exit_code = 2;
            goto done;
        }
    for (size_t p = 0; p < n_paths; p++)
        run_presscut(&paths[p], &c, params, &pc[p]);
    print_header();
    for (size_t p = 0; p < n_paths; p++) {
        char name[256];
        snprintf(name, sizeof name, "presscut --any, %s%s%s", paths[p].label, params ? " " : "",
                 params ? params : "");
        print_row(name, &pc[p]);
    }
    print_row("FTS5 bm25 porter", &base);
    if (per_query) {
        printf("\n%6s %9s", "query", "judged");
        for (size_t p = 0; p < n_paths; p++)
            printf(" %9s", p == 0 && reader_path ? "AP reader" : "AP jsonl");
        printf(" %9s  %s\n", "AP fts5", "text");
        for (size_t i = 0; i < c.n_queries; i++) {
            printf("%6d %9zu", c.queries[i].id, c.queries[i].n_relevant);
            for (size_t p = 0; p < n_paths; p++)
                printf(" %9.4f", pc[p].ap[i]);
            printf(" %9.4f  %s\n", base.ap[i], c.queries[i].text);
        }
    }
    if (grid || spec) {
        printf("\n");
        print_header();
        for (size_t p = 0; p < n_paths; p++) {
            if (spec) {
                if (grid_spec(&paths[p], &c, params, spec) != 0)
                    exit_code = 2;
            } else {
                sweep(&paths[p], &c, params);
            }
        }
    }

done:
    free(base.ap);
    free(pc[0].ap);
    free(pc[1].ap);
    collection_free(&c);
    if (db_owned) {
        remove_in(tmp_dir, "/time.db");
        remove_in(tmp_dir, "/time.db-wal");
        remove_in(tmp_dir, "/time.db-shm");
    }
    remove_in(tmp_dir, "/jsonl.db");
    remove_in(tmp_dir, "/jsonl.db-wal");
    remove_in(tmp_dir, "/jsonl.db-shm");
    remove_in(tmp_dir, "/time.jsonl");
    remove_in(tmp_dir, "/stderr");
    rmdir(tmp_dir);
    free(db_owned);
    free(err_path);
    free(jsonl_db);
    free(jsonl_export);
    free(all_path);
    return exit_code;
}
