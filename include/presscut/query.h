/* query.h — turns what a user types into a safe FTS5 MATCH expression. Never passes user text to MATCH
 * unquoted: every word becomes a quoted FTS5 string that the "presscut" tokenizer analyses.
 *
 * Syntax understood (all terms required):
 *   word      matches the word's stems in every indexed language ("attacks" finds "attacked")
 *   =word     the exact form only ("=attacks" does not find "attack")
 *   "a b c"   a phrase (words in this order); "=a b" makes `a` exact inside the phrase
 *   pref*     any word starting with pref (exact forms)
 * Knows nothing of SQL beyond the FTS5 expression syntax. */
#ifndef PRESSCUT_QUERY_H
#define PRESSCUT_QUERY_H

#include <stddef.h>

#include "presscut/analyzer.h"
#include "presscut/error.h"

/* Compiles `text` into an FTS5 MATCH expression. `analyzer` is used to check that each term has a
 * searchable word (it is analysed with the language-neutral rules). On success returns 0 and sets *match
 * (malloc'd, caller frees). Errors (PC_EINVAL, err names the 1-based column): an unbalanced quote, an empty
 * query, a query with nothing searchable, a '*' not after a word, '=' not before a word, a query over
 * PC_QUERY_MAX_BYTES. PC_ENOMEM when out of memory. */
#define PC_QUERY_MAX_BYTES 4096
int pc_query_compile(pc_analyzer *analyzer, const char *text, char **match, pc_error *err);

#endif
