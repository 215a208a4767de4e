/* safe_text.c — the one place where text from articles is made safe to print: the public escaping of
 * safe_text.h and the renderer the printers compose article text with (printer_internal.h). Both show
 * control characters the same way: \xNN, and \u00NN for C1 controls; JSON text gets JSON escapes for C1. */
#include "presscut/output/safe_text.h"

#include <string.h>

#include "presscut/core/utf8.h"
#include "printer_internal.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Writes the escape of control character `cp` into esc and returns its length, or 0 when cp is no control
 * character. Tabs are not controls here; newlines are when !keep_newline. */
static size_t escape_control(uint32_t cp, bool keep_newline, char esc[8])
{
    if (cp == '\t' || (cp == '\n' && keep_newline))
        return 0;
    if (cp < 0x20 || cp == 0x7f)
        return (size_t)snprintf(esc, 8, "\\x%02x", (unsigned)cp);
    if (cp >= 0x80 && cp <= 0x9f)
        return (size_t)snprintf(esc, 8, "\\u%04x", (unsigned)cp);
    return 0;
}

/* Escapes s[0, len) as safe_text.h says, handing the pieces to `emit`. */
static void safe_text_emit(const char *s, size_t len, bool keep_newlines,
                           void (*emit)(void *sink, const char *piece, size_t n), void *sink)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        /* C1 controls U+0080..U+009F are encoded as C2 80..C2 9F; other bytes are looked at alone. */
        bool c1 = c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f;
        if (c1)
            cp = (unsigned char)s[i + 1];
        else if (c >= 0x80)
            continue;
        char esc[8];
        size_t n = escape_control(cp, keep_newlines, esc);
        if (n == 0)
            continue;
        emit(sink, s + start, i - start);
        if (cp == '\n') {
            if (i == 0 || s[i - 1] != '\n') /* a paragraph break is one space */
                emit(sink, " ", 1);
        } else {
            emit(sink, esc, n);
        }
        i += c1 ? 1 : 0;
        start = i + 1;
    }
    emit(sink, s + start, len - start);
}

static void emit_strbuf(void *sink, const char *piece, size_t n)
{
    pc_strbuf_add(sink, piece, n);
}

static void emit_file(void *sink, const char *piece, size_t n)
{
    if (n > 0)
        fwrite(piece, 1, n, sink);
}

void pc_safe_text_add(pc_strbuf *out, const char *s, size_t len, bool keep_newlines)
{
    safe_text_emit(s, len, keep_newlines, emit_strbuf, out);
}

void pc_safe_text_write(FILE *out, const char *s, size_t len, bool keep_newlines)
{
    safe_text_emit(s, len, keep_newlines, emit_file, out);
}

/* Calls emit with json[0, len), each C1 control (C2 80..C2 9F: only ever inside a string in JSON text) written
 * as the JSON escape \u0080..\u009f. */
static void safe_json_emit(const char *json, size_t len, void (*emit)(void *sink, const char *piece, size_t n),
                           void *sink)
{
    size_t start = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned char next = (unsigned char)json[i + 1];
        if ((unsigned char)json[i] != 0xc2 || next < 0x80 || next > 0x9f)
            continue;
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04x", (unsigned)next);
        emit(sink, json + start, i - start);
        emit(sink, esc, 6);
        start = i + 2;
        i++;
    }
    emit(sink, json + start, len - start);
}

void pc_safe_json_write(FILE *out, const char *json, size_t len)
{
    safe_json_emit(json, len, emit_file, out);
}

bool pc_safe_text_has_controls(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ||
            (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f))
            return true;
    }
    return false;
}

/* ---- the renderer ---- */

void render_put(render *r, const char *s, size_t n, size_t cps)
{
    pc_strbuf_add(r->out, s, n);
    r->cps += cps;
}

static void match_open(render *r, size_t *start)
{
    if (r->color)
        render_put(r, STYLE_MATCH, strlen(STYLE_MATCH), 0);
    *start = r->cps;
}

static void match_close(render *r, size_t start)
{
    if (r->color) {
        render_put(r, STYLE_RESET, strlen(STYLE_RESET), 0);
        if (r->style)
            render_put(r, r->style, strlen(r->style), 0);
    }
    if (r->highlights) {
        json_t *pair = json_pack("[II]", (json_int_t)start, (json_int_t)r->cps);
        if (!pair || json_array_append_new(r->highlights, pair) != 0)
            r->failed = true;
    }
}

/* Writes the character at s[i] (to - i bytes available) and returns its length in bytes. */
static size_t put_char(render *r, const char *s, size_t i, size_t to)
{
    uint32_t cp;
    int n = pc_utf8_decode((const unsigned char *)s + i, to - i, &cp);
    if (n == 0) {
        render_put(r, REPLACEMENT, 3, 1);
        return 1;
    }
    char esc[8];
    size_t esc_len = r->escape ? escape_control(cp, true, esc) : 0; /* newlines reach here only when kept */
    if (esc_len > 0)
        render_put(r, esc, esc_len, esc_len);
    else
        render_put(r, s + i, (size_t)n, 1);
    return (size_t)n;
}

void render_range(render *r, const char *s, size_t from, size_t to, const pc_span *spans, size_t n_spans)
{
    const size_t none = SIZE_MAX;
    size_t k = 0, cur = none, match_start = 0;
    bool pending = false, any = false;
    if (!spans)
        n_spans = 0;
    size_t i = from;
    while (i < to) {
        size_t ws = r->collapse ? pc_utf8_space_len(s + i, to - i) : 0;
        if (ws > 0) {
            pending = true;
            i += ws;
            continue;
        }
        while (k < n_spans && (spans[k].end <= i || spans[k].start >= spans[k].end))
            k++;
        size_t in = k < n_spans && spans[k].start <= i ? k : none;
        if (in != cur && cur != none)
            match_close(r, match_start);
        if (pending && any)
            render_put(r, " ", 1, 1);
        pending = false;
        if (in != cur && in != none)
            match_open(r, &match_start);
        cur = in;
        i += put_char(r, s, i, to);
        any = true;
    }
    if (cur != none)
        match_close(r, match_start);
}

bool render_snippet(render *r, const pc_search_hit *h)
{
    size_t start = h->snippet.start, end = h->snippet.end < h->passage_len ? h->snippet.end : h->passage_len;
    if (!h->passage || start >= end)
        return false;
    if (h->snippet.cut_before)
        render_put(r, ELLIPSIS, strlen(ELLIPSIS), 1);
    render_range(r, h->passage, start, end, h->spans, h->n_spans);
    if (h->snippet.cut_after)
        render_put(r, ELLIPSIS, strlen(ELLIPSIS), 1);
    return true;
}

void render_init(render *r, pc_strbuf *out, bool collapse, bool escape, bool color, const char *style)
{
    memset(r, 0, sizeof *r);
    r->out = out;
    r->collapse = collapse;
    r->escape = escape;
    r->color = color;
    r->style = style;
}

bool render_has_text(const char *s)
{
    if (!s)
        return false;
    size_t len = strlen(s), n;
    for (size_t i = 0; i < len; i += n) {
        n = pc_utf8_space_len(s + i, len - i);
        if (n == 0)
            return true;
    }
    return false;
}
