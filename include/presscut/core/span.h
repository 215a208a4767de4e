/* span.h — a byte range of a text: how matches are located, from the FTS5 functions that find them through
 * the store and the search that reads them to the printers that highlight them. Offsets always refer to the
 * original text the span was found in. */
#ifndef PRESSCUT_SPAN_H
#define PRESSCUT_SPAN_H

#include <stddef.h>

/* A highlighted byte range [start, end) of a text. */
typedef struct pc_span {
    size_t start, end;
} pc_span;

#endif
