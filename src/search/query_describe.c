/* query_describe.c — a parsed query as readable text for --explain: the tree, one node per line, and the
 * filters (dates written back as ISO dates). */
#include "presscut/search/query.h"

#include <stdio.h>
#include <string.h>

#include "presscut/core/strbuf.h"

/* ========================================================================================================
 * Describe (--explain)
 * ======================================================================================================== */

/* Writes the ISO date of day number `day` (as pc_date_day_number counts) into out. */
static void iso_of_day(long day, char out[11])
{
    /* Days since 0001-01-01 -> civil date (Howard Hinnant's days_from_civil inverse, shifted to 0000-03-01). */
    long z = day + 306;  /* 0001-01-01 is day 306 after 0000-03-01 */
    long era = z / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    char buf[64];
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

static void describe_words(pc_strbuf *b, const pc_qnode *n)
{
    bool phrase = n->kind == PC_QNODE_PHRASE;
    if (phrase)
        pc_strbuf_add(b, "\"", 1);
    for (size_t i = 0; i < n->n_words; i++) {
        if (i > 0)
            pc_strbuf_add(b, " ", 1);
        if (n->words[i].exact)
            pc_strbuf_add(b, "=", 1);
        pc_strbuf_add_str(b, n->words[i].text);
    }
    if (phrase)
        pc_strbuf_add(b, "\"", 1);
    if (n->prefix)
        pc_strbuf_add(b, "*", 1);
}

/* Says which @name a node stands for: "   (@peskov: its aliases)". */
static void describe_entity(pc_strbuf *b, const pc_qnode *n)
{
    if (!n->entity)
        return;
    pc_strbuf_add_str(b, "   (@");
    pc_strbuf_add_str(b, n->entity);
    pc_strbuf_add_str(b, n->kind == PC_QNODE_OR ? ": its aliases)" : ": its alias)");
}

static void describe_node(pc_strbuf *b, const pc_qnode *n, int indent)
{
    for (int i = 0; i < indent; i++)
        pc_strbuf_add(b, "  ", 2);
    switch (n->kind) {
    case PC_QNODE_TERM:
    case PC_QNODE_PHRASE:
        describe_words(b, n);
        if (n->spelling)
            pc_strbuf_add_str(b, "   (another spelling, found in the index)");
        describe_entity(b, n);
        pc_strbuf_add(b, "\n", 1);
        return;
    case PC_QNODE_AND:
        pc_strbuf_add_str(b, "AND\n");
        break;
    case PC_QNODE_OR:
        pc_strbuf_add_str(b, "OR");
        describe_entity(b, n);
        pc_strbuf_add(b, "\n", 1);
        break;
    case PC_QNODE_NOT:
        pc_strbuf_add_str(b, "NOT\n");
        break;
    case PC_QNODE_NEAR: {
        char head[32];
        snprintf(head, sizeof head, "NEAR/%d\n", n->distance);
        pc_strbuf_add_str(b, head);
        break;
    }
    }
    for (size_t i = 0; i < n->n_children; i++)
        describe_node(b, n->children[i], indent + 1);
}

static void describe_list(pc_strbuf *b, const char *label, char *const *values, size_t n)
{
    if (n == 0)
        return;
    pc_strbuf_add_str(b, label);
    for (size_t i = 0; i < n; i++) {
        pc_strbuf_add_str(b, i ? ", '" : " '");
        pc_strbuf_add_str(b, values[i]);
        pc_strbuf_add(b, "'", 1);
    }
    pc_strbuf_add(b, "\n", 1);
}

int pc_query_describe(const pc_query *q, char **out, pc_error *err)
{
    *out = NULL;
    pc_strbuf b = {0};
    if (q->root)
        describe_node(&b, q->root, 0);
    else
        pc_strbuf_add_str(&b, "(no words: filters only)\n");
    const pc_query_filters *f = &q->filters;
    if (f->day_from || f->day_to) {
        char from[11], to[11];
        pc_strbuf_add_str(&b, "date:");
        if (f->day_from) {
            iso_of_day(f->day_from, from);
            pc_strbuf_add_str(&b, " from ");
            pc_strbuf_add_str(&b, from);
        }
        if (f->day_to) {
            iso_of_day(f->day_to, to);
            pc_strbuf_add_str(&b, " to ");
            pc_strbuf_add_str(&b, to);
        }
        pc_strbuf_add(&b, "\n", 1);
    }
    describe_list(&b, "source: any of", f->sources, f->n_sources);
    describe_list(&b, "source: none of", f->not_sources, f->n_not_sources);
    describe_list(&b, "lang: any of", f->langs, f->n_langs);
    describe_list(&b, "lang: none of", f->not_langs, f->n_not_langs);
    if (f->title) {
        pc_strbuf_add_str(&b, "title:\n");
        describe_node(&b, f->title, 1);
    }
    if (q->any)
        pc_strbuf_add_str(&b, "(any: words side by side are joined with OR)\n");
    if (b.failed) {
        pc_strbuf_free(&b);
        return pc_error_set(err, PC_ENOMEM, "out of memory while describing the query");
    }
    *out = b.data;
    return PC_OK;
}
