/* query_internal.h — what the query language's source files share. Files: query_parse.c (lexer, parser, tree,
 * pc_query_parse, pc_query_free), query_filters.c (filter values, pc_query_add_filter), query_compile.c (FTS5
 * expressions), query_describe.c (the tree as text for --explain),
 * spelling.c (other spellings of a word added to the tree). Not part of the public API. */
#ifndef PRESSCUT_QUERY_INTERNAL_H
#define PRESSCUT_QUERY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/search/query.h"

/* Frees a node of a query tree and everything under it (pc_query_free does this for the whole tree).
 * Accepts NULL. */
void query_node_free(pc_qnode *n);

/* Reads a date: value (D, A..B, ..B, A.., >=A, >A, <=B, <B) into inclusive day bounds (0: unbounded). False
 * when it is none of these or not a real date. */
bool query_date_spec(const char *s, size_t n, long *from, long *to);

/* Narrows the query's date bounds to [from, to] (0: that side is not bounded by this filter). */
void query_narrow_dates(pc_query_filters *f, long from, long to);

/* Appends a copy of [s, s+len) to a list of strings, lowercased when asked. Returns 0 or PC_ENOMEM (the list
 * is then unchanged). */
int query_add_string(char ***list, size_t *n, const char *s, size_t len, bool lowercase);

/* A language code: 2 or 3 ASCII letters. */
bool query_is_lang_code(const char *s, size_t n);

/* True when a source: value holds a letter or digit (any non-ASCII byte counts), so it can match a name. */
bool query_is_source_pattern(const char *s, size_t n);

#endif
