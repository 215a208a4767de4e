/* article_match.c — evaluates a query tree at article level (see include/presscut/search/article_match.h):
 * leaves through the store, AND / OR / NOT as operations on sorted article id lists. */
#include "presscut/search/article_match.h"

#include <stdlib.h>
#include <string.h>

/* A sorted list of article ids without repeats. `all` stands for "every article" (no restriction yet),
 * which an AND starts from. */
typedef struct id_set {
    long long *ids;
    size_t n;
    bool all;
} id_set;

static void id_set_free(id_set *s)
{
    free(s->ids);
    *s = (id_set){0};
}

bool pc_query_is_disjunction(const pc_qnode *root)
{
    if (!root)
        return false;
    switch (root->kind) {
    case PC_QNODE_TERM:
    case PC_QNODE_PHRASE:
    case PC_QNODE_NEAR:
        return true;
    case PC_QNODE_OR:
        for (size_t i = 0; i < root->n_children; i++)
            if (!pc_query_is_disjunction(root->children[i]))
                return false;
        return root->n_children > 0;
    case PC_QNODE_AND:
    case PC_QNODE_NOT:
        return false;
    }
    return false;
}

/* a ∪ b into *out (a and b finite). */
static int unite(const id_set *a, const id_set *b, id_set *out)
{
    *out = (id_set){.ids = malloc((a->n + b->n ? a->n + b->n : 1) * sizeof *out->ids)};
    if (!out->ids)
        return PC_ENOMEM;
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        long long next;
        if (j == b->n || (i < a->n && a->ids[i] < b->ids[j]))
            next = a->ids[i++];
        else if (i == a->n || b->ids[j] < a->ids[i])
            next = b->ids[j++];
        else {
            next = a->ids[i++];
            j++;
        }
        out->ids[out->n++] = next;
    }
    return PC_OK;
}

/* a \ b, in place in a (both finite). */
static void subtract(id_set *a, const id_set *b)
{
    size_t kept = 0;
    for (size_t i = 0, j = 0; i < a->n; i++) {
        while (j < b->n && b->ids[j] < a->ids[i])
            j++;
        if (j < b->n && b->ids[j] == a->ids[i])
            continue;
        a->ids[kept++] = a->ids[i];
    }
    a->n = kept;
}

/* Replaces *into with `with` (taking it over). */
static void replace(id_set *into, id_set *with)
{
    id_set_free(into);
    *into = *with;
    *with = (id_set){0};
}

/* The articles of node n, limited to `within` (when not `all`). */
static int evaluate(pc_store *s, const pc_store_query *filters, const pc_qnode *n, const id_set *within,
                    id_set *out, pc_error *err)
{
    *out = (id_set){0};
    switch (n->kind) {
    case PC_QNODE_TERM:
    case PC_QNODE_PHRASE:
    case PC_QNODE_NEAR: {
        char *expr = NULL;
        int rc = pc_query_compile(n, &expr, err);
        if (rc != PC_OK)
            return rc;
        pc_store_query q = *filters;
        if (!within->all) {
            /* A non-NULL pointer even for no ids: "none of the articles", not "any article". */
            q.article_ids = within->ids ? within->ids : (const long long *)within;
            q.n_article_ids = within->n;
        }
        rc = pc_store_match_articles(s, &q, expr, &out->ids, &out->n, err);
        free(expr);
        return rc;
    }
    case PC_QNODE_OR: {
        for (size_t i = 0; i < n->n_children; i++) {
            id_set child, both;
            int rc = evaluate(s, filters, n->children[i], within, &child, err);
            if (rc == PC_OK && i == 0) {
                *out = child;
                continue;
            }
            if (rc == PC_OK && unite(out, &child, &both) != PC_OK)
                rc = pc_error_set(err, PC_ENOMEM, "out of memory while matching articles");
            id_set_free(&child);
            if (rc != PC_OK) {
                id_set_free(out);
                return rc;
            }
            replace(out, &both);
        }
        return PC_OK;
    }
    case PC_QNODE_AND: {
        /* The wanted children first, each limited to what the earlier ones left; then the excluded ones
         * taken away. An AND has at least one wanted child (query.h). */
        id_set running = *within;
        running.ids = NULL; /* borrowed view of `within` until the first child gives a set of our own */
        bool own = false;
        int rc = PC_OK;
        for (int pass = 0; pass < 2 && rc == PC_OK; pass++) {
            for (size_t i = 0; i < n->n_children && rc == PC_OK; i++) {
                const pc_qnode *child = n->children[i];
                bool excluded = child->kind == PC_QNODE_NOT;
                if (excluded != (pass == 1))
                    continue;
                if (own && running.n == 0)
                    break; /* nothing left to narrow */
                id_set view = own ? running : *within;
                id_set got;
                rc = evaluate(s, filters, excluded ? child->children[0] : child, &view, &got, err);
                if (rc != PC_OK)
                    break;
                if (!excluded) {
                    if (own)
                        id_set_free(&running);
                    running = got;
                    own = true;
                } else {
                    subtract(&running, &got);
                    id_set_free(&got);
                }
            }
            if (pass == 0 && !own && rc == PC_OK)
                rc = pc_error_set(err, PC_EINVAL, "cannot match articles: an AND without a wanted term");
        }
        if (rc != PC_OK) {
            if (own)
                id_set_free(&running);
            return rc;
        }
        *out = running;
        return PC_OK;
    }
    case PC_QNODE_NOT:
        break;
    }
    return pc_error_set(err, PC_EINVAL, "cannot match articles: an excluded term must go with a wanted one");
}

int pc_match_articles(pc_store *s, const pc_store_query *filters, const pc_qnode *root, long long **ids, size_t *n,
                      pc_error *err)
{
    *ids = NULL;
    *n = 0;
    if (!root || !filters)
        return pc_error_set(err, PC_EINVAL, "no query to match articles with");
    id_set within = {.all = true};
    if (filters->article_ids)
        within = (id_set){.ids = (long long *)filters->article_ids, .n = filters->n_article_ids};
    pc_store_query unrestricted = *filters;
    unrestricted.article_ids = NULL;
    unrestricted.n_article_ids = 0;
    id_set got;
    int rc = evaluate(s, &unrestricted, root, &within, &got, err);
    if (rc != PC_OK)
        return rc;
    *ids = got.ids;
    *n = got.n;
    return PC_OK;
}
