/* session_internal.h — what the search stage's files share about a query session beyond session.h: a slot
 * for a value worked out from the session's current query, kept as long as that query (search.c keeps the
 * compiled highlight plan there, so that showing several articles compiles the query once). Not part of the
 * public API. */
#ifndef PRESSCUT_SESSION_INTERNAL_H
#define PRESSCUT_SESSION_INTERNAL_H

#include "presscut/search/session.h"

/* The value kept by query_session_keep_derived for the current query, or NULL. */
void *query_session_derived(const pc_query_session *qs);

/* Keeps `value` with the session, freeing the value kept before. The session calls free_value(value) when
 * its query changes (retarget, a standing filter added to it) or when it is freed. */
void query_session_keep_derived(pc_query_session *qs, void *value, void (*free_value)(void *value));

#endif
