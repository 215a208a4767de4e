/* session.c — a query made ready for its index (see include/presscut/search/session.h): the parsed query, the
 * one analyzer that reads it, the index's query languages, the standing filters from command-line options,
 * and a cache of the forms each query word may take in the index with their passage counts. */
#include "presscut/search/session.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/search/spelling.h"
#include "session_internal.h"

/* A standing filter (a command-line option), reapplied to every query. */
typedef struct standing_filter {
    char *name, *value;
} standing_filter;

/* The forms of one word, as pc_query_session_word_forms hands them out. */
typedef struct word_forms {
    char *text;            /* the word as typed */
    bool exact, prefix;
    pc_query_form *forms;  /* their terms point into `terms` */
    size_t n_forms;
    char *terms;           /* the forms' bytes, one after another */
} word_forms;

struct pc_query_session {
    pc_store *store;
    pc_analyzer *analyzer;
    pc_query *query;
    char **langs;          /* NULL until first needed */
    size_t n_langs;
    bool have_langs;
    standing_filter *filters;
    size_t n_filters;
    word_forms *words;     /* cache for the current query */
    size_t n_words;
    void *derived;         /* query_session_keep_derived's value for the current query, or NULL */
    void (*free_derived)(void *value);
};

static void word_forms_clear(word_forms *w)
{
    free(w->text);
    free(w->forms);
    free(w->terms);
}

static void forget_words(pc_query_session *qs)
{
    for (size_t i = 0; i < qs->n_words; i++)
        word_forms_clear(&qs->words[i]);
    free(qs->words);
    qs->words = NULL;
    qs->n_words = 0;
}

static void forget_derived(pc_query_session *qs)
{
    if (qs->derived)
        qs->free_derived(qs->derived);
    qs->derived = NULL;
    qs->free_derived = NULL;
}

void *query_session_derived(const pc_query_session *qs)
{
    return qs->derived;
}

void query_session_keep_derived(pc_query_session *qs, void *value, void (*free_value)(void *value))
{
    forget_derived(qs);
    qs->derived = value;
    qs->free_derived = free_value;
}

void pc_query_session_free(pc_query_session *qs)
{
    if (!qs)
        return;
    forget_derived(qs);
    forget_words(qs);
    for (size_t i = 0; i < qs->n_filters; i++) {
        free(qs->filters[i].name);
        free(qs->filters[i].value);
    }
    free(qs->filters);
    for (size_t i = 0; i < qs->n_langs; i++)
        free(qs->langs[i]);
    free(qs->langs);
    pc_query_free(qs->query);
    pc_analyzer_free(qs->analyzer);
    free(qs);
}

/* ---- other spellings (spelling.h) ---------------------------------------------------------------------- */

static int spelling_word_known(void *payload, const char *word, size_t len, bool exact, bool *known, pc_error *err)
{
    char *text = malloc(len + 1);
    if (!text)
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    memcpy(text, word, len);
    text[len] = '\0';
    pc_qword w = {.text = text, .exact = exact};
    int rc = pc_query_session_word_known(payload, &w, known, err);
    free(text);
    return rc;
}

static int spelling_phrase_occurs(void *payload, const pc_qnode *phrase, bool *occurs, pc_error *err)
{
    pc_query_session *qs = payload;
    char *expr = NULL;
    long long passages = 0;
    int rc = pc_query_compile(phrase, &expr, err);
    if (rc == PC_OK)
        rc = pc_store_count_passages(qs->store, expr, &passages, err);
    free(expr);
    *occurs = passages > 0;
    return rc;
}

/* Adds to q (not yet the session's query) the other spellings of its words the index holds. */
static int add_spellings(pc_query_session *qs, pc_query *q, pc_error *err)
{
    pc_spelling_vocab vocab = {.word_known = spelling_word_known, .phrase_occurs = spelling_phrase_occurs,
                               .payload = qs};
    int rc = pc_query_add_spellings(qs->analyzer, &q->root, &vocab, err);
    return rc == PC_OK ? pc_query_add_spellings(qs->analyzer, &q->filters.title, &vocab, err) : rc;
}

/* @name in a query: the aliases of that entity in the index's entity list. */
static int entity_aliases(void *payload, const char *name, char ***aliases, size_t *n, pc_error *err)
{
    pc_query_session *qs = payload;
    return pc_store_entity_aliases(qs->store, name, aliases, n, err);
}

/* Parses text with opt, @name looked up in the session's index. */
static int parse_query(pc_query_session *qs, const char *text, const pc_query_options *opt, pc_query **out,
                       pc_error *err)
{
    pc_query_options with_entities = {0};
    if (opt)
        with_entities = *opt;
    with_entities.entity_aliases = entity_aliases;
    with_entities.entity_payload = qs;
    return pc_query_parse(qs->analyzer, text, &with_entities, out, err);
}

