/* output.c — the printers of include/presscut/output/output.h: search hits and whole articles as human text (with
 * optional ANSI colour), one JSON document, or JSON Lines.
 *
 * Every piece of article text goes through one renderer (render_range) that
 *   - repairs UTF-8: each bad byte becomes U+FFFD, so JSON is always valid and terminals get no stray bytes;
 *   - in TEXT, shows control characters as \xNN (C1 controls U+0080..U+009F as \u00NN, as the CLI does), so
 *     scraped text cannot drive the terminal; JSON leaves them to the JSON encoder, which escapes them;
 *   - optionally collapses white space (pc_utf8_space_len) into single spaces and drops it at both ends
 *     (snippets, titles and metadata in TEXT; snippets in JSON);
 *   - marks matched spans: ANSI bold red in coloured TEXT, [start, end] code point pairs in JSON.
 * A hit or article is composed in a buffer and written with one fwrite; a failed write or flush is PC_EIO.
 *
 * TEXT location line: "N matching passages" when N > 1, otherwise "passage S" (the options carry no
 * per-passage flag; with per_passage every hit has matching_passages 1, so it shows its passage number).
 *
 * JSON conventions: optional strings that are NULL or empty are null; "tags" is the stored string
 * ("place:usa; topic:earn"); "matched" lists the distinct matched words (passage first, then title) in the
 * order they first occur, lowercased by a simple table (ASCII, Latin-1, Greek, Cyrillic including
 * Ukrainian letters); other scripts are kept as they are. Scores are printed with 10 significant digits.
 * JSON output ends with pc_output_end; after pc_output_article (presscut show) it prints no document. */
#include "presscut/output/output.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"

#define ELLIPSIS "\xE2\x80\xA6"          /* … */
#define SEPARATOR " \xC2\xB7 "           /* · between fields */
#define REPLACEMENT "\xEF\xBF\xBD"       /* U+FFFD */

#define STYLE_RESET "\033[0m"
#define STYLE_DIM "\033[2m"
#define STYLE_DATE "\033[32m"
#define STYLE_SOURCE "\033[36m"
#define STYLE_TITLE "\033[1m"
#define STYLE_MATCH "\033[1;31m"

#define JSON_FLAGS_REAL JSON_REAL_PRECISION(10)

struct pc_output {
    pc_output_options opt;
    long long hits;     /* hits printed (TEXT, JSONL) or collected (JSON) */
    long long articles; /* articles printed */
    json_t *collected;  /* JSON: the hits, until pc_output_end */
    pc_strbuf buf;      /* the text being composed, reused */
    pc_strbuf scratch;  /* JSON strings being composed, reused */
};

/* ---- the renderer ---- */

typedef struct render {
    pc_strbuf *out;
    bool collapse;      /* white space runs become one space; none at either end */
    bool escape;        /* control characters as \xNN (TEXT) */
    bool color;         /* matches in STYLE_MATCH */
    const char *style;  /* colour: the style of the surrounding text, restored after a match (NULL: none) */
    json_t *highlights; /* JSON: receives [start, end] code point pairs of the matches (NULL: none) */
    size_t cps;         /* code points written so far into the string the highlights refer to */
    bool failed;        /* a highlight could not be added (out of memory) */
} render;

static void put(render *r, const char *s, size_t n, size_t cps)
{
    pc_strbuf_add(r->out, s, n);
    r->cps += cps;
}

static void match_open(render *r, size_t *start)
{
    if (r->color)
        put(r, STYLE_MATCH, strlen(STYLE_MATCH), 0);
    *start = r->cps;
}

static void match_close(render *r, size_t start)
{
    if (r->color) {
        put(r, STYLE_RESET, strlen(STYLE_RESET), 0);
        if (r->style)
            put(r, r->style, strlen(r->style), 0);
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
        put(r, REPLACEMENT, 3, 1);
        return 1;
    }
    if (r->escape) {
        bool kept = cp == '\n' || cp == '\t'; /* only reached when white space is kept */
        char esc[8];
        if ((cp < 0x20 || cp == 0x7f) && !kept) {
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
            put(r, esc, 4, 4);
            return (size_t)n;
        }
        if (cp >= 0x80 && cp <= 0x9f) {
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
            put(r, esc, 6, 6);
            return (size_t)n;
        }
    }
    put(r, s + i, (size_t)n, 1);
    return (size_t)n;
}

/* Renders s[from, to), marking the parts of `spans` (byte offsets into s, sorted) that lie inside it. */
static void render_range(render *r, const char *s, size_t from, size_t to, const pc_span *spans, size_t n_spans)
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
            put(r, " ", 1, 1);
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

