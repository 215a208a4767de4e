/* printer.c — the choice of a printer by format name (the one table of formats), the calls of printer.h,
 * which forward to the chosen format's vtable, the checks that structured records are well formed, and the
 * writing helpers the formats share. No function here or in a format looks at the format again. */
#include "presscut/output/printer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/output/safe_text.h"
#include "printer_internal.h"

static const struct {
    pc_output_format format;
    const pc_printer_vtable *vt;
} formats[] = {
    {PC_OUTPUT_TEXT, &pc_text_printer},
    {PC_OUTPUT_JSON, &pc_json_printer},
    {PC_OUTPUT_JSONL, &pc_jsonl_printer},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

int pc_output_format_parse(const char *name, pc_output_format *out, pc_error *err)
{
    for (size_t i = 0; name && i < N_FORMATS; i++) {
        if (strcmp(name, formats[i].vt->name) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return pc_error_set(err, PC_EINVAL, "unknown output format '%s': use text, json or jsonl", name ? name : "");
}

int pc_printer_new(const pc_printer_options *opt, pc_printer **out, pc_error *err)
{
    *out = NULL;
    pc_printer_options o = {.format = PC_OUTPUT_TEXT};
    if (opt)
        o = *opt;
    const pc_printer_vtable *vt = NULL;
    for (size_t i = 0; i < N_FORMATS; i++)
        if (formats[i].format == o.format)
            vt = formats[i].vt;
    if (!vt)
        return pc_error_set(err, PC_EINVAL, "unknown output format %d: use text, json or jsonl", (int)o.format);
    pc_printer *p = calloc(1, sizeof *p);
    if (!p)
        return pc_error_set(err, PC_ENOMEM, "out of memory");
    p->vt = vt;
    p->opt = o;
    if (!p->opt.out)
        p->opt.out = stdout;
    int rc = vt->init ? vt->init(p, err) : 0;
    if (rc != 0) {
        pc_printer_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

void pc_printer_free(pc_printer *p)
{
    if (!p)
        return;
    if (p->vt->destroy)
        p->vt->destroy(p);
    json_decref(p->collected);
    json_decref(p->suggestions);
    json_decref(p->root);
    pc_strbuf_free(&p->buf);
    pc_strbuf_free(&p->scratch);
    pc_strbuf_free(&p->key);
    free(p);
}

/* ---- writing ---- */

int printer_write(pc_printer *p, const char *s, size_t n, pc_error *err)
{
    errno = 0;
    if (p->opt.format == PC_OUTPUT_JSON || p->opt.format == PC_OUTPUT_JSONL)
        pc_safe_json_write(p->opt.out, s, n); /* C1 controls as JSON escapes */
    else if (n > 0 && fwrite(s, 1, n, p->opt.out) != n)
        return pc_error_set(err, PC_EIO, "cannot write the results: %s", strerror(errno ? errno : EIO));
    if (ferror(p->opt.out))
        return pc_error_set(err, PC_EIO, "cannot write the results: %s", strerror(errno ? errno : EIO));
    return 0;
}

int printer_write_buf(pc_printer *p, pc_error *err)
{
    if (p->buf.failed)
        return pc_error_set(err, PC_ENOMEM, "out of memory while printing the results");
    return printer_write(p, p->buf.data, p->buf.len, err);
}

int printer_flush_file(pc_printer *p, pc_error *err)
{
    errno = 0;
    if (fflush(p->opt.out) != 0 || ferror(p->opt.out))
        return pc_error_set(err, PC_EIO, "cannot write the results: %s", strerror(errno ? errno : EIO));
    return 0;
}

void printer_fail(pc_printer *p, int rc, const char *msg)
{
    if (p->status == 0) {
        p->status = rc;
        pc_error_set(&p->status_err, rc, "%s", msg);
    }
}

printer_level *printer_parent(pc_printer *p)
{
    return p->depth > 0 ? &p->levels[p->depth - 1] : NULL;
}

void printer_addf(pc_strbuf *out, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof line) {
        pc_strbuf_add(out, line, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1); /* e.g. a long index path */
    if (!big) {
        out->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    pc_strbuf_add(out, big, (size_t)n);
    free(big);
}

/* ---- results ---- */

int pc_printer_begin(pc_printer *p, pc_error *err)
{
    int rc = p->vt->begin ? p->vt->begin(p, err) : 0;
    if (rc == 0)
        p->results++;
    return rc;
}

int pc_printer_hit(pc_printer *p, const pc_search_hit *hit, pc_error *err)
{
    int rc = p->vt->hit(p, hit, err);
    if (rc == 0)
        p->hits++;
    return rc;
}

int pc_printer_end(pc_printer *p, long long total, long long offset, pc_error *err)
{
    int rc = p->vt->end ? p->vt->end(p, total, offset, err) : 0;
    return rc ? rc : printer_flush_file(p, err);
}

int pc_printer_suggestions(pc_printer *p, const pc_query_suggestions *s, pc_error *err)
{
    return p->vt->suggestions ? p->vt->suggestions(p, s, err) : 0;
}

int pc_printer_article(pc_printer *p, const pc_article_view *a, pc_error *err)
{
    int rc = p->vt->article(p, a, err);
    if (rc == 0)
        rc = printer_flush_file(p, err);
    if (rc == 0)
        p->articles++;
    return rc;
}

/* ---- structured records ---- */

/* Checks that a value may come now (inside a list, or after a key in a map; containers also at the top). */
static bool value_allowed(pc_printer *p, bool container)
{
    if (p->status != 0)
        return false;
    printer_level *parent = printer_parent(p);
    if (!parent) {
        if (!container)
            printer_fail(p, PC_EINVAL, "a structured record must start with a map or a list");
        return container;
    }
    if (parent->is_map && !parent->has_key) {
        printer_fail(p, PC_EINVAL, "a value in a map needs its key first");
        return false;
    }
    return true;
}

/* Counts a value written into its parent. */
static void value_done(pc_printer *p)
{
    printer_level *parent = printer_parent(p);
    if (parent) {
        parent->children++;
        parent->has_key = false;
    }
}

static void begin_container(pc_printer *p, bool is_map)
{
    if (!value_allowed(p, true))
        return;
    if (p->depth == PRINTER_MAX_DEPTH) {
        printer_fail(p, PC_EINVAL, "a structured record nests too deep");
        return;
    }
    printer_level *level = &p->levels[p->depth];
    memset(level, 0, sizeof *level);
    level->is_map = is_map;
    if (is_map)
        p->vt->begin_map(p);
    else
        p->vt->begin_list(p);
    value_done(p);
    p->depth++;
}

static void end_container(pc_printer *p, bool is_map)
{
    if (p->status != 0)
        return;
    printer_level *level = printer_parent(p);
    if (!level || level->is_map != is_map || level->has_key) {
        printer_fail(p, PC_EINVAL, is_map ? "end of a map that is not open or lacks a value"
                                          : "end of a list that is not open");
        return;
    }
    if (is_map)
        p->vt->end_map(p);
    else
        p->vt->end_list(p);
    p->depth--;
}

void pc_printer_begin_map(pc_printer *p)
{
    begin_container(p, true);
}

void pc_printer_end_map(pc_printer *p)
{
    end_container(p, true);
}

void pc_printer_begin_list(pc_printer *p)
{
    begin_container(p, false);
}

void pc_printer_end_list(pc_printer *p)
{
    end_container(p, false);
}

void pc_printer_map_key(pc_printer *p, const char *key)
{
    if (p->status != 0)
        return;
    printer_level *level = printer_parent(p);
    if (!level || !level->is_map || level->has_key || !key) {
        printer_fail(p, PC_EINVAL, "a key belongs in a map, before its value");
        return;
    }
    pc_strbuf_reset(&p->key);
    pc_strbuf_add_str(&p->key, key);
    if (p->key.failed || !p->key.data) {
        printer_fail(p, PC_ENOMEM, "out of memory while printing the results");
        return;
    }
    if (p->vt->map_key)
        p->vt->map_key(p, key);
    level->has_key = true;
}

void pc_printer_string_n(pc_printer *p, const char *s, size_t len)
{
    if (!s) {
        pc_printer_null(p);
        return;
    }
    if (!value_allowed(p, false))
        return;
    p->vt->string(p, s, len);
    value_done(p);
}

void pc_printer_string(pc_printer *p, const char *s)
{
    pc_printer_string_n(p, s, s ? strlen(s) : 0);
}

void pc_printer_integer(pc_printer *p, long long v)
{
    if (!value_allowed(p, false))
        return;
    p->vt->integer(p, v);
    value_done(p);
}

void pc_printer_real(pc_printer *p, double v)
{
    if (!value_allowed(p, false))
        return;
    if (v != v || v - v != 0) /* NaN or an infinity */
        p->vt->null(p);
    else
        p->vt->real(p, v);
    value_done(p);
}

void pc_printer_boolean(pc_printer *p, bool v)
{
    if (!value_allowed(p, false))
        return;
    p->vt->boolean(p, v);
    value_done(p);
}

void pc_printer_null(pc_printer *p)
{
    if (!value_allowed(p, false))
        return;
    p->vt->null(p);
    value_done(p);
}

void printer_key_string(pc_printer *p, const char *key, const char *s)
{
    pc_printer_map_key(p, key);
    pc_printer_string(p, s);
}

void printer_key_integer(pc_printer *p, const char *key, long long v)
{
    pc_printer_map_key(p, key);
    pc_printer_integer(p, v);
}

void printer_key_boolean(pc_printer *p, const char *key, bool v)
{
    pc_printer_map_key(p, key);
    pc_printer_boolean(p, v);
}

int pc_printer_report(pc_printer *p, const pc_report *r, pc_error *err)
{
    int rc = p->vt->report(p, r, err);
    return rc ? rc : pc_printer_flush(p, err);
}

int pc_printer_flush(pc_printer *p, pc_error *err)
{
    int rc = p->status;
    if (rc != 0) {
        if (err)
            *err = p->status_err;
    } else if (p->depth > 0) {
        rc = pc_error_set(err, PC_EINVAL, "a structured record was left open");
    }
    p->status = 0;
    p->depth = 0;
    pc_error_clear(&p->status_err);
    pc_strbuf_reset(&p->buf);
    json_decref(p->root);
    p->root = NULL;
    int flushed = printer_flush_file(p, rc ? NULL : err);
    return rc ? rc : flushed;
}
