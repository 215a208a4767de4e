/* suggest.c — "did you mean" for query words the index does not hold (see include/presscut/search/suggest.h):
 * a bounded Damerau-Levenshtein distance on code points, the ranking of candidates, and the walk over a
 * session's query that finds the unknown words and reads their candidates from the index vocabulary. */
#include "presscut/search/suggest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/utf8.h"

/* ---- distance ---------------------------------------------------------------------------------------- */

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

int pc_edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, int limit)
{
    if (na > PC_MAX_TERM_BYTES || nb > PC_MAX_TERM_BYTES)
        return limit + 1;
    if ((na > nb ? na - nb : nb - na) > (size_t)limit)
        return limit + 1;
    /* Three rows of the (na + 1) x (nb + 1) table: i - 2, i - 1 and i. */
    int rows[3][PC_MAX_TERM_BYTES + 1];
    int *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = (int)j;
    int prev_min = 0;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = (int)i;
        int row_min = cur[0];
        for (size_t j = 1; j <= nb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && before[j - 2] + 1 < d)
                d = before[j - 2] + 1;
            cur[j] = d;
            if (d < row_min)
                row_min = d;
        }
        /* Every path through the table visits row i - 1 or row i (a transposition skips one row only). */
        if (row_min > limit && prev_min > limit)
            return limit + 1;
        prev_min = row_min;
        int *spare = before;
        before = prev;
        prev = cur;
        cur = spare;
    }
    return prev[nb] > limit ? limit + 1 : prev[nb];
}

int pc_suggest_max_distance(size_t chars)
{
    return chars < 3 ? 0 : chars <= 5 ? 1 : 2;
}

/* ---- ranking ----------------------------------------------------------------------------------------- */

int pc_suggestion_compare(const pc_suggestion *a, const pc_suggestion *b)
{
    double wa = (double)a->passages / pow(10.0, a->distance), wb = (double)b->passages / pow(10.0, b->distance);
    if (wa != wb)
        return wa > wb ? -1 : 1;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    return strcmp(a->text, b->text);
}

void pc_suggest_list_init(pc_suggest_list *l, const char *word, size_t len)
{
    memset(l, 0, sizeof *l);
    bool digit = false;
    for (size_t at = 0; at < len && l->chars < PC_MAX_TERM_BYTES;) {
        unsigned int cp;
        at += pc_utf8_next(word + at, len - at, &cp);
        digit = digit || (cp >= '0' && cp <= '9');
        l->word[l->chars++] = cp;
    }
    l->max_distance = digit || l->chars >= PC_MAX_TERM_BYTES ? 0 : pc_suggest_max_distance(l->chars);
}

int pc_suggest_list_offer(void *payload, const char *term, size_t len, long long passages)
{
    pc_suggest_list *l = payload;
    if (l->max_distance == 0 || passages <= 0)
        return PC_OK;
    size_t chars = pc_utf8_count_chars(term, len);
    if ((chars > l->chars ? chars - l->chars : l->chars - chars) > (size_t)l->max_distance ||
        chars > PC_MAX_TERM_BYTES)
        return PC_OK;
    uint32_t cps[PC_MAX_TERM_BYTES];
    size_t n = 0;
    for (size_t at = 0; at < len && n < PC_MAX_TERM_BYTES;) {
        unsigned int cp;
        at += pc_utf8_next(term + at, len - at, &cp);
        cps[n++] = cp;
    }
    int d = pc_edit_distance(l->word, l->chars, cps, n, l->max_distance);
    if (d == 0 || d > l->max_distance)
        return PC_OK;
    pc_suggestion cand = {.text = (char *)term, .distance = d, .passages = passages};
    size_t at = l->n;
    while (at > 0 && pc_suggestion_compare(&cand, &l->items[at - 1]) < 0)
        at--;
    if (at == PC_SUGGEST_MAX)
        return PC_OK;
    char *text = malloc(len + 1);
    if (!text)
        return PC_ENOMEM;
    memcpy(text, term, len);
    text[len] = '\0';
    if (l->n == PC_SUGGEST_MAX)
        free(l->items[--l->n].text);
    memmove(&l->items[at + 1], &l->items[at], (l->n - at) * sizeof l->items[0]);
    l->items[at] = (pc_suggestion){.text = text, .distance = d, .passages = passages};
    l->n++;
    return PC_OK;
}

void pc_suggest_list_clear(pc_suggest_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].text);
    l->n = 0;
}

/* ---- the query's unknown words ------------------------------------------------------------------------ */

typedef struct suggest_walk {
    pc_query_session *qs;
    pc_query_suggestions *out;
    pc_error *err;
} suggest_walk;

/* The one folded surface word of a query word (the analyzer's first; `words` counts them). */
typedef struct one_surface {
    char text[PC_MAX_TERM_BYTES + 1];
    size_t len;
    size_t words;
} one_surface;

