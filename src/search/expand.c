/* expand.c — choosing the words pseudo-relevance feedback adds to a question (include/presscut/search/
 * expand.h): every article's words counted by stem, weighed by the article's share of the first ranking's
 * scores, the heaviest ones that are not the question's, not numbers and not too common. */
#include "presscut/search/expand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/array.h"
#include "presscut/core/strbuf.h"

/* The most words asked about per word wanted: past that the candidates are too light to matter. */
#define CANDIDATES_PER_WORD 30

/* One word of one article: its key (stem term, else surface) and surface, as offsets into the text pool while
 * it grows, then as pointers into it. */
typedef struct word_seen {
    size_t key, key_len;
    size_t surface, surface_len;
    size_t doc;
    const char *key_text, *surface_text;
} word_seen;

/* A distinct key with its weight and its most frequent surface (pointers into the pool). */
typedef struct candidate {
    const char *key, *surface;
    size_t key_len, surface_len;
    double weight;
} candidate;

typedef struct gather {
    pc_strbuf pool;
    word_seen *words;
    size_t n, cap;
    size_t doc;
    size_t doc_words;
    bool failed;
} gather;

static int gather_term(void *payload, const pc_term *t)
{
    gather *g = payload;
    if (t->colocated) {
        /* The stem term of the word just seen: the word is counted by it. */
        if (g->n > 0 && g->words[g->n - 1].doc == g->doc && t->translit == 0) {
            g->words[g->n - 1].key = g->pool.len;
            g->words[g->n - 1].key_len = (size_t)t->len;
            pc_strbuf_add(&g->pool, t->text, (size_t)t->len);
        }
        return g->pool.failed ? PC_ENOMEM : 0;
    }
    word_seen *grown = pc_array_reserve(g->words, &g->cap, g->n + 1, sizeof *grown, 1024);
    if (!grown)
        return PC_ENOMEM;
    g->words = grown;
    g->words[g->n++] = (word_seen){g->pool.len, (size_t)t->len, g->pool.len, (size_t)t->len, g->doc, NULL, NULL};
    pc_strbuf_add(&g->pool, t->text, (size_t)t->len);
    g->doc_words++;
    return g->pool.failed ? PC_ENOMEM : 0;
}

static int bytes_compare(const char *a, size_t a_len, const char *b, size_t b_len)
{
    size_t n = a_len < b_len ? a_len : b_len;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? c : (a_len > b_len) - (a_len < b_len);
}

static int compare_words(const void *pa, const void *pb)
{
    const word_seen *a = pa, *b = pb;
    int c = bytes_compare(a->key_text, a->key_len, b->key_text, b->key_len);
    if (!c)
        c = bytes_compare(a->surface_text, a->surface_len, b->surface_text, b->surface_len);
    return c ? c : (a->doc > b->doc) - (a->doc < b->doc);
}

static int compare_candidates(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight < b->weight ? 1 : -1;
    return bytes_compare(a->key, a->key_len, b->key, b->key_len);
}

static bool has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return true;
    }
    return false;
}

static bool is_excluded(const char *s, size_t len, const char *const *excluded, const size_t *excluded_len,
                        size_t n_excluded)
{
    for (size_t i = 0; i < n_excluded; i++)
        if (excluded_len[i] == len && memcmp(excluded[i], s, len) == 0)
            return true;
    return false;
}

void pc_expansion_words_free(pc_expansion_word *words, size_t n)
{
    if (!words)
        return;
    for (size_t i = 0; i < n; i++)
        free(words[i].word);
    free(words);
}

/* Sums the words' weights by key (g->words sorted by key, surface, doc) into *out (malloc'd), each with its
 * most frequent surface. Returns 0 or PC_ENOMEM. */
static int weigh_candidates(const gather *g, const double *doc_share, const size_t *doc_words, candidate **out,
                            size_t *n_out)
{
    *out = malloc((g->n ? g->n : 1) * sizeof **out);
    *n_out = 0;
    if (!*out)
        return PC_ENOMEM;
    for (size_t i = 0; i < g->n;) {
        const word_seen *w = g->words;
        candidate c = {w[i].key_text, w[i].surface_text, w[i].key_len, w[i].surface_len, 0};
        size_t best_run = 0;
        size_t j = i;
        while (j < g->n && bytes_compare(w[j].key_text, w[j].key_len, c.key, c.key_len) == 0) {
            size_t run_start = j;
            while (j < g->n && bytes_compare(w[j].key_text, w[j].key_len, c.key, c.key_len) == 0 &&
                   bytes_compare(w[j].surface_text, w[j].surface_len, w[run_start].surface_text,
                                 w[run_start].surface_len) == 0) {
                size_t d = g->words[j].doc;
                c.weight += doc_share[d] / (double)(doc_words[d] ? doc_words[d] : 1);
                j++;
            }
            if (j - run_start > best_run) {
                best_run = j - run_start;
                c.surface = w[run_start].surface_text;
                c.surface_len = w[run_start].surface_len;
            }
        }
        (*out)[(*n_out)++] = c;
        i = j;
    }
    return PC_OK;
}

