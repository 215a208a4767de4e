/* term_list.h — the terms of one text, analysed ahead of time and replayed later without analysing again.
 * The indexer analyses passages on its worker thread while the writer thread inserts earlier ones; the
 * FTS5 tokenizer then replays the list when SQLite asks for the terms of the same text. Knows nothing of
 * SQL. */
#ifndef PRESSCUT_TERM_LIST_H
#define PRESSCUT_TERM_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/text/analyzer.h"

typedef struct pc_term_list pc_term_list;

/* Analyses [text, text+len) in `lang` with `a` (as pc_analyze does) and records every term, with a
 * fingerprint of the text, the language and the analyzer configuration (the text itself is not kept). Returns
 * 0 and sets *out (free with pc_term_list_free), or PC_ENOMEM / the analyzer's error with *out = NULL. */
int pc_term_list_build(pc_analyzer *a, const char *lang, const char *text, size_t len, pc_term_list **out);

/* Frees a list. Accepts NULL. */
void pc_term_list_free(pc_term_list *list);

/* True when `list` was built from these bytes (same length and 64-bit XXH3 fingerprint) in this language
 * (NULL and "" are the same) by an analyzer whose configuration gives the same terms as `cfg`. */
bool pc_term_list_matches(const pc_term_list *list, const pc_analyzer_config *cfg, const char *lang, const char *text,
                          size_t len);

/* Calls fn for each recorded term, in order, with offsets moved by `offset_shift` bytes. Returns 0 or the first
 * non-zero value fn returned. */
int pc_term_list_replay(const pc_term_list *list, int offset_shift, pc_term_fn fn, void *payload);

/* Number of terms in the list. */
size_t pc_term_list_count(const pc_term_list *list);

/* Bytes of memory the list holds (its arrays as allocated, and itself): what the indexer counts against its
 * memory budgets. 0 for NULL. */
size_t pc_term_list_memory(const pc_term_list *list);

#endif
