/* ranking.c — ranked hits from scored passages and matching titles (include/presscut/search/ranking.h): groups
 * passages by article, keeps the best, adds the article-level BM25 and the title and passage-count bonuses,
 * and sorts with deterministic ties. */
#include "presscut/search/ranking.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


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

/* Comparators of bsearch: an article id (the key) against the article id of a title, facts or passage. */
static int title_id_compare(const void *key, const void *item)
{
    return cmp_ll(*(const long long *)key, ((const pc_title_match *)item)->article_id);
}

static int facts_id_compare(const void *key, const void *item)
{
    return cmp_ll(*(const long long *)key, ((const pc_article_facts *)item)->article_id);
}

static int passage_id_compare(const void *key, const void *item)
{
    return cmp_ll(*(const long long *)key, (*(const pc_scored_passage *const *)item)->article_id);
}

/* The title match of `article_id` in the sorted, de-duplicated titles, or NULL. */
static const pc_title_match *find_title(const pc_title_match *titles, size_t n, long long article_id)
{
    return n ? bsearch(&article_id, titles, n, sizeof *titles, title_id_compare) : NULL;
}

/* True if some passage (sorted by article) belongs to `article_id`. */
static bool has_passage(const pc_scored_passage *const *sorted, size_t n, long long article_id)
{
    return n && bsearch(&article_id, sorted, n, sizeof *sorted, passage_id_compare);
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

const pc_article_facts *pc_article_facts_find(const pc_article_facts *facts, size_t n, long long article_id)
{
    return n ? bsearch(&article_id, facts, n, sizeof *facts, facts_id_compare) : NULL;
}

/* One phrase's BM25 term: tf occurrences in a text whose length gives `norm` (k1 * (1 - b + b * len / avg)). */
static double bm25_term(const pc_rank_params *p, double idf, double tf, double norm)
{
    return tf > 0 ? idf * tf * (p->k1 + 1.0) / (tf + norm) : 0.0;
}

/* The article-level BM25 of the passages sorted[0..n) of one article (see pc_rank_hits in ranking.h). */
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
        score += pc_rank_phrase_weight(stats, ph) * bm25_term(p, idf[ph], tf, norm);
    }
    return score;
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

/* The passage of sorted[0..n) (one article's, best score first) that answers the query best (answer_score);
 * the first of equals. */
static const pc_scored_passage *answer_passage(const pc_rank_params *p, const pc_rank_query_stats *stats,
                                               double mean, const pc_scored_passage *const *sorted, size_t n)
{
    const pc_scored_passage *best = sorted[0];
    double best_score = score_key(answer_score(p, stats, mean, best));
    for (size_t k = 1; k < n; k++) {
        double s = score_key(answer_score(p, stats, mean, sorted[k]));
        if (s > best_score) {
            best = sorted[k];
            best_score = s;
        }
    }
    return best;
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
    double query_mean_idf = mean_idf(stats);
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
            const pc_article_facts *f = facts ? pc_article_facts_find(facts, n_facts, sorted[i]->article_id) : NULL;
            double article = p->article_weight * article_bm25(p, stats, idf, f, sorted + i, j - i);
            const pc_scored_passage *shown = answer_passage(p, stats, query_mean_idf, sorted + i, j - i);
            hits[nh++] = (day_hit){
                .hit = {.article_id = sorted[i]->article_id, .passage_id = shown->passage_id,
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

