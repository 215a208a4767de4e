/* explain.c — gathers what `presscut search --explain` shows (see include/presscut/search/explain.h): the tree
 * as text, each term's passage count and its words' forms with their counts (from the query session), the
 * date range and the search plan. */
#include "presscut/search/explain.h"

#include <stdlib.h>
#include <string.h>

static void explained_word_clear(pc_explained_word *w)
{
    for (size_t i = 0; i < w->n_forms; i++)
        free(w->forms[i].text);
    free(w->forms);
    free(w->text);
}

static void explained_term_clear(pc_explained_term *t)
{
    for (size_t i = 0; i < t->n_words; i++)
        explained_word_clear(&t->words[i]);
    free(t->words);
}

void pc_explanation_free(pc_explanation *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_terms; i++)
        explained_term_clear(&e->terms[i]);
    free(e->terms);
    for (size_t i = 0; i < e->n_langs; i++)
        free(e->langs[i]);
    free(e->langs);
    free(e->tree);
    free(e->query);
    pc_search_plan_clear(&e->plan);
    free(e);
}

static int out_of_memory(pc_error *err)
{
    return pc_error_set(err, PC_ENOMEM, "out of memory while explaining the query");
}

/* Fills *w with one word and its forms in the index. */
static int explain_word(pc_query_session *qs, const pc_qword *word, bool prefix, pc_explained_word *w,
                        pc_error *err)
{
    w->exact = word->exact;
    w->prefix = prefix;
    if (!(w->text = strdup(word->text)))
        return out_of_memory(err);
    const pc_query_form *forms = NULL;
    size_t n = 0;
    int rc = pc_query_session_word_forms(qs, word, prefix, &forms, &n, err);
    if (rc != PC_OK || n == 0)
        return rc;
    if (!(w->forms = calloc(n, sizeof *w->forms)))
        return out_of_memory(err);
    for (size_t i = 0; i < n; i++) {
        const char *text = forms[i].term, *lang = "";
        int len = (int)forms[i].term_len, lang_len = 0;
        pc_explained_form *f = &w->forms[w->n_forms];
        f->stem = pc_stem_term_split(forms[i].term, (int)forms[i].term_len, &lang, &lang_len, &text, &len);
        if (!(f->text = strndup(text, (size_t)len)))
            return out_of_memory(err);
        w->n_forms++;
        f->len = (size_t)len;
        memcpy(f->lang, lang, (size_t)lang_len);
        f->lang[lang_len] = '\0';
        f->translit = forms[i].translit ? pc_translit_scheme_name((pc_translit_scheme)(forms[i].translit - 1)) : NULL;
        f->passages = forms[i].passages;
        f->terms = forms[i].terms;
    }
    return PC_OK;
}

/* Fills *t with one TERM or PHRASE node: the passages it matches and its words. */
static int explain_term(pc_query_session *qs, const pc_qnode *node, bool in_title, pc_explained_term *t,
                        pc_error *err)
{
    t->phrase = node->kind == PC_QNODE_PHRASE;
    t->in_title = in_title;
    t->column = node->column;
    char *expr = NULL;
    int rc = pc_query_compile(node, &expr, err);
    if (rc == PC_OK)
        rc = pc_store_count_passages(pc_query_session_store(qs), expr, &t->passages, err);
    free(expr);
    if (rc != PC_OK)
        return rc;
    if (node->n_words > 0 && !(t->words = calloc(node->n_words, sizeof *t->words)))
        return out_of_memory(err);
    for (size_t i = 0; rc == PC_OK && i < node->n_words; i++) {
        rc = explain_word(qs, &node->words[i], node->prefix && i + 1 == node->n_words, &t->words[i], err);
        t->n_words++;
    }
    return rc;
}

/* Appends every TERM and PHRASE under `node` (NOT, NEAR and groups included), in tree order. */
static int explain_terms(pc_query_session *qs, const pc_qnode *node, bool in_title, pc_explanation *e,
                         pc_error *err)
{
    if (node->kind == PC_QNODE_TERM || node->kind == PC_QNODE_PHRASE) {
        pc_explained_term *grown = realloc(e->terms, (e->n_terms + 1) * sizeof *grown);
        if (!grown)
            return out_of_memory(err);
        e->terms = grown;
        pc_explained_term *t = &e->terms[e->n_terms++];
        memset(t, 0, sizeof *t);
        return explain_term(qs, node, in_title, t, err);
    }
    for (size_t i = 0; i < node->n_children; i++) {
        int rc = explain_terms(qs, node->children[i], in_title, e, err);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

int pc_explain_query(pc_query_session *qs, pc_explanation **out, pc_error *err)
{
    *out = NULL;
    const pc_query *q = pc_query_session_query(qs);
    if (!q)
        return pc_error_set(err, PC_EINVAL, "no query to explain: give the session a query first");
    pc_explanation *e = calloc(1, sizeof *e);
    if (!e)
        return out_of_memory(err);
    e->any = q->any;
    int rc = (e->query = strdup(q->text)) ? PC_OK : out_of_memory(err);
    if (rc == PC_OK)
        rc = pc_query_describe(q, &e->tree, err);
    const char *const *langs = NULL;
    size_t n_langs = 0;
    if (rc == PC_OK)
        rc = pc_query_session_langs(qs, &langs, &n_langs, err);
    if (rc == PC_OK && n_langs > 0 && !(e->langs = calloc(n_langs, sizeof *e->langs)))
        rc = out_of_memory(err);
    for (size_t i = 0; rc == PC_OK && i < n_langs; i++) {
        if (!(e->langs[i] = strdup(langs[i])))
            rc = out_of_memory(err);
        else
            e->n_langs++;
    }
    if (rc == PC_OK && q->root)
        rc = explain_terms(qs, q->root, false, e, err);
    if (rc == PC_OK && q->filters.title)
        rc = explain_terms(qs, q->filters.title, true, e, err);
    if (rc == PC_OK)
        e->has_date_filter = pc_store_day_passage_range(q->filters.day_from, q->filters.day_to,
                                                        &e->date_passage_ids);
    if (rc == PC_OK)
        rc = pc_search_plan_make(qs, &e->plan, err);
    if (rc == PC_OK)
        rc = pc_search_plan_expand(qs, &e->plan, err);
    if (rc != PC_OK) {
        pc_explanation_free(e);
        return rc;
    }
    *out = e;
    return PC_OK;
}
