/* spelling.h — other spellings of one word, added to a parsed query so that one query finds them all:
 * "cyberattack", "cyber-attack" and "cyber attack" (and "кібератака", "кібер-атака") are one concept to a
 * reader. The query tree is rewritten into OR alternatives (the compilers downstream need nothing new, and
 * --explain shows them), and every alternative is checked against the index's vocabulary first, so nothing
 * invented is searched:
 *   - a word W (one word, not =exact, not a prefix) also matches the phrase "A B" when W = A + B, A and B
 *     have at least PC_SPELLING_MIN_PART characters each, both are in the index in these very forms, and
 *     the phrase (its words in any form) occurs;
 *   - a hyphenated word ("cyber-attack": one query word the analyzer cuts in two or more) also matches the
 *     joined word ("cyberattack") when that is an index word;
 *   - a phrase ("cyber attack", "russian cyber attack") also matches itself with two neighbouring words
 *     joined, when the joined word is an index word (and, for what is still a phrase, when it occurs).
 * Words are compared as the analyzer folds them (case, accents); "index word" means: one of the forms the
 * word may take (its stems in the index's languages, its surface) is in some passage, so "cyberattacks"
 * joins to what "cyberattack" finds. Two separate query words (cyber attack) are not joined: they are two
 * words to the query language; write cyber-attack or "cyber attack" for every spelling. Exact words (=w),
 * prefixes (pref*) and the members of NEAR groups are left as typed. No other rule is applied (no
 * transliteration variants: Zelensky does not find Zelenskyy unless the stemmer makes them one). */
#ifndef PRESSCUT_SPELLING_H
#define PRESSCUT_SPELLING_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/search/query.h"
#include "presscut/text/analyzer.h"

/* The smallest part, in characters, a word is split into (so that "aside" never becomes "a side"). */
#define PC_SPELLING_MIN_PART 3
/* At most this many alternatives are added for one term or phrase. */
#define PC_SPELLING_MAX_ALTERNATIVES 4

/* What the rewrite asks of the index. Both return 0 or an error code (err filled), which stops the rewrite. */
typedef struct pc_spelling_vocab {
    /* Sets *known: whether the word word[0, len) is an index word, as defined above; with `exact`, whether
     * that very form is (its surface term is in some passage). */
    int (*word_known)(void *payload, const char *word, size_t len, bool exact, bool *known, pc_error *err);
    /* Sets *occurs: whether the PHRASE node `phrase` matches some passage. */
    int (*phrase_occurs)(void *payload, const pc_qnode *phrase, bool *occurs, pc_error *err);
    void *payload;
} pc_spelling_vocab;

/* Rewrites the tree at *root (may be NULL: nothing to do) in place: each TERM or PHRASE with other spellings
 * in the index becomes an OR of itself (first) and its alternatives (pc_qnode.spelling set, the column of
 * the node they spell), outside NEAR groups; the tree's other nodes are kept. `analyzer` folds words (no
 * stemming). Returns 0; or PC_ENOMEM, the analyzer's error, or the vocabulary's error, with err filled: the
 * tree is then whole and valid, with some alternatives added or none. */
int pc_query_add_spellings(pc_analyzer *analyzer, pc_qnode **root, const pc_spelling_vocab *vocab, pc_error *err);

#endif
