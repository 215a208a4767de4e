/* spelling.c — adds the other spellings of a query's words to its tree as OR alternatives, checked against
 * the index vocabulary (see include/presscut/search/spelling.h for the rules). */
#include "presscut/search/spelling.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"
#include "query_internal.h"

/* The surface words the analyzer finds in a query word, one after another in `bytes`. */
#define MAX_SURFACES 16
typedef struct surfaces {
    pc_strbuf bytes;
    size_t start[MAX_SURFACES], len[MAX_SURFACES];
    size_t n; /* words found; more than MAX_SURFACES means too many to handle */
} surfaces;

typedef struct rewriter {
    pc_analyzer *analyzer;
    const pc_spelling_vocab *vocab;
    pc_error *err;
} rewriter;

static int collect_surface(void *payload, const pc_term *term)
{
    surfaces *s = payload;
    if (term->colocated)
        return 0;
    if (s->n < MAX_SURFACES) {
        s->start[s->n] = s->bytes.len;
        s->len[s->n] = (size_t)term->len;
        pc_strbuf_add(&s->bytes, term->text, (size_t)term->len);
    }
    s->n++;
    return 0;
}

/* Fills *s with the folded surface words of `text` (s->bytes freed by the caller). */
static int word_surfaces(rewriter *r, const char *text, surfaces *s)
{
    memset(s, 0, sizeof *s);
    int rc = pc_analyze(r->analyzer, NULL, text, strlen(text), collect_surface, s);
    if (rc == PC_OK && s->bytes.failed)
        rc = PC_ENOMEM;
    if (rc == PC_ENOMEM)
        return pc_error_set(r->err, PC_ENOMEM, "out of memory while reading the query");
    if (rc != PC_OK)
        return pc_error_set(r->err, rc, "cannot analyse the query word '%s'", text);
    return PC_OK;
}

static const char *surface_at(const surfaces *s, size_t i)
{
    return s->bytes.data + s->start[i];
}

/* A new TERM (n == 1) or PHRASE node of non-exact words texts[i][0, lens[i]), marked as a spelling. NULL when
 * out of memory. */
static pc_qnode *spelling_node(size_t column, const char *const *texts, const size_t *lens, size_t n)
{
    pc_qnode *node = calloc(1, sizeof *node);
    if (!node)
        return NULL;
    node->kind = n == 1 ? PC_QNODE_TERM : PC_QNODE_PHRASE;
    node->column = column;
    node->spelling = true;
    node->words = calloc(n, sizeof *node->words);
    if (!node->words) {
        free(node);
        return NULL;
    }
    node->n_words = n;
    for (size_t i = 0; i < n; i++) {
        node->words[i].text = malloc(lens[i] + 1);
        if (!node->words[i].text) {
            query_node_free(node);
            return NULL;
        }
        memcpy(node->words[i].text, texts[i], lens[i]);
        node->words[i].text[lens[i]] = '\0';
    }
    return node;
}

/* The alternatives found for one node, gathered before the node is replaced by their OR. */
typedef struct alternatives {
    pc_qnode *nodes[PC_SPELLING_MAX_ALTERNATIVES];
    size_t n;
} alternatives;

/* Checks `alt` (taken) and keeps it when it is an index word or, for a phrase, occurs. */
static int consider(rewriter *r, alternatives *alts, pc_qnode *alt)
{
    if (!alt)
        return pc_error_set(r->err, PC_ENOMEM, "out of memory while reading the query");
    bool found = false;
    int rc = alt->kind == PC_QNODE_TERM
                 ? r->vocab->word_known(r->vocab->payload, alt->words[0].text, strlen(alt->words[0].text), false,
                                        &found, r->err)
                 : r->vocab->phrase_occurs(r->vocab->payload, alt, &found, r->err);
    if (rc == PC_OK && found && alts->n < PC_SPELLING_MAX_ALTERNATIVES)
        alts->nodes[alts->n++] = alt;
    else
        query_node_free(alt);
    return rc;
}

/* One word W = A + B: the phrases "A B" whose parts have PC_SPELLING_MIN_PART characters or more and are in
 * the index in these forms (looking up surface forms needs no stemming, which for some languages loads a
 * dictionary). */
static int split_word(rewriter *r, size_t column, const char *w, size_t len, alternatives *alts)
{
    size_t cuts[PC_MAX_TERM_BYTES + 1], n_cuts = 0; /* byte offsets of character boundaries inside w */
    for (size_t at = 0; at < len;) {
        unsigned int cp;
        at += pc_utf8_next(w + at, len - at, &cp);
        if (at < len)
            cuts[n_cuts++] = at;
    }
    size_t chars = n_cuts + 1;
    int rc = PC_OK;
    for (size_t i = PC_SPELLING_MIN_PART; rc == PC_OK && i + PC_SPELLING_MIN_PART <= chars; i++) {
        size_t cut = cuts[i - 1];
        const char *parts[2] = {w, w + cut};
        size_t lens[2] = {cut, len - cut};
        bool known = false;
        rc = r->vocab->word_known(r->vocab->payload, parts[0], lens[0], true, &known, r->err);
        if (rc == PC_OK && known)
            rc = r->vocab->word_known(r->vocab->payload, parts[1], lens[1], true, &known, r->err);
        if (rc == PC_OK && known)
            rc = consider(r, alts, spelling_node(column, parts, lens, 2));
    }
    return rc;
}

