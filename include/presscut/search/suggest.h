/* suggest.h — "did you mean": for a query word that is in no passage and no title of the index (in any of its
 * forms), the index words closest to it, as search prints them with the results (the query itself is never
 * changed). Closeness is the Damerau-Levenshtein distance on characters (not bytes, so Cyrillic counts as
 * Latin does), weighted by how often the word occurs:
 *   - a candidate starts with the same character as the word (as the analyzer folds it: case, accents), and
 *     its length differs by at most the largest distance allowed, so only a sliver of the vocabulary is read
 *     (one range of FTS5's sorted terms) and few candidates need the distance at all;
 *   - the largest distance is pc_suggest_max_distance of the word's length (1 for 3 to 5 characters, 2 for
 *     longer; shorter words and words with a digit get no suggestion);
 *   - candidates rank by weight = passages / 10^distance (one edit more must be ten times as frequent to
 *     rank first), then by smaller distance, then by their bytes; the best PC_SUGGEST_MAX are kept. */
#ifndef PRESSCUT_SUGGEST_H
#define PRESSCUT_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut/core/error.h"
#include "presscut/search/session.h"
#include "presscut/text/analyzer.h"

/* Suggestions kept for one word. */
#define PC_SUGGEST_MAX 3

/* The Damerau-Levenshtein distance, in its optimal-string-alignment form (insertions, deletions,
 * substitutions, and transpositions of two neighbouring characters, no character edited twice), between
 * the code points a[0, na) and b[0, nb); limit + 1 as soon as it is certain to exceed `limit` (>= 0), which
 * stops the computation early. Strings longer than PC_MAX_TERM_BYTES code points give limit + 1. */
int pc_edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, int limit);

/* The largest distance a suggestion for a word of `chars` characters may have: 0 (none) below 3 characters,
 * 1 up to 5, 2 above. */
int pc_suggest_max_distance(size_t chars);

/* One index word suggested for a query word. */
typedef struct pc_suggestion {
    char *text;         /* the index word (folded surface form), NUL-terminated, malloc'd */
    int distance;       /* edits from the query word */
    long long passages; /* passages holding it */
} pc_suggestion;

/* Negative when a ranks before b (see the order above), positive after, 0 for equal entries. */
int pc_suggestion_compare(const pc_suggestion *a, const pc_suggestion *b);

/* The best candidates for one word, as they are offered: init, offer each index word, then read items[0, n)
 * (best first) and clear. */
typedef struct pc_suggest_list {
    uint32_t word[PC_MAX_TERM_BYTES];
    size_t chars;      /* code points in word */
    int max_distance;  /* 0: the word gets no suggestion */
    pc_suggestion items[PC_SUGGEST_MAX];
    size_t n;
} pc_suggest_list;

/* Starts a list for the folded word word[0, len) (UTF-8; a word over PC_MAX_TERM_BYTES characters, or with a
 * decimal digit, gets no suggestion). */
void pc_suggest_list_init(pc_suggest_list *l, const char *word, size_t len);

/* Offers the index word term[0, len) held by `passages` passages (payload: the pc_suggest_list; the
 * signature of pc_store_vocab_each's callback). The word itself is never kept. Returns 0 or PC_ENOMEM. */
int pc_suggest_list_offer(void *payload, const char *term, size_t len, long long passages);

/* Frees the kept items. Accepts a list that was only initialised. */
void pc_suggest_list_clear(pc_suggest_list *l);

/* The suggestions for one query word. */
typedef struct pc_word_suggestions {
    char *word;              /* as typed (without '=' and '*'), malloc'd */
    size_t column;           /* 1-based character column of its term or phrase in the query */
    pc_suggestion *items;    /* best first, n >= 1; malloc'd */
    size_t n;
} pc_word_suggestions;

typedef struct pc_query_suggestions {
    pc_word_suggestions *words; /* in query order, each word once; NULL when n is 0 */
    size_t n;
} pc_query_suggestions;

/* For each distinct word of the session's query (its terms, phrases and title: filter, under NOT too; not
 * prefixes, nor the other spellings the session added, nor a word that has some) whose forms are in no
 * passage and that is in no title, the closest index words, read with pc_store_vocab_each. Words without
 * any close index word are left out. Sets *out (free with pc_query_suggestions_free; n may be 0). Returns 0,
 * PC_ENOMEM, PC_EDB, or the analyzer's error (*out is then NULL). */
int pc_query_session_suggest(pc_query_session *qs, pc_query_suggestions **out, pc_error *err);

/* Frees suggestions. Accepts NULL. */
void pc_query_suggestions_free(pc_query_suggestions *s);

#endif
