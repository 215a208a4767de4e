/* rank_functions.c — relevance inside SQLite (include/presscut/fts5/rank_functions.h): the FTS5 auxiliary
 * functions pc_rank (BM25 plus a proximity bonus), pc_coverage and pc_match_spans.
 *
 * pc_rank, for a row of length dl tokens (all columns) in a table of N rows with average length avgdl:
 *   sum over the query's phrases p that occur in the row (tf >= 1 instances):
 *       idf(p) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)),
 *       idf(p) = log(1 + (N - n_p + 0.5) / (n_p + 0.5)), n_p = rows that contain p (always > 0, so a common
 *       phrase still adds a little instead of subtracting, as in Lucene's BM25)
 *   + when k >= 2 distinct phrases occur: proximity_weight * (k - 1) / (1 + gap), where gap is the number of
 *     tokens, in the shortest run of token positions (within one column) that holds an instance of each of
 *     the k phrases, that are not taken by the phrases themselves: max(0, run length - sum of the k phrase
 *     sizes). Adjacent words (gap 0) earn the whole proximity_weight * (k - 1); the bonus falls off as
 *     1 / (1 + gap) and never exceeds that bound.
 * The IDFs, the average length and the phrase sizes are computed once per query and kept with xSetAuxdata,
 * as are the scratch arrays, so a row costs no allocation once the arrays have grown.
 *
 * pc_rank(fts, 1) hands the same score back with the row's evidence (length, per-phrase counts and IDFs, the
 * token ranges of its matches; encoded by rank_evidence.h), from which pc_rank_hits (search/ranking.h)
 * computes an article-level BM25 and the search highlights its hits without running the MATCH again.
 *
 * pc_match_spans maps the token positions of xInst to byte ranges by analysing column 0's text again with a
 * language-neutral pc_analyzer (made once per query, kept with xSetAuxdata; never shared between queries, so
 * a connection may move between threads). A position is counted the way FTS5 counts it: every term that is
 * not colocated (and the first term) starts a new one. Stems are colocated, so positions do not depend on the
 * language. The analyzer uses the default configuration: positions do not depend on it either (except for a
 * word of about PC_MAX_TERM_BYTES whose folded length crosses the limit under another fold_diacritics). */
#include "presscut/fts5/rank_functions.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/array.h"
#include "presscut/core/span.h"
#include "presscut/fts5/fts5_tokenizer.h"
#include "presscut/fts5/rank_evidence.h"
#include "presscut/text/analyzer.h"

/* ---- shared helpers for the auxiliary functions ------------------------------------------------------ */

/* One phrase instance: its tokens are [off, off + size) in column col. */
typedef struct inst {
    int col, off, end; /* end = off + size - 1, the last token */
    int phrase;
} inst;

static int inst_compare(const void *a, const void *b)
{
    const inst *x = a, *y = b;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return (x->phrase > y->phrase) - (x->phrase < y->phrase);
}

/* Reads the row's instances into *arr (sorted by column, offset), grown as needed; sets *n. `sizes` holds
 * each phrase's token count. Instances with a phrase number out of range are dropped. */
static int read_instances(const Fts5ExtensionApi *api, Fts5Context *fts, const int *sizes, int n_phrases,
                          inst **arr, size_t *cap, size_t *n)
{
    *n = 0;
    int n_inst = 0;
    int rc = api->xInstCount(fts, &n_inst);
    if (rc != SQLITE_OK)
        return rc;
    if (n_inst <= 0)
        return SQLITE_OK;
    inst *grown = pc_array_reserve(*arr, cap, (size_t)n_inst, sizeof **arr, 16);
    if (!grown)
        return SQLITE_NOMEM;
    *arr = grown;
    size_t k = 0;
    for (int i = 0; i < n_inst; i++) {
        int phrase = 0, col = 0, off = 0;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc != SQLITE_OK)
            return rc;
        if (phrase < 0 || phrase >= n_phrases || off < 0)
            continue;
        int size = sizes[phrase] > 0 ? sizes[phrase] : 1;
        (*arr)[k++] = (inst){.col = col, .off = off, .end = off + size - 1, .phrase = phrase};
    }
    qsort(*arr, k, sizeof **arr, inst_compare);
    *n = k;
    return SQLITE_OK;
}

/* ---- pc_rank ----------------------------------------------------------------------------------------- */

