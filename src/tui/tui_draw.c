/* tui_draw.c — the frames of the interactive screen: each view composed line by line as pc_screen_line
 * (escaped, measured, cut to the width) and put on the ncurses screen, then written in one refresh. The
 * layout at R rows: the query (or title) line, a line of filters and sort, the body, the status line and the
 * help line (or the open prompt). */
#define _XOPEN_SOURCE 700
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <string.h>
#include <unistd.h>

#include "presscut/core/strbuf.h"
#include "presscut/output/print_concordance.h"
#include "tui_internal.h"

#define SEPARATOR "\xE2\x94\x82" /* │, between the context and the mention in a concordance line */

static attr_t style_attr[PC_STYLE_COUNT];

void tui_draw_init(bool color)
{
    if (color) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_YELLOW, -1);
        init_pair(2, COLOR_BLACK, COLOR_YELLOW);
        init_pair(3, COLOR_CYAN, -1);
        init_pair(4, COLOR_RED, -1);
        style_attr[PC_STYLE_MATCH] = COLOR_PAIR(1) | A_BOLD;
        style_attr[PC_STYLE_CURRENT_MATCH] = COLOR_PAIR(2) | A_BOLD;
        style_attr[PC_STYLE_DIM] = COLOR_PAIR(3);
        style_attr[PC_STYLE_ERROR] = COLOR_PAIR(4) | A_BOLD;
    } else {
        style_attr[PC_STYLE_MATCH] = A_BOLD | A_UNDERLINE;
        style_attr[PC_STYLE_CURRENT_MATCH] = A_REVERSE | A_BOLD;
        style_attr[PC_STYLE_DIM] = A_NORMAL;
        style_attr[PC_STYLE_ERROR] = A_BOLD;
    }
    style_attr[PC_STYLE_PLAIN] = A_NORMAL;
    style_attr[PC_STYLE_TITLE] = A_BOLD;
    style_attr[PC_STYLE_SELECTED] = A_REVERSE;
    style_attr[PC_STYLE_BAR] = A_REVERSE;
}

/* Puts line l on screen row `row`, every style combined with `extra` (A_REVERSE for the selection). */
static void put_line(int row, const pc_screen_line *l, attr_t extra)
{
    move(row, 0);
    for (size_t i = 0; i < l->len;) {
        size_t j = i;
        while (j < l->len && l->style[j] == l->style[i])
            j++;
        attrset(style_attr[l->style[i]] | extra);
        addnstr(l->text + i, (int)(j - i));
        i = j;
    }
    attrset(A_NORMAL | extra);
    if (extra && l->columns < (size_t)COLS) {
        for (size_t c = l->columns; c < (size_t)COLS; c++)
            addch(' ');
    }
    attrset(A_NORMAL);
}

static size_t columns(void)
{
    return COLS > 0 ? (size_t)COLS : 1;
}

/* ---- sizes ---- */

/* Rows between the two top lines and the two bottom lines. */
size_t tui_body_rows(const tui_app *app)
{
    return app->rows > 4 ? (size_t)app->rows - 4 : 0;
}

/* Rows of the preview pane (its header line included), 0 when the screen is too small. */
static size_t preview_rows(const tui_app *app)
{
    size_t body = tui_body_rows(app);
    return body >= 12 ? body / 3 : 0;
}

size_t tui_list_capacity(const tui_app *app)
{
    size_t rows = tui_body_rows(app) - preview_rows(app);
    return rows / 2 > 0 ? rows / 2 : 1;
}

/* ---- the result list ---- */

