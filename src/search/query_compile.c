/* query_compile.c — turns a parsed query tree (include/presscut/search/query.h) into FTS5 MATCH expressions:
 * every word is a quoted FTS5 string, so no user text ever reaches FTS5's own syntax. */
#include "presscut/search/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"

/* ========================================================================================================
 * Compile to FTS5
 * ======================================================================================================== */

/* Appends one quoted FTS5 string for the words of a TERM or PHRASE node: '"' doubled, control characters
 * as spaces, PC_QUERY_EXACT_MARK right before each exact word; then " *" for a prefix. */
static void compile_words(pc_strbuf *b, const pc_qnode *n)
{
    pc_strbuf_add(b, "\"", 1);
    for (size_t i = 0; i < n->n_words; i++) {
        if (i > 0)
            pc_strbuf_add(b, " ", 1);
        if (n->words[i].exact) {
            char mark = PC_QUERY_EXACT_MARK;
            pc_strbuf_add(b, &mark, 1);
        }
        for (const char *c = n->words[i].text; *c; c++) {
            unsigned char u = (unsigned char)*c;
            if (*c == '"')
                pc_strbuf_add(b, "\"\"", 2);
            else if (u < 0x20 || u == 0x7f)
                pc_strbuf_add(b, " ", 1);
            else
                pc_strbuf_add(b, c, 1);
        }
    }
    pc_strbuf_add(b, "\"", 1);
    if (n->prefix)
        pc_strbuf_add(b, " *", 2);
}

/* Appends node n. `nested`: n is inside another node, so an AND with NOT children gets its own parentheses
 * (AND and OR nodes always have them). Returns PC_EINVAL for a misplaced NOT node or a malformed node. */
static int compile_node(pc_strbuf *b, const pc_qnode *n, bool nested)
{
    switch (n->kind) {
    case PC_QNODE_TERM:
    case PC_QNODE_PHRASE:
        if (n->n_words == 0)
            return PC_EINVAL;
        compile_words(b, n);
        return PC_OK;
    case PC_QNODE_NOT:
        return PC_EINVAL;
    case PC_QNODE_NEAR: {
        pc_strbuf_add_str(b, "NEAR(");
        for (size_t i = 0; i < n->n_children; i++) {
            const pc_qnode *c = n->children[i];
            if ((c->kind != PC_QNODE_TERM && c->kind != PC_QNODE_PHRASE) || c->n_words == 0)
                return PC_EINVAL;
            if (i > 0)
                pc_strbuf_add(b, " ", 1);
            compile_words(b, c);
        }
        char distance[32];
        int d = n->distance < 0 ? 0 : n->distance;
        snprintf(distance, sizeof distance, ", %d)", d);
        pc_strbuf_add_str(b, distance);
        return PC_OK;
    }
    case PC_QNODE_OR:
    case PC_QNODE_AND:
        break;
    }
    if (n->n_children == 0)
        return PC_EINVAL;
    size_t positives = 0, negatives = 0;
    for (size_t i = 0; i < n->n_children; i++) {
        bool is_not = n->children[i]->kind == PC_QNODE_NOT;
        if (is_not && (n->kind == PC_QNODE_OR || n->children[i]->n_children != 1))
            return PC_EINVAL;
        negatives += is_not;
        positives += !is_not;
    }
    if (positives == 0)
        return PC_EINVAL;
    const char *op = n->kind == PC_QNODE_OR ? " OR " : " AND ";
    bool with_not = negatives > 0;
    if (with_not && nested)
        pc_strbuf_add(b, "(", 1);
    if (!with_not || positives > 1)
        pc_strbuf_add(b, "(", 1);
    size_t written = 0;
    for (size_t i = 0; i < n->n_children; i++) {
        if (n->children[i]->kind == PC_QNODE_NOT)
            continue;
        if (written++ > 0)
            pc_strbuf_add_str(b, op);
        int rc = compile_node(b, n->children[i], true);
        if (rc != PC_OK)
            return rc;
    }
    if (!with_not || positives > 1)
        pc_strbuf_add(b, ")", 1);
    if (with_not) {
        pc_strbuf_add_str(b, " NOT ");
        if (negatives > 1)
            pc_strbuf_add(b, "(", 1);
        written = 0;
        for (size_t i = 0; i < n->n_children; i++) {
            if (n->children[i]->kind != PC_QNODE_NOT)
                continue;
            if (written++ > 0)
                pc_strbuf_add_str(b, " OR ");
            int rc = compile_node(b, n->children[i]->children[0], true);
            if (rc != PC_OK)
                return rc;
        }
        if (negatives > 1)
            pc_strbuf_add(b, ")", 1);
        if (nested)
            pc_strbuf_add(b, ")", 1);
    }
    return PC_OK;
}