/* What pc_rank keeps for one query. */
typedef struct rank_query {
    int n_phrases;
    double *idf;   /* per phrase */
    double *weight; /* per phrase: its share of the BM25 sum (1 unless given, see rank_functions.h) */
    int *size;     /* tokens per phrase */
    double avgdl;  /* average row length in tokens */
    long long rows; /* rows in the table */
    /* scratch, reused from row to row */
    int *tf;       /* per phrase */
    int *in_window;/* per phrase: instances in the current window */
    inst *insts;
    size_t insts_cap;
    size_t *deque; /* indexes into insts, for the largest `end` in the window */
    size_t deque_cap;
} rank_query;

static void rank_query_free(void *p)
{
    rank_query *q = p;
    if (!q)
        return;
    free(q->idf);
    free(q->weight);
    free(q->size);
    free(q->tf);
    free(q->in_window);
    free(q->insts);
    free(q->deque);
    free(q);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *payload)
{
    (void)api;
    (void)fts;
    (*(sqlite3_int64 *)payload)++;
    return SQLITE_OK;
}

/* Reads the phrase weights of pc_rank's third argument, numbers separated by spaces, into weight[0..n);
 * phrases past the list, and items that are not numbers of 0 or more, keep weight 1. */
static void read_phrase_weights(const char *text, double *weight, int n)
{
    for (int p = 0; p < n; p++)
        weight[p] = 1.0;
    for (int p = 0; text && *text && p < n; p++) {
        char *end = NULL;
        double w = strtod(text, &end);
        if (end == text)
            break;
        if (isfinite(w) && w >= 0)
            weight[p] = w;
        text = end;
    }
}

/* Builds the per-query state: phrase sizes, IDFs (one xQueryPhrase scan per phrase), weights (from
 * `weights`, may be NULL), average length. */
static int rank_query_new(const Fts5ExtensionApi *api, Fts5Context *fts, const char *weights, rank_query **out)
{
    *out = NULL;
    rank_query *q = calloc(1, sizeof *q);
    if (!q)
        return SQLITE_NOMEM;
    int n = api->xPhraseCount(fts);
    q->n_phrases = n > 0 ? n : 0;
    size_t slots = (size_t)q->n_phrases + 1;
    q->idf = calloc(slots, sizeof *q->idf);
    q->weight = calloc(slots, sizeof *q->weight);
    q->size = calloc(slots, sizeof *q->size);
    q->tf = calloc(slots, sizeof *q->tf);
    q->in_window = calloc(slots, sizeof *q->in_window);
    if (!q->idf || !q->weight || !q->size || !q->tf || !q->in_window) {
        rank_query_free(q);
        return SQLITE_NOMEM;
    }
    read_phrase_weights(weights, q->weight, q->n_phrases);
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    q->avgdl = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    q->rows = rows;
    for (int p = 0; p < q->n_phrases && rc == SQLITE_OK; p++) {
        q->size[p] = api->xPhraseSize(fts, p);
        sqlite3_int64 hits = 0;
        rc = api->xQueryPhrase(fts, p, &hits, count_row);
        double nn = (double)rows, nh = (double)hits;
        if (nh > nn)
            nn = nh;
        q->idf[p] = log(1.0 + (nn - nh + 0.5) / (nh + 0.5));
    }
    if (rc != SQLITE_OK) {
        rank_query_free(q);
        return rc;
    }
    *out = q;
    return SQLITE_OK;
}

/* The per-query state of the function being called: from auxdata, or made now and stored. */
static int rank_query_get(const Fts5ExtensionApi *api, Fts5Context *fts, const char *weights, rank_query **out)
{
    *out = api->xGetAuxdata(fts, 0);
    if (*out)
        return SQLITE_OK;
    int rc = rank_query_new(api, fts, weights, out);
    if (rc != SQLITE_OK)
        return rc;
    rc = api->xSetAuxdata(fts, *out, rank_query_free); /* frees it itself on failure */
    if (rc != SQLITE_OK)
        *out = NULL;
    return rc;
}

/* Shortest run of positions, within one column, holding an instance of each of the k phrases of weight 1 or
 * more with tf > 0 (instances sorted by column and offset; those of lighter phrases are passed over). Returns its length in tokens, or LLONG_MAX when there is none. */