/* Applies the options that shape word analysis to the session's analyzer and to the store's queries. */
static void apply_options(pc_query_session *qs, const pc_query_options *opt)
{
    bool translit = !(opt && opt->no_translit);
    pc_analyzer_set_query_translit(qs->analyzer, translit);
    pc_store_set_query_translit(qs->store, translit);
}

int pc_query_session_new(pc_query_session **out, pc_store *s, const char *text, const pc_query_options *opt,
                         pc_error *err)
{
    *out = NULL;
    pc_query_session *qs = calloc(1, sizeof *qs);
    if (!qs)
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    qs->store = s;
    int rc = pc_analyzer_new(&qs->analyzer, pc_store_analyzer_config(s), err);
    if (rc == PC_OK)
        pc_store_use_stem_lookup(s, qs->analyzer); /* or a Cyrillic word would load the Ukrainian dictionary */
    if (rc == PC_OK)
        apply_options(qs, opt);
    if (rc == PC_OK && text)
        rc = parse_query(qs, text, opt, &qs->query, err);
    if (rc == PC_OK && qs->query)
        rc = add_spellings(qs, qs->query, err);
    if (rc == PC_OK && qs->query)
        rc = query_session_check_budget(qs, qs->query, err);
    if (rc != PC_OK) {
        pc_query_session_free(qs);
        return rc;
    }
    *out = qs;
    return PC_OK;
}

int pc_query_session_retarget(pc_query_session *qs, const char *text, const pc_query_options *opt, pc_error *err)
{
    pc_query *q = NULL;
    int rc = parse_query(qs, text, opt, &q, err);
    for (size_t i = 0; rc == PC_OK && i < qs->n_filters; i++)
        rc = pc_query_add_filter(q, qs->filters[i].name, qs->filters[i].value, err);
    if (rc == PC_OK)
        rc = add_spellings(qs, q, err);
    if (rc == PC_OK)
        rc = query_session_check_budget(qs, q, err);
    if (rc != PC_OK) {
        pc_query_free(q);
        return rc;
    }
    forget_words(qs);
    forget_derived(qs);
    pc_query_free(qs->query);
    qs->query = q;
    apply_options(qs, opt);
    return PC_OK;
}

int pc_query_session_add_filter(pc_query_session *qs, const char *name, const char *value, pc_error *err)
{
    /* Check the value now rather than at the next retarget, and make room for the filter before applying it
     * to the current query: a failure leaves the session as it was. */
    int rc = pc_query_check_filter(name, value, err);
    if (rc != PC_OK)
        return rc;
    standing_filter *grown = realloc(qs->filters, (qs->n_filters + 1) * sizeof *grown);
    if (!grown)
        return pc_error_set(err, PC_ENOMEM, "out of memory while adding a filter");
    qs->filters = grown;
    standing_filter f = {strdup(name), strdup(value)};
    if (f.name && f.value)
        rc = qs->query ? pc_query_add_filter(qs->query, name, value, err) : PC_OK;
    else
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while adding a filter");
    if (rc != PC_OK) {
        free(f.name);
        free(f.value);
        return rc;
    }
    qs->filters[qs->n_filters++] = f;
    forget_derived(qs);
    return PC_OK;
}

const pc_query *pc_query_session_query(const pc_query_session *qs)
{
    return qs->query;
}

pc_store *pc_query_session_store(const pc_query_session *qs)
{
    return qs->store;
}

pc_analyzer *pc_query_session_analyzer(pc_query_session *qs)
{
    return qs->analyzer;
}

int pc_query_session_langs(pc_query_session *qs, const char *const **langs, size_t *n, pc_error *err)
{
    if (!qs->have_langs) {
        int rc = pc_store_query_langs(qs->store, &qs->langs, &qs->n_langs, err);
        if (rc != PC_OK)
            return rc;
        qs->have_langs = true;
    }
    *langs = (const char *const *)qs->langs;
    *n = qs->n_langs;
    return PC_OK;
}

/* ---- the forms of a word ------------------------------------------------------------------------------ */

/* The terms pc_analyze_query gives for a word, gathered one after another in `bytes` with their lengths. */
typedef struct term_gathering {
    char *bytes;
    size_t len, cap;
    size_t *lens;
    int *translit;
    size_t n, lens_cap;
} term_gathering;

