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

#include "presscut/error.h"

typedef struct pc_rank_params {
    double k1;               /* BM25 term-frequency saturation */
    double b;                /* BM25 length normalisation (0 none .. 1 full) */
    double proximity_weight; /* bonus for the shortest window that covers the distinct matched phrases */
    double title_weight;     /* article bonus: title_weight * (share of the wanted terms found in the title) */
    double passages_weight;  /* article bonus per extra matching passage: passages_weight * log(n) */
} pc_rank_params;

/* The defaults (see rank.c for how they were chosen). */
void pc_rank_params_default(pc_rank_params *p);

/* Reads parameter overrides written as "k1=1.2,b=0.75,proximity=0.5,title=1,passages=0.1" (any subset, any
 * order) into *p, leaving the others as they are. Used for $PRESSCUT_RANK_PARAMS (tuning). Returns 0 or
 * PC_EINVAL naming the bad item. Implemented in rank_params.c. */
int pc_rank_params_parse(const char *text, pc_rank_params *p, pc_error *err);

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
} pc_scored_passage;

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

/* Ranks articles: each article's score is its best passage's score, plus title_weight * coverage when its
 * title matched, plus passages_weight * log(matching passages). Articles that only matched by title (in
 * titles, not in passages) are included when `title_only_hits` is true, with passage_id 0. With `per_passage`
 * every passage is its own hit (score plus its article's title bonus; matching_passages 1). Order: score
 * descending, then newer first (day), then article id ascending, then passage id ascending: the same input
 * always gives the same order. passages and titles may be in any order and are not modified.
 * Sets *out (malloc'd, caller frees; NULL when n_out is 0) and *n_out. Returns 0 or PC_ENOMEM. */
int pc_rank_hits(const pc_rank_params *p, const pc_scored_passage *passages, size_t n_passages,
                 const pc_title_match *titles, size_t n_titles, bool title_only_hits, bool per_passage,
                 pc_ranked_hit **out, size_t *n_out, pc_error *err);

#endif
