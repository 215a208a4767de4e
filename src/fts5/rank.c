/* rank.c — relevance (include/presscut/fts5/rank.h): the FTS5 auxiliary functions pc_rank (BM25 plus a proximity
 * bonus), pc_coverage and pc_match_spans, and pc_rank_hits, which turns scored passages into ranked articles.
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
 * token ranges of its matches), from which pc_rank_hits computes an article-level BM25 and the search
 * highlights its hits without running the MATCH again.
 *
 * pc_match_spans maps the token positions of xInst to byte ranges by analysing column 0's text again with a
 * language-neutral pc_analyzer (made once per query, kept with xSetAuxdata; never shared between queries, so
 * a connection may move between threads). A position is counted the way FTS5 counts it: every term that is
 * not colocated (and the first term) starts a new one. Stems are colocated, so positions do not depend on the
 * language. The analyzer uses the default configuration: positions do not depend on it either (except for a
 * word of about PC_MAX_TERM_BYTES whose folded length crosses the limit under another fold_diacritics). */
#include "presscut/fts5/rank.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/text/analyzer.h"
#include "presscut/fts5/fts5_tokenizer.h"
#include "presscut/core/span.h"

/* ---- parameters -------------------------------------------------------------------------------------- */

void pc_rank_params_default(pc_rank_params *p)
{
    /* Chosen on the TIME collection (tests/eval/time_eval.sh: 83 questions in plain words run with --any,
     * MAP / P@10 / nDCG@10; PRESSCUT_RANK_PARAMS tries other values without rebuilding):
     *   k1 1.2, b 0.75: the usual BM25 values; k1 1.0 or 1.5 and b 0.5 or 0.9 all did worse.
     *   article_weight 10: the article-level BM25 (words counted over the whole article, IDF over articles,
     *     length from the body) decides most of the order; the best passage (with its proximity bonus) breaks
     *     ties and picks what is shown. Best passage alone: MAP 0.643; weight 1: 0.657; 4: 0.701; 10: 0.706;
     *     20: 0.700. Without the body length (matching passages only): 0.678 at best.
     *   proximity_weight 1.0: two query words side by side add 1.0 to the passage, ten words apart 0.1. On
     *     TIME its effect is within 0.001 of MAP (0 to 2); it matters for short queries on long articles.
     *   title_weight 2.0: an article whose title holds every wanted word gains about one more occurrence of
     *     two middling words; TIME has no titles, so this is by judgement, not measured.
     *   passages_weight 0.5: log-damped bonus for more matching passages (0 or 0.5: same MAP within 0.001).
     *   common_share 0.1: --any leaves out words in more than 10% of passages (MAP 0.626 -> 0.643 before the
     *     article-level score; 0.05 cuts real topic words of small collections: 0.614). */
    p->k1 = 1.2;
    p->b = 0.75;
    p->proximity_weight = 1.0;
    p->title_weight = 2.0;
    p->passages_weight = 0.5;
    p->article_weight = 10.0;
    p->common_share = 0.1;
}

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

/* Returns arr (elements of `size` bytes, capacity *cap) grown to hold at least `need` (at least one), or arr
 * itself when it already does; NULL when out of memory, arr then being left as it was. */