/* The query line: "search: " and the query; the cursor is placed there by tui_draw. */
static void draw_query_line(tui_app *app, pc_screen_line *l, size_t *cursor_col)
{
    pc_screen_line_reset(l);
    pc_screen_line_label(l, "search: ", PC_STYLE_TITLE, columns());
    size_t before = pc_screen_text_columns(app->keys.query.text, app->keys.query.cursor);
    *cursor_col = l->columns + before;
    /* a query longer than the line shows its end */
    const char *q = app->keys.query.text;
    size_t len = app->keys.query.len;
    while (*cursor_col >= columns() && len > 0) {
        size_t used;
        size_t w = pc_screen_char_columns(q, len, &used);
        q += used;
        len -= used;
        *cursor_col -= w;
    }
    pc_screen_line_add(l, q, len, PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, columns());
    put_line(0, l, 0);
}

static void draw_settings_line(tui_app *app, pc_screen_line *l)
{
    pc_screen_line_reset(l);
    pc_screen_line_label(l, "sort: ", PC_STYLE_DIM, columns());
    pc_screen_line_label(l, tui_sort_names[app->sort], PC_STYLE_PLAIN, columns());
    pc_screen_line_label(l, "  filters: ", PC_STYLE_DIM, columns());
    pc_screen_line_label(l, app->filter_text[0] ? app->filter_text : "none", PC_STYLE_PLAIN, columns());
    put_line(1, l, 0);
}

/* "2014-03-01  source  Title  +2 copies" and "  passage…" for hit h. */
static void draw_hit(const tui_hit *h, int row, bool selected, pc_screen_line *l)
{
    size_t cols = columns();
    pc_screen_line_reset(l);
    pc_screen_line_label(l, selected ? "> " : "  ", PC_STYLE_TITLE, cols);
    const char *date = h->date ? h->date : "undated";
    pc_screen_line_add(l, date, strlen(date) < 10 ? strlen(date) : 10, PC_STYLE_DIM, NULL, 0, PC_STYLE_DIM, cols);
    pc_screen_line_pad(l, 14, PC_STYLE_PLAIN);
    size_t source_end = l->columns + (cols >= 70 ? 16 : 10);
    if (h->source)
        pc_screen_line_add(l, h->source, strlen(h->source), PC_STYLE_DIM, NULL, 0, PC_STYLE_DIM, source_end - 1);
    pc_screen_line_pad(l, source_end, PC_STYLE_PLAIN);
    char copies[32] = "";
    if (h->copies > 0)
        snprintf(copies, sizeof copies, "  +%lld cop%s", h->copies, h->copies == 1 ? "y" : "ies");
    size_t copies_width = strlen(copies);
    size_t title_end = cols > copies_width ? cols - copies_width : 0;
    const char *title = h->title ? h->title : "(no title)";
    pc_screen_line_add(l, title, strlen(title), PC_STYLE_TITLE, h->title_spans, h->n_title_spans, PC_STYLE_MATCH,
                       title_end);
    pc_screen_line_label(l, copies, PC_STYLE_DIM, cols);
    put_line(row, l, selected ? A_REVERSE : 0);

    pc_screen_line_reset(l);
    pc_screen_line_label(l, "    ", PC_STYLE_PLAIN, cols);
    size_t start = h->snippet.start, end = h->snippet.end < h->passage_len ? h->snippet.end : h->passage_len;
    if (h->snippet.cut_before)
        pc_screen_line_label(l, "\xE2\x80\xA6", PC_STYLE_PLAIN, cols);
    /* spans are offsets into the passage: shift them to the snippet */
    pc_span shifted[64];
    size_t n = 0;
    for (size_t i = 0; i < h->n_spans && n < 64; i++) {
        if (h->spans[i].end <= start || h->spans[i].start >= end)
            continue;
        shifted[n].start = h->spans[i].start > start ? h->spans[i].start - start : 0;
        shifted[n].end = h->spans[i].end - start;
        n++;
    }
    pc_screen_line_add(l, h->passage + start, end - start, PC_STYLE_PLAIN, shifted, n, PC_STYLE_MATCH, cols);
    put_line(row + 1, l, 0);
}

