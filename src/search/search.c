/* search.c — a search from parsed query to hits (see include/presscut/search/search.h): compiles the query's
 * expressions, asks the store for matching passages and titles, ranks them, and for the page of hits asked
 * for reads the article, the match positions and the snippet window. */
#include "presscut/search/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/array.h"
#include "presscut/core/utf8.h"
#include "presscut/fts5/rank_functions.h"
#include "presscut/search/article_match.h"
#include "presscut/search/ranking.h"
#include "presscut/core/strbuf.h"
#include "session_internal.h"

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
    if (c->own_root) {
        free(c->own_root->children);
        free(c->own_root);
    }
    free(c->match);
    free(c->title_filter);
    free(c->any);
    free(c->title_highlight);
    free(c->left_out);
    pc_expansion_words_free(c->expansion, c->n_expansion);
    free(c->expanded_any);
    free(c->phrase_weights);
    pc_source_names_free(c->source_names, c->n_source_names);
    pc_source_names_free(c->not_source_names, c->n_not_source_names);
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

/* ---- --any: leaving out words that are everywhere ------------------------------------------------------ */

/* In a small index every word is "common": the rule needs a collection of some size. */
#define COMMON_WORDS_MIN_PASSAGES 1000

/* With --any, a question in plain words ("what did the central bank do about interest rates") would match
 * nearly every passage through "the", "did", "do": slow, and noise for the ranking. A single word (not exact,
 * not a prefix) of the root's OR whose most frequent stored form is in more than common_share of all
 * passages (counts from the session's word forms) is left out, as long as a rarer term remains, in an index of
 * at least COMMON_WORDS_MIN_PASSAGES. Sets *kept to a new OR node over the kept children (its children array
 * is malloc'd; the children are the query's), or leaves it NULL when nothing is left out. */
static int leave_out_common_words(pc_query_session *qs, const pc_qnode *root, pc_qnode **kept, pc_error *err)
{
    *kept = NULL;
    pc_store *s = pc_query_session_store(qs);
    double share = pc_store_rank_params(s)->common_share;
    if (share <= 0 || root->kind != PC_QNODE_OR || root->n_children < 2)
        return PC_OK;
    long long passages = 0;
    int rc = pc_store_passage_count(s, &passages, err);
    if (rc != PC_OK || passages < COMMON_WORDS_MIN_PASSAGES)
        return rc;
    bool *common = calloc(root->n_children, sizeof *common);
    if (!common)
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    size_t n_common = 0;
    for (size_t i = 0; rc == PC_OK && i < root->n_children; i++) {
        const pc_qnode *child = root->children[i];
        if (child->kind != PC_QNODE_TERM || child->prefix || child->words[0].exact)
            continue;
        const pc_query_form *forms = NULL;
        size_t n_forms = 0;
        rc = pc_query_session_word_forms(qs, &child->words[0], false, &forms, &n_forms, err);
        long long largest = 0; /* passages of the most frequent stored form of the word */
        for (size_t k = 0; rc == PC_OK && k < n_forms; k++)
            if (forms[k].passages > largest)
                largest = forms[k].passages;
        if (rc == PC_OK && (double)largest > share * (double)passages) {
            common[i] = true;
            n_common++;
        }
    }
    if (rc == PC_OK && n_common > 0 && n_common < root->n_children) {
        pc_qnode *node = calloc(1, sizeof *node);
        pc_qnode **children = calloc(root->n_children, sizeof *children);
        if (!node || !children) {
            free(node);
            free(children);
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
        } else {
            *node = *root;
            node->children = children;
            node->n_children = 0;
            for (size_t i = 0; i < root->n_children; i++)
                if (!common[i])
                    children[node->n_children++] = root->children[i];
            *kept = node;
        }
    }
    free(common);
    return rc;
}

