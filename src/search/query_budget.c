/* query_budget.c — bounds the work one query may cause on its index (see the limits in
 * include/presscut/search/session.h): how many words it holds once @names and other spellings are added, how
 * many stored words one prefix stands for, and how many passage entries all its words stand for together.
 * FTS5 reads the doclist of every word for every time the word appears, so the sum is a fair estimate. */
#include "presscut/search/session.h"

#include "session_internal.h"

typedef struct budget_walk {
    pc_query_session *qs;
    size_t words;             /* words seen so far, each time it appears */
    long long entries;        /* the passage entries of their forms */
    const pc_qnode *heaviest; /* the node whose word has the most entries */
    const char *heaviest_word;
    bool heaviest_prefix;
    long long heaviest_entries;
} budget_walk;

/* Adds the words of a TERM or PHRASE node to the walk; fails on the words limit or an over-broad prefix. */
static int weigh_words(budget_walk *w, const pc_qnode *n, pc_error *err)
{
    for (size_t i = 0; i < n->n_words; i++) {
        const pc_qword *word = &n->words[i];
        bool prefix = n->prefix && i + 1 == n->n_words;
        if (++w->words > PC_QUERY_MAX_WORDS)
            return pc_error_set(err, PC_EINVAL,
                                "the query has more than %d words (counting each alias of an @name): the one at "
                                "column %zu is past the limit; search for fewer words at once",
                                PC_QUERY_MAX_WORDS, n->column);
        const pc_query_form *forms = NULL;
        size_t n_forms = 0;
        int rc = pc_query_session_word_forms(w->qs, word, prefix, &forms, &n_forms, err);
        if (rc != PC_OK)
            return rc;
        long long entries = 0;
        for (size_t f = 0; f < n_forms; f++) {
            if (prefix && forms[f].terms > PC_QUERY_MAX_PREFIX_WORDS)
                return pc_error_set(err, PC_EINVAL,
                                    "the prefix '%s*' at column %zu stands for %lld words in this index (at most "
                                    "%d): write more letters before the '*'",
                                    word->text, n->column, forms[f].terms, PC_QUERY_MAX_PREFIX_WORDS);
            entries += forms[f].passages;
        }
        w->entries += entries;
        if (!w->heaviest || entries > w->heaviest_entries) {
            w->heaviest = n;
            w->heaviest_word = word->text;
            w->heaviest_prefix = prefix;
            w->heaviest_entries = entries;
        }
    }
    return PC_OK;
}

static int weigh_node(budget_walk *w, const pc_qnode *n, pc_error *err)
{
    if (!n)
        return PC_OK;
    if (n->kind == PC_QNODE_TERM || n->kind == PC_QNODE_PHRASE)
        return weigh_words(w, n, err);
    for (size_t i = 0; i < n->n_children; i++) {
        int rc = weigh_node(w, n->children[i], err);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

int query_session_check_budget(pc_query_session *qs, const pc_query *q, pc_error *err)
{
    budget_walk w = {.qs = qs};
    int rc = weigh_node(&w, q->root, err);
    if (rc == PC_OK)
        rc = weigh_node(&w, q->filters.title, err);
    long long passages = 0;
    if (rc == PC_OK)
        rc = pc_store_passage_count(pc_query_session_store(qs), &passages, err);
    if (rc != PC_OK)
        return rc;
    long long budget = passages * PC_QUERY_ENTRIES_PER_PASSAGE;
    if (budget < PC_QUERY_MIN_ENTRIES)
        budget = PC_QUERY_MIN_ENTRIES;
    if (w.entries <= budget)
        return PC_OK;
    return pc_error_set(err, PC_EINVAL,
                        "the query is too broad for this index: its words stand for %lld passage entries (at most "
                        "%lld here); '%s%s' at column %zu alone stands for %lld: use fewer words or longer prefixes",
                        w.entries, budget, w.heaviest_word, w.heaviest_prefix ? "*" : "", w.heaviest->column,
                        w.heaviest_entries);
}
