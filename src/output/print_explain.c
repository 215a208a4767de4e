/* print_explain.c — the report of `presscut search --explain` (print_explain.h): how a query is understood, so
 * a user can see why something was (not) found: the tree, each word's alternatives and how many passages
 * hold each one, the filters, and the FTS5 expressions actually run. Its layout for people and its record
 * for programs, handed to the printer as one pc_report. */
#include "presscut/output/print_explain.h"

#include <string.h>

#include "presscut/output/safe_text.h"
#include "presscut/text/analyzer.h"
#include "printer_internal.h"

/* Appends an FTS5 expression as it is shown: the exact-form marker (a control byte) as '=' before the word. */
static void add_expression(pc_strbuf *out, const char *expr)
{
    for (const char *c = expr; *c; c++)
        pc_strbuf_add(out, *c == PC_QUERY_EXACT_MARK ? "=" : c, 1);
}

/* ---- the layout for people ---- */

/* The weight of added word i in the BM25 sums (the question's words weigh 1). */
static double explained_expansion_weight(const pc_search_plan *plan, size_t i)
{
    int ph = plan->n_phrase_weights - (int)plan->n_expansion + (int)i;
    return ph >= 0 && ph < PC_RANK_MAX_PHRASES ? plan->phrase_weight[ph] : 0.0;
}

static void add_safe(pc_strbuf *out, const char *s, size_t len)
{
    pc_safe_text_add(out, s, len, false);
}

/* The alternatives of one word: every surface form, the stem terms found in the index, then a count of the
 * others: "    Песков: песков (14), stem ru:песк (11); in Latin (ru-bgn): peskov (3), stem en:peskov (9); 12 more
 * stems not in the index". A prefix lists every form with its counts. */
static void add_word(pc_strbuf *out, const pc_explained_word *w)
{
    pc_strbuf_add_str(out, w->exact ? "    =" : "    ");
    add_safe(out, w->text, strlen(w->text));
    pc_strbuf_add_str(out, w->prefix ? "*: " : ": ");
    size_t shown = 0, absent = 0;
    const char *group = NULL; /* the transliteration of the forms listed last */
    for (size_t i = 0; i < w->n_forms; i++) {
        const pc_explained_form *f = &w->forms[i];
        if (!w->prefix && f->stem && f->passages == 0) {
            absent++;
            continue;
        }
        if (f->translit && f->translit != group)
            printer_addf(out, "%sin Latin (%s): ", shown ? "; " : "", f->translit);
        else if (shown)
            pc_strbuf_add_str(out, ", ");
        group = f->translit;
        shown++;
        if (f->stem)
            printer_addf(out, "stem %s:", f->lang);
        add_safe(out, f->text, f->len);
        if (w->prefix)
            printer_addf(out, "* (%lld passages, %lld words)", f->passages, f->terms);
        else
            printer_addf(out, " (%lld)", f->passages);
    }
    if (w->n_forms == 0)
        pc_strbuf_add_str(out, "(no searchable word)");
    else if (absent)
        printer_addf(out, "; %zu more stem%s not in the index", absent, absent == 1 ? "" : "s");
    pc_strbuf_add_str(out, "\n");
}

/* "label  expression" on one line, or nothing when the expression is not needed. */
static void add_expression_line(pc_strbuf *out, const char *label, const char *expr)
{
    if (!expr)
        return;
    pc_strbuf shown = {0};
    add_expression(&shown, expr);
    if (shown.failed)
        out->failed = true;
    pc_strbuf_add_str(out, label);
    add_safe(out, shown.data ? shown.data : "", shown.len);
    pc_strbuf_add_str(out, "\n");
    pc_strbuf_free(&shown);
}

