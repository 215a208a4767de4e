/* rank.h — relevance: the FTS5 auxiliary functions that score a passage (BM25 computed here, plus a bonus for
 * query terms close together) and report where a row's matches are (for highlighting), and the step that
 * turns scored passages into ranked articles (best passage, title bonus, deterministic ties). Every tunable
 * number lives in pc_rank_params; the defaults are documented in rank.c.
 *
 * Uses the FTS5 C API (fts5_api / Fts5ExtensionApi) only; it issues no SQL. */
#ifndef PRESSCUT_RANK_H
#define PRESSCUT_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <sqlite3.h>

#include "presscut/text/analyzer.h"
#include "presscut/core/error.h"
#include "presscut/core/span.h"

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
} pc_rank_params;

/* The defaults (see rank.c for how they were chosen). */
void pc_rank_params_default(pc_rank_params *p);

/* Reads parameter overrides written as "k1=1.2,b=0.75,proximity=0.5,title=1,passages=0.1,common=0.1" (any subset, any
 * order) into *p, leaving the others as they are. Used for $PRESSCUT_RANK_PARAMS (tuning). Returns 0 or
 * PC_EINVAL naming the bad item. Implemented in rank_params.c. */
int pc_rank_params_parse(const char *text, pc_rank_params *p, pc_error *err);

/* pc_rank(fts, 1) returns, instead of the score, a BLOB of floats (host order) with the row's evidence for
 * article-level scoring and for highlighting: [score, row length in tokens, average row length, rows in the
 * table, m, r, tf of phrases 0..m-1, idf of phrases 0..m-1, then r pairs (first, last): the token positions
 * of the row's phrase instances in column 0, in order], m = min(phrase count, PC_RANK_MAX_PHRASES),
 * r = min(instances, PC_RANK_MAX_MATCHES). Positions are small integers, exact in a float. */
#define PC_RANK_MAX_PHRASES 16
#define PC_RANK_MAX_MATCHES 128
#define PC_RANK_TERMS_HEADER 6

/* The token positions [first, last] of one phrase instance, counted as FTS5 counts them. */
typedef struct pc_token_range {
    int first, last;
} pc_token_range;


/* Maps token ranges of `text` (positions as FTS5 counts them: see pc_match_spans) to byte spans, sorted with
 * overlaps merged, using `analyzer` language-neutrally (pc_analyze with no language: no stemmer is loaded).
 * `text` is the stored text without its language tag. Ranges past the text's end are skipped. Sets *spans
 * (malloc'd, caller frees; NULL when none) and *n. Returns 0 or PC_ENOMEM. */
int pc_token_ranges_to_spans(pc_analyzer *analyzer, const char *text, size_t len, const pc_token_range *ranges,
                             size_t n_ranges, pc_span **spans, size_t *n);

/* Registers with `api` (FTS5 of one connection), with a copy of *p (NULL: defaults):
 *   pc_rank(fts)            REAL, higher is better: BM25 of the row against the MATCH expression's phrases
 *                           (IDF from the phrase's row count, computed once per query) plus the proximity
 *                           bonus. Phrases that do not occur in the row add nothing (so OR queries work).
 *   pc_coverage(fts)        REAL in [0, 1]: the share of the expression's phrases that occur in the row.
 *   pc_match_spans(fts)     BLOB: the byte ranges of the matched tokens in column 0's text, as int32 pairs
 *                           (start, end) in host byte order, sorted, with overlapping ranges merged. Offsets
 *                           count from the start of the text *after* its language tag (fts5_tokenizer.h),
 *                           so they index the passage text as stored. Positions are mapped to offsets with
 *                           a language-neutral pc_analyzer (no stemmer is loaded: positions do not depend
 *                           on stems).
 * Returns an SQLite result code. The registration keeps its own copy of the parameters; the connection
 * frees it. */
int pc_rank_register(fts5_api *api, const pc_rank_params *p);

/* A scored passage, as the store reads it. */
typedef struct pc_scored_passage {
    long long passage_id;  /* (day << 32) | n: carries the article's day for tie-breaking */
    long long article_id;
    double score;          /* pc_rank */
    float length;          /* tokens in the passage */
    float tf[PC_RANK_MAX_PHRASES]; /* occurrences of each of the query's phrases (the first 16) */
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
} pc_rank_query_stats;

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

typedef struct pc_ranked_hit {
    long long article_id;
    long long passage_id;  /* best passage; 0 for an article that matched by its title only */
    double score;
    long long matching_passages;
    double title_coverage; /* 0 when the title did not match */
} pc_ranked_hit;

/* Ranks articles. An article's score is
 *   its best passage's score
 *   + article_weight * its article-level BM25 (with `stats`, may be NULL): for each phrase, its occurrences
 *     summed over the article's matching passages, with an IDF from the share of candidate articles that
 *     contain the phrase among all the index's articles, and the article's length estimated from its body
 *     bytes (`facts`, sorted by article id, may be NULL: then the length of its matching passages) against
 *     the average article
 *   + title_weight * coverage when its title matched
 *   + passages_weight * log(matching passages).
 * Articles that only matched by title (in titles, not in passages) are included when `title_only_hits` is
 * true, with passage_id 0. With `per_passage` every passage is its own hit (its score plus its article's
 * title bonus; matching_passages 1). Order: score descending, then newer first (day), then article id
 * ascending, then passage id ascending: the same input always gives the same order. The inputs may be in any
 * order (facts excepted) and are not modified. Sets *out (malloc'd, caller frees; NULL when n_out is 0) and
 * *n_out. Returns 0 or PC_ENOMEM. */
int pc_rank_hits(const pc_rank_params *p, const pc_rank_query_stats *stats, const pc_scored_passage *passages,
                 size_t n_passages, const pc_title_match *titles, size_t n_titles, const pc_article_facts *facts,
                 size_t n_facts, bool title_only_hits, bool per_passage, pc_ranked_hit **out, size_t *n_out,
                 pc_error *err);

#endif
