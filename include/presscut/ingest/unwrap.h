/* unwrap.h — rejoins hard-wrapped text in article bodies: lines broken at a fixed width (as e-mail, wire
 * copy, text taken from PDFs and old archives have them) become paragraphs again, so that boilerplate
 * removal judges paragraphs rather than fragments of sentences, and passages are cut at paragraph and
 * sentence ends rather than wherever the old line width fell. Works on the text alone: it knows nothing of
 * formats or the store.
 *
 * A body is read as lines; blocks are runs of lines without a blank line between them. When every block is
 * one line (a "double-spaced" text, a blank line after every line, as JSON and CSV exports of wrapped text
 * often are) paragraphs cannot be told from line breaks, and the whole body is read as one block.
 * A block is hard-wrapped when it has at least PC_UNWRAP_MIN_LINES lines, none longer than 100 characters,
 * and, its last line aside, more than half of its lines 50..90 characters long and fewer than half ending a
 * sentence (. ! ? … or : before any closing quotes and brackets).
 * In a hard-wrapped block the lines are joined by one space (a word hyphenated at a line end, a letter then
 * "-", is joined without one), and a paragraph ("\n\n") ends after a line that ends a sentence and is
 * shorter than three quarters of the block's widest line. Other blocks are left as they are. */
#ifndef PRESSCUT_UNWRAP_H
#define PRESSCUT_UNWRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/article.h"

#define PC_UNWRAP_MIN_LINES 3

/* Rejoins the hard-wrapped blocks of article->body in place (body_len updated; lines are compared trimmed,
 * and a rewritten body has no white space at either end). Call before boilerplate removal and passage
 * cutting: passages already cut are not moved. Accepts a NULL article or body (nothing to do). Returns 0, or
 * PC_ENOMEM with the body left as it was. *joined (may be NULL) gets the number of line breaks removed. */
int pc_unwrap_body(pc_article *article, size_t *joined);

/* Whether the text [s, s+len) ends a sentence: its last character, after any closing quotes and brackets
 * (" ' ) ] ” ’ » “), is . ! ? … or :. */
bool pc_unwrap_ends_sentence(const char *s, size_t len);

/* Whether the text [s, s+len) starts like a list item: "- ", "* ", "+ ", "• ", "– ", "— ", "· ", "▪ ", or one
 * or two digits then ". " or ") " with text after. */
bool pc_unwrap_starts_list_item(const char *s, size_t len);

#endif
