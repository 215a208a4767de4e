/* print_text.c — the TEXT printer, for people: search hits and whole articles with optional ANSI colour, and
 * structured records as an indented outline (printer.h). Everything from articles goes through the renderer
 * (safe_text.c), so control characters are escaped; a path is printed as it is, or C-quoted when it holds
 * controls or bytes that are not UTF-8 (quote.h), so that it names the file again. A hit, an article or a
 * record is composed in one buffer and written with one fwrite.
 *
 * Location line of a hit: "N matching passages" when N > 1, otherwise "passage S" (with per-passage results
 * every hit has matching_passages 1, so it shows its passage number). */
#include <string.h>

#include "presscut/core/quote.h"
#include "printer_internal.h"

#define SEPARATOR " \xC2\xB7 " /* · between fields */

/* ---- results ---- */

static void add_styled(pc_printer *p, const char *style, const char *text)
{
    if (p->opt.color)
        pc_strbuf_add_str(&p->buf, style);
    pc_strbuf_add_str(&p->buf, text);
    if (p->opt.color)
        pc_strbuf_add_str(&p->buf, STYLE_RESET);
}

/* A metadata string on one line (white space collapsed, controls escaped), in `style` with colour. */
static void add_field(pc_printer *p, const char *style, const char *s, const pc_span *spans, size_t n_spans)
{
    render r;
    render_init(&r, &p->buf, true, true, p->opt.color, style);
    if (p->opt.color && style)
        pc_strbuf_add_str(&p->buf, style);
    render_range(&r, s, 0, strlen(s), spans, n_spans);
    if (p->opt.color && style)
        pc_strbuf_add_str(&p->buf, STYLE_RESET);
}

static void add_spaces(pc_strbuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pc_strbuf_add(b, " ", 1);
}

static void add_title(pc_printer *p, const char *title, const pc_span *spans, size_t n_spans)
{
    if (render_has_text(title))
        add_field(p, STYLE_TITLE, title, spans, n_spans);
    else
        add_styled(p, STYLE_TITLE, "(untitled)");
}

static int text_begin(pc_printer *p, pc_error *err)
{
    return p->results > 0 ? printer_write(p, "\n", 1, err) : 0;
}

static int text_hit(pc_printer *p, const pc_search_hit *h, pc_error *err)
{
    pc_strbuf *b = &p->buf;
    pc_strbuf_reset(b);
    if (p->hits > 0)
        pc_strbuf_add_str(b, "\n");
    char num[32];
    snprintf(num, sizeof num, "%lld.", h->rank);
    size_t indent = strlen(num) + 1;
    add_styled(p, STYLE_DIM, num);
    pc_strbuf_add_str(b, " ");
    if (render_has_text(h->published))
        add_field(p, STYLE_DATE, h->published, NULL, 0);
    else
        add_styled(p, STYLE_DATE, "undated");
    pc_strbuf_add_str(b, SEPARATOR);
    if (render_has_text(h->source)) {
        add_field(p, STYLE_SOURCE, h->source, NULL, 0);
        pc_strbuf_add_str(b, SEPARATOR);
    }
    add_title(p, h->title, h->title_spans, h->n_title_spans);
    pc_strbuf_add_str(b, "\n");

    size_t start = h->snippet.start, end = h->snippet.end < h->passage_len ? h->snippet.end : h->passage_len;
    if (h->passage && start < end) {
        add_spaces(b, indent);
        if (h->snippet.cut_before)
            pc_strbuf_add_str(b, ELLIPSIS);
        render r;
        render_init(&r, b, true, true, p->opt.color, NULL);
        render_range(&r, h->passage, start, end, h->spans, h->n_spans);
        if (h->snippet.cut_after)
            pc_strbuf_add_str(b, ELLIPSIS);
        pc_strbuf_add_str(b, "\n");
    }

    add_spaces(b, indent);
    if (p->opt.color)
        pc_strbuf_add_str(b, STYLE_DIM);
    bool first = true;
    if (h->path && *h->path) {
        pc_quote_add(b, h->path, strlen(h->path)); /* as it is, or C-quoted: it names the file again */
        first = false;
    }
    if (render_has_text(h->record)) {
        pc_strbuf_add_str(b, first ? "record " : SEPARATOR "record ");
        add_field(p, NULL, h->record, NULL, 0);
        first = false;
    }
    char tail[96];
    snprintf(tail, sizeof tail, "%sid %lld", first ? "" : SEPARATOR, h->article_id);
    pc_strbuf_add_str(b, tail);
    if (h->matching_passages > 1) {
        snprintf(tail, sizeof tail, SEPARATOR "%lld matching passages", h->matching_passages);
        pc_strbuf_add_str(b, tail);
    } else if (h->passage_seq > 0) {
        snprintf(tail, sizeof tail, SEPARATOR "passage %d", h->passage_seq);
        pc_strbuf_add_str(b, tail);
    }
    if (h->copies > 0) {
        snprintf(tail, sizeof tail, SEPARATOR "+%lld %s", h->copies, h->copies == 1 ? "copy" : "copies");
        pc_strbuf_add_str(b, tail);
    }
    if (p->opt.color)
        pc_strbuf_add_str(b, STYLE_RESET);
    pc_strbuf_add_str(b, "\n");
    return printer_write_buf(p, err);
}

