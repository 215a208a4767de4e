/* ranking.c — ranked hits from scored passages and matching titles (include/presscut/search/ranking.h): folds
 * passages, as they stream in, into running sums per article (best passage, passage shown, phrase counts),
 * then adds the article-level BM25 and the title and passage-count bonuses, and sorts with deterministic
 * ties. */
#include "presscut/search/ranking.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/array.h"


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

/* Comparators of bsearch: an article id (the key) against the article id of a title, facts or passage. */
static int title_id_compare(const void *key, const void *item)
{
    return cmp_ll(*(const long long *)key, ((const pc_title_match *)item)->article_id);
}

static int facts_id_compare(const void *key, const void *item)
{
    return cmp_ll(*(const long long *)key, ((const pc_article_facts *)item)->article_id);
}

/* The title match of `article_id` in the sorted, de-duplicated titles, or NULL. */
static const pc_title_match *find_title(const pc_title_match *titles, size_t n, long long article_id)
{
    return n ? bsearch(&article_id, titles, n, sizeof *titles, title_id_compare) : NULL;
}

const pc_article_facts *pc_article_facts_find(const pc_article_facts *facts, size_t n, long long article_id)
{
    return n ? bsearch(&article_id, facts, n, sizeof *facts, facts_id_compare) : NULL;
}

/* One phrase's BM25 term: tf occurrences in a text whose length gives `norm` (k1 * (1 - b + b * len / avg)). */
static double bm25_term(const pc_rank_params *p, double idf, double tf, double norm)
{
    return tf > 0 ? idf * tf * (p->k1 + 1.0) / (tf + norm) : 0.0;
}

/* The mean IDF of the question's phrases (not those feedback added; 0 without any). */
static double mean_idf(const pc_rank_query_stats *stats)
{
    int n = stats ? (stats->n_phrases < PC_RANK_MAX_PHRASES ? stats->n_phrases : PC_RANK_MAX_PHRASES) : 0;
    double sum = 0.0;
    int counted = 0;
    for (int ph = 0; ph < n; ph++) {
        if (pc_rank_phrase_weight(stats, ph) < 1.0)
            continue;
        sum += stats->idf[ph];
        counted++;
    }
    return counted > 0 ? sum / counted : 0.0;
}

/* How well passage s answers the query, to choose the passage shown for its article: its score plus
 * coverage_weight * (idf - mean) for each distinct phrase it holds that is rarer than the query's phrases on
 * average (mean: mean_idf). A passage holding the question's telling words ("vampire", "died", "troops")
 * then wins over one that repeats the article's subject or the question's plainer words ("she", "money"). */
static double answer_score(const pc_rank_params *p, const pc_rank_query_stats *stats, double mean,
                           const pc_scored_passage *s)
{
    int n = stats ? (stats->n_phrases < PC_RANK_MAX_PHRASES ? stats->n_phrases : PC_RANK_MAX_PHRASES) : 0;
    double telling = 0.0, added = 0.0;
    double avg = stats && stats->avg_passage_length > 0 ? stats->avg_passage_length : 1.0;
    double norm = p->k1 * (1.0 - p->b + p->b * s->length / avg);
    for (int ph = 0; ph < n; ph++) {
        double w = pc_rank_phrase_weight(stats, ph);
        if (w < 1.0) /* a word added by feedback: the passage shown answers the question's own words */
            added += w * bm25_term(p, stats->idf[ph], s->tf[ph], norm);
        else if (s->tf[ph] > 0 && stats->idf[ph] > mean)
            telling += stats->idf[ph] - mean;
    }
    return s->score - added + p->coverage_weight * telling;
}


/* True when passage a (score, id) comes before passage b within an article: best score first, then the
 * earliest passage. */
static bool passage_before(double score_a, long long id_a, double score_b, long long id_b)
{
    int c = cmp_score_desc(score_a, score_b);
    return c < 0 || (c == 0 && id_a < id_b);
}

/* ---- the accumulator ----------------------------------------------------------------------------------- */