static long long shortest_window(rank_query *q, size_t n, int k)
{
    long long best = LLONG_MAX;
    inst *in = q->insts;
    size_t seg = 0;
    while (seg < n) {
        size_t seg_end = seg;
        while (seg_end < n && in[seg_end].col == in[seg].col)
            seg_end++;
        memset(q->in_window, 0, (size_t)q->n_phrases * sizeof *q->in_window);
        int covered = 0;
        size_t head = 0, tail = 0; /* deque q->deque[head, tail): indexes with decreasing `end` */
        size_t left = seg;
        for (size_t right = seg; right < seg_end; right++) {
            int p = in[right].phrase;
            if (q->weight[p] < 1.0)
                continue; /* an added word of feedback: not part of the question's window */
            if (q->in_window[p]++ == 0)
                covered++;
            while (tail > head && in[q->deque[tail - 1]].end <= in[right].end)
                tail--;
            q->deque[tail++] = right;
            while (covered == k) {
                while (q->weight[in[left].phrase] < 1.0)
                    left++;
                long long len = (long long)in[q->deque[head]].end - in[left].off + 1;
                if (len < best)
                    best = len;
                int lp = in[left].phrase;
                if (--q->in_window[lp] == 0)
                    covered--;
                if (q->deque[head] == left)
                    head++;
                left++;
            }
        }
        seg = seg_end;
    }
    return best;
}

static void rank_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                          sqlite3_value **vals)
{
    const pc_rank_params *params = api->xUserData(fts);
    rank_query *q = NULL;
    const char *weights = n_val >= 2 ? (const char *)sqlite3_value_text(vals[1]) : NULL;
    int rc = rank_query_get(api, fts, weights, &q);
    size_t n = 0;
    if (rc == SQLITE_OK)
        rc = read_instances(api, fts, q->size, q->n_phrases, &q->insts, &q->insts_cap, &n);
    int dl = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &dl);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    memset(q->tf, 0, (size_t)q->n_phrases * sizeof *q->tf);
    for (size_t i = 0; i < n; i++)
        q->tf[q->insts[i].phrase]++;
    double norm = params->k1 * (1.0 - params->b + params->b * (double)dl / q->avgdl);
    double score = 0.0;
    int k = 0;
    long long sizes = 0;
    for (int p = 0; p < q->n_phrases; p++) {
        if (q->tf[p] == 0)
            continue;
        double tf = (double)q->tf[p];
        score += q->weight[p] * q->idf[p] * tf * (params->k1 + 1.0) / (tf + norm);
        if (q->weight[p] < 1.0)
            continue;
        k++;
        sizes += q->size[p] > 0 ? q->size[p] : 1;
    }
    if (k >= 2 && params->proximity_weight != 0.0) {
        size_t *deque = pc_array_reserve(q->deque, &q->deque_cap, n, sizeof *q->deque, 16);
        if (!deque) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        q->deque = deque;
        long long window = shortest_window(q, n, k);
        if (window != LLONG_MAX) {
            long long gap = window - sizes;
            if (gap < 0)
                gap = 0;
            score += params->proximity_weight * (double)(k - 1) / (1.0 + (double)gap);
        }
    }
    if (n_val >= 1 && sqlite3_value_int(vals[0]) == 1) {
        /* The row's evidence for article-level scoring and highlighting (rank_evidence.h). */
        pc_rank_evidence e = {.score = (float)score, .length = (float)dl, .avg_length = (float)q->avgdl,
                              .rows = q->rows};
        e.n_phrases = q->n_phrases < PC_RANK_MAX_PHRASES ? q->n_phrases : PC_RANK_MAX_PHRASES;
        for (int p = 0; p < e.n_phrases; p++) {
            e.tf[p] = (float)q->tf[p];
            e.idf[p] = (float)q->idf[p];
        }
        for (size_t i = 0; i < n && e.n_ranges < PC_RANK_MAX_MATCHES; i++)
            if (q->insts[i].col == 0 && q->weight[q->insts[i].phrase] >= 1.0) /* the question's words */
                e.ranges[e.n_ranges++] = (pc_token_range){q->insts[i].off, q->insts[i].end};
        unsigned char blob[PC_RANK_EVIDENCE_MAX_BYTES];
        size_t bytes = pc_rank_evidence_encode(&e, blob);
        sqlite3_result_blob(ctx, blob, (int)bytes, SQLITE_TRANSIENT);
        return;
    }
    sqlite3_result_double(ctx, score);
}

/* ---- pc_coverage ------------------------------------------------------------------------------------- */

/* What pc_coverage keeps for one query: a per-phrase seen flag. */
typedef struct coverage_query {
    int n_phrases;
    unsigned char *seen;
} coverage_query;

static void coverage_query_free(void *p)
{
    coverage_query *q = p;
    if (q)
        free(q->seen);
    free(q);
}