static void explain_layout(pc_strbuf *out, const void *data, bool color)
{
    (void)color;
    const pc_explanation *e = data;
    pc_strbuf_add_str(out, "query: ");
    add_safe(out, e->query, strlen(e->query));
    pc_strbuf_add_str(out, e->any ? "  (--any: any of the words)" : "");
    pc_strbuf_add_str(out, "\n\nunderstood as:\n");
    pc_safe_text_add(out, e->tree, strlen(e->tree), true);
    pc_strbuf_add_str(out, "\nwords are looked up in the index's languages:");
    for (size_t i = 0; i < e->n_langs; i++) {
        pc_strbuf_add_str(out, " ");
        add_safe(out, e->langs[i], strlen(e->langs[i]));
    }
    pc_strbuf_add_str(out, "\n\nterms (passages each alternative is in):\n");
    for (size_t i = 0; i < e->n_terms; i++) {
        const pc_explained_term *t = &e->terms[i];
        if (t->in_title && (i == 0 || !e->terms[i - 1].in_title))
            pc_strbuf_add_str(out, "  in titles:\n");
        printer_addf(out, "  %s at column %zu matches %lld passage%s\n", t->phrase ? "phrase" : "term", t->column,
                     t->passages, t->passages == 1 ? "" : "s");
        for (size_t k = 0; k < t->n_words; k++)
            add_word(out, &t->words[k]);
    }
    pc_strbuf_add_str(out, "\n");
    if (e->has_date_filter && e->date_passage_ids.open_end)
        printer_addf(out, "date filter: passage ids from %ld << 32 on (a rowid range FTS5 applies while it scans)\n",
                     pc_store_passage_day(e->date_passage_ids.from));
    else if (e->has_date_filter)
        printer_addf(out, "date filter: passage ids from %ld << 32 to %ld << 32 (a rowid range FTS5 applies while "
                          "it scans)\n",
                     pc_store_passage_day(e->date_passage_ids.from), pc_store_passage_day(e->date_passage_ids.to));
    if (e->plan.left_out) {
        pc_strbuf_add_str(out, "left out as too common (--any): ");
        add_safe(out, e->plan.left_out, strlen(e->plan.left_out));
        pc_strbuf_add_str(out, "\n");
    }
    if (e->plan.n_expansion > 0) {
        pc_strbuf_add_str(out, "added from the best first hits (--any; --no-expand leaves them out), with their "
                               "weights (a question word weighs 1):");
        for (size_t i = 0; i < e->plan.n_expansion; i++) {
            pc_strbuf_add_str(out, " ");
            add_safe(out, e->plan.expansion[i].word, strlen(e->plan.expansion[i].word));
            printer_addf(out, " %.3f", explained_expansion_weight(&e->plan, i));
        }
        pc_strbuf_add_str(out, "\n");
    }
    add_expression_line(out, "articles must match:  ", e->plan.match);
    add_expression_line(out, "passages ranked and shown (any wanted term):  ", e->plan.any);
    add_expression_line(out, "passages ranked, with the added words:  ", e->plan.expanded_any);
    add_expression_line(out, "titles must match:  ", e->plan.title_filter);
    add_expression_line(out, "title bonus and highlights:  ", e->plan.title_highlight);
}

/* ---- the record for programs ---- */

/* A list of the parts of s cut at each `sep` (empty parts dropped); an empty list when s is NULL. */
static void key_split(pc_printer *p, const char *key, const char *s, char sep)
{
    pc_printer_map_key(p, key);
    pc_printer_begin_list(p);
    while (s && *s) {
        const char *end = strchr(s, sep);
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len > 0)
            pc_printer_string_n(p, s, len);
        s = end ? end + 1 : s + len;
    }
    pc_printer_end_list(p);
}

static void word_structure(pc_printer *p, const pc_explained_word *w)
{
    pc_printer_begin_map(p);
    printer_key_string(p, "text", w->text);
    printer_key_boolean(p, "exact", w->exact);
    printer_key_boolean(p, "prefix", w->prefix);
    pc_printer_map_key(p, "forms");
    pc_printer_begin_list(p);
    for (size_t i = 0; i < w->n_forms; i++) {
        const pc_explained_form *f = &w->forms[i];
        pc_printer_begin_map(p);
        pc_printer_map_key(p, "text");
        pc_printer_string_n(p, f->text, f->len);
        printer_key_boolean(p, "stem", f->stem);
        pc_printer_map_key(p, "lang");
        if (f->stem)
            pc_printer_string_n(p, f->lang, strlen(f->lang));
        else
            pc_printer_null(p);
        pc_printer_map_key(p, "translit");
        if (f->translit)
            pc_printer_string_n(p, f->translit, strlen(f->translit));
        else
            pc_printer_null(p);
        printer_key_integer(p, "passages", f->passages);
        pc_printer_map_key(p, "terms");
        if (w->prefix)
            pc_printer_integer(p, f->terms);
        else
            pc_printer_null(p);
        pc_printer_end_map(p);
    }
    pc_printer_end_list(p);
    pc_printer_end_map(p);
}