/* What ranking keeps of one article while its passages stream in. */
typedef struct article_sums {
    long long article_id;
    long long best_id;    /* the first passage in passage_before order: its score is the article's base score, */
    double best_score;    /*   its id carries the day */
    long long shown_id;   /* the passage answering best (answer_score; the first in passage_before order of */
    double shown_answer;  /*   equals), with its answer key and score */
    double shown_score;
    size_t first_match;   /* the shown passage's token ranges in the accumulator's ranges */
    unsigned n_matches;
    long long count;      /* matching passages */
    double length;        /* their summed lengths in tokens */
} article_sums;

/* One passage of a per-passage ranking. */
typedef struct passage_entry {
    long long article_id, passage_id;
    double score;
    size_t first_match;
    unsigned n_matches;
} passage_entry;

struct pc_rank_acc {
    pc_rank_params params;
    const pc_rank_query_stats *stats;
    bool per_passage;
    bool started;        /* the first passage was added: stride and mean are set */
    int stride;          /* phrases whose counts are summed per article */
    double mean;         /* mean_idf of the query */
    article_sums *articles;
    size_t n_articles, cap_articles;
    float *tf_sums;      /* stride sums per article: those of articles[i] at i * stride (integer counts: exact) */
    size_t cap_tf;
    size_t *slots;       /* open addressing on article id: index + 1 into articles, 0 empty */
    size_t n_slots;      /* a power of two, at least twice n_articles; 0 before the first passage */
    passage_entry *passages; /* per_passage only */
    size_t n_passages, cap_passages;
    pc_token_range *ranges;
    size_t n_ranges, cap_ranges;
    bool any_ranges;     /* some passage came with ranges */
    bool failed;         /* out of memory in pc_rank_acc_add: finish fails */
};

int pc_rank_acc_new(const pc_rank_params *p, const pc_rank_query_stats *stats, bool per_passage, pc_rank_acc **out,
                    pc_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return pc_error_set(err, PC_ENOMEM, "out of memory while ranking");
    if (p)
        (*out)->params = *p;
    else
        pc_rank_params_default(&(*out)->params);
    (*out)->stats = stats;
    (*out)->per_passage = per_passage;
    return PC_OK;
}

void pc_rank_acc_free(pc_rank_acc *acc)
{
    if (!acc)
        return;
    free(acc->articles);
    free(acc->tf_sums);
    free(acc->slots);
    free(acc->passages);
    free(acc->ranges);
    free(acc);
}