/* The preview pane: a header with where the article is, then the whole passage of the selected hit. */
static void draw_preview(tui_app *app, int first_row, size_t rows, pc_screen_line *l)
{
    if (rows == 0 || app->selected >= app->results.n)
        return;
    const tui_hit *h = &app->results.hits[app->selected];
    size_t cols = columns();
    pc_screen_line_reset(l);
    char head[96];
    snprintf(head, sizeof head, "\xE2\x94\x80\xE2\x94\x80 article %lld%s%s \xE2\x94\x80 ", h->article_id,
             h->lang ? " \xC2\xB7 " : "", h->lang ? h->lang : "");
    pc_screen_line_label(l, head, PC_STYLE_DIM, cols);
    if (h->path)
        pc_screen_line_add(l, h->path, strlen(h->path), PC_STYLE_DIM, NULL, 0, PC_STYLE_DIM, cols);
    put_line(first_row, l, 0);
    size_t width = cols > 2 ? cols - 2 : 1;
    size_t at = 0, span = 0;
    for (size_t r = 1; r < rows && at < h->passage_len; r++) {
        size_t next;
        size_t end = pc_screen_wrap(h->passage, h->passage_len, at, width, &next);
        pc_span shifted[64];
        size_t n = 0;
        while (span < h->n_spans && h->spans[span].end <= at)
            span++;
        for (size_t i = span; i < h->n_spans && h->spans[i].start < end && n < 64; i++) {
            shifted[n].start = h->spans[i].start > at ? h->spans[i].start - at : 0;
            shifted[n].end = h->spans[i].end - at;
            n++;
        }
        pc_screen_line_reset(l);
        pc_screen_line_label(l, "  ", PC_STYLE_PLAIN, cols);
        pc_screen_line_add(l, h->passage + at, end - at, PC_STYLE_PLAIN, shifted, n, PC_STYLE_MATCH, cols);
        put_line(first_row + (int)r, l, 0);
        at = next;
    }
}

static void draw_list_view(tui_app *app, pc_screen_line *l, size_t *cursor_col)
{
    draw_query_line(app, l, cursor_col);
    draw_settings_line(app, l);
    size_t capacity = tui_list_capacity(app);
    if (app->selected < app->top)
        app->top = app->selected;
    if (app->selected >= app->top + capacity)
        app->top = app->selected - capacity + 1;
    int row = 2;
    for (size_t i = app->top; i < app->results.n && i < app->top + capacity; i++, row += 2)
        draw_hit(&app->results.hits[i], row, i == app->selected && app->keys.view != PC_VIEW_QUERY, l);
    size_t body = tui_body_rows(app);
    draw_preview(app, 2 + (int)(capacity * 2), body > capacity * 2 ? body - capacity * 2 : 0, l);
}

/* ---- the article ---- */

