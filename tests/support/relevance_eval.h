/* relevance_eval.h — the shared parts of the judged-collection evaluations (tests/eval/time_eval.c,
 * tests/eval/classic_ir_eval.c): a collection of documents and judged queries, MAP / P@10 / nDCG@10 (binary
 * gains, log2 discount), the plain FTS5 bm25 baseline (porter unicode61, an OR of the query's quoted words),
 * running the built presscut by fork/exec (`index`, then `search --any --format jsonl -n 1000` per query),
 * the JSON Lines export users would hand over, the result table and the parameter grids. Define
 * MEASURE_PROGRAM (measure.h) before including. Everything allocated here is malloc'd and freed by the
 * matching *_free; on out of memory the program exits (measure.h). */
#ifndef PRESSCUT_TEST_RELEVANCE_EVAL_H
#define PRESSCUT_TEST_RELEVANCE_EVAL_H

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"
#include "run_capture.h"

#define EVAL_MAX_HITS 1000
#define EVAL_CUTOFF 10

/* ---- the collection ---------------------------------------------------------------------------------- */

typedef struct eval_doc {
    char *id;    /* the collection's own number, as written in the export */
    char *title; /* NULL when the collection has none */
    char *body;
} eval_doc;

typedef struct eval_query {
    int id;
    char *text;        /* as sent to presscut */
    int *relevant;     /* positions (1-based) of the documents, sorted, no repeats (eval_query_sort) */
    size_t n_relevant;
} eval_query;

typedef struct eval_collection {
    eval_doc *docs; /* docs[i] is position i + 1 */
    size_t n_docs, docs_cap;
    eval_query *queries;
    size_t n_queries, queries_cap;
} eval_collection;

/* Appends a document taking ownership of id, title (may be NULL) and body. */
static inline void eval_add_doc(eval_collection *c, char *id, char *title, char *body)
{
    if (c->n_docs == c->docs_cap) {
        c->docs_cap = c->docs_cap ? c->docs_cap * 2 : 512;
        c->docs = xrealloc(c->docs, c->docs_cap * sizeof *c->docs);
    }
    c->docs[c->n_docs++] = (eval_doc){.id = id, .title = title, .body = body};
}

/* Appends a query without judgments taking ownership of text; returns it (valid until the next append). */
static inline eval_query *eval_add_query(eval_collection *c, int id, char *text)
{
    if (c->n_queries == c->queries_cap) {
        c->queries_cap = c->queries_cap ? c->queries_cap * 2 : 128;
        c->queries = xrealloc(c->queries, c->queries_cap * sizeof *c->queries);
    }
    eval_query *q = &c->queries[c->n_queries++];
    *q = (eval_query){.id = id, .text = text};
    return q;
}

/* The query numbered id, or NULL. */
static inline eval_query *eval_find_query(eval_collection *c, int id)
{
    for (size_t i = 0; i < c->n_queries; i++)
        if (c->queries[i].id == id)
            return &c->queries[i];
    return NULL;
}

static inline void eval_add_relevant(eval_query *q, int position)
{
    q->relevant = xrealloc(q->relevant, (q->n_relevant + 1) * sizeof *q->relevant);
    q->relevant[q->n_relevant++] = position;
}

static inline int eval_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts every query's judged positions and drops repeats; call once all judgments are added. */
static inline void eval_sort_judgments(eval_collection *c)
{
    for (size_t qi = 0; qi < c->n_queries; qi++) {
        eval_query *q = &c->queries[qi];
        if (q->n_relevant > 1)
            qsort(q->relevant, q->n_relevant, sizeof *q->relevant, eval_cmp_int);
        size_t n = 0;
        for (size_t i = 0; i < q->n_relevant; i++)
            if (n == 0 || q->relevant[n - 1] != q->relevant[i])
                q->relevant[n++] = q->relevant[i];
        q->n_relevant = n;
    }
}

static inline size_t eval_judged_queries(const eval_collection *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_queries; i++)
        n += c->queries[i].n_relevant > 0;
    return n;
}

static inline void eval_collection_free(eval_collection *c)
{
    for (size_t i = 0; i < c->n_docs; i++) {
        free(c->docs[i].id);
        free(c->docs[i].title);
        free(c->docs[i].body);
    }
    for (size_t i = 0; i < c->n_queries; i++) {
        free(c->queries[i].text);
        free(c->queries[i].relevant);
    }
    free(c->docs);
    free(c->queries);
    memset(c, 0, sizeof *c);
}

