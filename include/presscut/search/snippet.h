/* snippet.h — cuts a long passage down to the part worth showing: the window of text around the densest
 * cluster of highlighted matches, on word boundaries, and says where it was cut (the printer adds "…").
 * Pure text work on byte offsets: knows nothing of the store, FTS5 or the output format. */
#ifndef PRESSCUT_SNIPPET_H
#define PRESSCUT_SNIPPET_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/span.h"

/* The part of a text to show: bytes [start, end). cut_before/cut_after tell whether text was left out. */
typedef struct pc_snippet {
    size_t start, end;
    bool cut_before, cut_after;
} pc_snippet;

/* Chooses the window of at most `max_chars` characters (UTF-8 code points) of text[0, len) to show:
 *   - the whole text (minus leading/trailing white space) when it fits;
 *   - otherwise the window that holds the most spans (spans sorted, non-overlapping, inside the text; a span
 *     counts when it lies wholly inside), ties to the earliest; the spans are centred in it as far as the
 *     text allows; with no span, the start of the text;
 *   - the window never cuts a word or a UTF-8 character (it starts and ends at white space boundaries or at
 *     the text's ends, and never begins or ends with white space); a single word longer than max_chars is
 *     cut at a character boundary.
 * max_chars 0 means no limit. Never fails; `text` may contain invalid UTF-8 (each bad byte counts as one
 * character). */
void pc_snippet_choose(const char *text, size_t len, const pc_span *spans, size_t n_spans, size_t max_chars,
                       pc_snippet *out);

#endif