static void draw_article_view(tui_app *app, pc_screen_line *l)
{
    tui_article *a = &app->article;
    size_t cols = columns();
    pc_screen_line_reset(l);
    const char *title = a->title ? a->title : "(no title)";
    pc_screen_line_add(l, title, strlen(title), PC_STYLE_TITLE, NULL, 0, PC_STYLE_TITLE, cols);
    put_line(0, l, 0);
    pc_screen_line_reset(l);
    char head[160];
    snprintf(head, sizeof head, "%s \xC2\xB7 %s \xC2\xB7 article %lld \xC2\xB7 ", a->date ? a->date : "undated",
             a->source ? a->source : "no source", a->id);
    pc_screen_line_label(l, head, PC_STYLE_DIM, cols);
    if (a->path)
        pc_screen_line_add(l, a->path, strlen(a->path), PC_STYLE_DIM, NULL, 0, PC_STYLE_DIM, cols);
    put_line(1, l, 0);
    if (tui_article_wrap(a, cols > 2 ? cols - 2 : 1) != PC_OK)
        return;
    size_t rows = tui_body_rows(app);
    size_t span = 0;
    for (size_t r = 0; r < rows && a->top + r < a->n_lines; r++) {
        size_t start = a->starts[a->top + r], end = a->ends[a->top + r];
        while (span < a->n_spans && a->spans[span].end <= start)
            span++;
        pc_span shifted[128];
        pc_screen_style styles_current = PC_STYLE_CURRENT_MATCH;
        size_t n = 0, current_at = (size_t)-1;
        for (size_t i = span; i < a->n_spans && a->spans[i].start < end && n < 128; i++) {
            shifted[n].start = a->spans[i].start > start ? a->spans[i].start - start : 0;
            shifted[n].end = a->spans[i].end - start;
            if (i == a->current)
                current_at = n;
            n++;
        }
        pc_screen_line_reset(l);
        pc_screen_line_label(l, "  ", PC_STYLE_PLAIN, cols);
        if (current_at == (size_t)-1) {
            pc_screen_line_add(l, a->body + start, end - start, PC_STYLE_PLAIN, shifted, n, PC_STYLE_MATCH, cols);
        } else {
            /* the current match in its own style: the line in three pieces */
            size_t cs = shifted[current_at].start, ce = shifted[current_at].end;
            if (ce > end - start)
                ce = end - start;
            pc_screen_line_add(l, a->body + start, cs, PC_STYLE_PLAIN, shifted, current_at, PC_STYLE_MATCH, cols);
            pc_screen_line_add(l, a->body + start + cs, ce - cs, styles_current, NULL, 0, styles_current, cols);
            pc_span rest[128];
            size_t m = 0;
            for (size_t i = current_at + 1; i < n; i++, m++) {
                rest[m].start = shifted[i].start - ce;
                rest[m].end = shifted[i].end - ce;
            }
            pc_screen_line_add(l, a->body + start + ce, end - start - ce, PC_STYLE_PLAIN, rest, m, PC_STYLE_MATCH,
                               cols);
        }
        put_line(2 + (int)r, l, 0);
    }
}

/* ---- mentions ---- */

/* The timeline (counts per month with bars) as text, one line per bucket after a heading. */
static void mentions_timeline(const tui_app *app, pc_strbuf *out)
{
    pc_concordance_counts(out, &app->mentions.counts, true, columns());
}

static size_t count_lines(const pc_strbuf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->data[i] == '\n';
    return n;
}

size_t tui_mentions_lines(const tui_app *app)
{
    pc_strbuf b = {0};
    mentions_timeline(app, &b);
    size_t n = count_lines(&b) + 1 + app->mentions.list.n;
    pc_strbuf_free(&b);
    return n;
}

/* The first separator in text[from, len), or NULL. */
static const char *find_separator(const char *text, size_t from, size_t len)
{
    for (size_t i = from; i + 3 <= len; i++)
        if (memcmp(text + i, SEPARATOR, 3) == 0)
            return text + i;
    return NULL;
}

/* Puts a concordance line with the mention (between the two separators) highlighted. */
static void put_concordance(int row, const char *text, size_t len, pc_screen_line *l)
{
    const char *first = find_separator(text, 0, len);
    const char *second = first ? find_separator(text, (size_t)(first - text) + 3, len) : NULL;
    pc_span mark = {0, 0};
    if (first && second) {
        mark.start = (size_t)(first - text) + 3;
        mark.end = (size_t)(second - text);
    }
    pc_screen_line_reset(l);
    pc_screen_line_add(l, text, len, PC_STYLE_PLAIN, &mark, mark.end > mark.start, PC_STYLE_MATCH, columns());
    put_line(row, l, 0);
}