static void add_label(pc_printer *p, const char *label, const char *value)
{
    if (!render_has_text(value))
        return;
    char pad[16];
    snprintf(pad, sizeof pad, "%-8s", label);
    add_styled(p, STYLE_DIM, pad);
    add_field(p, NULL, value, NULL, 0);
    pc_strbuf_add_str(&p->buf, "\n");
}

static int text_article(pc_printer *p, const pc_article_view *a, pc_error *err)
{
    pc_strbuf *b = &p->buf;
    pc_strbuf_reset(b);
    if (p->articles > 0 || p->hits > 0)
        pc_strbuf_add_str(b, "\n");
    add_title(p, a->title, a->title_spans, a->n_title_spans);
    pc_strbuf_add_str(b, "\n");
    add_label(p, "date:", a->published);
    add_label(p, "source:", a->source);
    add_label(p, "url:", a->url);
    add_label(p, "lang:", a->lang);
    if (a->path && *a->path) {
        add_styled(p, STYLE_DIM, "path:   ");
        pc_quote_add(b, a->path, strlen(a->path));
        pc_strbuf_add_str(b, "\n");
    }
    add_label(p, "record:", a->record);
    add_label(p, "tags:", a->tags);
    char num[32];
    snprintf(num, sizeof num, "%lld", a->article_id);
    add_label(p, "id:", num);
    if (a->copies > 0) {
        snprintf(num, sizeof num, "%lld", a->copies);
        add_label(p, "copies:", num);
    }
    pc_strbuf_add_str(b, "\n");
    if (a->body && a->body_len > 0) {
        render r;
        render_init(&r, b, false, true, p->opt.color, NULL);
        render_range(&r, a->body, 0, a->body_len, a->body_spans, a->n_body_spans);
        if (b->data && b->len > 0 && b->data[b->len - 1] != '\n')
            pc_strbuf_add_str(b, "\n");
    }
    return printer_write_buf(p, err);
}

/* ---- structured records: an outline ----
 * "key: value" lines; a map or list under a key starts with "key:" and has its lines indented by two more
 * spaces; list items start with "- ", and a map or list that is a list item puts its first line after that
 * dash. The record is written when its outermost level ends. */

/* Starts a line of the level on top: its indent, or, when list items above still owe their "- ", the
 * indent of the outermost of them followed by one "- " each. */
static void start_line(pc_printer *p)
{
    printer_level *top = printer_parent(p);
    size_t dashes = 0;
    for (size_t d = p->depth; d > 0 && p->levels[d - 1].dash; d--) {
        p->levels[d - 1].dash = false;
        dashes++;
    }
    size_t indent = top ? top->indent : 0;
    add_spaces(&p->buf, indent - 2 * dashes);
    for (size_t i = 0; i < dashes; i++)
        pc_strbuf_add(&p->buf, "- ", 2);
}