/* The words of a phrase (or the parts of a hyphenated word) with parts[k] and parts[k + 1] joined: a TERM
 * when that leaves one word. */
static int join_pair(rewriter *r, size_t column, const char *const *parts, const size_t *lens, size_t n, size_t k,
                     alternatives *alts)
{
    const char *texts[MAX_SURFACES];
    size_t out_lens[MAX_SURFACES];
    char joined[2 * PC_MAX_TERM_BYTES];
    if (lens[k] + lens[k + 1] > PC_MAX_TERM_BYTES)
        return PC_OK;
    memcpy(joined, parts[k], lens[k]);
    memcpy(joined + lens[k], parts[k + 1], lens[k + 1]);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == k + 1)
            continue;
        texts[m] = i == k ? joined : parts[i];
        out_lens[m++] = i == k ? lens[k] + lens[k + 1] : lens[i];
    }
    return consider(r, alts, spelling_node(column, texts, out_lens, m));
}

/* Joins all the parts of a hyphenated word into one ("state-of-the-art" -> "stateoftheart"). */
static int join_all(rewriter *r, size_t column, const surfaces *s, alternatives *alts)
{
    if (s->bytes.len > PC_MAX_TERM_BYTES)
        return PC_OK;
    const char *text = s->bytes.data;
    size_t len = s->bytes.len;
    return consider(r, alts, spelling_node(column, &text, &len, 1));
}

/* The alternatives of a TERM or PHRASE node. */
static int find_alternatives(rewriter *r, const pc_qnode *n, alternatives *alts)
{
    if (n->prefix || n->spelling)
        return PC_OK;
    for (size_t i = 0; i < n->n_words; i++)
        if (n->words[i].exact)
            return PC_OK;
    if (n->kind == PC_QNODE_TERM) {
        surfaces s;
        int rc = word_surfaces(r, n->words[0].text, &s);
        if (rc == PC_OK && s.n == 1)
            rc = split_word(r, n->column, surface_at(&s, 0), s.len[0], alts);
        else if (rc == PC_OK && s.n >= 2 && s.n <= MAX_SURFACES)
            rc = join_all(r, n->column, &s, alts);
        pc_strbuf_free(&s.bytes);
        return rc;
    }
    /* A phrase: each of its words must be one surface word to be joined with its neighbour. */
    if (n->n_words > MAX_SURFACES)
        return PC_OK;
    surfaces words[MAX_SURFACES];
    const char *parts[MAX_SURFACES];
    size_t lens[MAX_SURFACES], done = 0;
    int rc = PC_OK;
    bool single = true;
    for (; rc == PC_OK && done < n->n_words; done++) {
        rc = word_surfaces(r, n->words[done].text, &words[done]);
        single = single && rc == PC_OK && words[done].n == 1;
        if (single) {
            parts[done] = surface_at(&words[done], 0);
            lens[done] = words[done].len[0];
        }
    }
    for (size_t k = 0; rc == PC_OK && single && k + 1 < n->n_words; k++)
        rc = join_pair(r, n->column, parts, lens, n->n_words, k, alts);
    for (size_t i = 0; i < done; i++)
        pc_strbuf_free(&words[i].bytes);
    return rc;
}

/* Replaces *slot by the OR of itself and its alternatives (taken, also on failure). */
static int replace_by_or(rewriter *r, pc_qnode **slot, alternatives *alts)
{
    pc_qnode *or = calloc(1, sizeof *or);
    pc_qnode **children = calloc(alts->n + 1, sizeof *children);
    if (!or || !children) {
        free(or);
        free(children);
        for (size_t i = 0; i < alts->n; i++)
            query_node_free(alts->nodes[i]);
        return pc_error_set(r->err, PC_ENOMEM, "out of memory while reading the query");
    }
    or->kind = PC_QNODE_OR;
    or->column = (*slot)->column;
    children[0] = *slot;
    for (size_t i = 0; i < alts->n; i++)
        children[i + 1] = alts->nodes[i];
    or->children = children;
    or->n_children = alts->n + 1;
    *slot = or;
    return PC_OK;
}

static int rewrite(rewriter *r, pc_qnode **slot)
{
    pc_qnode *n = *slot;
    switch (n->kind) {
    case PC_QNODE_TERM:
    case PC_QNODE_PHRASE: {
        alternatives alts = {.n = 0};
        int rc = find_alternatives(r, n, &alts);
        if (rc != PC_OK || alts.n == 0) {
            for (size_t i = 0; i < alts.n; i++)
                query_node_free(alts.nodes[i]);
            return rc;
        }
        return replace_by_or(r, slot, &alts);
    }
    case PC_QNODE_AND:
    case PC_QNODE_OR:
    case PC_QNODE_NOT:
        for (size_t i = 0; i < n->n_children; i++) {
            int rc = rewrite(r, &n->children[i]);
            if (rc != PC_OK)
                return rc;
        }
        return PC_OK;
    case PC_QNODE_NEAR: /* its members must stay words and phrases */
        return PC_OK;
    }
    return PC_OK;
}

int pc_query_add_spellings(pc_analyzer *analyzer, pc_qnode **root, const pc_spelling_vocab *vocab, pc_error *err)
{
    if (!*root)
        return PC_OK;
    rewriter r = {.analyzer = analyzer, .vocab = vocab, .err = err};
    return rewrite(&r, root);
}
