/* search.c — a search from parsed query to hits (see include/presscut/search.h): compiles the query's
 * expressions, asks the store for matching passages and titles, ranks them, and for the page of hits asked
 * for reads the article, the match positions and the snippet window. */
#include "presscut/search.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/rank.h"
#include "presscut/strbuf.h"

void pc_search_options_default(pc_search_options *o)
{
    memset(o, 0, sizeof *o);
    o->limit = 10;
    o->offset = 0;
    o->per_passage = false;
    o->snippet_chars = 240;
}

void pc_search_plan_clear(pc_search_plan *c)
{
    if (!c)
        return;
    free(c->match);
    free(c->exclude);
    free(c->title_filter);
    free(c->any);
    free(c->title_highlight);
    memset(c, 0, sizeof *c);
}

/* "(a) OR (b)" of two optional expressions; NULL when both are NULL. */
static char *either(const char *a, const char *b, bool *failed)
{
    if (!a && !b)
        return NULL;
    pc_strbuf out = {0};
    if (a && b) {
        pc_strbuf_add_str(&out, "(");
        pc_strbuf_add_str(&out, a);
        pc_strbuf_add_str(&out, ") OR (");
        pc_strbuf_add_str(&out, b);
        pc_strbuf_add_str(&out, ")");
    } else {
        pc_strbuf_add_str(&out, a ? a : b);
    }
    if (out.failed || !out.data) {
        pc_strbuf_free(&out);
        *failed = true;
        return NULL;
    }
    return out.data;
}

/* Compiles the root. A NOT directly under the root's AND excludes the article (no passage and not the title
 * may match it): "kyiv -moscow" finds articles about Kyiv that never mention Moscow, not the passages of
 * such articles that happen not to. Deeper NOTs stay within the passage, as FTS5 evaluates them. */
static int compile_root(const pc_qnode *root, pc_search_plan *c, pc_error *err)
{
    size_t n_not = 0;
    if (root->kind == PC_QNODE_AND)
        for (size_t i = 0; i < root->n_children; i++)
            n_not += root->children[i]->kind == PC_QNODE_NOT;
    if (n_not == 0 || n_not == root->n_children)
        return pc_query_compile(root, &c->match, err);
    pc_qnode **wanted = malloc(root->n_children * sizeof *wanted);
    pc_qnode **unwanted = malloc(root->n_children * sizeof *unwanted);
    int rc = PC_OK;
    if (!wanted || !unwanted) {
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while compiling the query");
    } else {
        size_t n_wanted = 0, n_unwanted = 0;
        for (size_t i = 0; i < root->n_children; i++) {
            pc_qnode *child = root->children[i];
            if (child->kind == PC_QNODE_NOT)
                unwanted[n_unwanted++] = child->children[0];
            else
                wanted[n_wanted++] = child;
        }
        pc_qnode all = {.kind = PC_QNODE_AND, .column = root->column, .children = wanted, .n_children = n_wanted};
        pc_qnode any = {.kind = PC_QNODE_OR, .column = root->column, .children = unwanted, .n_children = n_unwanted};
        rc = pc_query_compile(n_wanted == 1 ? wanted[0] : &all, &c->match, err);
        if (rc == PC_OK)
            rc = pc_query_compile(n_unwanted == 1 ? unwanted[0] : &any, &c->exclude, err);
    }
    free(wanted);
    free(unwanted);
    return rc;
}

int pc_search_plan_make(const pc_query *q, pc_search_plan *c, pc_error *err)
{
    memset(c, 0, sizeof *c);
    int rc = PC_OK;
    char *title_any = NULL;
    if (q->root) {
        rc = compile_root(q->root, c, err);
        if (rc == PC_OK)
            rc = pc_query_compile_any(q->root, &c->any, err);
    }
    if (rc == PC_OK && q->filters.title) {
        rc = pc_query_compile(q->filters.title, &c->title_filter, err);
        if (rc == PC_OK)
            rc = pc_query_compile_any(q->filters.title, &title_any, err);
    }
    if (rc == PC_OK) {
        bool failed = false;
        c->title_highlight = either(c->any, title_any, &failed);
        if (failed)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while compiling the query");
    }
    free(title_any);
    if (rc != PC_OK)
        pc_search_plan_clear(c);
    return rc;
}

