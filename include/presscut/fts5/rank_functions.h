/* rank_functions.h — relevance inside SQLite: the FTS5 auxiliary functions that score a passage (BM25
 * computed here, plus a bonus for query terms close together), tell how much of the query a row covers, and
 * report where a row's matches are (for highlighting). Their BLOB results are written and read only through
 * rank_evidence.h; their tunable numbers are pc_rank_params (rank_params.h).
 *
 * Uses the FTS5 C API (fts5_api / Fts5ExtensionApi) only; it issues no SQL. */
#ifndef PRESSCUT_RANK_FUNCTIONS_H
#define PRESSCUT_RANK_FUNCTIONS_H

#include <stddef.h>
#include <sqlite3.h>

#include "presscut/core/span.h"
#include "presscut/fts5/rank_evidence.h"
#include "presscut/fts5/rank_params.h"
#include "presscut/text/analyzer.h"

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
 *   pc_rank(fts, 1, W)      pc_rank(fts, 1) with phrase weights W: TEXT, numbers of 0 or more separated by
 *                           spaces, the weight of each phrase's BM25 term in turn (missing ones: 1). Phrases
 *                           weighing less than 1 (words added by pseudo-relevance feedback) take no part in
 *                           the proximity bonus and their matches are not among the evidence's token ranges.
 *                           W NULL: all weigh 1.
 *   pc_rank(fts, 1)         BLOB: the same score with the row's evidence (pc_rank_evidence_encode: its
 *                           length, the table's average length and rows, each phrase's tf and idf, and the
 *                           token ranges of its matches in column 0), decoded by pc_rank_evidence_decode.
 *   pc_coverage(fts)        REAL in [0, 1]: the share of the expression's phrases that occur in the row.
 *   pc_match_spans(fts)     BLOB (pc_spans_encode; read with pc_spans_decode): the byte ranges of the matched
 *                           tokens in column 0's text, sorted, with overlapping ranges merged. Offsets
 *                           count from the start of the text *after* its language tag (fts5_tokenizer.h),
 *                           so they index the passage text as stored. Positions are mapped to offsets with
 *                           a language-neutral pc_analyzer (no stemmer is loaded: positions do not depend
 *                           on stems).
 * Returns an SQLite result code. The registration keeps its own copy of the parameters; the connection
 * frees it. */
int pc_rank_register(fts5_api *api, const pc_rank_params *p);

#endif
