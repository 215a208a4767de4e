/* article_match.h — which articles a query matches as a whole. Every leaf of the query tree (a term, a
 * phrase or a NEAR group) is looked up at article level: it holds for an article when one of its passages or
 * its title matches it, so a phrase or a NEAR group stays within one passage (or the title) while the
 * terms of an AND may sit in different passages. AND, OR and NOT then combine the articles of the leaves:
 *   a b      articles holding both, anywhere in title and body;
 *   a OR b   articles holding either;
 *   a -b     articles holding a and never b (in no passage, not in the title), at any depth of the tree.
 * The store (store.h) answers the leaves; this module only compiles them (query.h) and combines sorted id
 * lists. It knows nothing of SQL. */
#ifndef PRESSCUT_ARTICLE_MATCH_H
#define PRESSCUT_ARTICLE_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/search/query.h"
#include "presscut/store/store.h"

/* True when the articles `root` matches are exactly those with a passage or a title matching one of its
 * leaves: a single leaf, or OR nodes over leaves (no AND, no NOT). Such a query needs no pc_match_articles:
 * the articles of its ORed leaves are the answer. NULL -> false. */
bool pc_query_is_disjunction(const pc_qnode *root);

/* The ids of the articles that `root` matches at article level (above), under the filters of *filters
 * (dates, sources, languages, title: filters; filters->match is ignored, and filters->article_ids, when set,
 * limits the answer to those articles). *ids (malloc'd, caller frees; NULL when none) are sorted ascending
 * without repeats; *n is set. Leaves are looked up one at a time, each limited to the articles still in the
 * running for its AND, so a rare term early in a query keeps the later lookups small. Returns 0, PC_EINVAL
 * (a malformed tree, or an expression the index refuses), PC_ENOMEM, PC_EDB or PC_ECONFIG; on failure *ids
 * is NULL and *n 0. */
int pc_match_articles(pc_store *s, const pc_store_query *filters, const pc_qnode *root, long long **ids, size_t *n,
                      pc_error *err);

#endif
