/* session_internal.h — what the search stage's files share about a query session beyond session.h: a slot
 * for a value worked out from the session's current query, kept as long as that query (search.c keeps the
 * compiled highlight plan there, so that showing several articles compiles the query once), and the check of
 * a query's cost. Not part of the public API. */
#ifndef PRESSCUT_SESSION_INTERNAL_H
#define PRESSCUT_SESSION_INTERNAL_H

#include "presscut/search/session.h"

/* The value kept by query_session_keep_derived for the current query, or NULL. */
void *query_session_derived(const pc_query_session *qs);

/* Keeps `value` with the session, freeing the value kept before. The session calls free_value(value) when
 * its query changes (retarget, a standing filter added to it) or when it is freed. */
void query_session_keep_derived(pc_query_session *qs, void *value, void (*free_value)(void *value));

/* Checks that query q (the session's, or one about to become it) stays within the limits on the work a query
 * may cause (session.h: PC_QUERY_MAX_WORDS, PC_QUERY_MAX_PREFIX_WORDS, PC_QUERY_ENTRIES_PER_PASSAGE), looking
 * up the forms of its words in the session's cache. Returns 0, PC_EINVAL with a message naming the column of
 * the word at fault and what to do, or the lookups' error (PC_ENOMEM, PC_EDB, PC_ESTOP). (query_budget.c) */
int query_session_check_budget(pc_query_session *qs, const pc_query *q, pc_error *err);

#endif