static int gather_term(void *payload, const pc_term *term)
{
    term_gathering *g = payload;
    size_t len = (size_t)term->len;
    if (g->len + len > g->cap) {
        size_t cap = (g->len + len) * 2 + 16;
        char *grown = realloc(g->bytes, cap);
        if (!grown)
            return PC_ENOMEM;
        g->bytes = grown;
        g->cap = cap;
    }
    if (g->n == g->lens_cap) {
        size_t cap = g->lens_cap * 2 + 4;
        size_t *grown = realloc(g->lens, cap * sizeof *grown);
        if (grown)
            g->lens = grown;
        int *grown_translit = grown ? realloc(g->translit, cap * sizeof *grown_translit) : NULL;
        if (!grown_translit)
            return PC_ENOMEM;
        g->translit = grown_translit;
        g->lens_cap = cap;
    }
    memcpy(g->bytes + g->len, term->text, len);
    g->len += len;
    g->translit[g->n] = term->translit;
    g->lens[g->n++] = len;
    return 0;
}

/* After the analyzer failed on a query word: the reason a stemmer of the query languages gives (one that cannot
 * be made: the hunspell-uk dictionary missing), else a message naming the word. Returns the error code. */
static int analysis_failure(pc_analyzer *a, const char *const *langs, size_t n_langs, int code, const char *word,
                            pc_error *err)
{
    for (size_t i = 0; i < n_langs; i++) {
        int rc = pc_analyzer_prepare(a, langs[i], err);
        if (rc != PC_OK)
            return rc;
    }
    return pc_error_set(err, code, "cannot analyse the query word '%s'", word);
}

/* Analyses one word into *w: its forms over the session's languages and the passages that hold each. */
static int compute_word_forms(pc_query_session *qs, const pc_qword *word, bool prefix, word_forms *w,
                              pc_error *err)
{
    const char *const *langs = NULL;
    size_t n_langs = 0;
    int rc = pc_query_session_langs(qs, &langs, &n_langs, err);
    if (rc != PC_OK)
        return rc;
    size_t len = strlen(word->text);
    char *marked = malloc(len + 2);
    w->text = strdup(word->text);
    if (!marked || !w->text) {
        free(marked);
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    }
    w->exact = word->exact;
    w->prefix = prefix;
    size_t n = 0;
    if (word->exact)
        marked[n++] = PC_QUERY_EXACT_MARK;
    memcpy(marked + n, word->text, len);
    n += len;
    term_gathering g = {0};
    int arc = pc_analyze_query(qs->analyzer, langs, n_langs, prefix, marked, n, gather_term, &g);
    free(marked);
    if (arc != PC_OK) {
        rc = arc == PC_ENOMEM ? pc_error_set(err, PC_ENOMEM, "out of memory while reading the query")
                              : analysis_failure(qs->analyzer, langs, n_langs, arc, word->text, err);
    } else if (g.n > 0 && !(w->forms = calloc(g.n, sizeof *w->forms))) {
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    } else {
        w->terms = g.bytes;
        g.bytes = NULL;
        w->n_forms = g.n;
        for (size_t i = 0, at = 0; i < g.n; at += g.lens[i++])
            w->forms[i] = (pc_query_form){.term = w->terms + at, .term_len = g.lens[i], .translit = g.translit[i]};
        for (size_t i = 0; rc == PC_OK && i < w->n_forms; i++)
            rc = pc_store_term_passages(qs->store, w->forms[i].term, w->forms[i].term_len, prefix,
                                        &w->forms[i].passages, &w->forms[i].terms, err);
    }
    free(g.bytes);
    free(g.lens);
    free(g.translit);
    return rc;
}

int pc_query_session_word_forms(pc_query_session *qs, const pc_qword *word, bool prefix,
                                const pc_query_form **forms, size_t *n, pc_error *err)
{
    *forms = NULL;
    *n = 0;
    for (size_t i = 0; i < qs->n_words; i++) {
        const word_forms *w = &qs->words[i];
        if (w->exact == word->exact && w->prefix == prefix && strcmp(w->text, word->text) == 0) {
            *forms = w->forms;
            *n = w->n_forms;
            return PC_OK;
        }
    }
    word_forms *grown = realloc(qs->words, (qs->n_words + 1) * sizeof *grown);
    if (!grown)
        return pc_error_set(err, PC_ENOMEM, "out of memory while reading the query");
    qs->words = grown;
    word_forms w = {0};
    int rc = compute_word_forms(qs, word, prefix, &w, err);
    if (rc != PC_OK) {
        word_forms_clear(&w);
        return rc;
    }
    qs->words[qs->n_words++] = w;
    *forms = w.forms;
    *n = w.n_forms;
    return PC_OK;
}

int pc_query_session_word_known(pc_query_session *qs, const pc_qword *word, bool *known, pc_error *err)
{
    *known = false;
    const pc_query_form *forms = NULL;
    size_t n = 0;
    int rc = pc_query_session_word_forms(qs, word, false, &forms, &n, err);
    for (size_t i = 0; rc == PC_OK && i < n && !*known; i++)
        *known = forms[i].passages > 0;
    return rc;
}
