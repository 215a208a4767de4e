/* expand.h — pseudo-relevance feedback for questions in plain words (--any): from the best articles of a first
 * ranking, the words most typical of them (RM3-like: each word's share of an article's words, summed over the
 * articles with each article's share of their scores) are chosen to be added to the question. Plain analysis
 * of texts handed in: it reads nothing from the index itself (the caller answers "is this term too common?"). */
#ifndef PRESSCUT_EXPAND_H
#define PRESSCUT_EXPAND_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/text/analyzer.h"

/* One article of the first ranking. */
typedef struct pc_feedback_article {
    const char *lang;  /* its language code for stemming (NULL or "": none) */
    const char *text;  /* len bytes of UTF-8, not NUL-terminated */
    size_t len;
    double score;      /* its score in the first ranking (higher is better) */
} pc_feedback_article;

/* A word chosen. */
typedef struct pc_expansion_word {
    char *word;        /* its surface form seen most often (as the analyzer folds it), NUL-terminated, malloc'd */
    double weight;     /* its share of the chosen words' total weight (the weights sum to 1) */
} pc_expansion_word;

/* Answers whether the stored term `term` (len bytes: a surface or a stem term, as pc_analyze gives it) is too
 * common to be worth adding. Returns 0 (with *common set) or a PC_E* code with err filled. */
typedef int (*pc_term_common_fn)(void *payload, const char *term, size_t len, bool *common, pc_error *err);

/* Chooses up to max_words words to add to a question from the articles docs[0..n_docs). Words are counted by
 * their stem term where the analyzer gives one (so "elections" and "election" are one word), else by their
 * surface. A word weighs sum over the articles of (its count / the article's words) * exp((the article's score
 * - the best score) / score_scale) (RM3's likelihood of the question given the article, for scores that are
 * score_scale times a log-likelihood-like BM25; not above 0: 1): the best articles lend the most. Words are taken heaviest first
 * (ties: by their term's bytes), passing over those whose surface or stem term is one of excluded[0..
 * n_excluded) (the question's own terms, as stored), those without a letter, and those is_common (may be NULL)
 * says are too common; at most 30 * max_words words are asked about. Sets *out (malloc'd, free with
 * pc_expansion_words_free; NULL when none) and *n_out. Returns 0, PC_ENOMEM, the analyzer's error or
 * is_common's, with err filled; on failure *out is NULL and *n_out 0. */
int pc_expansion_choose(pc_analyzer *a, const pc_feedback_article *docs, size_t n_docs,
                        const char *const *excluded, const size_t *excluded_len, size_t n_excluded,
                        size_t max_words, double score_scale, pc_term_common_fn is_common, void *payload,
                        pc_expansion_word **out, size_t *n_out, pc_error *err);

/* Frees words[0..n) and the array. Accepts NULL. */
void pc_expansion_words_free(pc_expansion_word *words, size_t n);

#endif