static void draw_mentions_view(tui_app *app, pc_screen_line *l)
{
    tui_mentions *m = &app->mentions;
    size_t cols = columns();
    pc_screen_line_reset(l);
    pc_screen_line_label(l, "mentions: ", PC_STYLE_DIM, cols);
    pc_screen_line_add(l, m->name, strlen(m->name), PC_STYLE_TITLE, NULL, 0, PC_STYLE_TITLE, cols);
    char sort[64];
    snprintf(sort, sizeof sort, "  (sorted by %s)", pc_mention_sort_names[m->sort]);
    pc_screen_line_label(l, sort, PC_STYLE_DIM, cols);
    put_line(0, l, 0);
    pc_strbuf text = {0};
    pc_concordance_totals(&text, &m->totals);
    pc_screen_line_reset(l);
    pc_screen_line_add(l, text.data ? text.data : "", text.len, PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, cols);
    put_line(1, l, 0);
    pc_strbuf_reset(&text);
    mentions_timeline(app, &text);
    size_t timeline_lines = count_lines(&text);
    size_t rows = tui_body_rows(app);
    pc_concordance_layout layout;
    pc_concordance_layout_for(cols, &layout);
    pc_strbuf line = {0};
    for (size_t r = 0; r < rows; r++) {
        size_t i = m->top + r;
        if (i < timeline_lines) {
            const char *p = text.data;
            for (size_t k = 0; k < i; k++)
                p = strchr(p, '\n') + 1;
            const char *e = strchr(p, '\n');
            pc_screen_line_reset(l);
            pc_screen_line_add(l, p, (size_t)(e - p), PC_STYLE_PLAIN, NULL, 0, PC_STYLE_PLAIN, cols);
            put_line(2 + (int)r, l, 0);
        } else if (i > timeline_lines && i - timeline_lines - 1 < m->list.n) {
            pc_strbuf_reset(&line);
            pc_concordance_line(&line, pc_mention_list_at(&m->list, i - timeline_lines - 1), &layout, false);
            size_t len = line.len > 0 && line.data[line.len - 1] == '\n' ? line.len - 1 : line.len;
            put_concordance(2 + (int)r, line.data ? line.data : "", len, l);
        }
    }
    pc_strbuf_free(&line);
    pc_strbuf_free(&text);
}

/* ---- help ---- */

static const char *const help_text[] = {
    "presscut tui: search as you type",
    "",
    "Query line (typing goes here)",
    "  characters      edit the query; results follow as you type",
    "  Left Right Home End Backspace, Ctrl-U Ctrl-K Ctrl-W   edit",
    "  Down Tab Enter  go to the result list",
    "Result list",
    "  Up Down j k     select a hit; PageUp PageDown b Space: a page",
    "  Enter           open the article (every match highlighted)",
    "  / Tab Esc       back to the query line",
    "  s               sort: relevance, newest, oldest",
    "  f               filters: since=2014-03 until=2014-06 source=bbc* lang=en",
    "  m               mentions of an entity: concordance and timeline",
    "  e               export the hits to FILE.csv .tsv .jsonl .json .xlsx",
    "  ?  F1           this help;  q  quit;  Ctrl-C quits anywhere",
    "Article",
    "  n N             next, previous match;  Up Down PageUp PageDown: scroll",
    "  Esc q           back to the list",
    "Mentions",
    "  s               sort by date, left context, right context",
    "  Esc q           back to the list",
    "",
    "Query language: as presscut search --help: word =exact \"a phrase\" pref* a OR b -not",
    "NEAR(a b, 10) title:x source:x lang:uk date:2022-02 date:2022-01-01..2022-02-28",
    "",
    "Press any key to go back.",
};

static void draw_help_view(pc_screen_line *l)
{
    size_t n = sizeof help_text / sizeof help_text[0];
    for (size_t i = 0; i < n && (int)i < LINES - 1; i++) {
        pc_screen_line_reset(l);
        pc_screen_line_label(l, help_text[i], i == 0 ? PC_STYLE_TITLE : PC_STYLE_PLAIN, columns());
        put_line((int)i, l, 0);
    }
}

/* ---- bottom lines ---- */