static void *grow(void *arr, size_t *cap, size_t need, size_t size)
{
    if (need == 0)
        need = 1;
    if (arr && need <= *cap)
        return arr;
    size_t n = *cap > 16 ? *cap : 16;
    while (n < need)
        n *= 2;
    void *bigger = realloc(arr, n * size);
    if (bigger)
        *cap = n;
    return bigger;
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
    inst *grown = grow(*arr, cap, (size_t)n_inst, sizeof **arr);
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

/* Builds the per-query state: phrase sizes, IDFs (one xQueryPhrase scan per phrase), average length. */
static int rank_query_new(const Fts5ExtensionApi *api, Fts5Context *fts, rank_query **out)
{
    *out = NULL;
    rank_query *q = calloc(1, sizeof *q);
    if (!q)
        return SQLITE_NOMEM;
    int n = api->xPhraseCount(fts);
    q->n_phrases = n > 0 ? n : 0;
    size_t slots = (size_t)q->n_phrases + 1;
    q->idf = calloc(slots, sizeof *q->idf);
    q->size = calloc(slots, sizeof *q->size);
    q->tf = calloc(slots, sizeof *q->tf);
    q->in_window = calloc(slots, sizeof *q->in_window);
    if (!q->idf || !q->size || !q->tf || !q->in_window) {
        rank_query_free(q);
        return SQLITE_NOMEM;
    }
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
static int rank_query_get(const Fts5ExtensionApi *api, Fts5Context *fts, rank_query **out)
{
    *out = api->xGetAuxdata(fts, 0);
    if (*out)
        return SQLITE_OK;
    int rc = rank_query_new(api, fts, out);
    if (rc != SQLITE_OK)
        return rc;
    rc = api->xSetAuxdata(fts, *out, rank_query_free); /* frees it itself on failure */
    if (rc != SQLITE_OK)
        *out = NULL;
    return rc;
}

/* Shortest run of positions, within one column, holding an instance of each of the k phrases with tf > 0
 * (instances sorted by column and offset). Returns its length in tokens, or LLONG_MAX when there is none. */
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
            if (q->in_window[p]++ == 0)
                covered++;
            while (tail > head && in[q->deque[tail - 1]].end <= in[right].end)
                tail--;
            q->deque[tail++] = right;
            while (covered == k) {
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
    int rc = rank_query_get(api, fts, &q);
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
        score += q->idf[p] * tf * (params->k1 + 1.0) / (tf + norm);
        k++;
        sizes += q->size[p] > 0 ? q->size[p] : 1;
    }
    if (k >= 2 && params->proximity_weight != 0.0) {
        size_t *deque = grow(q->deque, &q->deque_cap, n, sizeof *q->deque);
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
        /* The row's evidence for article-level scoring and highlighting (rank.h, PC_RANK_TERMS_HEADER). */
        int kept = q->n_phrases < PC_RANK_MAX_PHRASES ? q->n_phrases : PC_RANK_MAX_PHRASES;
        int ranges = 0;
        float blob[PC_RANK_TERMS_HEADER + 2 * PC_RANK_MAX_PHRASES + 2 * PC_RANK_MAX_MATCHES];
        float *range = blob + PC_RANK_TERMS_HEADER + 2 * kept;
        for (size_t i = 0; i < n && ranges < PC_RANK_MAX_MATCHES; i++) {
            if (q->insts[i].col != 0)
                continue;
            range[2 * ranges] = (float)q->insts[i].off;
            range[2 * ranges + 1] = (float)q->insts[i].end;
            ranges++;
        }
        blob[0] = (float)score;
        blob[1] = (float)dl;
        blob[2] = (float)q->avgdl;
        blob[3] = (float)q->rows;
        blob[4] = (float)kept;
        blob[5] = (float)ranges;
        for (int p = 0; p < kept; p++) {
            blob[PC_RANK_TERMS_HEADER + p] = (float)q->tf[p];
            blob[PC_RANK_TERMS_HEADER + kept + p] = (float)q->idf[p];
        }
        size_t floats = (size_t)(PC_RANK_TERMS_HEADER + 2 * kept + 2 * ranges);
        sqlite3_result_blob(ctx, blob, (int)(floats * sizeof(float)), SQLITE_TRANSIENT);
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
    int32_t *out;          /* start, end pairs */
    size_t out_cap;        /* in pairs */
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
 * pc_token_ranges_to_spans); sets *n_pairs. */
static int compute_spans(const Fts5ExtensionApi *api, Fts5Context *fts, spans_query *q, size_t *n_pairs)
{
    *n_pairs = 0;
    size_t n = 0;
    int rc = read_instances(api, fts, q->size, q->n_phrases, &q->insts, &q->insts_cap, &n);
    if (rc != SQLITE_OK)
        return rc;
    pc_token_range *ranges = grow(q->ranges, &q->ranges_cap, n, sizeof *q->ranges);
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
    int32_t *out = grow(q->out, &q->out_cap, n_spans, 2 * sizeof *q->out);
    if (!out) {
        free(spans);
        return SQLITE_NOMEM;
    }
    q->out = out;
    for (size_t i = 0; i < n_spans; i++) {
        out[2 * i] = (int32_t)spans[i].start;
        out[2 * i + 1] = (int32_t)spans[i].end;
    }
    free(spans);
    *n_pairs = n_spans;
    return SQLITE_OK;
}

static void spans_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                           sqlite3_value **vals)
{
    (void)n_val;
    (void)vals;
    spans_query *q = NULL;
    int rc = spans_query_get(api, fts, &q);
    size_t pairs = 0;
    if (rc == SQLITE_OK)
        rc = compute_spans(api, fts, q, &pairs);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (pairs == 0) {
        sqlite3_result_blob(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    sqlite3_result_blob(ctx, q->out, (int)(pairs * 2 * sizeof *q->out), SQLITE_TRANSIENT);
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

/* ---- pc_rank_hits ------------------------------------------------------------------------------------ */

/* The day a passage id carries: floor(id / 2^32), also for negative days. */
static long long passage_day(long long passage_id)
{
    if (passage_id >= 0)
        return passage_id >> 32;
    return -((-(passage_id + 1)) >> 32) - 1;
}

/* Scores as sort keys: NaN sorts below everything. */
static double score_key(double s)
{
    return isnan(s) ? -INFINITY : s;
}

static int cmp_ll(long long a, long long b)
{
    return (a > b) - (a < b);
}

static int cmp_score_desc(double a, double b)
{
    a = score_key(a);
    b = score_key(b);
    return (a < b) - (a > b);
}

/* Passages grouped by article, best first within an article (earliest passage on equal scores). */
static int passage_group_compare(const void *x, const void *y)
{
    const pc_scored_passage *a = *(const pc_scored_passage *const *)x, *b = *(const pc_scored_passage *const *)y;
    int c = cmp_ll(a->article_id, b->article_id);
    if (c == 0)
        c = cmp_score_desc(a->score, b->score);
    if (c == 0)
        c = cmp_ll(a->passage_id, b->passage_id);
    return c;
}

static int title_compare(const void *x, const void *y)
{
    const pc_title_match *a = x, *b = y;
    int c = cmp_ll(a->article_id, b->article_id);
    if (c == 0) /* best coverage first, so the first of a run is the one kept */
        c = cmp_score_desc(a->coverage, b->coverage);
    return c;
}

/* A hit with its day, for sorting. */
typedef struct day_hit {
    pc_ranked_hit hit;
    long long day;
} day_hit;

static int hit_compare(const void *x, const void *y)
{
    const day_hit *a = x, *b = y;
    int c = cmp_score_desc(a->hit.score, b->hit.score);
    if (c == 0)
        c = cmp_ll(b->day, a->day);
    if (c == 0)
        c = cmp_ll(a->hit.article_id, b->hit.article_id);
    if (c == 0)
        c = cmp_ll(a->hit.passage_id, b->hit.passage_id);
    return c;
}

/* The title match of `article_id` in the sorted, de-duplicated titles, or NULL. */
static const pc_title_match *find_title(const pc_title_match *titles, size_t n, long long article_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (titles[mid].article_id < article_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && titles[lo].article_id == article_id ? &titles[lo] : NULL;
}

/* True if some passage (sorted by article) belongs to `article_id`. */
static bool has_passage(const pc_scored_passage *const *sorted, size_t n, long long article_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid]->article_id < article_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && sorted[lo]->article_id == article_id;
}

/* Article-level IDFs: for each phrase, in how many of the candidate articles it occurs, against all the
 * articles of the index (for an OR query the candidates are exactly the articles with the phrase; for an AND
 * query every phrase gets the same IDF, which changes no order). */
static void article_idfs(const pc_rank_query_stats *stats, const pc_scored_passage *const *sorted, size_t n,
                         double *idf)
{
    int m = stats ? stats->n_phrases : 0;
    long long df[PC_RANK_MAX_PHRASES] = {0};
    long long candidates = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        bool seen[PC_RANK_MAX_PHRASES] = {false};
        while (j < n && sorted[j]->article_id == sorted[i]->article_id) {
            for (int ph = 0; ph < m; ph++)
                seen[ph] = seen[ph] || sorted[j]->tf[ph] > 0;
            j++;
        }
        for (int ph = 0; ph < m; ph++)
            df[ph] += seen[ph];
        candidates++;
        i = j;
    }
    double articles = (double)(stats && stats->articles > candidates ? stats->articles : candidates);
    for (int ph = 0; ph < m; ph++)
        idf[ph] = log(1.0 + (articles - (double)df[ph] + 0.5) / ((double)df[ph] + 0.5));
}

/* The facts of `article_id` in the sorted facts, or NULL. */
static const pc_article_facts *find_facts(const pc_article_facts *facts, size_t n, long long article_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (facts[mid].article_id < article_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && facts[lo].article_id == article_id ? &facts[lo] : NULL;
}

/* The article-level BM25 of the passages sorted[0..n) of one article (see pc_rank_hits in rank.h). */
static double article_bm25(const pc_rank_params *p, const pc_rank_query_stats *stats, const double *idf,
                           const pc_article_facts *facts, const pc_scored_passage *const *sorted, size_t n)
{
    if (!stats || stats->n_phrases <= 0 || p->article_weight == 0.0)
        return 0.0;
    double total_tokens = stats->avg_passage_length * (double)stats->passages;
    double average = stats->articles > 0 ? total_tokens / (double)stats->articles : 0.0;
    double length = 0.0;
    if (facts && stats->body_bytes > 0 && total_tokens > 0) {
        length = (double)facts->body_bytes * total_tokens / (double)stats->body_bytes;
    } else {
        for (size_t k = 0; k < n; k++)
            length += sorted[k]->length;
    }
    if (average <= 0)
        average = length > 0 ? length : 1.0;
    double norm = p->k1 * (1.0 - p->b + p->b * length / average);
    double score = 0.0;
    for (int ph = 0; ph < stats->n_phrases && ph < PC_RANK_MAX_PHRASES; ph++) {
        double tf = 0.0;
        for (size_t k = 0; k < n; k++)
            tf += sorted[k]->tf[ph];
        if (tf > 0)
            score += idf[ph] * tf * (p->k1 + 1.0) / (tf + norm);
    }
    return score;
}

int pc_rank_hits(const pc_rank_params *p, const pc_rank_query_stats *stats, const pc_scored_passage *passages,
                 size_t n_passages, const pc_title_match *titles, size_t n_titles, const pc_article_facts *facts,
                 size_t n_facts, bool title_only_hits, bool per_passage, pc_ranked_hit **out, size_t *n_out,
                 pc_error *err)
{
    *out = NULL;
    *n_out = 0;
    pc_rank_params defaults;
    if (!p) {
        pc_rank_params_default(&defaults);
        p = &defaults;
    }
    if (!passages)
        n_passages = 0;
    if (!titles)
        n_titles = 0;
    const pc_scored_passage **sorted = NULL;
    pc_title_match *tl = NULL;
    day_hit *hits = NULL;
    int rc = PC_OK;
    if (n_passages > 0 && !(sorted = malloc(n_passages * sizeof *sorted)))
        goto nomem;
    if (n_titles > 0 && !(tl = malloc(n_titles * sizeof *tl)))
        goto nomem;
    if (n_passages + n_titles > 0 && !(hits = malloc((n_passages + n_titles) * sizeof *hits)))
        goto nomem;

    for (size_t i = 0; i < n_passages; i++)
        sorted[i] = &passages[i];
    if (n_passages > 1)
        qsort(sorted, n_passages, sizeof *sorted, passage_group_compare);
    size_t nt = 0;
    if (n_titles > 0) {
        memcpy(tl, titles, n_titles * sizeof *tl);
        qsort(tl, n_titles, sizeof *tl, title_compare);
        for (size_t i = 0; i < n_titles; i++) /* one entry per article: the best coverage */
            if (nt == 0 || tl[nt - 1].article_id != tl[i].article_id)
                tl[nt++] = tl[i];
    }

    double idf[PC_RANK_MAX_PHRASES] = {0};
    article_idfs(stats, sorted, n_passages, idf);
    size_t nh = 0;
    for (size_t i = 0; i < n_passages;) {
        size_t j = i;
        while (j < n_passages && sorted[j]->article_id == sorted[i]->article_id)
            j++;
        const pc_title_match *t = find_title(tl, nt, sorted[i]->article_id);
        double coverage = t ? t->coverage : 0.0;
        double title_bonus = p->title_weight * coverage;
        if (per_passage) {
            for (size_t k = i; k < j; k++)
                hits[nh++] = (day_hit){
                    .hit = {.article_id = sorted[k]->article_id, .passage_id = sorted[k]->passage_id,
                            .score = sorted[k]->score + title_bonus, .matching_passages = 1,
                            .title_coverage = coverage},
                    .day = passage_day(sorted[k]->passage_id)};
        } else {
            long long count = (long long)(j - i);
            const pc_article_facts *f = facts ? find_facts(facts, n_facts, sorted[i]->article_id) : NULL;
            double article = p->article_weight * article_bm25(p, stats, idf, f, sorted + i, j - i);
            hits[nh++] = (day_hit){
                .hit = {.article_id = sorted[i]->article_id, .passage_id = sorted[i]->passage_id,
                        .score = sorted[i]->score + article + title_bonus + p->passages_weight * log((double)count),
                        .matching_passages = count, .title_coverage = coverage},
                .day = passage_day(sorted[i]->passage_id)};
        }
        i = j;
    }
    if (title_only_hits) {
        for (size_t i = 0; i < nt; i++) {
            if (has_passage(sorted, n_passages, tl[i].article_id))
                continue;
            hits[nh++] = (day_hit){.hit = {.article_id = tl[i].article_id, .passage_id = 0,
                                           .score = p->title_weight * tl[i].coverage, .matching_passages = 0,
                                           .title_coverage = tl[i].coverage},
                                   .day = tl[i].day};
        }
    }
    if (nh > 1)
        qsort(hits, nh, sizeof *hits, hit_compare);
    if (nh > 0) {
        pc_ranked_hit *result = malloc(nh * sizeof *result);
        if (!result)
            goto nomem;
        for (size_t i = 0; i < nh; i++)
            result[i] = hits[i].hit;
        *out = result;
        *n_out = nh;
    }
    goto done;
nomem:
    rc = pc_error_set(err, PC_ENOMEM, "out of memory while ranking %zu passages", n_passages);
done:
    free(sorted);
    free(tl);
    free(hits);
    return rc;
}
