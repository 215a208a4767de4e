/* explain.c — `presscut search --explain`: shows how a query was understood on this index, so a user can see
 * why something was (not) found: the tree, each word's alternatives and how many passages hold each one,
 * the filters, and the FTS5 expressions actually run. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "presscut/search/query.h"
#include "presscut/search/search.h"

typedef struct explain_ctx {
    pc_store *store;
    pc_analyzer *analyzer;
    char **langs;
    size_t n_langs;
    FILE *out;
    pc_error err;
    int failed;
} explain_ctx;

/* One alternative of a query word as the analyzer gives it (a stored term). */
typedef struct forms_state {
    explain_ctx *ctx;
    bool prefix;
    int count;
} forms_state;

static int print_form(void *payload, const pc_term *term)
{
    forms_state *st = payload;
    explain_ctx *ctx = st->ctx;
    long long docs = 0, terms = 0;
    if (pc_store_term_passages(ctx->store, term->text, (size_t)term->len, st->prefix, &docs, &terms, &ctx->err) !=
        PC_OK)
        return PC_EDB;
    bool stem = term->len > 0 && term->text[0] == PC_STEM_MARK;
    const char *text = stem ? term->text + 1 : term->text;
    int len = stem ? term->len - 1 : term->len;
    fputs(st->count++ ? ", " : "", ctx->out);
    if (stem)
        fputs("stem ", ctx->out);
    cli_write_safe(ctx->out, text, (size_t)len, false);
    if (st->prefix)
        fprintf(ctx->out, "* (%lld passages, %lld words)", docs, terms);
    else
        fprintf(ctx->out, " (%lld)", docs);
    return 0;
}

/* Prints the alternatives of one word: "attacks: attack (12), stem attack (30), attacks (8)". */
static int explain_word(explain_ctx *ctx, const pc_qword *w, bool prefix, int indent)
{
    char buf[PC_QUERY_MAX_BYTES + 2];
    size_t len = strlen(w->text);
    if (len > PC_QUERY_MAX_BYTES)
        len = PC_QUERY_MAX_BYTES;
    size_t n = 0;
    if (w->exact)
        buf[n++] = PC_QUERY_EXACT_MARK;
    memcpy(buf + n, w->text, len);
    n += len;
    fprintf(ctx->out, "%*s%s", indent, "", w->exact ? "=" : "");
    cli_write_safe(ctx->out, w->text, strlen(w->text), false);
    fprintf(ctx->out, "%s: ", prefix ? "*" : "");
    forms_state st = {.ctx = ctx, .prefix = prefix};
    int rc = pc_analyze_query(ctx->analyzer, (const char *const *)ctx->langs, ctx->n_langs, prefix, buf, n,
                              print_form, &st);
    if (rc == PC_OK && st.count == 0)
        fputs("(no searchable word)", ctx->out);
    fputc('\n', ctx->out);
    return rc;
}

/* Each TERM and PHRASE of the tree: its words' alternatives and the passages the term matches. */
static int explain_terms(explain_ctx *ctx, const pc_qnode *node)
{
    if (node->kind == PC_QNODE_TERM || node->kind == PC_QNODE_PHRASE) {
        char *expr = NULL;
        long long count = 0;
        int rc = pc_query_compile(node, &expr, &ctx->err);
        if (rc == PC_OK)
            rc = pc_store_count_passages(ctx->store, expr, &count, &ctx->err);
        free(expr);
        if (rc != PC_OK)
            return rc;
        fprintf(ctx->out, "  %s at column %zu matches %lld passage%s\n",
                node->kind == PC_QNODE_TERM ? "term" : "phrase", node->column, count, count == 1 ? "" : "s");
        for (size_t i = 0; i < node->n_words; i++) {
            rc = explain_word(ctx, &node->words[i], node->prefix && i + 1 == node->n_words, 4);
            if (rc != PC_OK)
                return rc;
        }
        return PC_OK;
    }
    for (size_t i = 0; i < node->n_children; i++) {
        int rc = explain_terms(ctx, node->children[i]);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

static void print_expression(FILE *out, const char *label, const char *expr)
{
    if (!expr)
        return;
    fprintf(out, "%s", label);
    /* The exact-form marker is a control byte: shown as = before the word. */
    for (const char *p = expr; *p; p++) {
        if (*p == PC_QUERY_EXACT_MARK)
            fputc('=', out);
        else
            fputc(*p, out);
    }
    fputc('\n', out);
}

int cli_explain_query(pc_store *store, const pc_query *q, FILE *out)
{
    explain_ctx ctx = {.store = store, .out = out};
    pc_error_clear(&ctx.err);
    char *tree = NULL;
    int rc = pc_query_describe(q, &tree, &ctx.err);
    if (rc == PC_OK)
        rc = pc_store_query_langs(store, &ctx.langs, &ctx.n_langs, &ctx.err);
    if (rc == PC_OK)
        rc = pc_analyzer_new(&ctx.analyzer, pc_store_analyzer_config(store), &ctx.err);
    if (rc == PC_OK)
        pc_store_use_stem_lookup(store, ctx.analyzer);
    if (rc == PC_OK) {
        fputs("query: ", out);
        cli_write_safe(out, q->text, strlen(q->text), false);
        fprintf(out, "%s\n\nunderstood as:\n%s\n", q->any ? "  (--any: any of the words)" : "", tree);
        fputs("words are looked up in the index's languages:", out);
        for (size_t i = 0; i < ctx.n_langs; i++)
            fprintf(out, " %s", ctx.langs[i]);
        fputs("\n\nterms (passages each alternative is in):\n", out);
        if (q->root)
            rc = explain_terms(&ctx, q->root);
        if (rc == PC_OK && q->filters.title) {
            fputs("  in titles:\n", out);
            rc = explain_terms(&ctx, q->filters.title);
        }
    }
    if (rc == PC_OK) {
        fputc('\n', out);
        if (q->filters.day_from > 0 || q->filters.day_to > 0)
            fprintf(out, "date filter: passage ids from %ld << 32 to %ld << 32 (a rowid range FTS5 applies while "
                         "it scans)\n",
                    q->filters.day_from > 0 ? q->filters.day_from : 1L,
                    q->filters.day_to > 0 ? q->filters.day_to + 1 : (1L << 30));
        pc_search_plan plan;
        rc = pc_search_plan_make(store, q, &plan, &ctx.err);
        if (rc == PC_OK) {
            if (plan.left_out)
                fprintf(out, "left out as too common (--any): %s\n", plan.left_out);
            print_expression(out, "passages must match:  ", plan.match);
            print_expression(out, "articles must not match (in any passage or the title):  ", plan.exclude);
            print_expression(out, "titles must match:  ", plan.title_filter);
            print_expression(out, "title bonus and highlights:  ", plan.title_highlight);
        }
        pc_search_plan_clear(&plan);
    }
    if (rc != PC_OK)
        cli_error("%s", ctx.err.msg);
    for (size_t i = 0; i < ctx.n_langs; i++)
        free(ctx.langs[i]);
    free(ctx.langs);
    pc_analyzer_free(ctx.analyzer);
    free(tree);
    return rc == PC_OK ? PC_EXIT_OK : PC_EXIT_ERROR;
}
