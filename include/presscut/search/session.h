/* session.h — one query made ready for the index it runs on. A session holds the parsed query (pc_query),
 * the analyzer that reads it (made once, with the index's analyzer configuration and its table of Ukrainian
 * stems), the languages query words are stemmed in, and the forms each word of the query may take in the
 * index with the passages that hold them. It is made once per command and handed to whatever reads the
 * query on the store: search (pc_search_run), show (highlighting), explain; and it can be retargeted at new
 * query text without making a new analyzer, for callers that run many queries (an interactive screen).
 *
 * Ownership: the session owns everything it hands out; pointers it returns stay valid until the session is
 * retargeted or freed, as each function says. Lifetime: a session uses its store (for the analyzer's stem
 * table and for counting passages) and must be freed before the store is closed.
 * Thread-safety: none (an analyzer is not thread-safe): use a session from one thread at a time. */
#ifndef PRESSCUT_SESSION_H
#define PRESSCUT_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/search/query.h"
#include "presscut/store/store.h"
#include "presscut/text/analyzer.h"

typedef struct pc_query_session pc_query_session;

/* Limits on the work one query may cause, checked when a session takes a query (pc_query_session_new,
 * pc_query_session_retarget), so that no query of 4 KB runs for minutes:
 * - at most PC_QUERY_MAX_WORDS words, counting each time a word appears, each alias of an @name and each
 *   other spelling added (FTS5 reads a word's doclist each time it appears, and ranking weighs every word
 *   for every passage found);
 * - a prefix (pref*) may stand for at most PC_QUERY_MAX_PREFIX_WORDS stored words (FTS5 merges them all);
 * - the passage entries all the words' forms stand for (a prefix: the sum over its stored words) may be at
 *   most PC_QUERY_ENTRIES_PER_PASSAGE times the passages of the index, or PC_QUERY_MIN_ENTRIES in a small
 *   index. */
#define PC_QUERY_MAX_WORDS 128
#define PC_QUERY_MAX_PREFIX_WORDS 5000
#define PC_QUERY_ENTRIES_PER_PASSAGE 32
#define PC_QUERY_MIN_ENTRIES 1000000

/* Makes a session on store `s` and parses `text` as its query (see pc_query_parse; opt may be NULL for the
 * defaults), with the other spellings of its words that the index holds added (spelling.h). `text` may be NULL: the session then has no query until pc_query_session_retarget. On success
 * returns 0 and sets *out (free with pc_query_session_free). On failure sets *out = NULL and returns the
 * analyzer's error (PC_ENOMEM, or another PC_E* code when ICU cannot be set up), pc_query_parse's (PC_EINVAL
 * with a message naming the column, PC_ENOMEM), PC_EINVAL for a query past the limits above (naming the column
 * of the word at fault and what to do) or the index's (PC_EDB, PC_ESTOP), with err filled. opt->no_translit
 * applies to the session's analyzer and to the store's queries (pc_store_set_query_translit) from then on. */
int pc_query_session_new(pc_query_session **out, pc_store *s, const char *text, const pc_query_options *opt,
                         pc_error *err);

/* Frees the session and everything it holds (not the store). Accepts NULL. */
void pc_query_session_free(pc_query_session *qs);

/* Replaces the session's query by `text` parsed with `opt` (may be NULL), keeping its analyzer and languages,
 * adds the other spellings of its words (spelling.h), and applies the standing filters
 * (pc_query_session_add_filter) to it. What the session handed out for the
 * previous query (the pc_query, word forms) is no longer valid after a success. Returns 0, or pc_query_parse's
 * error (PC_EINVAL with a message naming the column, PC_ENOMEM), PC_EINVAL for a query past the limits above,
 * or the index's (PC_EDB, PC_ESTOP): the session then keeps
 * its previous query. After a success, opt->no_translit applies as in pc_query_session_new. */
int pc_query_session_retarget(pc_query_session *qs, const char *text, const pc_query_options *opt,
                              pc_error *err);

/* Adds a standing filter given as a command-line option (name "since", "until", "source" or "lang", as
 * pc_query_add_filter takes them): it applies to the current query, if any, and to every query the session is
 * later retargeted at. Filters apply in the order they were added. Returns 0, PC_EINVAL (a bad value, with
 * pc_query_add_filter's message such as "--since: bad date '2022-13': write YYYY, YYYY-MM or YYYY-MM-DD"; the
 * filter is then not kept) or PC_ENOMEM. */
int pc_query_session_add_filter(pc_query_session *qs, const char *name, const char *value, pc_error *err);

/* The current query, or NULL when the session has none. Owned by the session; valid until the session is
 * retargeted or freed. */
const pc_query *pc_query_session_query(const pc_query_session *qs);

/* The store the session was made on. */
pc_store *pc_query_session_store(const pc_query_session *qs);

/* The session's analyzer: the index's configuration, stemming Ukrainian query words from the index's stem
 * table. Owned by the session (do not free); valid until the session is freed. */
pc_analyzer *pc_query_session_analyzer(pc_query_session *qs);

/* The languages query words are stemmed in (pc_store_query_langs), read from the store at the first call
 * and kept for the session's life. Sets *langs (owned by the session) and *n. Returns 0, PC_ENOMEM or
 * PC_EDB. */
int pc_query_session_langs(pc_query_session *qs, const char *const **langs, size_t *n, pc_error *err);

/* One form a query word may match in the index: a term as pc_analyze_query gives it (a stem term starts
 * with PC_STEM_MARK, pc_stem_term_split), with its passage counts from the index (pc_store_term_passages). */
typedef struct pc_query_form {
    const char *term;    /* term_len bytes, not NUL-terminated */
    size_t term_len;
    int translit;        /* as pc_term.translit: 1 + the scheme of the Latin form it comes from, or 0 */
    long long passages;  /* passages that hold it; for a prefix, the sum over the stored terms starting with it
                            (an upper bound) */
    long long terms;     /* for a prefix: how many stored terms start with it */
} pc_query_form;

/* The forms `word` (a word of the current query: its text, and whether it is exact) may match in the index
 * over the session's languages, in the analyzer's order; `prefix` when it is a prefix (the last word of a
 * pref* node): its surface form only. *n is 0 when the word has no searchable part. Computed once per word
 * and kept: *forms is owned by the session and valid until the session is retargeted or freed. Returns 0,
 * PC_ENOMEM, PC_EDB, or the analyzer's error ("cannot analyse the query word 'x'"). */
int pc_query_session_word_forms(pc_query_session *qs, const pc_qword *word, bool prefix,
                                const pc_query_form **forms, size_t *n, pc_error *err);

/* Sets *known: whether some form `word` may take (pc_query_session_word_forms, not a prefix) is in some
 * passage of the index. Returns 0 or pc_query_session_word_forms's error. */
int pc_query_session_word_known(pc_query_session *qs, const pc_qword *word, bool *known, pc_error *err);

#endif