static const char *help_line(pc_tui_view view)
{
    switch (view) {
    case PC_VIEW_QUERY:
        return "type to search \xC2\xB7 Down/Enter: results \xC2\xB7 F1: help \xC2\xB7 Ctrl-C: quit";
    case PC_VIEW_LIST:
        return "Enter:open  /:query  s:sort  f:filters  m:mentions  e:export  ?:help  q:quit";
    case PC_VIEW_ARTICLE:
        return "n/N next/previous match \xC2\xB7 Up/Down scroll \xC2\xB7 Esc/q back \xC2\xB7 ? help";
    case PC_VIEW_MENTIONS:
        return "s sort (date, left, right) \xC2\xB7 Up/Down scroll \xC2\xB7 Esc/q back \xC2\xB7 ? help";
    default:
        return "";
    }
}

static const char *prompt_label(pc_tui_prompt kind)
{
    switch (kind) {
    case PC_PROMPT_EXPORT:
        return "export to (.csv .tsv .jsonl .json .xlsx): ";
    case PC_PROMPT_FILTERS:
        return "filters (since= until= source= lang=): ";
    case PC_PROMPT_MENTIONS:
        return "mentions of: ";
    }
    return "";
}

void tui_draw(tui_app *app)
{
    app->rows = LINES;
    app->cols = COLS;
    erase();
    pc_screen_line l = {0};
    size_t cursor_col = 0;
    int cursor_row = -1;
    pc_tui_view view = app->keys.view == PC_VIEW_PROMPT || app->keys.view == PC_VIEW_HELP ? app->keys.prompt_from
                                                                                          : app->keys.view;
    if (app->keys.view == PC_VIEW_HELP) {
        draw_help_view(&l);
    } else {
        if (view == PC_VIEW_ARTICLE && app->have_article)
            draw_article_view(app, &l);
        else if (view == PC_VIEW_MENTIONS && app->have_mentions)
            draw_mentions_view(app, &l);
        else
            draw_list_view(app, &l, &cursor_col);
        if (app->keys.view == PC_VIEW_QUERY)
            cursor_row = 0;
        pc_screen_line_reset(&l);
        pc_screen_line_label(&l, app->status, app->status_error ? PC_STYLE_ERROR : PC_STYLE_PLAIN, columns());
        put_line(LINES - 2, &l, 0);
        pc_screen_line_reset(&l);
        if (app->keys.view == PC_VIEW_PROMPT) {
            pc_screen_line_label(&l, prompt_label(app->keys.prompt_kind), PC_STYLE_TITLE, columns());
            cursor_col = l.columns + pc_screen_text_columns(app->keys.prompt.text, app->keys.prompt.cursor);
            cursor_row = LINES - 1;
            pc_screen_line_add(&l, app->keys.prompt.text, app->keys.prompt.len, PC_STYLE_PLAIN, NULL, 0,
                               PC_STYLE_PLAIN, columns());
            put_line(LINES - 1, &l, 0);
        } else {
            pc_screen_line_label(&l, help_line(view), PC_STYLE_BAR, columns());
            pc_screen_line_pad(&l, columns() - 1, PC_STYLE_BAR);
            put_line(LINES - 1, &l, 0);
        }
    }
    pc_screen_line_free(&l);
    if (cursor_row >= 0 && cursor_col < columns()) {
        curs_set(1);
        move(cursor_row, (int)cursor_col);
    } else {
        curs_set(0);
    }
    /* ncurses sends a frame in several writes; the synchronized-update marks around it (private mode 2026)
     * let the terminals that know them show the frame at once, and the others ignore them. They go
     * straight to the terminal: ncurses has flushed everything by the time refresh returns. */
    static const char begin_frame[] = "\033[?2026h", end_frame[] = "\033[?2026l";
    ssize_t ignored = write(STDOUT_FILENO, begin_frame, sizeof begin_frame - 1);
    refresh();
    ignored = write(STDOUT_FILENO, end_frame, sizeof end_frame - 1);
    (void)ignored;
}
