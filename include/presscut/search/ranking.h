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

/* The facts of `article_id` in facts[0..n) sorted by article id (as pc_store_article_facts returns them for
 * sorted ids), or NULL when it has none. A binary search; facts may be NULL when n is 0. */
const pc_article_facts *pc_article_facts_find(const pc_article_facts *facts, size_t n, long long article_id);

#endif