int pc_query_compile(const pc_qnode *node, char **out, pc_error *err)
{
    *out = NULL;
    if (!node)
        return pc_error_set(err, PC_EINVAL, "nothing to compile: the query has no words here");
    pc_strbuf b = {0};
    int rc = compile_node(&b, node, false);
    if (rc != PC_OK) {
        pc_strbuf_free(&b);
        return pc_error_set(err, PC_EINVAL, "cannot compile the query: an excluded term must go with a wanted one");
    }
    if (b.failed) {
        pc_strbuf_free(&b);
        return pc_error_set(err, PC_ENOMEM, "out of memory while compiling the query");
    }
    *out = b.data;
    return PC_OK;
}

/* Appends to b, as " OR "-separated alternatives, every TERM, PHRASE and NEAR group (whole: its terms
 * count only within the group's distance) under n that is not under a NOT and whose compiled form is not
 * already there. `seen` holds the compiled forms so far, each NUL-terminated;
 * *count counts the alternatives written. */
static void collect_any(const pc_qnode *n, pc_strbuf *b, pc_strbuf *seen, size_t *count)
{
    if (n->kind == PC_QNODE_NOT)
        return;
    if (n->kind == PC_QNODE_TERM || n->kind == PC_QNODE_PHRASE || n->kind == PC_QNODE_NEAR) {
        if (n->kind != PC_QNODE_NEAR && n->n_words == 0)
            return;
        pc_strbuf one = {0};
        if (n->kind == PC_QNODE_NEAR) {
            if (compile_node(&one, n, true) != PC_OK) { /* a malformed group adds nothing */
                pc_strbuf_free(&one);
                return;
            }
        } else {
            compile_words(&one, n);
        }
        if (one.failed) {
            b->failed = true;
            pc_strbuf_free(&one);
            return;
        }
        for (size_t i = 0; seen->data && i < seen->len; i += strlen(seen->data + i) + 1) {
            if (strcmp(seen->data + i, one.data) == 0) {
                pc_strbuf_free(&one);
                return;
            }
        }
        pc_strbuf_add(seen, one.data, one.len + 1);
        if (*count > 0)
            pc_strbuf_add_str(b, " OR ");
        pc_strbuf_add(b, one.data, one.len);
        (*count)++;
        pc_strbuf_free(&one);
        return;
    }
    for (size_t i = 0; i < n->n_children; i++)
        collect_any(n->children[i], b, seen, count);
}

int pc_query_compile_any(const pc_qnode *node, char **out, pc_error *err)
{
    *out = NULL;
    if (!node)
        return PC_OK;
    pc_strbuf b = {0}, seen = {0};
    size_t count = 0;
    collect_any(node, &b, &seen, &count);
    bool failed = b.failed || seen.failed;
    pc_strbuf_free(&seen);
    if (failed) {
        pc_strbuf_free(&b);
        return pc_error_set(err, PC_ENOMEM, "out of memory while compiling the query");
    }
    if (count == 0) {
        pc_strbuf_free(&b);
        return PC_OK;
    }
    if (count == 1) {
        *out = b.data;
        return PC_OK;
    }
    pc_strbuf wrapped = {0};
    pc_strbuf_add(&wrapped, "(", 1);
    pc_strbuf_add(&wrapped, b.data, b.len);
    pc_strbuf_add(&wrapped, ")", 1);
    pc_strbuf_free(&b);
    if (wrapped.failed) {
        pc_strbuf_free(&wrapped);
        return pc_error_set(err, PC_ENOMEM, "out of memory while compiling the query");
    }
    *out = wrapped.data;
    return PC_OK;
}