static void store_query_from(const pc_query *q, const pc_search_plan *c, pc_store_query *sq)
{
    const pc_query_filters *f = &q->filters;
    *sq = (pc_store_query){
        .match = c->match,
        .title_filter = c->title_filter,
        .exclude = c->exclude,
        .day_from = f->day_from,
        .day_to = f->day_to,
        .sources = (const char *const *)f->sources,
        .n_sources = f->n_sources,
        .not_sources = (const char *const *)f->not_sources,
        .n_not_sources = f->n_not_sources,
        .langs = (const char *const *)f->langs,
        .n_langs = f->n_langs,
        .not_langs = (const char *const *)f->not_langs,
        .n_not_langs = f->n_not_langs,
    };
}

/* qsort has no context argument: the clusters being sorted by, for compare_cluster_positions. */
static const long long *sort_clusters;

static int compare_cluster_positions(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    long long cx = sort_clusters[x], cy = sort_clusters[y];
    if (cx != cy)
        return (cx > cy) - (cx < cy);
    return (x > y) - (x < y);
}

static int compare_ids(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static bool id_in(const long long *sorted, size_t n, long long id)
{
    return n > 0 && bsearch(&id, sorted, n, sizeof *sorted, compare_ids) != NULL;
}

/* The title matches that count for ranking: a title bonus for articles with matching passages, and a hit
 * of its own for an article whose title matches the whole query (`full`, sorted ids) though no passage
 * does. Keeps, in place, the entries of `bonus` whose article has a matching passage or is in `full`. */
static size_t keep_counting_titles(pc_title_match *bonus, size_t n_bonus, const pc_scored_passage *passages,
                                   size_t n_passages, const long long *full, size_t n_full, long long *scratch)
{
    for (size_t i = 0; i < n_passages; i++)
        scratch[i] = passages[i].article_id;
    qsort(scratch, n_passages, sizeof *scratch, compare_ids);
    size_t kept = 0;
    for (size_t i = 0; i < n_bonus; i++)
        if (id_in(scratch, n_passages, bonus[i].article_id) || id_in(full, n_full, bonus[i].article_id))
            bonus[kept++] = bonus[i];
    return kept;
}

/* Ranks the query's matches into *hits. */
static int rank_matches(pc_store *s, const pc_query *q, const pc_search_plan *c, bool per_passage,
                        pc_ranked_hit **hits, size_t *n_hits, pc_error *err)
{
    pc_store_query sq;
    store_query_from(q, c, &sq);
    pc_scored_passage *passages = NULL;
    size_t n_passages = 0;
    pc_title_match *titles = NULL, *full = NULL;
    size_t n_titles = 0, n_full = 0;
    long long *full_ids = NULL, *scratch = NULL;
    int rc = PC_OK;

    if (c->match) {
        rc = pc_store_match_passages(s, &sq, &passages, &n_passages, err);
        /* Title bonus from the wanted terms; title-only hits from titles matching the whole expression. */
        if (rc == PC_OK && c->any)
            rc = pc_store_match_titles(s, &sq, c->any, &titles, &n_titles, err);
        if (rc == PC_OK && c->any && strcmp(c->any, c->match) != 0)
            rc = pc_store_match_titles(s, &sq, c->match, &full, &n_full, err);
        if (rc == PC_OK) {
            const pc_title_match *whole = full ? full : titles;
            size_t n_whole = full ? n_full : n_titles;
            full_ids = malloc((n_whole ? n_whole : 1) * sizeof *full_ids);
            scratch = malloc((n_passages ? n_passages : 1) * sizeof *scratch);
            if (!full_ids || !scratch) {
                rc = pc_error_set(err, PC_ENOMEM, "out of memory while ranking");
            } else {
                for (size_t i = 0; i < n_whole; i++)
                    full_ids[i] = whole[i].article_id;
                qsort(full_ids, n_whole, sizeof *full_ids, compare_ids);
                n_titles = keep_counting_titles(titles, n_titles, passages, n_passages, full_ids, n_whole, scratch);
            }
        }
    } else {
        /* Only title: filters: the articles whose title matches them. */
        rc = pc_store_match_titles(s, &sq, c->title_filter, &titles, &n_titles, err);
    }
    if (rc == PC_OK)
        rc = pc_rank_hits(pc_store_rank_params(s), passages, n_passages, titles, n_titles, true, per_passage, hits,
                          n_hits, err);
    free(passages);
    free(titles);
    free(full);
    free(full_ids);
    free(scratch);
    return rc;
}

/* Folds near-duplicate copies: keeps, in rank order, the first hit of each cluster and counts in copies[k]
 * the later hits of the same cluster. Compacts hits in place; *n becomes the number kept. */
static int fold_copies(pc_store *s, pc_ranked_hit *hits, size_t *n, long long **copies, pc_error *err)
{
    *copies = calloc(*n ? *n : 1, sizeof **copies);
    long long *ids = malloc((*n ? *n : 1) * sizeof *ids);
    long long *clusters = malloc((*n ? *n : 1) * sizeof *clusters);
    size_t *order = malloc((*n ? *n : 1) * sizeof *order);
    int rc = PC_OK;
    if (!*copies || !ids || !clusters || !order)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while folding copies");
    for (size_t i = 0; rc == PC_OK && i < *n; i++)
        ids[i] = hits[i].article_id;
    if (rc == PC_OK)
        rc = pc_store_article_clusters(s, ids, *n, clusters, err);
    if (rc == PC_OK) {
        /* The first (best-ranked) hit of each cluster: sort positions by (cluster, position). */
        for (size_t i = 0; i < *n; i++)
            order[i] = i;
        sort_clusters = clusters;
        qsort(order, *n, sizeof *order, compare_cluster_positions);
        /* ids[i] becomes the position of hit i's representative. */
        for (size_t k = 0; k < *n;) {
            size_t j = k;
            while (j < *n && clusters[order[j]] == clusters[order[k]] && clusters[order[k]] != 0)
                j++;
            if (j == k)
                j = k + 1; /* cluster 0 (not found): its own */
            for (size_t m = k; m < j; m++)
                ids[order[m]] = (long long)order[k];
            k = j;
        }
        size_t kept = 0;
        long long *new_position = clusters; /* reused: position of a representative after compaction */
        for (size_t i = 0; i < *n; i++) {
            if (ids[i] == (long long)i) {
                new_position[i] = (long long)kept;
                hits[kept] = hits[i];
                (*copies)[kept] = 0;
                kept++;
            } else {
                (*copies)[new_position[ids[i]]]++;
            }
        }
        *n = kept;
    }
    free(ids);
    free(clusters);
    free(order);
    if (rc != PC_OK) {
        free(*copies);
        *copies = NULL;
    }
    return rc;
}

/* Reads what a hit shows and hands it to fn. */
static int deliver_hit(pc_store *s, const pc_search_plan *c, const pc_ranked_hit *r, long long copies, long long rank,
                       const pc_search_options *opt, pc_search_hit_fn fn, void *payload, pc_error *err)
{
    pc_store_article art;
    int rc = pc_store_article_get(s, r->article_id, r->passage_id, false, &art, err);
    if (rc != PC_OK)
        return rc;
    pc_span *spans = NULL, *title_spans = NULL;
    size_t n_spans = 0, n_title_spans = 0;
    /* A passage that matched shows the query's matches; the first passage of a title-only hit shows any
     * wanted word it has. */
    const char *passage_expr = r->passage_id ? c->match : c->title_highlight;
    rc = pc_store_match_spans(s, false, passage_expr, art.passage_id, &spans, &n_spans, err);
    if (rc == PC_OK && art.title && c->title_highlight)
        rc = pc_store_match_spans(s, true, c->title_highlight, art.id, &title_spans, &n_title_spans, err);
    if (rc == PC_OK) {
        size_t passage_len = art.passage_end - art.passage_start;
        pc_search_hit hit = {
            .rank = rank,
            .article_id = art.id,
            .passage_id = art.passage_id,
            .passage_seq = art.passage_seq,
            .score = r->score,
            .matching_passages = r->matching_passages,
            .copies = copies,
            .title = art.title,
            .published = art.published,
            .source = art.source,
            .url = art.url,
            .lang = art.lang,
            .path = art.path,
            .record = art.record,
            .tags = art.tags,
            .passage = art.passage,
            .passage_len = passage_len,
            .passage_start = art.passage_start,
            .spans = spans,
            .n_spans = n_spans,
            .title_spans = title_spans,
            .n_title_spans = n_title_spans,
        };
        pc_snippet_choose(art.passage, passage_len, spans, n_spans, opt->snippet_chars, &hit.snippet);
        rc = fn ? fn(payload, &hit) : PC_OK;
    }
    free(spans);
    free(title_spans);
    pc_store_article_clear(&art);
    return rc;
}

int pc_search_run(pc_store *s, const pc_query *q, const pc_search_options *opt, pc_search_hit_fn fn, void *payload,
                  long long *total, pc_error *err)
{
    pc_search_options defaults;
    if (!opt) {
        pc_search_options_default(&defaults);
        opt = &defaults;
    }
    if (total)
        *total = 0;
    if (!q || (!q->root && !q->filters.title))
        return pc_error_set(err, PC_EINVAL,
                            "the query has only filters: add a word to search for (or a title: filter)");
    pc_search_plan c;
    int rc = pc_search_plan_make(q, &c, err);
    if (rc != PC_OK)
        return rc;
    pc_ranked_hit *hits = NULL;
    size_t n_hits = 0;
    rc = rank_matches(s, q, &c, opt->per_passage, &hits, &n_hits, err);
    long long *copies = NULL;
    if (rc == PC_OK && !opt->per_passage && !opt->all_copies)
        rc = fold_copies(s, hits, &n_hits, &copies, err);
    if (rc == PC_OK) {
        if (total)
            *total = (long long)n_hits;
        long long first = opt->offset > 0 ? opt->offset : 0;
        long long end = opt->limit < 0 ? (long long)n_hits : first + opt->limit;
        if (end > (long long)n_hits)
            end = (long long)n_hits;
        for (long long i = first; rc == PC_OK && i < end; i++)
            rc = deliver_hit(s, &c, &hits[i], copies ? copies[i] : 0, i + 1, opt, fn, payload, err);
    }
    free(copies);
    free(hits);
    pc_search_plan_clear(&c);
    return rc;
}

/* ---- show -------------------------------------------------------------------------------------------- */

/* The matches of `expr` over every passage of the article, as byte ranges of its body. */
static int body_spans(pc_store *s, long long article_id, const char *expr, pc_span **out, size_t *n_out,
                      pc_error *err)
{
    *out = NULL;
    *n_out = 0;
    long long *ids = NULL;
    size_t *starts = NULL, n = 0, cap = 0;
    int rc = pc_store_article_passages(s, article_id, &ids, &starts, &n, err);
    for (size_t i = 0; rc == PC_OK && i < n; i++) {
        pc_span *spans = NULL;
        size_t n_spans = 0;
        rc = pc_store_match_spans(s, false, expr, ids[i], &spans, &n_spans, err);
        if (rc == PC_OK && n_spans > 0) {
            if (*n_out + n_spans > cap) {
                size_t ncap = (*n_out + n_spans) * 2;
                pc_span *grown = realloc(*out, ncap * sizeof *grown);
                if (!grown)
                    rc = pc_error_set(err, PC_ENOMEM, "out of memory while highlighting article %lld", article_id);
                else {
                    *out = grown;
                    cap = ncap;
                }
            }
            for (size_t k = 0; rc == PC_OK && k < n_spans; k++)
                (*out)[(*n_out)++] = (pc_span){starts[i] + spans[k].start, starts[i] + spans[k].end};
        }
        free(spans);
    }
    free(ids);
    free(starts);
    if (rc != PC_OK) {
        free(*out);
        *out = NULL;
        *n_out = 0;
    }
    return rc;
}

int pc_search_show(pc_store *s, long long article_id, const pc_query *highlight,
                   int (*fn)(void *payload, const pc_article_view *article), void *payload, pc_error *err)
{
    pc_search_plan c = {0};
    int rc = highlight ? pc_search_plan_make(highlight, &c, err) : PC_OK;
    if (rc != PC_OK)
        return rc;
    pc_store_article art;
    rc = pc_store_article_get(s, article_id, 0, true, &art, err);
    if (rc != PC_OK) {
        pc_search_plan_clear(&c);
        return rc;
    }
    pc_span *spans = NULL, *title_spans = NULL;
    size_t n_spans = 0, n_title_spans = 0;
    if (c.any)
        rc = body_spans(s, article_id, c.any, &spans, &n_spans, err);
    if (rc == PC_OK && art.title && c.title_highlight)
        rc = pc_store_match_spans(s, true, c.title_highlight, article_id, &title_spans, &n_title_spans, err);
    if (rc == PC_OK) {
        pc_article_view view = {
            .article_id = art.id,
            .title = art.title,
            .published = art.published,
            .source = art.source,
            .url = art.url,
            .lang = art.lang,
            .path = art.path,
            .record = art.record,
            .tags = art.tags,
            .cluster = art.cluster,
            .copies = art.copies,
            .n_passages = art.n_passages,
            .body = art.body ? art.body : "",
            .body_len = art.body_len,
            .body_spans = spans,
            .n_body_spans = n_spans,
            .title_spans = title_spans,
            .n_title_spans = n_title_spans,
        };
        rc = fn ? fn(payload, &view) : PC_OK;
    }
    free(spans);
    free(title_spans);
    pc_store_article_clear(&art);
    pc_search_plan_clear(&c);
    return rc;
}