static void coverage_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                              sqlite3_value **vals)
{
    (void)n_val;
    (void)vals;
    int rc = SQLITE_OK;
    coverage_query *q = api->xGetAuxdata(fts, 0);
    if (!q) {
        q = calloc(1, sizeof *q);
        int n = api->xPhraseCount(fts);
        if (q) {
            q->n_phrases = n > 0 ? n : 0;
            q->seen = calloc((size_t)q->n_phrases + 1, 1);
        }
        if (!q || !q->seen) {
            coverage_query_free(q);
            sqlite3_result_error_nomem(ctx);
            return;
        }
        rc = api->xSetAuxdata(fts, q, coverage_query_free);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
    }
    if (q->n_phrases == 0) {
        sqlite3_result_double(ctx, 0.0);
        return;
    }
    memset(q->seen, 0, (size_t)q->n_phrases);
    int n_inst = 0;
    rc = api->xInstCount(fts, &n_inst);
    int distinct = 0;
    for (int i = 0; i < n_inst && rc == SQLITE_OK; i++) {
        int phrase = 0, col = 0, off = 0;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < q->n_phrases && !q->seen[phrase]) {
            q->seen[phrase] = 1;
            distinct++;
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_double(ctx, (double)distinct / (double)q->n_phrases);
}

/* ---- pc_match_spans ---------------------------------------------------------------------------------- */

/* What pc_match_spans keeps for one query. */
typedef struct spans_query {
    pc_analyzer *analyzer; /* language-neutral, made at the first row */
    int n_phrases;
    int *size;             /* tokens per phrase */
    inst *insts;
    size_t insts_cap;
    pc_token_range *ranges; /* the row's instances in column 0 */
    size_t ranges_cap;
    unsigned char *out;    /* the row's BLOB (pc_spans_encode) */
    size_t out_cap;        /* in bytes */
} spans_query;

static void spans_query_free(void *p)
{
    spans_query *q = p;
    if (!q)
        return;
    pc_analyzer_free(q->analyzer);
    free(q->size);
    free(q->insts);
    free(q->ranges);
    free(q->out);
    free(q);
}

/* State of one analysis that numbers positions. */
typedef struct position_walk {
    int32_t *pos;
    long long max_pos; /* stop after this position */
    long long next;    /* number of positions seen so far */
} position_walk;

#define WALK_DONE 1 /* returned by the term callback to stop analysis once every wanted position is known */

static int record_position(void *payload, const pc_term *term)
{
    position_walk *w = payload;
    if (term->colocated && w->next > 0)
        return 0;
    if (w->next > w->max_pos)
        return WALK_DONE;
    w->pos[2 * w->next] = term->start;
    w->pos[2 * w->next + 1] = term->end;
    w->next++;
    return 0;
}

static int spans_query_get(const Fts5ExtensionApi *api, Fts5Context *fts, spans_query **out)
{
    *out = api->xGetAuxdata(fts, 0);
    if (*out)
        return SQLITE_OK;
    spans_query *q = calloc(1, sizeof *q);
    if (!q)
        return SQLITE_NOMEM;
    int n = api->xPhraseCount(fts);
    q->n_phrases = n > 0 ? n : 0;
    q->size = calloc((size_t)q->n_phrases + 1, sizeof *q->size);
    if (!q->size) {
        spans_query_free(q);
        return SQLITE_NOMEM;
    }
    for (int p = 0; p < q->n_phrases; p++)
        q->size[p] = api->xPhraseSize(fts, p);
    pc_analyzer_config cfg;
    pc_analyzer_config_default(&cfg);
    int prc = pc_analyzer_new(&q->analyzer, &cfg, NULL);
    if (prc != PC_OK) {
        spans_query_free(q);
        return prc == PC_ENOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    int rc = api->xSetAuxdata(fts, q, spans_query_free); /* frees it itself on failure */
    if (rc != SQLITE_OK)
        return rc;
    *out = q;
    return SQLITE_OK;
}

int pc_token_ranges_to_spans(pc_analyzer *analyzer, const char *text, size_t len, const pc_token_range *ranges,
                             size_t n_ranges, pc_span **spans, size_t *n)
{
    *spans = NULL;
    *n = 0;
    long long max_pos = -1;
    for (size_t i = 0; i < n_ranges; i++)
        if (ranges[i].first >= 0 && ranges[i].last >= ranges[i].first && ranges[i].last > max_pos)
            max_pos = ranges[i].last;
    if (max_pos < 0 || !text || len == 0)
        return PC_OK;
    int32_t *pos = malloc(((size_t)max_pos + 1) * 2 * sizeof *pos);
    pc_span *out = malloc(((size_t)max_pos + 1) * sizeof *out);
    if (!pos || !out) {
        free(pos);
        free(out);
        return PC_ENOMEM;
    }
    position_walk walk = {.pos = pos, .max_pos = max_pos, .next = 0};
    int arc = pc_analyze(analyzer, NULL, text, len, record_position, &walk);
    if (arc < 0) {
        free(pos);
        free(out);
        return arc;
    }
    /* Mark each wanted token once, then emit them in order, merging overlaps. */
    unsigned char *wanted = calloc((size_t)max_pos + 1, 1);
    if (!wanted) {
        free(pos);
        free(out);
        return PC_ENOMEM;
    }
    for (size_t i = 0; i < n_ranges; i++)
        for (long long t = ranges[i].first; t >= 0 && t <= ranges[i].last && t < walk.next; t++)
            wanted[t] = 1;
    size_t k = 0;
    for (long long t = 0; t < walk.next && t <= max_pos; t++) {
        if (!wanted[t])
            continue;
        size_t start = (size_t)pos[2 * t], end = (size_t)pos[2 * t + 1];
        if (k > 0 && start < out[k - 1].end) {
            if (end > out[k - 1].end)
                out[k - 1].end = end;
            continue;
        }
        out[k++] = (pc_span){start, end};
    }
    free(wanted);
    free(pos);
    if (k == 0) {
        free(out);
        return PC_OK;
    }
    *spans = out;
    *n = k;
    return PC_OK;
}

/* Fills q->out with the sorted, merged byte ranges of the row's instances in column 0 (through
 * pc_token_ranges_to_spans), encoded (pc_spans_encode); sets *n_bytes. */
static int compute_spans(const Fts5ExtensionApi *api, Fts5Context *fts, spans_query *q, size_t *n_bytes)
{
    *n_bytes = 0;
    size_t n = 0;
    int rc = read_instances(api, fts, q->size, q->n_phrases, &q->insts, &q->insts_cap, &n);
    if (rc != SQLITE_OK)
        return rc;
    pc_token_range *ranges = pc_array_reserve(q->ranges, &q->ranges_cap, n, sizeof *q->ranges, 16);
    if (!ranges)
        return SQLITE_NOMEM;
    q->ranges = ranges;
    size_t wanted = 0;
    for (size_t i = 0; i < n; i++)
        if (q->insts[i].col == 0)
            ranges[wanted++] = (pc_token_range){q->insts[i].off, q->insts[i].end};
    if (wanted == 0)
        return SQLITE_OK;
    const char *text = NULL;
    int len = 0;
    rc = api->xColumnText(fts, 0, &text, &len);
    if (rc != SQLITE_OK)
        return rc;
    if (!text || len <= 0)
        return SQLITE_OK;
    char lang[PC_LANG_MAX + 1];
    size_t tag = pc_lang_tag_parse(text, (size_t)len, lang);
    pc_span *spans = NULL;
    size_t n_spans = 0;
    int arc = pc_token_ranges_to_spans(q->analyzer, text + tag, (size_t)len - tag, ranges, wanted, &spans, &n_spans);
    if (arc != PC_OK)
        return arc == PC_ENOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    unsigned char *out = pc_array_reserve(q->out, &q->out_cap, PC_SPANS_BLOB_BYTES(n_spans), 1, 16);
    if (!out) {
        free(spans);
        return SQLITE_NOMEM;
    }
    q->out = out;
    *n_bytes = pc_spans_encode(spans, n_spans, out);
    free(spans);
    return SQLITE_OK;
}

static void spans_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                           sqlite3_value **vals)
{
    (void)n_val;
    (void)vals;
    spans_query *q = NULL;
    int rc = spans_query_get(api, fts, &q);
    size_t bytes = 0;
    if (rc == SQLITE_OK)
        rc = compute_spans(api, fts, q, &bytes);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (bytes == 0) {
        sqlite3_result_blob(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    sqlite3_result_blob(ctx, q->out, (int)bytes, SQLITE_TRANSIENT);
}

/* ---- registration ------------------------------------------------------------------------------------ */

int pc_rank_register(fts5_api *api, const pc_rank_params *p)
{
    if (!api)
        return SQLITE_MISUSE;
    pc_rank_params *copy = malloc(sizeof *copy);
    if (!copy)
        return SQLITE_NOMEM;
    if (p)
        *copy = *p;
    else
        pc_rank_params_default(copy);
    int rc = api->xCreateFunction(api, "pc_rank", copy, rank_function, free);
    if (rc != SQLITE_OK) {
        free(copy); /* FTS5 keeps (and later frees) the context only when the function was created */
        return rc;
    }
    rc = api->xCreateFunction(api, "pc_coverage", NULL, coverage_function, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "pc_match_spans", NULL, spans_function, NULL);
    return rc;
}