static void render_init(render *r, pc_strbuf *out, bool collapse, bool escape, bool color, const char *style)
{
    memset(r, 0, sizeof *r);
    r->out = out;
    r->collapse = collapse;
    r->escape = escape;
    r->color = color;
    r->style = style;
}

static bool has_text(const char *s)
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

/* ---- writing ---- */

static int write_out(pc_output *o, const char *s, size_t n, pc_error *err)
{
    errno = 0;
    if ((n > 0 && fwrite(s, 1, n, o->opt.out) != n) || ferror(o->opt.out))
        return pc_error_set(err, PC_EIO, "cannot write the results: %s", strerror(errno ? errno : EIO));
    return 0;
}

static int flush_out(pc_output *o, pc_error *err)
{
    errno = 0;
    if (fflush(o->opt.out) != 0 || ferror(o->opt.out))
        return pc_error_set(err, PC_EIO, "cannot write the results: %s", strerror(errno ? errno : EIO));
    return 0;
}

/* Writes the composed buffer (or reports that composing ran out of memory). */
static int write_buf(pc_output *o, pc_error *err)
{
    if (o->buf.failed)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    return write_out(o, o->buf.data, o->buf.len, err);
}

/* ---- TEXT ---- */

static void add_styled(pc_output *o, const char *style, const char *text)
{
    if (o->opt.color)
        pc_strbuf_add_str(&o->buf, style);
    pc_strbuf_add_str(&o->buf, text);
    if (o->opt.color)
        pc_strbuf_add_str(&o->buf, STYLE_RESET);
}

/* A metadata string on one line (white space collapsed, controls escaped), in `style` with colour. */
static void add_field(pc_output *o, const char *style, const char *s, const pc_span *spans, size_t n_spans)
{
    render r;
    render_init(&r, &o->buf, true, true, o->opt.color, style);
    if (o->opt.color && style)
        pc_strbuf_add_str(&o->buf, style);
    render_range(&r, s, 0, strlen(s), spans, n_spans);
    if (o->opt.color && style)
        pc_strbuf_add_str(&o->buf, STYLE_RESET);
}

static void add_spaces(pc_strbuf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pc_strbuf_add(b, " ", 1);
}

static void add_title(pc_output *o, const char *title, const pc_span *spans, size_t n_spans)
{
    if (has_text(title))
        add_field(o, STYLE_TITLE, title, spans, n_spans);
    else
        add_styled(o, STYLE_TITLE, "(untitled)");
}

