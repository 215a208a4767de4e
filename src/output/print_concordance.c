/* print_concordance.c — mentions as text (print_concordance.h): keyword-in-context lines measured in display
 * columns, the counts per bucket with bars, the forms of --explain and the totals. */
#include "presscut/output/print_concordance.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "presscut/core/utf8.h"
#include "presscut/output/safe_text.h"
#include "printer_internal.h"

#define ELLIPSIS "\xE2\x80\xA6" /* … */
#define BAR "\xE2\x94\x82"      /* │ */
#define BLOCK "\xE2\x96\x88"    /* █ */
#define COLOR_MENTION "\x1b[1;31m"
#define COLOR_DIM "\x1b[2m"
#define COLOR_OFF "\x1b[0m"

/* ---- display width ---- */

static size_t char_width(unsigned int cp)
{
    int type = u_charType((UChar32)cp);
    if (cp == 0 || type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR)
        return 0;
    int east_asian = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
    return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

size_t pc_display_width(const char *s, size_t len)
{
    size_t width = 0;
    for (size_t i = 0; i < len;) {
        unsigned int cp;
        i += pc_utf8_next(s + i, len - i, &cp);
        width += char_width(cp);
    }
    return width;
}

static void add_spaces(pc_strbuf *out, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        pc_strbuf_add(out, spaces, k);
        n -= k;
    }
}

/* The byte length of the zero-width characters (combining marks) at s. */
static size_t zero_width_run(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned int cp;
        size_t step = pc_utf8_next(s + i, len - i, &cp);
        if (char_width(cp) != 0)
            break;
        i += step;
    }
    return i;
}

void pc_fit_left(pc_strbuf *out, const char *s, size_t len, size_t width)
{
    size_t total = pc_display_width(s, len);
    if (total <= width) {
        add_spaces(out, width - total);
        pc_strbuf_add(out, s, len);
        return;
    }
    if (width == 0)
        return;
    /* Drop characters from the left until what is left fits beside the ellipsis. */
    size_t i = 0;
    while (i < len && total > width - 1) {
        unsigned int cp;
        i += pc_utf8_next(s + i, len - i, &cp);
        total -= char_width(cp);
    }
    i += zero_width_run(s + i, len - i); /* the marks of a dropped character go with it */
    add_spaces(out, width - 1 - total);
    pc_strbuf_add_str(out, ELLIPSIS);
    pc_strbuf_add(out, s + i, len - i);
}

void pc_fit_right(pc_strbuf *out, const char *s, size_t len, size_t width, bool pad)
{
    size_t total = pc_display_width(s, len);
    if (total <= width) {
        pc_strbuf_add(out, s, len);
        if (pad)
            add_spaces(out, width - total);
        return;
    }
    if (width == 0)
        return;
    size_t i = 0, used = 0;
    while (i < len) {
        unsigned int cp;
        size_t step = pc_utf8_next(s + i, len - i, &cp);
        size_t w = char_width(cp);
        if (used + w > width - 1)
            break;
        used += w;
        i += step;
    }
    pc_strbuf_add(out, s, i);
    pc_strbuf_add_str(out, ELLIPSIS);
    if (pad)
        add_spaces(out, width - 1 - used);
}

/* ---- lines ---- */

void pc_concordance_layout_for(size_t columns, pc_concordance_layout *out)
{
    if (columns == 0)
        columns = 120;
    *out = (pc_concordance_layout){.date = 10, .source = 14, .title = columns >= 110 ? 24 : 0};
    size_t fixed = out->date + 2 + out->source + 2 + (out->title ? out->title + 2 : 0) + 6 + 12;
    size_t context = columns > fixed + 40 ? (columns - fixed) / 2 : 20;
    out->left = out->right = context;
}

/* Escaped, squeezed text of an article field, ready to measure. */
static void clean_text(pc_strbuf *out, const char *s, size_t len)
{
    pc_strbuf_reset(out);
    pc_strbuf_add(out, "", 0);
    if (!s)
        return;
    char *squeezed = malloc(len + 1);
    if (!squeezed) {
        out->failed = true;
        return;
    }
    size_t n = pc_utf8_squeeze_spaces_to(squeezed, s, len);
    pc_safe_text_add(out, squeezed, n, false);
    free(squeezed);
}

static void add_column(pc_strbuf *out, pc_strbuf *scratch, const char *s, size_t width)
{
    if (!width)
        return;
    clean_text(scratch, s, s ? strlen(s) : 0);
    pc_fit_right(out, scratch->data ? scratch->data : "", scratch->len, width, true);
    pc_strbuf_add_str(out, "  ");
}

