/* explain.c — `presscut search --explain`: prints how a query was understood on this index (pc_explanation,
 * gathered by the search stage), so a user can see why something was (not) found: the tree, each word's
 * alternatives and how many passages hold each one, the filters, and the FTS5 expressions actually run. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "presscut/search/explain.h"

/* Prints the alternatives of one word: "attacks: attack (12), stem attack (30), attacks (8)". */
static void print_word(FILE *out, const pc_explained_word *w)
{
    fprintf(out, "    %s", w->exact ? "=" : "");
    cli_write_safe(out, w->text, strlen(w->text), false);
    fprintf(out, "%s: ", w->prefix ? "*" : "");
    for (size_t i = 0; i < w->n_forms; i++) {
        const pc_explained_form *f = &w->forms[i];
        fputs(i ? ", " : "", out);
        if (f->stem)
            fputs("stem ", out);
        cli_write_safe(out, f->text, f->len, false);
        if (w->prefix)
            fprintf(out, "* (%lld passages, %lld words)", f->passages, f->terms);
        else
            fprintf(out, " (%lld)", f->passages);
    }
    if (w->n_forms == 0)
        fputs("(no searchable word)", out);
    fputc('\n', out);
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

static void print_explanation(const pc_explanation *e, FILE *out)
{
    fputs("query: ", out);
    cli_write_safe(out, e->query, strlen(e->query), false);
    fprintf(out, "%s\n\nunderstood as:\n%s\n", e->any ? "  (--any: any of the words)" : "", e->tree);
    fputs("words are looked up in the index's languages:", out);
    for (size_t i = 0; i < e->n_langs; i++)
        fprintf(out, " %s", e->langs[i]);
    fputs("\n\nterms (passages each alternative is in):\n", out);
    for (size_t i = 0; i < e->n_terms; i++) {
        const pc_explained_term *t = &e->terms[i];
        if (t->in_title && (i == 0 || !e->terms[i - 1].in_title))
            fputs("  in titles:\n", out);
        fprintf(out, "  %s at column %zu matches %lld passage%s\n", t->phrase ? "phrase" : "term", t->column,
                t->passages, t->passages == 1 ? "" : "s");
        for (size_t k = 0; k < t->n_words; k++)
            print_word(out, &t->words[k]);
    }
    fputc('\n', out);
    if (e->date_rowid_from > 0)
        fprintf(out, "date filter: passage ids from %ld << 32 to %ld << 32 (a rowid range FTS5 applies while "
                     "it scans)\n",
                e->date_rowid_from, e->date_rowid_to);
    if (e->plan.left_out)
        fprintf(out, "left out as too common (--any): %s\n", e->plan.left_out);
    print_expression(out, "passages must match:  ", e->plan.match);
    print_expression(out, "articles must not match (in any passage or the title):  ", e->plan.exclude);
    print_expression(out, "titles must match:  ", e->plan.title_filter);
    print_expression(out, "title bonus and highlights:  ", e->plan.title_highlight);
}

int cli_explain_query(pc_query_session *qs, FILE *out)
{
    pc_error err;
    pc_error_clear(&err);
    pc_explanation *e = NULL;
    if (pc_explain_query(qs, &e, &err) != PC_OK) {
        cli_error("%s", err.msg);
        return PC_EXIT_ERROR;
    }
    print_explanation(e, out);
    pc_explanation_free(e);
    return PC_EXIT_OK;
}