/* White space collapsed, a lone trailing "." dropped, lowercased unless keep_case. In place. Lowercasing
 * keeps "AND", "OR", "NOT" of questions written in capitals from being read as operators. */
static inline void eval_clean_query(char *s, bool keep_case)
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

/* ---- metrics ----------------------------------------------------------------------------------------- */

typedef struct eval_scores {
    double ap, p10, ndcg10;
} eval_scores;

static inline bool eval_is_relevant(const eval_query *q, int pos)
{
    return bsearch(&pos, q->relevant, q->n_relevant, sizeof *q->relevant, eval_cmp_int) != NULL;
}

/* ranked: positions, best first, no repeats. AP over all judged relevant documents of q. */
static inline eval_scores eval_score_ranking(const eval_query *q, const int *ranked, size_t n)
{
    eval_scores s = {0};
    if (q->n_relevant == 0)
        return s;
    size_t found = 0;
    double dcg = 0, idcg = 0;
    for (size_t i = 0; i < n; i++) {
        if (!eval_is_relevant(q, ranked[i]))
            continue;
        found++;
        s.ap += (double)found / (double)(i + 1);
        if (i < EVAL_CUTOFF) {
            s.p10 += 1.0 / EVAL_CUTOFF;
            dcg += 1.0 / log2((double)i + 2.0);
        }
    }
    s.ap /= (double)q->n_relevant;
    for (size_t i = 0; i < q->n_relevant && i < EVAL_CUTOFF; i++)
        idcg += 1.0 / log2((double)i + 2.0);
    s.ndcg10 = dcg / idcg;
    return s;
}

/* One system's run over a collection. */
typedef struct eval_run {
    double map, p10, ndcg10;
    size_t evaluated; /* queries with at least one judged document in the collection */
    size_t empty;     /* queries that found nothing */
    size_t failed;    /* queries the system refused (counted with scores 0) */
    double seconds;
    double *ap;       /* per query (index in eval_collection.queries) */
} eval_run;

static inline void eval_run_init(eval_run *r, const eval_collection *c)
{
    memset(r, 0, sizeof *r);
    r->ap = xmalloc((c->n_queries ? c->n_queries : 1) * sizeof *r->ap);
    memset(r->ap, 0, (c->n_queries ? c->n_queries : 1) * sizeof *r->ap);
}

static inline void eval_run_free(eval_run *r)
{
    free(r->ap);
    r->ap = NULL;
}

static inline void eval_add_scores(eval_run *r, const eval_collection *c, size_t qi, const int *ranked, size_t n)
{
    const eval_query *q = &c->queries[qi];
    if (q->n_relevant == 0)
        return;
    eval_scores s = eval_score_ranking(q, ranked, n);
    r->map += s.ap;
    r->p10 += s.p10;
    r->ndcg10 += s.ndcg10;
    r->ap[qi] = s.ap;
    r->evaluated++;
}

static inline void eval_finish_scores(eval_run *r)
{
    if (r->evaluated) {
        r->map /= (double)r->evaluated;
        r->p10 /= (double)r->evaluated;
        r->ndcg10 /= (double)r->evaluated;
    }
}

static inline double eval_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the baseline: FTS5 bm25 ------------------------------------------------------------------------- */

