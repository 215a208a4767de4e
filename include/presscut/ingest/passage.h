/* passage.h — cuts an article body into passages, the unit of retrieval: paragraphs, with short ones
 * merged and long ones split at sentence boundaries (ICU), aiming at PC_PASSAGE_MIN_WORDS to
 * PC_PASSAGE_MAX_WORDS words each. Knows nothing of the store. */
#ifndef PRESSCUT_PASSAGE_H
#define PRESSCUT_PASSAGE_H

#include <stddef.h>

#include "presscut/core/article.h"
#include "presscut/core/error.h"

#define PC_PASSAGE_MIN_WORDS 40
#define PC_PASSAGE_MAX_WORDS 150

/* Splits article->body (body_len bytes) into passages and stores them in article->passages / n_passages
 * (replacing any earlier ones). Spans cover every word of the body, in order, without overlap; a span never
 * starts or ends in white space (pc_utf8_space_len) and never cuts a UTF-8 character; a body with no words
 * (or a NULL body) gets no passage. Words are white-space separated.
 *   - A paragraph ends at a line break ("\n\n" in reader output; a single "\n" counts too).
 *   - A paragraph longer than MAX words is split at ICU sentence boundaries (`lang` picks the rules, with
 *     ICU's abbreviation suppressions such as "Mr."; NULL = root) into parts of about equal size,
 *     each <= MAX words; a single sentence over MAX words is split at word boundaries into equal parts.
 *   - Then, in order, a piece of fewer than MIN words is merged with the next one while the result stays
 *     <= MAX words, and a short last piece is merged into the one before it when that fits.
 * So every passage has <= MAX words, and one of fewer than MIN words is alone, or could not be merged with
 * its neighbour without going over MAX.
 * Returns 0, PC_ENOMEM, or PC_EINVAL (no article, ICU failure) with err. Thread-safe (no shared state). */
int pc_passages_split(pc_article *article, const char *lang, pc_error *err);

/* Number of white-space separated words in [text, text+len) (white space as in pc_utf8_space_len). */
size_t pc_count_words(const char *text, size_t len);

#endif
