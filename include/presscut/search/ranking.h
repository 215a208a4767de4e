/* ranking.h — turns a search's scored passages and matching titles (rank_inputs.h, read by the store) into
 * ranked hits: passages grouped by article, the best one kept, an article-level BM25, the title and
 * passage-count bonuses, deterministic ties. Plain C on the numbers handed in: no SQL, no FTS5. */
#ifndef PRESSCUT_RANKING_H
#define PRESSCUT_RANKING_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/fts5/rank_inputs.h"
#include "presscut/fts5/rank_params.h"

typedef struct pc_ranked_hit {
    long long article_id;
    long long passage_id;  /* the passage to show: the one that answers the query best (its score plus the
                              coverage bonus of pc_rank_params.coverage_weight); 0 for a title-only match */
    double score;
    long long matching_passages;
    double title_coverage; /* 0 when the title did not match */
    size_t first_match;    /* the shown passage's matches: token ranges [first_match, first_match + n_matches) */
    unsigned n_matches;    /*   of pc_rank_acc_ranges (none from pc_rank_hits, nor for a title-only match) */
} pc_ranked_hit;

/* Ranks articles with *p (NULL: defaults). An article's score is
 *   its best passage's score
 *   + article_weight * its article-level BM25 (with `stats`, may be NULL): for each phrase, its occurrences
 *     summed over the article's matching passages, with an IDF from the share of candidate articles that
 *     contain the phrase among all the index's articles, and the article's length estimated from its body
 *     bytes (`facts`, sorted by article id, may be NULL: then the length of its matching passages) against
 *     the average article
 *   + title_weight * coverage when its title matched
 *   + passages_weight * log(matching passages).
 * The passage shown (passage_id) is chosen apart from the score: see pc_ranked_hit.
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

/* Ranking fed one passage at a time, so that a search over many passages keeps per article only what
 * ranking needs (its best passage, the passage it shows with that passage's match ranges, its phrase counts
 * summed) instead of every passage: pc_rank_acc_new, pc_rank_acc_add for each passage (any order),
 * pc_rank_acc_finish once, then pc_rank_acc_ranges while the hits are shown, pc_rank_acc_free. The hits are
 * those pc_rank_hits gives for the same passages. Not thread-safe. */
typedef struct pc_rank_acc pc_rank_acc;

/* Starts a ranking with a copy of *p (NULL: defaults) and `stats` (may be NULL), which is not copied: it must
 * stay valid until pc_rank_acc_finish, its phrase fields (n_phrases, idf, avg_passage_length, passages,
 * n_weights, weight) final by the first pc_rank_acc_add, and articles and body_bytes by pc_rank_acc_finish
 * (the order in which pc_store_each_passage fills them). `per_passage` as in pc_rank_hits (then every passage
 * is kept). Sets *out (free with pc_rank_acc_free). Returns 0 or PC_ENOMEM (*out NULL). */
int pc_rank_acc_new(const pc_rank_params *p, const pc_rank_query_stats *stats, bool per_passage, pc_rank_acc **out,
                    pc_error *err);

/* Adds passage *p (its first_match and n_matches are ignored) with the token ranges of its matches
 * (ranges[0..n_ranges), copied when they may be shown; may be NULL when n_ranges is 0). Returns 0, or
 * PC_ENOMEM, after which pc_rank_acc_finish fails too. */
int pc_rank_acc_add(pc_rank_acc *acc, const pc_scored_passage *p, const pc_token_range *ranges, size_t n_ranges);

/* The ids of the articles whose passages were added, in no set order (to read their facts before
 * finishing). Sets *ids (malloc'd, caller frees; NULL when none) and *n. Returns 0 or PC_ENOMEM. */
int pc_rank_acc_article_ids(const pc_rank_acc *acc, long long **ids, size_t *n, pc_error *err);

/* Ranks what was added, with titles and facts as pc_rank_hits does; each hit's first_match and n_matches
 * index pc_rank_acc_ranges. Frees the per-article sums: afterwards only pc_rank_acc_ranges and
 * pc_rank_acc_free may be called. Sets *out (malloc'd, caller frees; NULL when n_out is 0) and *n_out.
 * Returns 0 or PC_ENOMEM. */
int pc_rank_acc_finish(pc_rank_acc *acc, const pc_title_match *titles, size_t n_titles, const pc_article_facts *facts,
                       size_t n_facts, bool title_only_hits, pc_ranked_hit **out, size_t *n_out, pc_error *err);

/* The match ranges the hits index, owned by acc; NULL when no passage added came with ranges (then show the
 * hits' matches another way). Valid until pc_rank_acc_free. */
const pc_token_range *pc_rank_acc_ranges(const pc_rank_acc *acc);

/* Frees acc. Accepts NULL. */
void pc_rank_acc_free(pc_rank_acc *acc);

/* The facts of `article_id` in facts[0..n) sorted by article id (as pc_store_article_facts returns them for
 * sorted ids), or NULL when it has none. A binary search; facts may be NULL when n is 0. */
const pc_article_facts *pc_article_facts_find(const pc_article_facts *facts, size_t n, long long article_id);

#endif