/* The indexed sources the query's source: and -source: patterns match, as the exact names the store takes. */
static int match_source_names(pc_query_session *qs, const pc_query_filters *f, pc_search_plan *c, pc_error *err)
{
    if (!f->n_sources && !f->n_not_sources)
        return PC_OK;
    char **names = NULL;
    size_t n = 0;
    int rc = pc_store_source_names(pc_query_session_store(qs), &names, &n, err);
    pc_analyzer *a = pc_query_session_analyzer(qs);
    if (rc == PC_OK &&
        (pc_source_names_matching(a, (const char *const *)f->sources, f->n_sources, (const char *const *)names, n,
                                  &c->source_names, &c->n_source_names) != PC_OK ||
         pc_source_names_matching(a, (const char *const *)f->not_sources, f->n_not_sources,
                                  (const char *const *)names, n, &c->not_source_names,
                                  &c->n_not_source_names) != PC_OK))
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while matching source names");
    pc_source_names_free(names, n);
    return rc;
}

int pc_search_plan_make(pc_query_session *qs, pc_search_plan *c, pc_error *err)
{
    memset(c, 0, sizeof *c);
    const pc_query *q = pc_query_session_query(qs);
    if (!q)
        return pc_error_set(err, PC_EINVAL, "no query to compile: give the session a query first");
    int rc = PC_OK;
    char *title_any = NULL;
    pc_qnode *kept = NULL;
    if (q->root && q->any)
        rc = leave_out_common_words(qs, q->root, &kept, err);
    const pc_qnode *root = kept ? kept : q->root;
    if (rc == PC_OK && kept) {
        /* The words left out, for --explain. */
        pc_strbuf out = {0};
        for (size_t i = 0, k = 0; i < q->root->n_children; i++) {
            const pc_qnode *child = q->root->children[i];
            if (k < kept->n_children && kept->children[k] == child) {
                k++;
                continue;
            }
            pc_strbuf_add_str(&out, out.len ? " " : "");
            pc_strbuf_add_str(&out, child->words[0].text);
        }
        if (out.failed)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while compiling the query");
        c->left_out = out.data;
    }
    if (rc == PC_OK && root) {
        rc = pc_query_compile(root, &c->match, err);
        if (rc == PC_OK)
            rc = pc_query_compile_any(root, &c->any, err);
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
    if (rc == PC_OK)
        rc = match_source_names(qs, &q->filters, c, err);
    free(title_any);
    c->root = root;
    c->own_root = kept;
    if (rc != PC_OK)
        pc_search_plan_clear(c);
    return rc;
}

static void store_query_from(const pc_query *q, const pc_search_plan *c, pc_store_query *sq)
{
    const pc_query_filters *f = &q->filters;
    *sq = (pc_store_query){
        .match = c->any,
        .title_filter = c->title_filter,
        .day_from = f->day_from,
        .day_to = f->day_to,
        .source_filter = f->n_sources > 0,
        .sources = (const char *const *)c->source_names,
        .n_sources = c->n_source_names,
        .not_sources = (const char *const *)c->not_source_names,
        .n_not_sources = c->n_not_source_names,
        .langs = (const char *const *)f->langs,
        .n_langs = f->n_langs,
        .not_langs = (const char *const *)f->not_langs,
        .n_not_langs = f->n_not_langs,
    };
}

int pc_search_article_ids(pc_query_session *qs, long long **ids, size_t *n, pc_error *err)
{
    *ids = NULL;
    *n = 0;
    pc_search_plan plan;
    int rc = pc_search_plan_make(qs, &plan, err);
    if (rc != PC_OK)
        return rc;
    if (!plan.match) {
        pc_search_plan_clear(&plan);
        return pc_error_set(err, PC_EINVAL, "add a word to search for");
    }
    pc_store_query sq;
    store_query_from(pc_query_session_query(qs), &plan, &sq);
    rc = pc_store_match_articles(pc_query_session_store(qs), &sq, plan.match, ids, n, err);
    pc_search_plan_clear(&plan);
    return rc;
}

static int compare_ids(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Sorts ids[0..*n) and removes repeats. */
static void sort_unique(long long *ids, size_t *n)
{
    if (*n < 2)
        return;
    qsort(ids, *n, sizeof *ids, compare_ids);
    size_t kept = 1;
    for (size_t i = 1; i < *n; i++)
        if (ids[i] != ids[kept - 1])
            ids[kept++] = ids[i];
    *n = kept;
}

/* The facts (cluster, body length) of every candidate article: those of the passages ranked and of the
 * titles. Sets *facts (malloc'd, sorted by article id) and *n. */
static int read_facts(pc_store *s, const pc_rank_acc *acc, const pc_title_match *titles, size_t n_titles,
                      pc_article_facts **facts, size_t *n, pc_error *err)
{
    *facts = NULL;
    *n = 0;
    long long *ids = NULL;
    size_t k = 0;
    int rc = pc_rank_acc_article_ids(acc, &ids, &k, err);
    if (rc != PC_OK)
        return rc;
    long long *all = realloc(ids, (k + n_titles ? k + n_titles : 1) * sizeof *all);
    pc_article_facts *out = all ? malloc((k + n_titles ? k + n_titles : 1) * sizeof *out) : NULL;
    if (!all || !out) {
        free(all ? all : ids);
        return pc_error_set(err, PC_ENOMEM, "out of memory while ranking");
    }
    for (size_t i = 0; i < n_titles; i++)
        all[k++] = titles[i].article_id;
    sort_unique(all, &k);
    rc = pc_store_article_facts(s, all, k, out, err);
    free(all);
    if (rc != PC_OK) {
        free(out);
        return rc;
    }
    *facts = out;
    *n = k;
    return PC_OK;
}

/* What a search keeps between ranking and delivering its hits. */
typedef struct search_matches {
    pc_rank_acc *acc;        /* after ranking: the match ranges of the passages shown */
    pc_article_facts *facts; /* candidate articles, sorted by id */
    size_t n_facts;
    pc_rank_query_stats stats; /* of the expression ranked */
} search_matches;

static void search_matches_free(search_matches *m)
{
    pc_rank_acc_free(m->acc);
    free(m->facts);
    memset(m, 0, sizeof *m);
}

static int add_passage(void *acc, const pc_scored_passage *p, const pc_token_range *ranges, size_t n_ranges)
{
    return pc_rank_acc_add(acc, p, ranges, n_ranges);
}

/* Ranks the query's matches into *hits, keeping in *m what delivering the hits needs. The passages stream
 * from the store into the ranking, which keeps a few numbers per article, not the passages. */
static int rank_matches(pc_store *s, const pc_query *q, const pc_search_plan *c, bool per_passage,
                        pc_ranked_hit **hits, size_t *n_hits, search_matches *m, pc_error *err)
{
    pc_store_query sq;
    store_query_from(q, c, &sq);
    pc_rank_query_stats *stats = &m->stats;
    pc_title_match *titles = NULL;
    size_t n_titles = 0;
    long long *articles = NULL;
    size_t n_articles = 0;
    int rc = pc_rank_acc_new(pc_store_rank_params(s), stats, per_passage, &m->acc, err);

    if (rc == PC_OK && c->root) {
        /* Which articles the whole query holds over (title and body); then, within them, the passages and
         * titles with any wanted term are scored: the best passage is the one that covers the query best. A
         * query that is only ORed terms needs no first step: its articles are those of its passages and
         * titles. */
        bool wanted = true;
        if (!pc_query_is_disjunction(c->root)) {
            rc = pc_match_articles(s, &sq, c->root, &articles, &n_articles, err);
            sq.article_ids = articles ? articles : (const long long *)&n_articles;
            sq.n_article_ids = n_articles;
            wanted = n_articles > 0;
        }
        sq.match = c->expanded_any ? c->expanded_any : c->any;
        sq.phrase_weights = c->phrase_weights;
        stats->n_weights = c->n_phrase_weights;
        memcpy(stats->weight, c->phrase_weight, sizeof stats->weight);
        if (rc == PC_OK && wanted)
            rc = pc_store_each_passage(s, &sq, stats, add_passage, m->acc, err);
        if (rc == PC_OK && wanted)
            rc = pc_store_match_titles(s, &sq, c->any, &titles, &n_titles, err);
    } else if (rc == PC_OK) {
        /* Only title: filters: the articles whose title matches them. */
        rc = pc_store_match_titles(s, &sq, c->title_filter, &titles, &n_titles, err);
    }
    free(articles);
    if (rc == PC_OK)
        rc = read_facts(s, m->acc, titles, n_titles, &m->facts, &m->n_facts, err);
    if (rc == PC_OK)
        rc = pc_rank_acc_finish(m->acc, titles, n_titles, m->facts, m->n_facts, true, hits, n_hits, err);
    free(titles);
    return rc;
}

/* A hit's position and cluster, for folding. */
typedef struct cluster_position {
    long long cluster;
    size_t position;
} cluster_position;

static int compare_cluster_positions(const void *a, const void *b)
{
    const cluster_position *x = a, *y = b;
    if (x->cluster != y->cluster)
        return (x->cluster > y->cluster) - (x->cluster < y->cluster);
    return (x->position > y->position) - (x->position < y->position);
}

static long long cluster_of(const pc_article_facts *facts, size_t n, long long article_id)
{
    const pc_article_facts *f = pc_article_facts_find(facts, n, article_id);
    return f ? f->cluster : 0;
}

/* Folds near-duplicate copies: keeps, in rank order, the first hit of each cluster (facts: sorted by article
 * id) and counts in copies[k] the later hits of the same cluster. Compacts hits in place; *n becomes the
 * number kept. O(n log n). */
static int fold_copies(pc_ranked_hit *hits, size_t *n, const pc_article_facts *facts, size_t n_facts,
                       long long **copies, pc_error *err)
{
    size_t count = *n;
    *copies = calloc(count ? count : 1, sizeof **copies);
    cluster_position *order = malloc((count ? count : 1) * sizeof *order);
    size_t *leader = malloc((count ? count : 1) * sizeof *leader); /* position of the hit each one folds into */
    if (!*copies || !order || !leader) {
        free(*copies);
        free(order);
        free(leader);
        *copies = NULL;
        return pc_error_set(err, PC_ENOMEM, "out of memory while folding copies");
    }
    for (size_t i = 0; i < count; i++) {
        long long cluster = cluster_of(facts, n_facts, hits[i].article_id);
        order[i] = (cluster_position){cluster ? cluster : -(long long)i - 1, i}; /* unknown: its own */
    }
    qsort(order, count, sizeof *order, compare_cluster_positions);
    for (size_t k = 0; k < count; k++)
        leader[order[k].position] = k > 0 && order[k].cluster == order[k - 1].cluster
                                        ? leader[order[k - 1].position]
                                        : order[k].position;
    /* Compact. The sorted order is no longer needed: order[i].position now holds, for a leader i, its new
     * position; a folded hit's leader comes before it (positions sort first within a cluster), so its entry
     * is written before it is read. */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (leader[i] == i) {
            order[i].position = kept;
            hits[kept++] = hits[i];
        } else {
            (*copies)[order[leader[i]].position]++;
        }
    }
    *n = kept;
    free(order);
    free(leader);
    return PC_OK;
}

/* ---- --any: pseudo-relevance feedback ------------------------------------------------------------------ */

/* What is_common_term needs: a term is common when it is in more than `share` of the index's passages. */
typedef struct common_test {
    pc_store *s;
    long long passages;
    double share;
} common_test;

static int is_common_term(void *payload, const char *term, size_t len, bool *common, pc_error *err)
{
    common_test *t = payload;
    long long docs = 0, terms = 0;
    int rc = pc_store_term_passages(t->s, term, len, false, &docs, &terms, err);
    *common = rc == PC_OK && (double)docs > t->share * (double)t->passages;
    return rc;
}

/* The stored forms of the question's words (those not under a NOT), gathered to be left out of the words
 * added: pointers owned by the session. */
typedef struct question_forms {
    const char **terms;
    size_t *lens;
    size_t n, cap, lens_cap;
} question_forms;

static int gather_question_forms(pc_query_session *qs, const pc_qnode *n, question_forms *f, pc_error *err)
{
    if (n->kind == PC_QNODE_NOT)
        return PC_OK;
    for (size_t i = 0; i < n->n_words; i++) {
        const pc_query_form *forms = NULL;
        size_t n_forms = 0;
        int rc = pc_query_session_word_forms(qs, &n->words[i], false, &forms, &n_forms, err);
        if (rc != PC_OK)
            return rc;
        const char **terms = pc_array_reserve(f->terms, &f->cap, f->n + n_forms, sizeof *terms, 16);
        if (terms)
            f->terms = terms;
        size_t *lens = pc_array_reserve(f->lens, &f->lens_cap, f->n + n_forms, sizeof *lens, 16);
        if (lens)
            f->lens = lens;
        if (!terms || !lens)
            return pc_error_set(err, PC_ENOMEM, "out of memory while expanding the question");
        for (size_t k = 0; k < n_forms; k++) {
            f->terms[f->n] = forms[k].term;
            f->lens[f->n++] = forms[k].term_len;
        }
    }
    for (size_t i = 0; i < n->n_children; i++) {
        int rc = gather_question_forms(qs, n->children[i], f, err);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

/* Chooses the words to add from the first n_docs hits (articles read through the store). */
static int choose_expansion(pc_query_session *qs, const pc_ranked_hit *hits, size_t n_docs, size_t max_words,
                            pc_expansion_word **words, size_t *n_words, pc_error *err)
{
    pc_store *s = pc_query_session_store(qs);
    const pc_query *q = pc_query_session_query(qs);
    pc_store_article *arts = calloc(n_docs, sizeof *arts);
    pc_feedback_article *docs = calloc(n_docs, sizeof *docs);
    question_forms forms = {0};
    int rc = arts && docs ? PC_OK : pc_error_set(err, PC_ENOMEM, "out of memory while expanding the question");
    for (size_t i = 0; rc == PC_OK && i < n_docs; i++) {
        rc = pc_store_article_get(s, hits[i].article_id, 0, true, &arts[i], err);
        if (rc == PC_OK)
            docs[i] = (pc_feedback_article){arts[i].lang, arts[i].body ? arts[i].body : "", arts[i].body_len,
                                            hits[i].score};
    }
    if (rc == PC_OK)
        rc = gather_question_forms(qs, q->root, &forms, err);
    double share = pc_store_rank_params(s)->common_share;
    common_test common = {s, 0, share > 0 ? share : 1.0};
    if (rc == PC_OK)
        rc = pc_store_passage_count(s, &common.passages, err);
    /* In a small index a few articles are too little evidence, and the rule for common words does not hold. */
    if (rc == PC_OK && common.passages >= COMMON_WORDS_MIN_PASSAGES)
        rc = pc_expansion_choose(pc_query_session_analyzer(qs), docs, n_docs, forms.terms, forms.lens, forms.n,
                                 max_words, pc_store_rank_params(s)->article_weight, is_common_term, &common, words,
                                 n_words, err);
    for (size_t i = 0; arts && i < n_docs; i++)
        pc_store_article_clear(&arts[i]);
    free(arts);
    free(docs);
    free(forms.terms);
    free(forms.lens);
    return rc;
}

/* Sets the plan's expanded expression and weights for `words` added to a question of n_question phrases. */
static int plan_add_words(pc_search_plan *c, int n_question, const pc_expansion_word *words, size_t n_words,
                          double lambda, pc_error *err)
{
    pc_qword *qwords = calloc(n_words, sizeof *qwords);
    pc_qnode *terms = calloc(n_words, sizeof *terms);
    pc_qnode **children = calloc(n_words + 1, sizeof *children);
    pc_qnode either_node = {.kind = PC_QNODE_OR, .children = children, .n_children = n_words + 1};
    int rc = qwords && terms && children ? PC_OK
                                         : pc_error_set(err, PC_ENOMEM, "out of memory while expanding the question");
    if (rc == PC_OK) {
        children[0] = (pc_qnode *)c->root;
        for (size_t i = 0; i < n_words; i++) {
            qwords[i] = (pc_qword){.text = words[i].word};
            terms[i] = (pc_qnode){.kind = PC_QNODE_TERM, .words = &qwords[i], .n_words = 1};
            children[i + 1] = &terms[i];
        }
        rc = pc_query_compile_any(&either_node, &c->expanded_any, err);
    }
    pc_strbuf text = {0};
    for (int ph = 0; rc == PC_OK && ph < n_question + (int)n_words; ph++) {
        /* The question's phrases keep weight 1 (so the other parts of the score keep their scale); the words
         * added share (1 - lambda) / lambda of the question's total. */
        double w = ph < n_question ? 1.0
                                   : (1.0 - lambda) / lambda * n_question * words[ph - n_question].weight;
        char number[32];
        snprintf(number, sizeof number, "%s%.6g", ph ? " " : "", w);
        pc_strbuf_add_str(&text, number);
        c->phrase_weight[ph] = (float)w;
    }
    if (rc == PC_OK && text.failed)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while expanding the question");
    if (rc == PC_OK) {
        c->phrase_weights = text.data;
        c->n_phrase_weights = n_question + (int)n_words;
    } else {
        pc_strbuf_free(&text);
        free(c->expanded_any);
        c->expanded_any = NULL;
    }
    free(qwords);
    free(terms);
    free(children);
    return rc;
}

int pc_search_plan_expand(pc_query_session *qs, pc_search_plan *c, pc_error *err)
{
    pc_store *s = pc_query_session_store(qs);
    const pc_query *q = pc_query_session_query(qs);
    const pc_rank_params *p = pc_store_rank_params(s);
    if (!q || !q->expand || !c->root || !c->any || c->expanded_any || p->fb_docs < 1 || p->fb_terms < 1 ||
        p->fb_lambda >= 1.0 || p->fb_lambda <= 0.0)
        return PC_OK;
    pc_ranked_hit *hits = NULL;
    size_t n_hits = 0;
    search_matches m = {0};
    long long *copies = NULL;
    int rc = rank_matches(s, q, c, false, &hits, &n_hits, &m, err);
    if (rc == PC_OK)
        rc = fold_copies(hits, &n_hits, m.facts, m.n_facts, &copies, err);
    int n_question = m.stats.n_phrases;
    size_t max_words = (size_t)p->fb_terms;
    if (n_question + max_words > PC_RANK_MAX_PHRASES)
        max_words = n_question < PC_RANK_MAX_PHRASES ? (size_t)(PC_RANK_MAX_PHRASES - n_question) : 0;
    size_t n_docs = n_hits < (size_t)p->fb_docs ? n_hits : (size_t)p->fb_docs;
    pc_expansion_word *words = NULL;
    size_t n_words = 0;
    if (rc == PC_OK && n_docs > 0 && max_words > 0 && n_question > 0)
        rc = choose_expansion(qs, hits, n_docs, max_words, &words, &n_words, err);
    if (rc == PC_OK && n_words > 0)
        rc = plan_add_words(c, n_question, words, n_words, p->fb_lambda, err);
    if (rc == PC_OK && n_words > 0) {
        c->expansion = words;
        c->n_expansion = n_words;
    } else {
        pc_expansion_words_free(words, n_words);
    }
    free(copies);
    search_matches_free(&m);
    free(hits);
    return rc;
}

/* The passage's spans as byte and character ranges of the article body (*bytes and *chars malloc'd, n each;
 * NULL when n is 0). Spans out of order or outside the passage keep their bytes and get the characters up to
 * the passage's end. */
static int spans_in_body(const pc_store_article *art, const pc_span *spans, size_t n, pc_span **bytes,
                         pc_span **chars, pc_error *err)
{
    *bytes = *chars = NULL;
    if (n == 0)
        return PC_OK;
    *bytes = malloc(n * sizeof **bytes);
    *chars = malloc(n * sizeof **chars);
    if (!*bytes || !*chars) {
        free(*bytes);
        free(*chars);
        *bytes = *chars = NULL;
        return pc_error_set(err, PC_ENOMEM, "out of memory while locating matches");
    }
    size_t passage_len = art->passage_end - art->passage_start;
    size_t counted = 0, chars_before = 0; /* characters of passage[0, counted) */
    for (size_t i = 0; i < n; i++) {
        size_t start = spans[i].start < passage_len ? spans[i].start : passage_len;
        size_t end = spans[i].end < passage_len ? spans[i].end : passage_len;
        if (start < counted)
            counted = chars_before = 0;
        chars_before += pc_utf8_count_chars(art->passage + counted, start - counted);
        counted = start;
        size_t match_chars = end > start ? pc_utf8_count_chars(art->passage + start, end - start) : 0;
        (*bytes)[i] = (pc_span){art->passage_start + spans[i].start, art->passage_start + spans[i].end};
        (*chars)[i] = (pc_span){art->passage_start_chars + chars_before,
                                art->passage_start_chars + chars_before + match_chars};
    }
    return PC_OK;
}

/* Reads what a hit shows and hands it to fn. */
static int deliver_hit(pc_store *s, const pc_search_plan *c, const search_matches *m, pc_analyzer *analyzer,
                       const pc_ranked_hit *r, long long copies, long long rank, const pc_search_options *opt,
                       pc_search_hit_fn fn, void *payload, pc_error *err)
{
    pc_store_article art;
    int rc = pc_store_article_get(s, r->article_id, r->passage_id, false, &art, err);
    if (rc != PC_OK)
        return rc;
    pc_span *spans = NULL, *title_spans = NULL;
    size_t n_spans = 0, n_title_spans = 0;
    /* A passage that matched shows the matches FTS5 reported while ranking (their token positions, mapped to
     * bytes here without another MATCH); the first passage of a title-only hit shows any wanted word it has. */
    const pc_token_range *ranges = r->passage_id ? pc_rank_acc_ranges(m->acc) : NULL;
    if (ranges) {
        int arc = pc_token_ranges_to_spans(analyzer, art.passage, art.passage_end - art.passage_start,
                                           ranges + r->first_match, r->n_matches, &spans, &n_spans);
        if (arc != PC_OK)
            rc = pc_error_set(err, arc, "out of memory while highlighting matches");
    } else {
        const char *passage_expr = r->passage_id ? c->any : c->title_highlight;
        rc = pc_store_match_spans(s, false, passage_expr, art.passage_id, &spans, &n_spans, err);
    }
    if (rc == PC_OK && art.title && c->title_highlight && r->title_coverage > 0)
        rc = pc_store_match_spans(s, true, c->title_highlight, art.id, &title_spans, &n_title_spans, err);
    pc_span *body_bytes = NULL, *body_chars = NULL;
    if (rc == PC_OK)
        rc = spans_in_body(&art, spans, n_spans, &body_bytes, &body_chars, err);
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
            .body_spans = body_bytes,
            .body_char_spans = body_chars,
            .cluster = art.cluster,
            .title_spans = title_spans,
            .n_title_spans = n_title_spans,
        };
        pc_snippet_choose(art.passage, passage_len, spans, n_spans, opt->snippet_chars, &hit.snippet);
        rc = fn ? fn(payload, &hit) : PC_OK;
    }
    free(body_bytes);
    free(body_chars);
    free(spans);
    free(title_spans);
    pc_store_article_clear(&art);
    return rc;
}

int pc_search_run(pc_query_session *qs, const pc_search_options *opt, pc_search_hit_fn fn, void *payload,
                  long long *total, pc_error *err)
{
    pc_store *s = pc_query_session_store(qs);
    const pc_query *q = pc_query_session_query(qs);
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
    int rc = pc_search_plan_make(qs, &c, err);
    if (rc != PC_OK)
        return rc;
    rc = pc_search_plan_expand(qs, &c, err);
    pc_ranked_hit *hits = NULL;
    size_t n_hits = 0;
    search_matches m = {0};
    if (rc == PC_OK)
        rc = rank_matches(s, q, &c, opt->per_passage, &hits, &n_hits, &m, err);
    long long *copies = NULL;
    if (rc == PC_OK && !opt->per_passage && !opt->all_copies)
        rc = fold_copies(hits, &n_hits, m.facts, m.n_facts, &copies, err);
    if (rc == PC_OK) {
        if (total)
            *total = (long long)n_hits;
        long long first = opt->offset > 0 ? opt->offset : 0;
        long long end = opt->limit < 0 ? (long long)n_hits : first + opt->limit;
        if (end > (long long)n_hits)
            end = (long long)n_hits;
        for (long long i = first; rc == PC_OK && i < end; i++)
            rc = deliver_hit(s, &c, &m, pc_query_session_analyzer(qs), &hits[i], copies ? copies[i] : 0, i + 1, opt,
                             fn, payload, err);
    }
    free(copies);
    search_matches_free(&m);
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

static void plan_free(void *plan)
{
    pc_search_plan_clear(plan);
    free(plan);
}

/* The plan of the highlight session's query, compiled at the first article shown and kept with the session
 * until its query changes. */
static int highlight_plan(pc_query_session *qs, const pc_search_plan **out, pc_error *err)
{
    pc_search_plan *plan = query_session_derived(qs);
    if (!plan) {
        if (!(plan = calloc(1, sizeof *plan)))
            return pc_error_set(err, PC_ENOMEM, "out of memory while compiling the highlight query");
        int rc = pc_search_plan_make(qs, plan, err);
        if (rc != PC_OK) {
            plan_free(plan);
            return rc;
        }
        query_session_keep_derived(qs, plan, plan_free);
    }
    *out = plan;
    return PC_OK;
}

int pc_search_show(pc_store *s, long long article_id, pc_query_session *highlight,
                   int (*fn)(void *payload, const pc_article_view *article), void *payload, pc_error *err)
{
    static const pc_search_plan no_highlight = {0};
    const pc_search_plan *c = &no_highlight;
    if (highlight && pc_query_session_store(highlight) != s)
        return pc_error_set(err, PC_EINVAL, "the highlight query was made on another index than '%s': make its "
                                            "session on the store the article is read from",
                            pc_store_path(s));
    int rc = highlight ? highlight_plan(highlight, &c, err) : PC_OK;
    if (rc != PC_OK)
        return rc;
    pc_store_article art;
    rc = pc_store_article_get(s, article_id, 0, true, &art, err);
    if (rc != PC_OK)
        return rc;
    pc_span *spans = NULL, *title_spans = NULL;
    size_t n_spans = 0, n_title_spans = 0;
    if (c->any)
        rc = body_spans(s, article_id, c->any, &spans, &n_spans, err);
    if (rc == PC_OK && art.title && c->title_highlight)
        rc = pc_store_match_spans(s, true, c->title_highlight, article_id, &title_spans, &n_title_spans, err);
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
    return rc;
}