static int text_hit(pc_output *o, const pc_search_hit *h, pc_error *err)
{
    pc_strbuf *b = &o->buf;
    pc_strbuf_reset(b);
    if (o->hits > 0)
        pc_strbuf_add_str(b, "\n");
    char num[32];
    snprintf(num, sizeof num, "%lld.", h->rank);
    size_t indent = strlen(num) + 1;
    add_styled(o, STYLE_DIM, num);
    pc_strbuf_add_str(b, " ");
    if (has_text(h->published))
        add_field(o, STYLE_DATE, h->published, NULL, 0);
    else
        add_styled(o, STYLE_DATE, "undated");
    pc_strbuf_add_str(b, SEPARATOR);
    if (has_text(h->source)) {
        add_field(o, STYLE_SOURCE, h->source, NULL, 0);
        pc_strbuf_add_str(b, SEPARATOR);
    }
    add_title(o, h->title, h->title_spans, h->n_title_spans);
    pc_strbuf_add_str(b, "\n");

    size_t start = h->snippet.start, end = h->snippet.end < h->passage_len ? h->snippet.end : h->passage_len;
    if (h->passage && start < end) {
        add_spaces(b, indent);
        if (h->snippet.cut_before)
            pc_strbuf_add_str(b, ELLIPSIS);
        render r;
        render_init(&r, b, true, true, o->opt.color, NULL);
        render_range(&r, h->passage, start, end, h->spans, h->n_spans);
        if (h->snippet.cut_after)
            pc_strbuf_add_str(b, ELLIPSIS);
        pc_strbuf_add_str(b, "\n");
    }

    add_spaces(b, indent);
    if (o->opt.color)
        pc_strbuf_add_str(b, STYLE_DIM);
    bool first = true;
    if (has_text(h->path)) {
        add_field(o, NULL, h->path, NULL, 0);
        first = false;
    }
    if (has_text(h->record)) {
        pc_strbuf_add_str(b, first ? "record " : SEPARATOR "record ");
        add_field(o, NULL, h->record, NULL, 0);
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
    if (o->opt.color)
        pc_strbuf_add_str(b, STYLE_RESET);
    pc_strbuf_add_str(b, "\n");
    return write_buf(o, err);
}

static void add_label(pc_output *o, const char *label, const char *value)
{
    if (!has_text(value))
        return;
    char pad[16];
    snprintf(pad, sizeof pad, "%-8s", label);
    add_styled(o, STYLE_DIM, pad);
    add_field(o, NULL, value, NULL, 0);
    pc_strbuf_add_str(&o->buf, "\n");
}

static int text_article(pc_output *o, const pc_article_view *a, pc_error *err)
{
    pc_strbuf *b = &o->buf;
    pc_strbuf_reset(b);
    if (o->articles > 0 || o->hits > 0)
        pc_strbuf_add_str(b, "\n");
    add_title(o, a->title, a->title_spans, a->n_title_spans);
    pc_strbuf_add_str(b, "\n");
    add_label(o, "date:", a->published);
    add_label(o, "source:", a->source);
    add_label(o, "url:", a->url);
    add_label(o, "lang:", a->lang);
    add_label(o, "path:", a->path);
    add_label(o, "record:", a->record);
    add_label(o, "tags:", a->tags);
    char num[32];
    snprintf(num, sizeof num, "%lld", a->article_id);
    add_label(o, "id:", num);
    if (a->copies > 0) {
        snprintf(num, sizeof num, "%lld", a->copies);
        add_label(o, "copies:", num);
    }
    pc_strbuf_add_str(b, "\n");
    if (a->body && a->body_len > 0) {
        render r;
        render_init(&r, b, false, true, o->opt.color, NULL);
        render_range(&r, a->body, 0, a->body_len, a->body_spans, a->n_body_spans);
        if (b->data && b->len > 0 && b->data[b->len - 1] != '\n')
            pc_strbuf_add_str(b, "\n");
    }
    int rc = write_buf(o, err);
    return rc ? rc : flush_out(o, err);
}

/* ---- JSON ---- */

/* Sets obj[key] = v (stolen); *failed when v is NULL or the set fails. */
static void set(json_t *obj, const char *key, json_t *v, bool *failed)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        *failed = true;
}

/* A JSON string of s[0, len) (UTF-8 repaired), with the highlights of `spans` into `hl` when not NULL; or
 * null when s is NULL. */
static json_t *json_text(pc_output *o, const char *s, size_t len, const pc_span *spans, size_t n_spans,
                         json_t *hl)
{
    if (!s)
        return json_null();
    pc_strbuf_reset(&o->scratch);
    render r;
    render_init(&r, &o->scratch, false, false, false, NULL);
    r.highlights = hl;
    render_range(&r, s, 0, len, spans, n_spans);
    if (r.failed || o->scratch.failed)
        return NULL;
    return json_stringn(o->scratch.data ? o->scratch.data : "", o->scratch.len);
}

/* An optional string field: null when NULL or empty. */
static json_t *json_opt(pc_output *o, const char *s)
{
    return s && *s ? json_text(o, s, strlen(s), NULL, 0, NULL) : json_null();
}

static json_t *json_count(long long v)
{
    return v > 0 ? json_integer((json_int_t)v) : json_null();
}

/* The snippet string of a hit ("…" where cut, white space collapsed) and its highlights into *hl. */
static json_t *json_snippet(pc_output *o, const pc_search_hit *h, json_t *hl)
{
    size_t start = h->snippet.start, end = h->snippet.end < h->passage_len ? h->snippet.end : h->passage_len;
    if (!h->passage || start >= end)
        return json_null();
    pc_strbuf_reset(&o->scratch);
    render r;
    render_init(&r, &o->scratch, true, false, false, NULL);
    r.highlights = hl;
    if (h->snippet.cut_before)
        put(&r, ELLIPSIS, strlen(ELLIPSIS), 1);
    render_range(&r, h->passage, start, end, h->spans, h->n_spans);
    if (h->snippet.cut_after)
        put(&r, ELLIPSIS, strlen(ELLIPSIS), 1);
    if (r.failed || o->scratch.failed)
        return NULL;
    return json_stringn(o->scratch.data ? o->scratch.data : "", o->scratch.len);
}

static uint32_t lower_cp(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (c >= 0x460 && c <= 0x4BF && c % 2 == 0 && (c <= 0x481 || c >= 0x48A)) /* Ѡ..Ҿ pairs, Ґ included */
        return c + 1;
    return c;
}

