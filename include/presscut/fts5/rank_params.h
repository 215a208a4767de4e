/* rank_params.h — the tunable numbers of relevance: what the FTS5 rank functions (rank_functions.h) score a
 * passage with and what ranking (search/ranking.h) weighs articles with. The defaults, and how they were
 * chosen, are in rank_params.c; $PRESSCUT_RANK_PARAMS overrides them for tuning. */
#ifndef PRESSCUT_RANK_PARAMS_H
#define PRESSCUT_RANK_PARAMS_H

#include "presscut/core/error.h"

typedef struct pc_rank_params {
    double k1;               /* BM25 term-frequency saturation */
    double b;                /* BM25 length normalisation (0 none .. 1 full) */
    double proximity_weight; /* bonus for the shortest window that covers the distinct matched phrases */
    double title_weight;     /* article bonus: title_weight * (share of the wanted terms found in the title) */
    double passages_weight;  /* article bonus per extra matching passage: passages_weight * log(n) */
    double article_weight;   /* weight of the article-level BM25 (the query's words counted over all of an
                                article's matching passages) added to the best passage's score */
    double common_share;     /* --any: a word found in more than this share of all passages ("the", "did")
                                is left out of the search while rarer words remain; 0 keeps every word */
    double coverage_weight;  /* choosing the passage shown for an article: each distinct query phrase a passage
                                holds adds coverage_weight * its IDF to the passage's score (the article's
                                score itself does not change) */
    /* --any: pseudo-relevance feedback (search/expand.h). The fb_docs best articles of a first ranking lend
     * the fb_terms words most typical of them to a second one; the question's own words keep weight
     * fb_lambda, the added words share 1 - fb_lambda. fb_docs or fb_terms 0 turns it off. */
    double fb_docs;
    double fb_terms;
    double fb_lambda;
} pc_rank_params;

/* Fills *p with the defaults. Never fails. */
void pc_rank_params_default(pc_rank_params *p);

/* Reads parameter overrides written as "k1=1.2,b=0.75,proximity=0.5,title=1,passages=0.1,common=0.1,coverage=1,
 * fb_docs=10,fb_terms=10,fb_lambda=0.7"
 * (any subset, any order) into *p, leaving the others as they are. Used for $PRESSCUT_RANK_PARAMS (tuning). Returns 0 or
 * PC_EINVAL naming the bad item (*p may then hold the items before it). */
int pc_rank_params_parse(const char *text, pc_rank_params *p, pc_error *err);

#endif
