/* boilerplate.h — removes site furniture from article bodies after a reader has made them: navigation and
 * section labels, share/subscribe/cookie lines, "Related Articles" and "Back to top" footers, and lines an
 * outlet repeats across its articles. Works on the text alone: it knows nothing of formats or the store.
 *
 * A body is read as lines (paragraphs are separated by "\n\n", and a paragraph may hold single "\n" line
 * breaks). A line is removed when one of these rules holds:
 *   1. edge: it is among the lines at the start or the end of the body that are short (at most 5 words and 60
 *      bytes) and end without sentence punctuation (. ! ? … : ; , quote marks or a closing bracket);
 *      the rule walks inward from each edge and stops at the first line that is not such a line;
 *   2. phrase: it has at most 12 words and contains a phrase of site furniture ("share this", "subscribe",
 *      "newsletter", "cookie", "all rights reserved", "related articles", "previous post", "source link",
 *      "back to top", "читайте также", "читайте також", ... the list is in boilerplate.c);
 *   3. repeated: it has at most 12 words, lies among the first 3 or last 5 lines of its article, and the same
 *      line (ignoring ASCII case and white space) lies there in at least 3 and at least 30% of the other
 *      articles of the same source handed over together (a JSON Lines or CSV export of one site).
 * At least one line always stays: a body made only of such lines is left as it is. */
#ifndef PRESSCUT_BOILERPLATE_H
#define PRESSCUT_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/article.h"

/* Cleans the bodies of articles[0..n) (rules 1 to 3; rule 3 compares these articles with each other, grouped
 * by source, NULL sources forming one group). Bodies are rewritten in place (body_len updated, runs of blank
 * lines made one "\n\n", no blank line at either end); passages must be cut afterwards. *removed (may be
 * NULL) gets the number of lines removed. Returns 0 or PC_ENOMEM (bodies then left as they were or
 * cleaned, each still valid). */
int pc_boilerplate_strip(pc_article *const *articles, size_t n, size_t *removed);

/* Whether one line (no "\n") is furniture by rule 1 (a phrase of site furniture in at most 12 words).
 * Readers use it to look past such lines for header lines ("Share this article" above "Published: ..."). */
bool pc_boilerplate_is_furniture_line(const char *s, size_t len);

/* Cleans a headline in place: drops a trailing site name after " | " (at most 4 words), as in
 * "Russia is preparing an excuse: US official | Conflict News". Accepts NULL. */
void pc_boilerplate_clean_title(char *title);

#endif