static void term_structure(pc_printer *p, const pc_explained_term *t)
{
    pc_printer_begin_map(p);
    printer_key_string(p, "kind", t->phrase ? "phrase" : "term");
    printer_key_integer(p, "column", (long long)t->column);
    printer_key_boolean(p, "in_title", t->in_title);
    printer_key_integer(p, "passages", t->passages);
    pc_printer_map_key(p, "words");
    pc_printer_begin_list(p);
    for (size_t i = 0; i < t->n_words; i++)
        word_structure(p, &t->words[i]);
    pc_printer_end_list(p);
    pc_printer_end_map(p);
}

/* An FTS5 expression as shown (see add_expression), or null when it is not needed. */
static void key_expression(pc_printer *p, const char *key, const char *expr)
{
    pc_printer_map_key(p, key);
    if (!expr) {
        pc_printer_null(p);
        return;
    }
    pc_strbuf shown = {0};
    add_expression(&shown, expr);
    if (shown.failed)
        printer_fail(p, PC_ENOMEM, "out of memory while printing the results");
    else
        pc_printer_string_n(p, shown.data ? shown.data : "", shown.len);
    pc_strbuf_free(&shown);
}

static void explain_structure(pc_printer *p, const void *data)
{
    const pc_explanation *e = data;
    pc_printer_begin_map(p);
    printer_key_string(p, "query", e->query);
    printer_key_boolean(p, "any", e->any);
    key_split(p, "understood_as", e->tree, '\n');
    pc_printer_map_key(p, "langs");
    pc_printer_begin_list(p);
    for (size_t i = 0; i < e->n_langs; i++)
        pc_printer_string(p, e->langs[i]);
    pc_printer_end_list(p);
    pc_printer_map_key(p, "terms");
    pc_printer_begin_list(p);
    for (size_t i = 0; i < e->n_terms; i++)
        term_structure(p, &e->terms[i]);
    pc_printer_end_list(p);
    pc_printer_map_key(p, "passage_id_range");
    if (e->has_date_filter) {
        pc_printer_begin_map(p);
        printer_key_integer(p, "from", e->date_passage_ids.from);
        pc_printer_map_key(p, "to");
        if (e->date_passage_ids.open_end)
            pc_printer_null(p);
        else
            pc_printer_integer(p, e->date_passage_ids.to);
        pc_printer_end_map(p);
    } else {
        pc_printer_null(p);
    }
    key_split(p, "left_out", e->plan.left_out, ' ');
    pc_printer_map_key(p, "expansion");
    pc_printer_begin_list(p);
    for (size_t i = 0; i < e->plan.n_expansion; i++) {
        pc_printer_begin_map(p);
        printer_key_string(p, "word", e->plan.expansion[i].word);
        pc_printer_map_key(p, "weight");
        pc_printer_real(p, explained_expansion_weight(&e->plan, i));
        pc_printer_end_map(p);
    }
    pc_printer_end_list(p);
    pc_printer_map_key(p, "fts5");
    pc_printer_begin_map(p);
    key_expression(p, "match", e->plan.match);
    key_expression(p, "passages", e->plan.any);
    key_expression(p, "passages_expanded", e->plan.expanded_any);
    key_expression(p, "title_filter", e->plan.title_filter);
    key_expression(p, "title_highlight", e->plan.title_highlight);
    pc_printer_end_map(p);
    pc_printer_end_map(p);
}

int pc_print_explanation(pc_printer *p, const pc_explanation *e, pc_error *err)
{
    pc_report report = {.data = e, .structure = explain_structure, .layout = explain_layout};
    return pc_printer_report(p, &report, err);
}
