/* rank_inputs.h — what ranking reads about one search: the scored passages, the matching titles, the query's
 * statistics and the candidate articles' facts. The store fills them (from the evidence of the rank functions,
 * rank_evidence.h, and from the articles table) and search/ranking.h consumes them. They sit in the fts5 stage,
 * beside the functions whose numbers they carry, because the store may not include search headers. */
#ifndef PRESSCUT_RANK_INPUTS_H
#define PRESSCUT_RANK_INPUTS_H

#include <stddef.h>

#include "presscut/fts5/rank_evidence.h"

/* A scored passage, as the store reads it. */
typedef struct pc_scored_passage {
    long long passage_id;  /* (day << 32) | n: carries the article's day for tie-breaking */
    long long article_id;
    double score;          /* pc_rank */
    float length;          /* tokens in the passage */
    float tf[PC_RANK_MAX_PHRASES]; /* occurrences of each of the query's phrases (the first 64) */
    size_t first_match;    /* its matches: token ranges [first_match, first_match + n_matches) of the array */
    unsigned n_matches;    /*   the store hands over with the passages (pc_token_range) */
} pc_scored_passage;

/* What article-level scoring needs to know of the query and the index. */
typedef struct pc_rank_query_stats {
    int n_phrases;                  /* phrases with an idf below (at most PC_RANK_MAX_PHRASES) */
    float idf[PC_RANK_MAX_PHRASES]; /* passage-level, from pc_rank(fts, 1) */
    double avg_passage_length;      /* tokens */
    long long passages;             /* in the index */
    long long articles;             /* in the index */
    long long body_bytes;           /* of all article bodies */
    int n_weights;                  /* phrases [0, n_weights) weigh weight[p] in the BM25 sums (pseudo-relevance
                                       feedback, search/expand.h); the others 1. Set by the search, not the
                                       store. */
    float weight[PC_RANK_MAX_PHRASES];
} pc_rank_query_stats;

/* The weight of phrase `ph` in `stats` (1 unless the search set one). */
static inline double pc_rank_phrase_weight(const pc_rank_query_stats *stats, int ph)
{
    return stats && ph < stats->n_weights ? (double)stats->weight[ph] : 1.0;
}

/* What ranking needs of each candidate article, read once per search. */
typedef struct pc_article_facts {
    long long article_id;
    long long cluster;             /* near-duplicate cluster (articles.cluster) */
    long long body_bytes;
} pc_article_facts;

/* An article whose title matched, with pc_coverage of the title. */
typedef struct pc_title_match {
    long long article_id;
    long long day;         /* the article's day number (0 undated), for tie-breaking */
    double coverage;
} pc_title_match;

#endif