/* Adds the lowercased word s[a, b) to the array `words` unless it is there already. */
static bool add_matched(pc_output *o, json_t *words, const char *s, size_t a, size_t b)
{
    pc_strbuf *w = &o->scratch;
    pc_strbuf_reset(w);
    while (a < b) {
        uint32_t cp;
        int n = pc_utf8_decode((const unsigned char *)s + a, b - a, &cp);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        a += (size_t)n;
        char enc[4];
        pc_strbuf_add(w, enc, (size_t)pc_utf8_encode(lower_cp(cp), enc));
    }
    if (w->failed)
        return false;
    if (w->len == 0)
        return true;
    size_t i;
    json_t *v;
    json_array_foreach(words, i, v) {
        if (json_string_length(v) == w->len && memcmp(json_string_value(v), w->data, w->len) == 0)
            return true;
    }
    return json_array_append_new(words, json_stringn(w->data, w->len)) == 0;
}

static json_t *json_matched(pc_output *o, const pc_search_hit *h)
{
    json_t *words = json_array();
    if (!words)
        return NULL;
    bool ok = true;
    size_t prev = 0;
    for (size_t i = 0; h->passage && h->spans && i < h->n_spans && ok; i++) {
        const pc_span *sp = &h->spans[i];
        if (sp->start < prev || sp->start >= sp->end || sp->end > h->passage_len)
            continue;
        ok = add_matched(o, words, h->passage, sp->start, sp->end);
        prev = sp->end;
    }
    size_t title_len = h->title ? strlen(h->title) : 0;
    prev = 0;
    for (size_t i = 0; h->title && h->title_spans && i < h->n_title_spans && ok; i++) {
        const pc_span *sp = &h->title_spans[i];
        if (sp->start < prev || sp->start >= sp->end || sp->end > title_len)
            continue;
        ok = add_matched(o, words, h->title, sp->start, sp->end);
        prev = sp->end;
    }
    if (!ok) {
        json_decref(words);
        return NULL;
    }
    return words;
}

