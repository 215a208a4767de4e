/* boilerplate.h — removes site furniture from article bodies after a reader has made them: navigation and
 * section labels, share/subscribe/cookie lines, "Related Articles" and "Back to top" footers, and lines an
 * outlet repeats across its articles. Works on the text alone: it knows nothing of formats or the store.
 *
 * A body is read as lines (paragraphs are separated by "\n\n", and a paragraph may hold single "\n" line
 * breaks). A line is removed when one of these rules holds:
 *   1. edge: it is among the lines at the start or the end of the body that are short (at most 5 words and 60
 *      bytes) and end without sentence punctuation (. ! ? … : ; , quote marks or a closing bracket) or are
 *      furniture by rule 2, and that block holds a line of rule 2 (walking inward from each edge, the block
 *      stops at the first line that is neither);
 *   2. phrase: it has at most 12 words and holds, as whole words, ignoring case (Unicode case folding), a
 *      phrase of site furniture: a call ("share this", "follow us", "all rights reserved", "back to top",
 *      "читайте также", "підписуйтесь", ...), or a label ("most popular", "advertisement", "subscribe",
 *      "cookie", "related articles", "source link", "реклама", "Anzeige", ...) when the line does not read as
 *      a sentence: ending with . ! ? or … and holding at least 3 words besides the labels (the lists are in
 *      boilerplate.c);
 *   3. repeated: it has at most 12 words, lies among the first 3 or last 5 lines of its article (an "edge
 *      line"), and the same line of the same source (ignoring ASCII case and white space) lies there in at
 *      least 3 and at least 30% of that source's articles: either of those handed over together (a JSON
 *      Lines or CSV export of one site), or, through the `known` keys the caller gives, of those already in
 *      the index (the store counts edge lines per source: see pc_store_repeated_line_keys).
 * At least one line always stays: a body made only of such lines is left as it is. */
#ifndef PRESSCUT_BOILERPLATE_H
#define PRESSCUT_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut/core/article.h"

/* Rule 3's evidence: a line is repeated when this many articles of a source, and this share of them, have it. */
#define PC_BOILERPLATE_REPEAT_MIN_ARTICLES 3
#define PC_BOILERPLATE_REPEAT_MIN_PERCENT 30

/* The keys of an article's short edge lines as they were before boilerplate removal (rule 3's evidence,
 * which the store keeps to find the lines a source repeats across files): distinct, sorted ascending, each
 * with whether its line was kept, not judged boilerplate. Owns its arrays; an all-zero value is empty. */
typedef struct pc_edge_lines {
    uint64_t *keys;
    bool *kept;
    size_t n;
} pc_edge_lines;

/* Frees the arrays and makes the value empty. Accepts NULL. */
void pc_edge_lines_clear(pc_edge_lines *lines);

/* Cleans the bodies of articles[0..n) (rules 1 to 3; rule 3 compares these articles with each other, grouped
 * by source, NULL sources forming one group, and removes every edge line whose key is in known[0..n_known),
 * sorted ascending; known may be NULL). Bodies are rewritten in place (body_len updated, runs of blank lines
 * made one "\n\n", no blank line at either end); passages must be cut afterwards. edge_lines (NULL, or n
 * entries, each cleared first) gets each article's edge lines. *removed (may be NULL) gets the number of lines
 * removed. Returns 0 or PC_ENOMEM (bodies then left as they were or cleaned, each still valid). */
int pc_boilerplate_strip(pc_article *const *articles, size_t n, const uint64_t *known, size_t n_known,
                         pc_edge_lines *edge_lines, size_t *removed);

/* Tells whether the line with rule-3 key `key` is one a source repeats, on evidence the caller gathers while
 * reading (see line_tally.h). Called on the caller's thread, once for each edge line of each article. */
typedef bool (*pc_line_repeated_fn)(void *payload, uint64_t key);

/* pc_boilerplate_strip that also removes every edge line for which repeated(payload, key) is true (repeated
 * may be NULL: none). Same results and errors otherwise. */
int pc_boilerplate_strip_judged(pc_article *const *articles, size_t n, const uint64_t *known, size_t n_known,
                                pc_line_repeated_fn repeated, void *payload, pc_edge_lines *edge_lines,
                                size_t *removed);

/* Whether one line (no "\n") is furniture by rule 2 (a phrase of site furniture in at most 12 words).
 * Readers use it to look past such lines for header lines ("Share this article" above "Published: ..."). */
bool pc_boilerplate_is_furniture_line(const char *s, size_t len);

/* The i-th phrase of rule 2's tables (calls, then labels), as written there, or NULL when i is past the last:
 * for tests and documentation. Static strings. */
const char *pc_boilerplate_phrase(size_t i);

/* Cleans a headline in place: drops a trailing site name after " | " (at most 4 words), as in
 * "Russia is preparing an excuse: US official | Conflict News". Accepts NULL. */
void pc_boilerplate_clean_title(char *title);

#endif