static size_t hash_id(long long id)
{
    unsigned long long x = (unsigned long long)id;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

/* The slot of `article_id`: the one holding it, or the empty one where it goes. */
static size_t *find_slot(const pc_rank_acc *acc, long long article_id)
{
    size_t mask = acc->n_slots - 1;
    for (size_t i = hash_id(article_id) & mask;; i = (i + 1) & mask)
        if (!acc->slots[i] || acc->articles[acc->slots[i] - 1].article_id == article_id)
            return &acc->slots[i];
}

/* The sums of `article_id`, or NULL when no passage of it was added. */
static article_sums *find_article(const pc_rank_acc *acc, long long article_id)
{
    if (acc->n_slots == 0)
        return NULL;
    size_t slot = *find_slot(acc, article_id);
    return slot ? &acc->articles[slot - 1] : NULL;
}

/* Doubles the slots (or makes the first ones) and puts the articles back. False when out of memory. */
static bool grow_slots(pc_rank_acc *acc)
{
    size_t n = acc->n_slots ? acc->n_slots * 2 : 1024;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    free(acc->slots);
    acc->slots = slots;
    acc->n_slots = n;
    for (size_t i = 0; i < acc->n_articles; i++)
        *find_slot(acc, acc->articles[i].article_id) = i + 1;
    return true;
}

/* Copies ranges[0..n) to the end of the accumulator's ranges; sets *first. False when out of memory. */
static bool keep_ranges(pc_rank_acc *acc, const pc_token_range *ranges, size_t n, size_t *first)
{
    *first = acc->n_ranges;
    if (n == 0)
        return true;
    pc_token_range *grown = pc_array_reserve(acc->ranges, &acc->cap_ranges, acc->n_ranges + n, sizeof *grown, 1024);
    if (!grown)
        return false;
    acc->ranges = grown;
    memcpy(acc->ranges + acc->n_ranges, ranges, n * sizeof *ranges);
    acc->n_ranges += n;
    return true;
}

/* Makes a's shown passage's ranges ranges[0..n): over its old ones when they are the last kept (an article's
 * passages mostly come one after another), else after them. False when out of memory. */
static bool replace_shown_ranges(pc_rank_acc *acc, article_sums *a, const pc_token_range *ranges, size_t n)
{
    if (a->first_match + a->n_matches == acc->n_ranges)
        acc->n_ranges = a->first_match;
    size_t first = 0;
    if (!keep_ranges(acc, ranges, n, &first))
        return false;
    a->first_match = first;
    a->n_matches = (unsigned)n;
    return true;
}

/* The sums of `article_id`, made (empty) when it is new; NULL when out of memory. */
static article_sums *article_for(pc_rank_acc *acc, long long article_id, bool *is_new)
{
    *is_new = false;
    if ((acc->n_articles + 1) * 2 > acc->n_slots && !grow_slots(acc))
        return NULL;
    size_t *slot = find_slot(acc, article_id);
    if (*slot)
        return &acc->articles[*slot - 1];
    article_sums *grown =
        pc_array_reserve(acc->articles, &acc->cap_articles, acc->n_articles + 1, sizeof *grown, 1024);
    if (!grown)
        return NULL;
    acc->articles = grown;
    if (acc->stride > 0) {
        float *sums = pc_array_reserve(acc->tf_sums, &acc->cap_tf, (acc->n_articles + 1) * (size_t)acc->stride,
                                       sizeof *sums, 1024 * (size_t)acc->stride);
        if (!sums)
            return NULL;
        acc->tf_sums = sums;
        memset(sums + acc->n_articles * (size_t)acc->stride, 0, (size_t)acc->stride * sizeof *sums);
    }
    *is_new = true;
    *slot = ++acc->n_articles;
    article_sums *a = &acc->articles[acc->n_articles - 1];
    *a = (article_sums){.article_id = article_id};
    return a;
}

int pc_rank_acc_add(pc_rank_acc *acc, const pc_scored_passage *p, const pc_token_range *ranges, size_t n_ranges)
{
    if (acc->failed)
        return PC_ENOMEM;
    const pc_rank_query_stats *stats = acc->stats;
    if (!acc->started) {
        int n = stats ? stats->n_phrases : 0;
        acc->stride = n < 0 ? 0 : n < PC_RANK_MAX_PHRASES ? n : PC_RANK_MAX_PHRASES;
        acc->mean = mean_idf(stats);
        acc->started = true;
    }
    acc->any_ranges = acc->any_ranges || n_ranges > 0;
    bool is_new = false;
    article_sums *a = article_for(acc, p->article_id, &is_new);
    if (!a)
        goto nomem;
    if (acc->per_passage) {
        passage_entry *grown =
            pc_array_reserve(acc->passages, &acc->cap_passages, acc->n_passages + 1, sizeof *grown, 1024);
        size_t first = 0;
        if (!grown)
            goto nomem;
        acc->passages = grown;
        if (!keep_ranges(acc, ranges, n_ranges, &first))
            goto nomem;
        acc->passages[acc->n_passages++] = (passage_entry){p->article_id, p->passage_id, p->score, first,
                                                           (unsigned)n_ranges};
    }
    double answer = acc->per_passage ? 0.0 : score_key(answer_score(&acc->params, stats, acc->mean, p));
    if (is_new) {
        a->best_id = a->shown_id = p->passage_id;
        a->best_score = a->shown_score = p->score;
        a->shown_answer = answer;
        if (!acc->per_passage && !replace_shown_ranges(acc, a, ranges, n_ranges))
            goto nomem;
    } else {
        if (passage_before(p->score, p->passage_id, a->best_score, a->best_id)) {
            a->best_id = p->passage_id;
            a->best_score = p->score;
        }
        if (!acc->per_passage &&
            (answer > a->shown_answer ||
             (answer == a->shown_answer && passage_before(p->score, p->passage_id, a->shown_score, a->shown_id)))) {
            a->shown_id = p->passage_id;
            a->shown_score = p->score;
            a->shown_answer = answer;
            if (!replace_shown_ranges(acc, a, ranges, n_ranges))
                goto nomem;
        }
    }
    a->count++;
    a->length += p->length;
    float *sums = acc->stride > 0 ? acc->tf_sums + (size_t)(a - acc->articles) * (size_t)acc->stride : NULL;
    for (int ph = 0; ph < acc->stride; ph++)
        sums[ph] += p->tf[ph];
    return PC_OK;
nomem:
    acc->failed = true;
    return PC_ENOMEM;
}

int pc_rank_acc_article_ids(const pc_rank_acc *acc, long long **ids, size_t *n, pc_error *err)
{
    *ids = NULL;
    *n = 0;
    if (acc->n_articles == 0)
        return PC_OK;
    if (!(*ids = malloc(acc->n_articles * sizeof **ids)))
        return pc_error_set(err, PC_ENOMEM, "out of memory while ranking");
    for (size_t i = 0; i < acc->n_articles; i++)
        (*ids)[i] = acc->articles[i].article_id;
    *n = acc->n_articles;
    return PC_OK;
}

const pc_token_range *pc_rank_acc_ranges(const pc_rank_acc *acc)
{
    static const pc_token_range none[1];
    if (!acc || !acc->any_ranges)
        return NULL;
    return acc->ranges ? acc->ranges : none;
}

/* Article-level IDFs: for each phrase, in how many of the candidate articles it occurs, against all the
 * articles of the index (for an OR query the candidates are exactly the articles with the phrase; for an AND
 * query every phrase gets the same IDF, which changes no order). */
static void article_idfs(const pc_rank_acc *acc, double *idf)
{
    const pc_rank_query_stats *stats = acc->stats;
    long long df[PC_RANK_MAX_PHRASES] = {0};
    for (size_t i = 0; i < acc->n_articles; i++)
        for (int ph = 0; ph < acc->stride; ph++)
            df[ph] += acc->tf_sums[i * (size_t)acc->stride + (size_t)ph] > 0;
    long long candidates = (long long)acc->n_articles;
    double articles = (double)(stats && stats->articles > candidates ? stats->articles : candidates);
    for (int ph = 0; ph < acc->stride; ph++)
        idf[ph] = log(1.0 + (articles - (double)df[ph] + 0.5) / ((double)df[ph] + 0.5));
}

/* The article-level BM25 of article a (see pc_rank_hits in ranking.h). */
static double article_bm25(const pc_rank_acc *acc, const double *idf, const pc_article_facts *facts,
                           const article_sums *a)
{
    const pc_rank_params *p = &acc->params;
    const pc_rank_query_stats *stats = acc->stats;
    if (!stats || stats->n_phrases <= 0 || p->article_weight == 0.0)
        return 0.0;
    double total_tokens = stats->avg_passage_length * (double)stats->passages;
    double average = stats->articles > 0 ? total_tokens / (double)stats->articles : 0.0;
    double length = facts && stats->body_bytes > 0 && total_tokens > 0
                        ? (double)facts->body_bytes * total_tokens / (double)stats->body_bytes
                        : a->length;
    if (average <= 0)
        average = length > 0 ? length : 1.0;
    double norm = p->k1 * (1.0 - p->b + p->b * length / average);
    const float *tf = acc->tf_sums + (size_t)(a - acc->articles) * (size_t)acc->stride;
    double score = 0.0;
    for (int ph = 0; ph < acc->stride; ph++)
        score += pc_rank_phrase_weight(stats, ph) * bm25_term(p, idf[ph], tf[ph], norm);
    return score;
}

/* Frees what only ranking needed; the ranges stay. */
static void drop_sums(pc_rank_acc *acc)
{
    free(acc->articles);
    free(acc->tf_sums);
    free(acc->slots);
    free(acc->passages);
    acc->articles = NULL;
    acc->tf_sums = NULL;
    acc->slots = NULL;
    acc->passages = NULL;
    acc->n_articles = acc->cap_articles = acc->cap_tf = acc->n_slots = acc->n_passages = acc->cap_passages = 0;
}

int pc_rank_acc_finish(pc_rank_acc *acc, const pc_title_match *titles, size_t n_titles, const pc_article_facts *facts,
                       size_t n_facts, bool title_only_hits, pc_ranked_hit **out, size_t *n_out, pc_error *err)
{
    *out = NULL;
    *n_out = 0;
    const pc_rank_params *p = &acc->params;
    if (!titles)
        n_titles = 0;
    pc_title_match *tl = NULL;
    day_hit *hits = NULL;
    int rc = PC_OK;
    size_t n_rows = acc->per_passage ? acc->n_passages : acc->n_articles;
    if (acc->failed)
        goto nomem;
    if (n_titles > 0 && !(tl = malloc(n_titles * sizeof *tl)))
        goto nomem;
    if (n_rows + n_titles > 0 && !(hits = malloc((n_rows + n_titles) * sizeof *hits)))
        goto nomem;
    size_t nt = 0;
    if (n_titles > 0) {
        memcpy(tl, titles, n_titles * sizeof *tl);
        qsort(tl, n_titles, sizeof *tl, title_compare);
        for (size_t i = 0; i < n_titles; i++) /* one entry per article: the best coverage */
            if (nt == 0 || tl[nt - 1].article_id != tl[i].article_id)
                tl[nt++] = tl[i];
    }

    size_t nh = 0;
    if (acc->per_passage) {
        for (size_t k = 0; k < acc->n_passages; k++) {
            const passage_entry *e = &acc->passages[k];
            const pc_title_match *t = find_title(tl, nt, e->article_id);
            double coverage = t ? t->coverage : 0.0;
            hits[nh++] = (day_hit){
                .hit = {.article_id = e->article_id, .passage_id = e->passage_id,
                        .score = e->score + p->title_weight * coverage, .matching_passages = 1,
                        .title_coverage = coverage, .first_match = e->first_match, .n_matches = e->n_matches},
                .day = passage_day(e->passage_id)};
        }
    } else {
        double idf[PC_RANK_MAX_PHRASES] = {0};
        article_idfs(acc, idf);
        for (size_t i = 0; i < acc->n_articles; i++) {
            const article_sums *a = &acc->articles[i];
            const pc_title_match *t = find_title(tl, nt, a->article_id);
            double coverage = t ? t->coverage : 0.0;
            double title_bonus = p->title_weight * coverage;
            const pc_article_facts *f = facts ? pc_article_facts_find(facts, n_facts, a->article_id) : NULL;
            double article = p->article_weight * article_bm25(acc, idf, f, a);
            hits[nh++] = (day_hit){
                .hit = {.article_id = a->article_id, .passage_id = a->shown_id,
                        .score = a->best_score + article + title_bonus + p->passages_weight * log((double)a->count),
                        .matching_passages = a->count, .title_coverage = coverage, .first_match = a->first_match,
                        .n_matches = a->n_matches},
                .day = passage_day(a->best_id)};
        }
    }
    if (title_only_hits) {
        for (size_t i = 0; i < nt; i++) {
            if (find_article(acc, tl[i].article_id))
                continue;
            hits[nh++] = (day_hit){.hit = {.article_id = tl[i].article_id, .passage_id = 0,
                                           .score = p->title_weight * tl[i].coverage, .matching_passages = 0,
                                           .title_coverage = tl[i].coverage},
                                   .day = tl[i].day};
        }
    }
    drop_sums(acc);
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
    rc = pc_error_set(err, PC_ENOMEM, "out of memory while ranking");
done:
    drop_sums(acc);
    free(tl);
    free(hits);
    return rc;
}

int pc_rank_hits(const pc_rank_params *p, const pc_rank_query_stats *stats, const pc_scored_passage *passages,
                 size_t n_passages, const pc_title_match *titles, size_t n_titles, const pc_article_facts *facts,
                 size_t n_facts, bool title_only_hits, bool per_passage, pc_ranked_hit **out, size_t *n_out,
                 pc_error *err)
{
    *out = NULL;
    *n_out = 0;
    pc_rank_acc *acc = NULL;
    int rc = pc_rank_acc_new(p, stats, per_passage, &acc, err);
    for (size_t i = 0; rc == PC_OK && passages && i < n_passages; i++)
        if (pc_rank_acc_add(acc, &passages[i], NULL, 0) != PC_OK)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while ranking %zu passages", n_passages);
    if (rc == PC_OK)
        rc = pc_rank_acc_finish(acc, titles, n_titles, facts, n_facts, title_only_hits, out, n_out, err);
    pc_rank_acc_free(acc);
    return rc;
}