/* True for the characters of the words the evaluations compare on: ASCII letters and digits. */
static inline bool eval_is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* An OR of the query's words (runs of eval_is_word_char), each quoted; NULL when it has none. */
static inline char *eval_fts5_any_expression(const char *text)
{
    size_t cap = strlen(text) * 6 + 16, n = 0;
    char *out = xmalloc(cap);
    for (const char *p = text; *p;) {
        if (!eval_is_word_char(*p)) {
            p++;
            continue;
        }
        const char *start = p;
        while (eval_is_word_char(*p))
            p++;
        n += (size_t)sprintf(out + n, "%s\"%.*s\"", n ? " OR " : "", (int)(p - start), start);
    }
    if (n == 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* Plain FTS5 over the same documents (columns title and body, porter unicode61), each query an OR of its
 * quoted words ranked by bm25. Fills r (eval_run_init'ed). Returns 0, or -1 after a message. */
static inline int eval_run_baseline(const eval_collection *c, eval_run *r)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL, *sel = NULL;
    int rc = sqlite3_open(":memory:", &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61'); BEGIN",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", -1, &ins, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < c->n_docs; i++) {
        sqlite3_bind_int64(ins, 1, (sqlite3_int64)(i + 1));
        sqlite3_bind_text(ins, 2, c->docs[i].title ? c->docs[i].title : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, c->docs[i].body, -1, SQLITE_STATIC);
        rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(ins);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 1000", -1, &sel,
                                NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "%s: baseline: %s\n", MEASURE_PROGRAM, db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_finalize(ins);
        sqlite3_close(db);
        return -1;
    }
    int *ranked = xmalloc(EVAL_MAX_HITS * sizeof *ranked);
    double start = eval_now_seconds();
    for (size_t qi = 0; qi < c->n_queries; qi++) {
        char *expr = eval_fts5_any_expression(c->queries[qi].text);
        size_t n = 0;
        if (expr) {
            sqlite3_bind_text(sel, 1, expr, -1, SQLITE_STATIC);
            int step;
            while ((step = sqlite3_step(sel)) == SQLITE_ROW && n < EVAL_MAX_HITS)
                ranked[n++] = (int)sqlite3_column_int64(sel, 0);
            if (step != SQLITE_DONE && step != SQLITE_ROW) {
                fprintf(stderr, "%s: baseline query %d: %s\n", MEASURE_PROGRAM, c->queries[qi].id,
                        sqlite3_errmsg(db));
                r->failed++;
            }
            sqlite3_reset(sel);
        }
        if (n == 0)
            r->empty++;
        eval_add_scores(r, c, qi, ranked, n);
        free(expr);
    }
    r->seconds = eval_now_seconds() - start;
    eval_finish_scores(r);
    free(ranked);
    sqlite3_finalize(ins);
    sqlite3_finalize(sel);
    sqlite3_close(db);
    return 0;
}

/* ---- presscut, by fork/exec -------------------------------------------------------------------------- */

/* Runs argv as run_capture does (stdout into *out, malloc'd; stderr into the file err_path), with
 * PRESSCUT_RANK_PARAMS=params in its environment (unset when NULL). Returns the exit status, or -1 when it
 * did not exit normally or could not be started. */
static inline int eval_run_program(char *const argv[], const char *params, const char *err_path, char **out,
                                   size_t *out_len)
{
    if (params)
        setenv("PRESSCUT_RANK_PARAMS", params, 1);
    else
        unsetenv("PRESSCUT_RANK_PARAMS");
    return run_capture(argv, err_path, out, out_len);
}

/* Copies the file at path to stderr, each line after prefix (nothing when it is empty or unreadable). */
static inline void eval_print_file(const char *path, const char *prefix)
{
    size_t len = 0;
    char *text = (char *)harness_read_file(path, &len);
    if (text && *text)
        fprintf(stderr, "%s%s%s", prefix, text, text[strlen(text) - 1] == '\n' ? "" : "\n");
    free(text);
}

/* The document position (1-based) one JSON hit names, 0 when none of c's. */
typedef int (*eval_hit_position_fn)(const eval_collection *c, json_t *hit);

/* The position of a hit from the JSON Lines export: its record "line N" (line N of the export holds
 * position N); 0 otherwise. */
static inline int eval_export_line_position(const eval_collection *c, json_t *hit)
{
    const char *record = json_string_value(json_object_get(hit, "record"));
    if (record && !strncmp(record, "line ", 5)) {
        long line = strtol(record + 5, NULL, 10);
        if (line >= 1 && (size_t)line <= c->n_docs)
            return (int)line;
    }
    return 0;
}

/* Parses presscut's JSON Lines output into document positions in rank order (repeats dropped); the closing
 * {"suggestions": [...]} line is not a hit and is passed over. Returns the number of positions, or -1 after
 * a message when a line is neither. */
static inline long eval_parse_hits(const eval_collection *c, eval_hit_position_fn position, char *jsonl,
                                   int *ranked, size_t max, int query_id)
{
    size_t n = 0;
    long long last_rank = 0;
    char *save = NULL;
    for (char *line = strtok_r(jsonl, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (!*line)
            continue;
        json_error_t jerr;
        json_t *hit = json_loads(line, 0, &jerr);
        if (json_is_object(hit) && json_object_size(hit) == 1 && json_object_get(hit, "suggestions")) {
            json_decref(hit);
            continue;
        }
        if (!json_is_object(hit) || !json_is_integer(json_object_get(hit, "rank"))) {
            fprintf(stderr, "%s: query %d: not a hit: %.120s%s\n", MEASURE_PROGRAM, query_id, line,
                    hit ? "" : jerr.text);
            json_decref(hit);
            return -1;
        }
        long long rank = json_integer_value(json_object_get(hit, "rank"));
        if (rank <= last_rank)
            fprintf(stderr, "%s: query %d: rank %lld after %lld\n", MEASURE_PROGRAM, query_id, rank, last_rank);
        last_rank = rank;
        int pos = position(c, hit);
        if (!pos) {
            json_t *id = json_object_get(hit, "article_id");
            fprintf(stderr, "%s: query %d: hit %lld (article %lld) names no document of the collection\n",
                    MEASURE_PROGRAM, query_id, rank, json_is_integer(id) ? (long long)json_integer_value(id) : -1LL);
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

/* One path into presscut: its index, what is indexed into it, its name in the table, and how a hit names
 * a document. */
typedef struct eval_presscut_path {
    const char *bin, *db, *err_path;
    const char *input; /* the file indexed */
    const char *label; /* "TIME reader", "JSONL export", ... */
    eval_hit_position_fn position;
} eval_presscut_path;

/* `BIN --db DB index INPUT`. Returns 0, or -1 after a message. */
static inline int eval_index(const eval_presscut_path *pp)
{
    char *argv[] = {(char *)pp->bin, "--db", (char *)pp->db, "index", (char *)pp->input, NULL};
    char *out;
    size_t out_len;
    int status = eval_run_program(argv, NULL, pp->err_path, &out, &out_len);
    free(out);
    if (status != 0) {
        fprintf(stderr, "%s: indexing '%s' failed (exit status %d)\n", MEASURE_PROGRAM, pp->input, status);
        eval_print_file(pp->err_path, "  ");
        return -1;
    }
    return 0;
}

/* Runs every query as `BIN --db DB search --any --format jsonl -n 1000 -- QUERY` with params in
 * PRESSCUT_RANK_PARAMS (NULL: unset) and scores it into r (eval_run_init'ed). */
static inline void eval_run_presscut(const eval_presscut_path *pp, const eval_collection *c, const char *params,
                                     eval_run *r)
{
    int *ranked = xmalloc(EVAL_MAX_HITS * sizeof *ranked);
    double start = eval_now_seconds();
    for (size_t qi = 0; qi < c->n_queries; qi++) {
        const eval_query *q = &c->queries[qi];
        char *argv[] = {(char *)pp->bin, "--db", (char *)pp->db, "search", "--any", "--format", "jsonl",
                        "-n", "1000", "--", q->text, NULL};
        char *out;
        size_t out_len;
        int status = eval_run_program(argv, params, pp->err_path, &out, &out_len);
        long n = 0;
        if (status == 0) {
            n = eval_parse_hits(c, pp->position, out, ranked, EVAL_MAX_HITS, q->id);
            if (n < 0) {
                n = 0;
                r->failed++;
            } else if (n == 0) {
                r->empty++;
            }
        } else if (status == 1) {
            r->empty++;
        } else {
            fprintf(stderr, "%s: query %d \"%s\": presscut exit status %d\n", MEASURE_PROGRAM, q->id, q->text,
                    status);
            eval_print_file(pp->err_path, "  ");
            r->failed++;
        }
        eval_add_scores(r, c, qi, ranked, (size_t)n);
        free(out);
    }
    r->seconds = eval_now_seconds() - start;
    eval_finish_scores(r);
    free(ranked);
}

/* Trims the white space (' ', '\n') around text[0..*len). */
static inline const char *eval_trim(const char *text, size_t *len)
{
    while (*len > 0 && (*text == '\n' || *text == ' ')) {
        text++;
        (*len)--;
    }
    while (*len > 0 && (text[*len - 1] == '\n' || text[*len - 1] == ' '))
        (*len)--;
    return text;
}

/* Writes the documents as one JSON Lines export in their order, {"id": ..., "title": ..., "text": ...} per
 * line (no title when the document has none), texts without the white space around them. Returns 0, or -1
 * after a message. */
static inline int eval_write_jsonl_export(const eval_collection *c, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", MEASURE_PROGRAM, path, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < c->n_docs && rc == 0; i++) {
        const eval_doc *d = &c->docs[i];
        size_t len = strlen(d->body);
        const char *text = eval_trim(d->body, &len);
        json_t *obj = json_pack("{s:s, s:s%}", "id", d->id, "text", text, len);
        if (obj && d->title) {
            size_t title_len = strlen(d->title);
            const char *title = eval_trim(d->title, &title_len);
            json_object_set_new(obj, "title", json_stringn(title, title_len));
        }
        char *line = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
        if (!line || fprintf(f, "%s\n", line) < 0)
            rc = -1;
        free(line);
        json_decref(obj);
    }
    if (fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "%s: cannot write '%s'\n", MEASURE_PROGRAM, path);
    return rc;
}

/* ---- the table --------------------------------------------------------------------------------------- */

static inline void eval_print_header(void)
{
    printf("%-56s %7s %7s %8s %8s %6s %7s %8s\n", "system", "MAP", "P@10", "nDCG@10", "queries", "empty", "failed",
           "seconds");
}

static inline void eval_print_row(const char *name, const eval_run *r)
{
    printf("%-56s %7.4f %7.4f %8.4f %8zu %6zu %7zu %8.2f\n", name, r->map, r->p10, r->ndcg10, r->evaluated, r->empty,
           r->failed, r->seconds);
    fflush(stdout);
}

/* ---- parameter grids --------------------------------------------------------------------------------- */

/* base with key=value set (replacing key's value when base has one). malloc'd. */
static inline char *eval_params_with(const char *base, const char *key, const char *value)
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

/* One row of the table: presscut along pp with params. */
static inline void eval_run_row(const eval_presscut_path *pp, const eval_collection *c, const char *params)
{
    eval_run r;
    eval_run_init(&r, c);
    eval_run_presscut(pp, c, params, &r);
    char name[256];
    snprintf(name, sizeof name, "presscut --any, %s %s", pp->label, params ? params : "");
    eval_print_row(name, &r);
    eval_run_free(&r);
}

/* One parameter at a time over a few values, the others as in base. */
static inline void eval_sweep(const eval_presscut_path *pp, const eval_collection *c, const char *base)
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
            char *params = eval_params_with(base, grid[i].key, grid[i].values[j]);
            eval_run_row(pp, c, params);
            free(params);
        }
}

/* Every combination of the values in spec ("k1=0.9:1.2,b=0.5:0.75"), the other keys as in base. Returns 0,
 * or -1 after a message when spec is malformed. */
static inline int eval_grid_spec(const eval_presscut_path *pp, const eval_collection *c, const char *base,
                                 const char *spec)
{
    char *copy = xstrndup(spec, strlen(spec));
    char *keys[16], *values[16][16];
    size_t n_keys = 0, n_values[16] = {0};
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq || n_keys == 16) {
            fprintf(stderr, "%s: --grid-spec: '%s' is not key=v1:v2:...\n", MEASURE_PROGRAM, item);
            free(copy);
            return -1;
        }
        *eq = '\0';
        keys[n_keys] = item;
        char *vsave = NULL;
        for (char *v = strtok_r(eq + 1, ":", &vsave); v && n_values[n_keys] < 16; v = strtok_r(NULL, ":", &vsave))
            values[n_keys][n_values[n_keys]++] = v;
        if (n_values[n_keys] == 0) {
            fprintf(stderr, "%s: --grid-spec: no values for '%s'\n", MEASURE_PROGRAM, item);
            free(copy);
            return -1;
        }
        n_keys++;
    }
    size_t at[16] = {0};
    for (;;) {
        char *params = base ? xstrndup(base, strlen(base)) : NULL;
        for (size_t k = 0; k < n_keys; k++) {
            char *next = eval_params_with(params, keys[k], values[k][at[k]]);
            free(params);
            params = next;
        }
        eval_run_row(pp, c, params);
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

#endif