void pc_concordance_line(pc_strbuf *out, const pc_mention *m, const pc_concordance_layout *layout, bool color)
{
    pc_strbuf scratch = {0};
    if (color)
        pc_strbuf_add_str(out, COLOR_DIM);
    char day[11] = "";
    if (m->date)
        snprintf(day, sizeof day, "%.10s", m->date);
    add_column(out, &scratch, day, layout->date);
    add_column(out, &scratch, m->source, layout->source);
    add_column(out, &scratch, m->title, layout->title);
    if (color)
        pc_strbuf_add_str(out, COLOR_OFF);
    clean_text(&scratch, m->left, m->left_len);
    size_t left_width = layout->left;
    if (m->in_title && left_width > 8) { /* a mention in the title says so where its context starts */
        pc_strbuf_add_str(out, "[title] ");
        left_width -= 8;
    }
    pc_fit_left(out, scratch.data ? scratch.data : "", scratch.len, left_width);
    pc_strbuf_add_str(out, " " BAR " ");
    if (color)
        pc_strbuf_add_str(out, COLOR_MENTION);
    clean_text(&scratch, m->text, m->text_len);
    pc_strbuf_add(out, scratch.data ? scratch.data : "", scratch.len);
    if (color)
        pc_strbuf_add_str(out, COLOR_OFF);
    pc_strbuf_add_str(out, " " BAR " ");
    clean_text(&scratch, m->right, m->right_len);
    pc_fit_right(out, scratch.data ? scratch.data : "", scratch.len, layout->right, m->copies > 0);
    if (m->copies > 0 && m->represents > 1)
        printer_addf(out, "  +%lld %s", m->copies, m->copies == 1 ? "copy" : "copies");
    pc_strbuf_add_str(out, "\n");
    if (scratch.failed)
        out->failed = true;
    pc_strbuf_free(&scratch);
}

/* ---- counts, explain, totals ---- */

void pc_concordance_counts(pc_strbuf *out, const pc_mention_counts *counts, bool bars, size_t columns)
{
    if (columns == 0)
        columns = 80;
    size_t key_width = strlen(pc_mention_bucket_names[counts->by]);
    long long most = 0;
    pc_strbuf scratch = {0};
    for (size_t i = 0; i < counts->n; i++) {
        clean_text(&scratch, counts->buckets[i].key, strlen(counts->buckets[i].key));
        size_t w = pc_display_width(scratch.data ? scratch.data : "", scratch.len);
        key_width = w > key_width ? w : key_width;
        most = counts->buckets[i].mentions > most ? counts->buckets[i].mentions : most;
    }
    key_width = key_width > 30 ? 30 : key_width;
    pc_fit_right(out, pc_mention_bucket_names[counts->by], strlen(pc_mention_bucket_names[counts->by]), key_width, true);
    pc_strbuf_add_str(out, "  mentions  stories  articles\n");
    size_t bar_room = columns > key_width + 32 + 10 ? columns - key_width - 32 : 10;
    for (size_t i = 0; i < counts->n; i++) {
        const pc_mention_bucket *b = &counts->buckets[i];
        clean_text(&scratch, b->key, strlen(b->key));
        pc_fit_right(out, scratch.data ? scratch.data : "", scratch.len, key_width, true);
        printer_addf(out, "  %8lld  %7lld  %8lld", b->mentions, b->stories, b->articles);
        if (bars && most > 0) {
            long long n = (b->mentions * (long long)bar_room + most - 1) / most;
            pc_strbuf_add_str(out, "  ");
            for (long long k = 0; k < n; k++)
                pc_strbuf_add_str(out, BLOCK);
        }
        pc_strbuf_add_str(out, "\n");
    }
    if (scratch.failed)
        out->failed = true;
    pc_strbuf_free(&scratch);
}

void pc_concordance_explain(pc_strbuf *out, const pc_mentions *m)
{
    size_t n_aliases;
    const char *const *aliases = pc_mentions_aliases(m, &n_aliases);
    pc_strbuf_add_str(out, "aliases:");
    for (size_t i = 0; i < n_aliases; i++) {
        pc_strbuf_add_str(out, i ? ", " : " ");
        pc_safe_text_add(out, aliases[i], strlen(aliases[i]), false);
    }
    const pc_entity_forms *forms = pc_mentions_forms(m);
    printer_addf(out, "\nforms searched (%zu), with the mentions each gave:\n", forms->n);
    size_t form_width = 4;
    for (size_t i = 0; i < forms->n; i++) {
        size_t w = pc_display_width(forms->forms[i].text, strlen(forms->forms[i].text));
        form_width = w > form_width ? w : form_width;
    }
    form_width = form_width > 40 ? 40 : form_width;
    for (size_t i = 0; i < forms->n; i++) {
        const pc_entity_form *f = &forms->forms[i];
        pc_strbuf_add_str(out, "  ");
        pc_fit_right(out, f->text, strlen(f->text), form_width, true);
        printer_addf(out, "  %8lld  %-15s  %s (alias \"", pc_mentions_form_count(m, i), pc_form_kind_name(f->kind),
                     f->how ? f->how : "");
        pc_safe_text_add(out, aliases[f->alias], strlen(aliases[f->alias]), false);
        pc_strbuf_add_str(out, "\")\n");
    }
}

void pc_concordance_totals(pc_strbuf *out, const pc_mention_totals *t)
{
    if (t->mentions == 0) {
        printer_addf(out, "no mentions found (%lld candidate article%s)\n", t->candidates,
                     t->candidates == 1 ? "" : "s");
        return;
    }
    printer_addf(out, "%lld mention%s in %lld stor%s (%lld article%s with copies)\n", t->mentions,
                 t->mentions == 1 ? "" : "s", t->stories, t->stories == 1 ? "y" : "ies", t->articles,
                 t->articles == 1 ? "" : "s");
}
