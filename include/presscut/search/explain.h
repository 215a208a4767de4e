/* explain.h — how a query is understood on an index (what `presscut search --explain` shows), as data: the
 * parsed tree and filters, each term with the forms its words may take and the passages that hold them, the
 * passages each term matches, the date range scanned, the words --any leaves out, and the FTS5 expressions a
 * search runs. It formats nothing: printers turn a pc_explanation into text. */
#ifndef PRESSCUT_EXPLAIN_H
#define PRESSCUT_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/search/search.h"
#include "presscut/search/session.h"

/* One form a word may match in the index (see pc_query_form). */
typedef struct pc_explained_form {
    char *text;          /* the stored term without a stem term's mark and language: len bytes, NUL-terminated
                            (raw index bytes: escape before printing) */
    size_t len;
    bool stem;           /* a stem term (matches text in its own language) rather than a surface form */
    char lang[3];        /* a stem term's language ("en"), "" for a surface form */
    const char *translit; /* the scheme whose Latin form of the word this comes from ("ru-bgn", "uk-2010",
                             pc_translit_scheme_name), NULL for the word's own forms; static */
    long long passages;  /* passages holding it; for a prefix, the sum over the stored terms starting with it */
    long long terms;     /* for a prefix: how many stored terms start with it */
} pc_explained_form;

/* One word of a term. */
typedef struct pc_explained_word {
    char *text;          /* as typed, without '=' and '*' */
    bool exact;          /* =word */
    bool prefix;         /* pref*: the forms are stored terms starting with it */
    pc_explained_form *forms; /* in the analyzer's order; none (n_forms 0): no searchable word */
    size_t n_forms;
} pc_explained_word;

/* One TERM or PHRASE node of the query (under NOT too). */
typedef struct pc_explained_term {
    bool phrase;         /* a phrase rather than a single word */
    bool in_title;       /* from the title: filters rather than the words the passages must match */
    size_t column;       /* 1-based character column where it starts in the query */
    long long passages;  /* passages the term matches on its own (filters ignored) */
    pc_explained_word *words;
    size_t n_words;
} pc_explained_term;

/* Everything --explain shows, owned by the explanation (free with pc_explanation_free). */
typedef struct pc_explanation {
    char *query;         /* the query text as typed (escape before printing) */
    bool any;            /* parsed with --any */
    char *tree;          /* pc_query_describe: the tree and filters, one item a line, ending in '\n' */
    char **langs;        /* the languages words are looked up in (pc_query_session_langs) */
    size_t n_langs;
    pc_explained_term *terms; /* the query's terms in tree order, then those of the title: filters */
    size_t n_terms;
    /* The date filter as the range of passage ids FTS5 scans (pc_store_day_passage_range; its open_end when
     * the filter has no last day). has_date_filter false: none, the range zeroed. */
    bool has_date_filter;
    pc_passage_id_range date_passage_ids;
    pc_search_plan plan; /* the FTS5 expressions a search runs, and the words --any leaves out (plan.left_out) */
} pc_explanation;

/* Explains the query of session `qs` on its store into *out (free with pc_explanation_free). Reads passage
 * counts from the store. On failure sets *out = NULL and returns PC_EINVAL (a session without a query),
 * PC_ENOMEM, PC_EDB or the analyzer's error, with err filled. */
int pc_explain_query(pc_query_session *qs, pc_explanation **out, pc_error *err);

/* Frees an explanation and everything in it. Accepts NULL. */
void pc_explanation_free(pc_explanation *e);

#endif