static json_t *json_hit(pc_output *o, const pc_search_hit *h)
{
    json_t *obj = json_object();
    json_t *hl = json_array(), *title_hl = json_array();
    bool failed = !obj || !hl || !title_hl;
    if (failed) {
        json_decref(obj);
        json_decref(hl);
        json_decref(title_hl);
        return NULL;
    }
    set(obj, "rank", json_integer((json_int_t)h->rank), &failed);
    set(obj, "article_id", json_integer((json_int_t)h->article_id), &failed);
    set(obj, "passage_id", json_count(h->passage_id), &failed);
    set(obj, "passage_seq", json_count(h->passage_seq), &failed);
    set(obj, "score", isfinite(h->score) ? json_real(h->score) : json_null(), &failed);
    set(obj, "date", json_opt(o, h->published), &failed);
    set(obj, "source", json_opt(o, h->source), &failed);
    json_t *title = h->title && *h->title
                        ? json_text(o, h->title, strlen(h->title), h->title_spans, h->n_title_spans, title_hl)
                        : json_null();
    set(obj, "title", title, &failed);
    set(obj, "url", json_opt(o, h->url), &failed);
    set(obj, "lang", json_opt(o, h->lang), &failed);
    set(obj, "path", json_opt(o, h->path), &failed);
    set(obj, "record", json_opt(o, h->record), &failed);
    set(obj, "tags", json_opt(o, h->tags), &failed);
    set(obj, "matching_passages", json_integer((json_int_t)h->matching_passages), &failed);
    set(obj, "copies", json_integer((json_int_t)h->copies), &failed);
    set(obj, "snippet", json_snippet(o, h, hl), &failed);
    set(obj, "highlights", hl, &failed);
    set(obj, "title_highlights", title_hl, &failed);
    set(obj, "matched", json_matched(o, h), &failed);
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *json_article(pc_output *o, const pc_article_view *a)
{
    json_t *obj = json_object();
    json_t *hl = json_array(), *title_hl = json_array();
    bool failed = !obj || !hl || !title_hl;
    if (failed) {
        json_decref(obj);
        json_decref(hl);
        json_decref(title_hl);
        return NULL;
    }
    set(obj, "article_id", json_integer((json_int_t)a->article_id), &failed);
    set(obj, "date", json_opt(o, a->published), &failed);
    set(obj, "source", json_opt(o, a->source), &failed);
    json_t *title = a->title && *a->title
                        ? json_text(o, a->title, strlen(a->title), a->title_spans, a->n_title_spans, title_hl)
                        : json_null();
    set(obj, "title", title, &failed);
    set(obj, "url", json_opt(o, a->url), &failed);
    set(obj, "lang", json_opt(o, a->lang), &failed);
    set(obj, "path", json_opt(o, a->path), &failed);
    set(obj, "record", json_opt(o, a->record), &failed);
    set(obj, "tags", json_opt(o, a->tags), &failed);
    set(obj, "cluster", json_count(a->cluster), &failed);
    set(obj, "copies", json_integer((json_int_t)(a->copies > 0 ? a->copies : 0)), &failed);
    set(obj, "body", json_text(o, a->body ? a->body : "", a->body ? a->body_len : 0, a->body_spans,
                               a->n_body_spans, hl), &failed);
    set(obj, "highlights", hl, &failed);
    set(obj, "title_highlights", title_hl, &failed);
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* Writes v (not stolen) as JSON followed by a newline: pretty with 2-space indent or compact. */
static int write_json(pc_output *o, json_t *v, bool pretty, pc_error *err)
{
    char *text = json_dumps(v, (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_FLAGS_REAL);
    if (!text)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    int rc = write_out(o, text, strlen(text), err);
    if (rc == 0)
        rc = write_out(o, "\n", 1, err);
    free(text);
    return rc;
}

/* ---- the interface ---- */

int pc_output_format_parse(const char *name, pc_output_format *out, pc_error *err)
{
    static const struct {
        const char *name;
        pc_output_format format;
    } formats[] = {{"text", PC_OUTPUT_TEXT}, {"json", PC_OUTPUT_JSON}, {"jsonl", PC_OUTPUT_JSONL}};
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return pc_error_set(err, PC_EINVAL, "unknown output format '%s': use text, json or jsonl",
                        name ? name : "");
}

int pc_output_new(const pc_output_options *opt, pc_output **out, pc_error *err)
{
    *out = NULL;
    pc_output *o = calloc(1, sizeof *o);
    if (!o)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    if (opt)
        o->opt = *opt;
    if (!o->opt.out)
        o->opt.out = stdout;
    if (o->opt.format != PC_OUTPUT_TEXT)
        o->opt.color = false;
    if (o->opt.format == PC_OUTPUT_JSON) {
        o->collected = json_array();
        if (!o->collected) {
            free(o);
            return pc_error_set(err, PC_ENOMEM, "out of memory");
        }
    }
    *out = o;
    return 0;
}

int pc_output_hit(pc_output *o, const pc_search_hit *hit, pc_error *err)
{
    int rc;
    if (o->opt.format == PC_OUTPUT_TEXT) {
        rc = text_hit(o, hit, err);
    } else {
        json_t *obj = json_hit(o, hit);
        if (!obj)
            return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
        if (o->opt.format == PC_OUTPUT_JSON) {
            rc = json_array_append_new(o->collected, obj) == 0
                     ? 0
                     : pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
        } else {
            rc = write_json(o, obj, false, err);
            json_decref(obj);
        }
    }
    if (rc == 0)
        o->hits++;
    return rc;
}

int pc_output_end(pc_output *o, long long total, long long offset, pc_error *err)
{
    if (o->opt.format == PC_OUTPUT_JSON && o->articles == 0) {
        json_t *doc = json_object();
        bool failed = !doc;
        if (doc) {
            set(doc, "query", o->opt.query ? json_text(o, o->opt.query, strlen(o->opt.query), NULL, 0, NULL)
                                           : json_null(),
                &failed);
            set(doc, "total", json_integer((json_int_t)total), &failed);
            set(doc, "offset", json_integer((json_int_t)offset), &failed);
            set(doc, "count", json_integer((json_int_t)o->hits), &failed);
            set(doc, "hits", json_incref(o->collected), &failed);
        }
        int rc = failed ? pc_error_set(err, PC_ENOMEM, "out of memory while printing the results")
                        : write_json(o, doc, true, err);
        json_decref(doc);
        if (rc)
            return rc;
    }
    return flush_out(o, err);
}

int pc_output_article(pc_output *o, const pc_article_view *a, pc_error *err)
{
    int rc;
    if (o->opt.format == PC_OUTPUT_TEXT) {
        rc = text_article(o, a, err);
    } else {
        json_t *obj = json_article(o, a);
        if (!obj)
            return pc_error_set(err, PC_ENOMEM, "out of memory while printing the article");
        rc = write_json(o, obj, o->opt.format == PC_OUTPUT_JSON, err);
        json_decref(obj);
        if (rc == 0)
            rc = flush_out(o, err);
    }
    if (rc == 0)
        o->articles++;
    return rc;
}

void pc_output_free(pc_output *o)
{
    if (!o)
        return;
    json_decref(o->collected);
    pc_strbuf_free(&o->buf);
    pc_strbuf_free(&o->scratch);
    free(o);
}
