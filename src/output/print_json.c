/* print_json.c — the JSON and JSON Lines printers, built with jansson. They share everything but the shape of
 * what they write: JSON collects the hits into one pretty document at pc_printer_end and prints an article
 * as one pretty object; JSON Lines prints each hit or article as one compact line. Structured records are
 * built as a jansson tree and written when they end: JSON one member per line, JSON Lines on one line.
 *
 * Conventions: text is repaired UTF-8 (renderer of safe_text.c); optional strings that are NULL or empty are
 * null; "tags" is the stored string ("place:usa; topic:earn"); "matched" lists the distinct matched words
 * (passage first, then title) in the order they first occur, lowercased by a simple table (ASCII, Latin-1,
 * Greek, Cyrillic including Ukrainian letters); other scripts are kept as they are. Reals are printed with
 * 10 significant digits. After pc_printer_article (presscut show) JSON prints no search document. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/quote.h"
#include "presscut/core/utf8.h"
#include "printer_internal.h"

#define JSON_FLAGS_REAL JSON_REAL_PRECISION(10)

/* Sets obj[key] = v (stolen); *failed when v is NULL or the set fails. */
static void set(json_t *obj, const char *key, json_t *v, bool *failed)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        *failed = true;
}

/* A JSON string of s[0, len) (UTF-8 repaired), with the highlights of `spans` into `hl` when not NULL; or
 * null when s is NULL. NULL when out of memory. */
static json_t *json_text(pc_printer *p, const char *s, size_t len, const pc_span *spans, size_t n_spans, json_t *hl)
{
    if (!s)
        return json_null();
    pc_strbuf_reset(&p->scratch);
    render r;
    render_init(&r, &p->scratch, false, false, false, NULL);
    r.highlights = hl;
    render_range(&r, s, 0, len, spans, n_spans);
    if (r.failed || p->scratch.failed)
        return NULL;
    return json_stringn(p->scratch.data ? p->scratch.data : "", p->scratch.len);
}

/* An optional string field: null when NULL or empty. */
static json_t *json_opt(pc_printer *p, const char *s)
{
    return s && *s ? json_text(p, s, strlen(s), NULL, 0, NULL) : json_null();
}

/* A path as it is, or C-quoted when it is not printable UTF-8 (quote.h); null when NULL or empty. */
static json_t *json_path(pc_printer *p, const char *path)
{
    if (!path || !*path)
        return json_null();
    pc_strbuf_reset(&p->scratch);
    pc_quote_add(&p->scratch, path, strlen(path));
    return p->scratch.failed ? NULL : json_stringn(p->scratch.data, p->scratch.len);
}

static json_t *json_count(long long v)
{
    return v > 0 ? json_integer((json_int_t)v) : json_null();
}

/* The snippet string of a hit ("…" where cut, white space collapsed) and its highlights into *hl. */
static json_t *json_snippet(pc_printer *p, const pc_search_hit *h, json_t *hl)
{
    pc_strbuf_reset(&p->scratch);
    render r;
    render_init(&r, &p->scratch, true, false, false, NULL);
    r.highlights = hl;
    if (!render_snippet(&r, h))
        return json_null();
    if (r.failed || p->scratch.failed)
        return NULL;
    return json_stringn(p->scratch.data ? p->scratch.data : "", p->scratch.len);
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
static bool add_matched(pc_printer *p, json_t *words, const char *s, size_t a, size_t b)
{
    pc_strbuf *w = &p->scratch;
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

static json_t *json_matched(pc_printer *p, const pc_search_hit *h)
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
        ok = add_matched(p, words, h->passage, sp->start, sp->end);
        prev = sp->end;
    }
    size_t title_len = h->title ? strlen(h->title) : 0;
    prev = 0;
    for (size_t i = 0; h->title && h->title_spans && i < h->n_title_spans && ok; i++) {
        const pc_span *sp = &h->title_spans[i];
        if (sp->start < prev || sp->start >= sp->end || sp->end > title_len)
            continue;
        ok = add_matched(p, words, h->title, sp->start, sp->end);
        prev = sp->end;
    }
    if (!ok) {
        json_decref(words);
        return NULL;
    }
    return words;
}

/* [[start, end], ...] of spans (already in the unit the field documents; none when spans is NULL), or NULL
 * when out of memory. */