static int take_surface(void *payload, const pc_term *term)
{
    one_surface *s = payload;
    if (term->colocated)
        return 0;
    if (s->words++ == 0 && (size_t)term->len <= PC_MAX_TERM_BYTES) {
        memcpy(s->text, term->text, (size_t)term->len);
        s->len = (size_t)term->len;
    }
    return 0;
}

static bool already_listed(const pc_query_suggestions *out, const char *word)
{
    for (size_t i = 0; i < out->n; i++)
        if (strcmp(out->words[i].word, word) == 0)
            return true;
    return false;
}

/* Moves the list's items into a new entry of w->out for `word`. */
static int keep_suggestions(suggest_walk *w, const char *word, size_t column, pc_suggest_list *l)
{
    pc_word_suggestions *grown = realloc(w->out->words, (w->out->n + 1) * sizeof *grown);
    if (grown)
        w->out->words = grown;
    pc_word_suggestions entry = {.word = strdup(word), .column = column, .items = malloc(l->n * sizeof *l->items)};
    if (!grown || !entry.word || !entry.items) {
        free(entry.word);
        free(entry.items);
        return pc_error_set(w->err, PC_ENOMEM, "out of memory while looking for spellings");
    }
    memcpy(entry.items, l->items, l->n * sizeof *l->items);
    entry.n = l->n;
    l->n = 0;
    w->out->words[w->out->n++] = entry;
    return PC_OK;
}

static int consider_word(suggest_walk *w, const pc_qword *word, size_t column)
{
    if (already_listed(w->out, word->text))
        return PC_OK;
    bool known = false;
    int rc = pc_query_session_word_known(w->qs, word, &known, w->err);
    if (rc != PC_OK || known)
        return rc;
    one_surface s = {.len = 0, .words = 0};
    rc = pc_analyze(pc_query_session_analyzer(w->qs), NULL, word->text, strlen(word->text), take_surface, &s);
    if (rc != PC_OK)
        return rc == PC_ENOMEM ? pc_error_set(w->err, PC_ENOMEM, "out of memory while looking for spellings")
                               : pc_error_set(w->err, rc, "cannot analyse the query word '%s'", word->text);
    if (s.words != 1 || s.len == 0)
        return PC_OK;
    pc_store *store = pc_query_session_store(w->qs);
    long long titles = 0;
    rc = pc_store_title_term_count(store, s.text, s.len, &titles, w->err);
    if (rc != PC_OK || titles > 0)
        return rc;
    pc_suggest_list list;
    pc_suggest_list_init(&list, s.text, s.len);
    if (list.max_distance == 0)
        return PC_OK;
    unsigned int first;
    size_t first_len = pc_utf8_next(s.text, s.len, &first);
    rc = pc_store_vocab_each(store, s.text, first_len, pc_suggest_list_offer, &list, w->err);
    if (rc == PC_ENOMEM)
        rc = pc_error_set(w->err, PC_ENOMEM, "out of memory while looking for spellings");
    if (rc == PC_OK && list.n > 0)
        rc = keep_suggestions(w, word->text, column, &list);
    pc_suggest_list_clear(&list);
    return rc;
}

static int walk(suggest_walk *w, const pc_qnode *n)
{
    if (!n)
        return PC_OK;
    if (n->kind == PC_QNODE_TERM || n->kind == PC_QNODE_PHRASE) {
        int rc = PC_OK;
        for (size_t i = 0; rc == PC_OK && !n->spelling && i < n->n_words; i++)
            if (!(n->prefix && i + 1 == n->n_words))
                rc = consider_word(w, &n->words[i], n->column);
        return rc;
    }
    /* A word with other spellings in the index is known under one of them. */
    for (size_t i = 0; n->kind == PC_QNODE_OR && i < n->n_children; i++)
        if (n->children[i]->spelling)
            return PC_OK;
    int rc = PC_OK;
    for (size_t i = 0; rc == PC_OK && i < n->n_children; i++)
        rc = walk(w, n->children[i]);
    return rc;
}

int pc_query_session_suggest(pc_query_session *qs, pc_query_suggestions **out, pc_error *err)
{
    *out = NULL;
    pc_query_suggestions *s = calloc(1, sizeof *s);
    if (!s)
        return pc_error_set(err, PC_ENOMEM, "out of memory while looking for spellings");
    const pc_query *q = pc_query_session_query(qs);
    suggest_walk w = {.qs = qs, .out = s, .err = err};
    int rc = q ? walk(&w, q->root) : PC_OK;
    if (rc == PC_OK && q)
        rc = walk(&w, q->filters.title);
    if (rc != PC_OK) {
        pc_query_suggestions_free(s);
        return rc;
    }
    *out = s;
    return PC_OK;
}

void pc_query_suggestions_free(pc_query_suggestions *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        for (size_t k = 0; k < s->words[i].n; k++)
            free(s->words[i].items[k].text);
        free(s->words[i].items);
        free(s->words[i].word);
    }
    free(s->words);
    free(s);
}
