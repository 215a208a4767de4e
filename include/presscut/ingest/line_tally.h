/* line_tally.h — rule 3 of boilerplate.h judged while a run reads its files: counts, for each edge line key,
 * in how many of this run's articles it lies, and how many articles each source has, so that a line a source
 * repeats is removed from the first article read after the counts reach rule 3's thresholds on, instead of
 * from every article in a second pass over the files afterwards. The store's count over the whole index
 * (pc_store_repeated_line_keys) stays the final word: the tally only tells early, and the caller mends the
 * few articles it judged before (or wrongly, when a line a source repeated at first turns out rare later).
 *
 * The counts are lower bounds, so the tally errs on the side of knowing a line late: lines of articles
 * already in the index are not counted (their articles count in their source's size), and memory is bounded
 * (when the table of keys is full, keys met least often and never judged repeated are forgotten, and count
 * from 0 when met again).
 *
 * Not thread-safe: one thread at a time uses a tally. */
#ifndef PRESSCUT_LINE_TALLY_H
#define PRESSCUT_LINE_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut/ingest/boilerplate.h"

typedef struct pc_line_tally pc_line_tally;

/* Makes an empty tally keeping at most max_keys keys (0: a default of about 128 thousand keys, 4 MiB).
 * Returns 0 with *out set, or PC_ENOMEM with *out NULL. */
int pc_line_tally_new(pc_line_tally **out, size_t max_keys);

/* Frees the tally. Accepts NULL. */
void pc_line_tally_free(pc_line_tally *t);

/* Counts `articles` articles of `source` (NULL: articles without one) already in the index in the source's
 * size, without their lines. Returns 0 or PC_ENOMEM (the tally is unchanged). */
int pc_line_tally_add_indexed(pc_line_tally *t, const char *source, long long articles);

/* Counts one article of `source` (NULL: none) read in this run, with the keys of its edge lines (as
 * pc_boilerplate_strip recorded them, kept or not). Returns 0 or PC_ENOMEM (the article is then not counted;
 * the tally stays usable). */
int pc_line_tally_add_article(pc_line_tally *t, const char *source, const pc_edge_lines *lines);

/* Whether the counts so far make `key` a line its source repeats: it lies in at least
 * PC_BOILERPLATE_REPEAT_MIN_ARTICLES counted articles, and in PC_BOILERPLATE_REPEAT_MIN_PERCENT % of its
 * source's articles. A key found repeated is remembered (pc_line_tally_judged_keys) and never forgotten.
 * Fits pc_line_repeated_fn with the tally as payload. */
bool pc_line_tally_judge(void *tally, uint64_t key);

/* Gives *keys (sorted ascending, malloc'd, the caller frees; NULL when none) and *n: every key that
 * pc_line_tally_judge has found repeated. Returns 0 or PC_ENOMEM. */
int pc_line_tally_judged_keys(const pc_line_tally *t, uint64_t **keys, size_t *n);

#endif