static json_t *json_spans(const pc_span *spans, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && spans && i < n; i++) {
        json_t *pair = json_pack("[II]", (json_int_t)spans[i].start, (json_int_t)spans[i].end);
        if (!pair || json_array_append_new(list, pair) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

/* A new hit or article object and its two highlight arrays (for "highlights" and "title_highlights"); NULL
 * (and nothing allocated) when out of memory. */
static json_t *new_record(json_t **hl, json_t **title_hl)
{
    json_t *obj = json_object();
    *hl = json_array();
    *title_hl = json_array();
    if (obj && *hl && *title_hl)
        return obj;
    json_decref(obj);
    json_decref(*hl);
    json_decref(*title_hl);
    return NULL;
}

/* The title (with its highlights into title_hl), or null when there is none. */
static json_t *json_title(pc_printer *p, const char *title, const pc_span *spans, size_t n_spans, json_t *title_hl)
{
    return title && *title ? json_text(p, title, strlen(title), spans, n_spans, title_hl) : json_null();
}

/* The metadata of an article, which hits and articles print alike. */
typedef struct record_meta {
    const char *published, *source, *title, *url, *lang, *path, *record, *tags;
    const pc_span *title_spans;
    size_t n_title_spans;
} record_meta;

/* Sets the metadata members, in their documented order: date, source, title (its highlights into title_hl),
 * url, lang, path, record, tags. */
static void set_meta(pc_printer *p, json_t *obj, const record_meta *m, json_t *title_hl, bool *failed)
{
    set(obj, "date", json_opt(p, m->published), failed);
    set(obj, "source", json_opt(p, m->source), failed);
    set(obj, "title", json_title(p, m->title, m->title_spans, m->n_title_spans, title_hl), failed);
    set(obj, "url", json_opt(p, m->url), failed);
    set(obj, "lang", json_opt(p, m->lang), failed);
    set(obj, "path", json_path(p, m->path), failed);
    set(obj, "record", json_opt(p, m->record), failed);
    set(obj, "tags", json_opt(p, m->tags), failed);
}

static json_t *json_hit(pc_printer *p, const pc_search_hit *h)
{
    json_t *hl, *title_hl;
    json_t *obj = new_record(&hl, &title_hl);
    if (!obj)
        return NULL;
    bool failed = false;
    set(obj, "rank", json_integer((json_int_t)h->rank), &failed);
    set(obj, "article_id", json_integer((json_int_t)h->article_id), &failed);
    set(obj, "passage_id", json_count(h->passage_id), &failed);
    set(obj, "passage_seq", json_count(h->passage_seq), &failed);
    set(obj, "score", isfinite(h->score) ? json_real(h->score) : json_null(), &failed);
    record_meta meta = {h->published, h->source, h->title, h->url, h->lang, h->path, h->record, h->tags,
                        h->title_spans, h->n_title_spans};
    set_meta(p, obj, &meta, title_hl, &failed);
    set(obj, "matching_passages", json_integer((json_int_t)h->matching_passages), &failed);
    set(obj, "copies", json_integer((json_int_t)h->copies), &failed);
    set(obj, "snippet", json_snippet(p, h, hl), &failed);
    set(obj, "highlights", hl, &failed);
    set(obj, "title_highlights", title_hl, &failed);
    set(obj, "matched", json_matched(p, h), &failed);
    set(obj, "cluster", json_integer((json_int_t)h->cluster), &failed);
    set(obj, "body_highlights", json_spans(h->body_char_spans, h->n_spans), &failed);
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *json_article(pc_printer *p, const pc_article_view *a)
{
    json_t *hl, *title_hl;
    json_t *obj = new_record(&hl, &title_hl);
    if (!obj)
        return NULL;
    bool failed = false;
    set(obj, "article_id", json_integer((json_int_t)a->article_id), &failed);
    record_meta meta = {a->published, a->source, a->title, a->url, a->lang, a->path, a->record, a->tags,
                        a->title_spans, a->n_title_spans};
    set_meta(p, obj, &meta, title_hl, &failed);
    set(obj, "cluster", json_count(a->cluster), &failed);
    set(obj, "copies", json_integer((json_int_t)(a->copies > 0 ? a->copies : 0)), &failed);
    set(obj, "body", json_text(p, a->body ? a->body : "", a->body ? a->body_len : 0, a->body_spans,
                               a->n_body_spans, hl), &failed);
    set(obj, "highlights", hl, &failed);
    set(obj, "title_highlights", title_hl, &failed);
    if (failed) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* Writes v (not stolen) as JSON with `flags`, followed by a newline. */
static int write_json(pc_printer *p, json_t *v, size_t flags, pc_error *err)
{
    char *text = json_dumps(v, flags | JSON_ENCODE_ANY | JSON_FLAGS_REAL);
    if (!text)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    int rc = printer_write(p, text, strlen(text), err);
    if (rc == 0)
        rc = printer_write(p, "\n", 1, err);
    free(text);
    return rc;
}

/* ---- results ---- */

static int json_init(pc_printer *p, pc_error *err)
{
    p->collected = json_array();
    return p->collected ? 0 : pc_error_set(err, PC_ENOMEM, "out of memory");
}

static int json_collect_hit(pc_printer *p, const pc_search_hit *h, pc_error *err)
{
    json_t *obj = json_hit(p, h);
    if (!obj || json_array_append_new(p->collected, obj) != 0)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    return 0;
}

static int jsonl_hit(pc_printer *p, const pc_search_hit *h, pc_error *err)
{
    json_t *obj = json_hit(p, h);
    if (!obj)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    int rc = write_json(p, obj, JSON_COMPACT, err);
    json_decref(obj);
    return rc;
}

/* The "suggestions" list: {"word", "column", "did_you_mean": [...]} per word. NULL when out of memory. */
static json_t *json_suggestions(pc_printer *p, const pc_query_suggestions *s)
{
    json_t *list = json_array();
    bool failed = !list;
    for (size_t i = 0; !failed && i < s->n; i++) {
        const pc_word_suggestions *w = &s->words[i];
        json_t *entry = json_object(), *words = json_array();
        failed = !entry || !words || json_array_append_new(list, entry) != 0;
        if (failed) {
            json_decref(entry);
            json_decref(words);
            break;
        }
        set(entry, "word", json_text(p, w->word, strlen(w->word), NULL, 0, NULL), &failed);
        set(entry, "column", json_integer((json_int_t)w->column), &failed);
        for (size_t k = 0; !failed && k < w->n; k++)
            failed = json_array_append_new(words, json_text(p, w->items[k].text, strlen(w->items[k].text), NULL, 0,
                                                            NULL)) != 0;
        set(entry, "did_you_mean", words, &failed);
    }
    if (failed) {
        json_decref(list);
        return NULL;
    }
    return list;
}

static int json_keep_suggestions(pc_printer *p, const pc_query_suggestions *s, pc_error *err)
{
    json_decref(p->suggestions);
    p->suggestions = json_suggestions(p, s);
    return p->suggestions ? 0 : pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
}

static int json_end(pc_printer *p, long long total, long long offset, pc_error *err)
{
    if (p->articles > 0)
        return 0;
    json_t *doc = json_object();
    bool failed = !doc;
    if (doc) {
        const char *q = p->opt.query;
        set(doc, "query", q ? json_text(p, q, strlen(q), NULL, 0, NULL) : json_null(), &failed);
        set(doc, "total", json_integer((json_int_t)total), &failed);
        set(doc, "offset", json_integer((json_int_t)offset), &failed);
        set(doc, "count", json_integer((json_int_t)p->hits), &failed);
        set(doc, "suggestions", p->suggestions ? json_incref(p->suggestions) : json_array(), &failed);
        set(doc, "hits", json_incref(p->collected), &failed);
    }
    int rc = failed ? pc_error_set(err, PC_ENOMEM, "out of memory while printing the results")
                    : write_json(p, doc, JSON_INDENT(2), err);
    json_decref(doc);
    return rc;
}

/* Prints an article as one object in `flags`. */
static int article_as(pc_printer *p, const pc_article_view *a, size_t flags, pc_error *err)
{
    json_t *obj = json_article(p, a);
    if (!obj)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the article");
    int rc = write_json(p, obj, flags, err);
    json_decref(obj);
    return rc;
}

static int json_print_article(pc_printer *p, const pc_article_view *a, pc_error *err)
{
    return article_as(p, a, JSON_INDENT(2), err);
}

static int jsonl_print_article(pc_printer *p, const pc_article_view *a, pc_error *err)
{
    return article_as(p, a, JSON_COMPACT, err);
}

/* ---- structured records ---- */

/* Puts v (stolen) into the open container: under the pending key in a map, appended to a list, or as the root
 * of the record. */
static void attach(pc_printer *p, json_t *v)
{
    printer_level *parent = printer_parent(p);
    int rc = -1;
    if (!v)
        rc = -1;
    else if (!parent) {
        json_decref(p->root);
        p->root = v;
        rc = 0;
    } else if (parent->is_map) {
        rc = json_object_set_new(parent->json, p->key.data, v);
    } else {
        rc = json_array_append_new(parent->json, v);
    }
    if (rc != 0)
        printer_fail(p, PC_ENOMEM, "out of memory while printing the results");
}

static void json_begin_container(pc_printer *p)
{
    printer_level *level = &p->levels[p->depth];
    level->json = level->is_map ? json_object() : json_array();
    attach(p, level->json);
}

/* The root as in the JSON format: its members one per line, each value compact on its line. */
static int write_record_lines(pc_printer *p, pc_error *err)
{
    json_t *root = p->root;
    bool is_map = json_is_object(root);
    size_t n = is_map ? json_object_size(root) : json_array_size(root);
    if (n == 0)
        return write_json(p, root, 0, err);
    pc_strbuf *b = &p->buf;
    pc_strbuf_reset(b);
    pc_strbuf_add_str(b, is_map ? "{\n" : "[\n");
    size_t i = 0;
    const char *key;
    json_t *value;
    bool failed = false;
    void *iter = is_map ? json_object_iter(root) : NULL;
    for (i = 0; i < n && !failed; i++) {
        pc_strbuf_add_str(b, "  ");
        if (is_map) {
            key = json_object_iter_key(iter);
            value = json_object_iter_value(iter);
            iter = json_object_iter_next(root, iter);
            json_t *name = json_string(key);
            char *text = name ? json_dumps(name, JSON_ENCODE_ANY) : NULL;
            json_decref(name);
            failed = !text;
            pc_strbuf_add_str(b, text ? text : "");
            pc_strbuf_add_str(b, ": ");
            free(text);
        } else {
            value = json_array_get(root, i);
        }
        char *text = json_dumps(value, JSON_ENCODE_ANY | JSON_FLAGS_REAL);
        failed = failed || !text;
        pc_strbuf_add_str(b, text ? text : "");
        free(text);
        pc_strbuf_add_str(b, i + 1 < n ? ",\n" : "\n");
    }
    pc_strbuf_add_str(b, is_map ? "}\n" : "]\n");
    if (failed)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    return printer_write_buf(p, err);
}

/* Ends a container; the outermost one writes the record with `write_record`. */
static void end_container(pc_printer *p, int (*write_record)(pc_printer *, pc_error *))
{
    if (p->depth != 1)
        return;
    pc_error err;
    if (write_record(p, &err) != 0)
        printer_fail(p, err.code, err.msg);
    json_decref(p->root);
    p->root = NULL;
}

static void json_end_container(pc_printer *p)
{
    end_container(p, write_record_lines);
}

static int write_record_line(pc_printer *p, pc_error *err)
{
    return write_json(p, p->root, JSON_COMPACT, err);
}

static void jsonl_end_container(pc_printer *p)
{
    end_container(p, write_record_line);
}

static void json_string_value_of(pc_printer *p, const char *s, size_t len)
{
    attach(p, json_text(p, s, len, NULL, 0, NULL));
}

static void json_integer_value_of(pc_printer *p, long long v)
{
    attach(p, json_integer((json_int_t)v));
}

static void json_real_value_of(pc_printer *p, double v)
{
    attach(p, json_real(v));
}

static void json_boolean_value_of(pc_printer *p, bool v)
{
    attach(p, json_boolean(v));
}

static void json_null_value(pc_printer *p)
{
    attach(p, json_null());
}

static int json_report(pc_printer *p, const pc_report *r, pc_error *err)
{
    (void)err;
    r->structure(p, r->data);
    return 0;
}

const pc_printer_vtable pc_json_printer = {
    .name = "json",
    .init = json_init,
    .hit = json_collect_hit,
    .article = json_print_article,
    .end = json_end,
    .suggestions = json_keep_suggestions,
    .report = json_report,
    .begin_map = json_begin_container,
    .end_map = json_end_container,
    .begin_list = json_begin_container,
    .end_list = json_end_container,
    .string = json_string_value_of,
    .integer = json_integer_value_of,
    .real = json_real_value_of,
    .boolean = json_boolean_value_of,
    .null = json_null_value,
};

const pc_printer_vtable pc_jsonl_printer = {
    .name = "jsonl",
    .hit = jsonl_hit,
    .article = jsonl_print_article,
    .report = json_report,
    .begin_map = json_begin_container,
    .end_map = jsonl_end_container,
    .begin_list = json_begin_container,
    .end_list = jsonl_end_container,
    .string = json_string_value_of,
    .integer = json_integer_value_of,
    .real = json_real_value_of,
    .boolean = json_boolean_value_of,
    .null = json_null_value,
};