int pc_expansion_choose(pc_analyzer *a, const pc_feedback_article *docs, size_t n_docs,
                        const char *const *excluded, const size_t *excluded_len, size_t n_excluded,
                        size_t max_words, double score_scale, pc_term_common_fn is_common, void *payload,
                        pc_expansion_word **out, size_t *n_out, pc_error *err)
{
    *out = NULL;
    *n_out = 0;
    if (n_docs == 0 || max_words == 0)
        return PC_OK;
    gather g = {0};
    double *doc_share = calloc(n_docs, sizeof *doc_share);
    size_t *doc_words = calloc(n_docs, sizeof *doc_words);
    candidate *cands = NULL;
    size_t n_cands = 0;
    pc_expansion_word *chosen = calloc(max_words, sizeof *chosen);
    size_t n_chosen = 0;
    int rc = doc_share && doc_words && chosen ? PC_OK : PC_ENOMEM;
    double best = docs[0].score;
    for (size_t d = 1; d < n_docs; d++)
        if (docs[d].score > best)
            best = docs[d].score;
    if (!(score_scale > 0))
        score_scale = 1.0;
    for (size_t d = 0; rc == PC_OK && d < n_docs; d++) {
        doc_share[d] = exp((docs[d].score - best) / score_scale);
        g.doc = d;
        g.doc_words = 0;
        int arc = pc_analyze(a, docs[d].lang && *docs[d].lang ? docs[d].lang : NULL, docs[d].text, docs[d].len,
                             gather_term, &g);
        doc_words[d] = g.doc_words;
        if (arc == PC_ENOMEM)
            rc = PC_ENOMEM;
        else if (arc != 0)
            rc = pc_error_set(err, arc < 0 ? arc : PC_EINVAL, "cannot analyse an article to expand the question");
    }
    if (rc == PC_OK && g.pool.failed)
        rc = PC_ENOMEM;
    if (rc == PC_OK) {
        for (size_t i = 0; i < g.n; i++) {
            g.words[i].key_text = g.pool.data + g.words[i].key;
            g.words[i].surface_text = g.pool.data + g.words[i].surface;
        }
        qsort(g.words, g.n, sizeof *g.words, compare_words);
        rc = weigh_candidates(&g, doc_share, doc_words, &cands, &n_cands);
        if (rc == PC_OK)
            qsort(cands, n_cands, sizeof *cands, compare_candidates);
    }
    double chosen_total = 0.0;
    size_t asked = 0;
    for (size_t i = 0; rc == PC_OK && i < n_cands && n_chosen < max_words; i++) {
        const candidate *c = &cands[i];
        const char *key = c->key, *surface = c->surface;
        if (!has_letter(surface, c->surface_len) ||
            is_excluded(key, c->key_len, excluded, excluded_len, n_excluded) ||
            is_excluded(surface, c->surface_len, excluded, excluded_len, n_excluded))
            continue;
        if (asked++ >= CANDIDATES_PER_WORD * max_words)
            break;
        bool common = false;
        if (is_common)
            rc = is_common(payload, key, c->key_len, &common, err);
        if (rc != PC_OK || common)
            continue;
        char *word = malloc(c->surface_len + 1);
        if (!word) {
            rc = PC_ENOMEM;
            break;
        }
        memcpy(word, surface, c->surface_len);
        word[c->surface_len] = '\0';
        chosen[n_chosen++] = (pc_expansion_word){word, c->weight};
        chosen_total += c->weight;
    }
    for (size_t i = 0; i < n_chosen; i++)
        chosen[i].weight = chosen_total > 0 ? chosen[i].weight / chosen_total : 1.0 / (double)n_chosen;
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory while choosing words to add to the question");
    free(doc_share);
    free(doc_words);
    free(cands);
    free(g.words);
    pc_strbuf_free(&g.pool);
    if (rc != PC_OK || n_chosen == 0) {
        pc_expansion_words_free(chosen, n_chosen);
        return rc;
    }
    *out = chosen;
    *n_out = n_chosen;
    return PC_OK;
}