/* Starts the line of a value in the level on top: "key: " in a map, "- " in a list. */
static void start_value(pc_printer *p)
{
    printer_level *top = printer_parent(p);
    start_line(p);
    if (top->is_map) {
        render r;
        render_init(&r, &p->buf, true, true, false, NULL);
        render_range(&r, p->key.data, 0, p->key.len, NULL, 0);
        pc_strbuf_add(&p->buf, ": ", 2);
    } else {
        pc_strbuf_add(&p->buf, "- ", 2);
    }
}

static void end_value(pc_printer *p, const char *text)
{
    pc_strbuf_add_str(&p->buf, text);
    pc_strbuf_add(&p->buf, "\n", 1);
}

static void text_begin_container(pc_printer *p)
{
    printer_level *parent = printer_parent(p);
    printer_level *level = &p->levels[p->depth];
    level->header_end = SIZE_MAX;
    if (!parent) {
        pc_strbuf_reset(&p->buf);
        return;
    }
    level->indent = parent->indent + 2;
    if (parent->is_map) {
        start_value(p);
        pc_strbuf_truncate(&p->buf, p->buf.len - 1); /* "key:" without the space */
        pc_strbuf_add(&p->buf, "\n", 1);
        level->header_end = p->buf.len;
    } else {
        level->dash = true;
    }
}

static void text_end_container(pc_printer *p)
{
    printer_level *level = printer_parent(p);
    if (level->children == 0) {
        const char *empty = level->is_map ? "{}" : "[]";
        if (level->header_end != SIZE_MAX) {
            pc_strbuf_truncate(&p->buf, level->header_end - 1);
            pc_strbuf_add(&p->buf, " ", 1);
            end_value(p, empty);
        } else {
            start_line(p); /* a list item's "- ", or nothing for an empty record */
            end_value(p, empty);
        }
    }
    if (p->depth == 1) {
        pc_error err;
        if (printer_write_buf(p, &err) != 0)
            printer_fail(p, err.code, err.msg);
        pc_strbuf_reset(&p->buf);
    }
}

static void text_string(pc_printer *p, const char *s, size_t len)
{
    start_value(p);
    if (len == 0) {
        end_value(p, "\"\"");
        return;
    }
    render r;
    render_init(&r, &p->buf, true, true, false, NULL);
    render_range(&r, s, 0, len, NULL, 0);
    end_value(p, "");
}

static void text_integer(pc_printer *p, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    start_value(p);
    end_value(p, num);
}

static void text_real(pc_printer *p, double v)
{
    char num[40];
    snprintf(num, sizeof num, "%.10g", v);
    start_value(p);
    end_value(p, num);
}

static void text_boolean(pc_printer *p, bool v)
{
    start_value(p);
    end_value(p, v ? "true" : "false");
}

static void text_null(pc_printer *p)
{
    start_value(p);
    end_value(p, "(none)");
}

static int text_report(pc_printer *p, const pc_report *r, pc_error *err)
{
    if (!r->layout) {
        r->structure(p, r->data);
        return 0;
    }
    pc_strbuf_reset(&p->buf);
    r->layout(&p->buf, r->data, p->opt.color);
    return printer_write_buf(p, err);
}

void pc_suggestions_layout(pc_strbuf *out, const pc_query_suggestions *s)
{
    for (size_t i = 0; i < s->n; i++) {
        printer_addf(out, "'%s' is not in the index; did you mean ", s->words[i].word);
        for (size_t k = 0; k < s->words[i].n; k++)
            printer_addf(out, "%s%s", k ? ", " : "", s->words[i].items[k].text);
        pc_strbuf_add_str(out, "?\n");
    }
}

const pc_printer_vtable pc_text_printer = {
    .name = "text",
    .begin = text_begin,
    .hit = text_hit,
    .article = text_article,
    .report = text_report,
    .begin_map = text_begin_container,
    .end_map = text_end_container,
    .begin_list = text_begin_container,
    .end_list = text_end_container,
    .string = text_string,
    .integer = text_integer,
    .real = text_real,
    .boolean = text_boolean,
    .null = text_null,
};
