/* read_json.c — the `json` and `jsonl` readers: article objects in a JSON file (an array, one object, or an
 * object wrapping one array, as NewsAPI writes) or one object per line (JSON Lines). Keys map to article
 * fields through fields.h; the rules are in include/presscut/ingest/reader.h (pc_read_json, pc_read_jsonl). */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "presscut/ingest/fields.h"
#include "presscut/ingest/reader.h"
#include "presscut/core/strbuf.h"

#define KEYS_SHOWN 8 /* keys listed in "record has no text (keys: ...)" */

/* One reading: where the records come from and where they go. */
typedef struct json_reader {
    const pc_reader_input *in;
    pc_article_sink sink;
    pc_warn_fn warn;
    void *payload;
} json_reader;

/* ---- values to text ---- */

/* Whether a key names labels: tags, keywords, categories, topics (or the singular), ignoring case. The
 * singular is written to label. */
static bool tag_key(const char *key, const char **label)
{
    static const char *const names[][2] = {{"tags", "tag"},       {"tag", "tag"},
                                           {"keywords", "keyword"}, {"keyword", "keyword"},
                                           {"categories", "category"}, {"category", "category"},
                                           {"topics", "topic"},   {"topic", "topic"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(key, names[i][0]) == 0) {
            *label = names[i][1];
            return true;
        }
    return false;
}

/* Appends "label:value" to the tags, the value trimmed with white space and ';' made single spaces; empty
 * values and repeats are left out. */
static void add_tag(pc_strbuf *tags, const char *label, const char *value, size_t len)
{
    pc_strbuf one = {0};
    pc_strbuf_add_str(&one, label);
    pc_strbuf_add(&one, ":", 1);
    size_t prefix = one.len;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c <= ' ' || c == ';') {
            space = true;
            continue;
        }
        if (space && one.len > prefix)
            pc_strbuf_add(&one, " ", 1);
        space = false;
        pc_strbuf_add(&one, (const char *)&value[i], 1);
    }
    if (!one.failed && one.len > prefix) {
        /* a repeat is a whole item already present */
        bool repeat = false;
        for (const char *p = tags->data; p && !repeat; p = strstr(p, "; ")) {
            if (*p == ';')
                p += 2;
            repeat = strncmp(p, one.data, one.len) == 0 && (p[one.len] == '\0' || p[one.len] == ';');
            if (!*p)
                break;
        }
        if (!repeat) {
            if (tags->len > 0)
                pc_strbuf_add(tags, "; ", 2);
            pc_strbuf_add(tags, one.data, one.len);
        }
    }
    if (one.failed)
        tags->failed = true;
    free(one.data);
}

/* Tags from a string ("a, b; c" gives three) or an array of strings (or of objects with a "name"). */
static void add_tags(pc_strbuf *tags, const char *label, json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t len = json_string_length(v), start = 0;
        for (size_t i = 0; i <= len; i++)
            if (i == len || s[i] == ',' || s[i] == ';') {
                add_tag(tags, label, s + start, i - start);
                start = i + 1;
            }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            if (json_is_object(item))
                item = json_object_get(item, "name");
            if (json_is_string(item))
                add_tag(tags, label, json_string_value(item), json_string_length(item));
        }
    }
}

/* The text of a scalar value: a string as it is, a number printed (a date may be a Unix time). Writes to
 * buf when it has to print. NULL for null, booleans, arrays and objects. */
static const char *scalar_text(json_t *v, char buf[64], size_t *len)
{
    if (json_is_string(v)) {
        *len = json_string_length(v);
        return json_string_value(v);
    }
    if (json_is_integer(v)) {
        *len = (size_t)snprintf(buf, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    }
    if (json_is_real(v)) {
        *len = (size_t)snprintf(buf, 64, "%.17g", json_real_value(v));
        return buf;
    }
    return NULL;
}

/* The value of an object taken as one field: its "name" (NewsAPI's "source": {"id", "name"}), else its
 * "value" or "text". */
static json_t *object_value(json_t *obj)
{
    static const char *const keys[] = {"name", "value", "text", "title"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *v = json_object_get(obj, keys[i]);
        if (v && !json_is_null(v))
            return v;
    }
    return NULL;
}

/* Puts one key's value into the article: text from a string or an array of strings (joined by "\n\n"),
 * other fields from a scalar, the first string of an array, or an object's "name". Returns 0, 1 with a
 * warning in why, or PC_ENOMEM. */
static int set_value(pc_article *a, pc_field f, json_t *v, char *why, size_t why_size)
{
    if (json_is_object(v))
        v = object_value(v);
    if (!v)
        return PC_OK;
    if (f == PC_FIELD_TEXT) {
        if (a->body)
            return PC_OK; /* the first key wins */
        pc_strbuf text = {0};
        if (json_is_array(v)) {
            size_t i;
            json_t *item;
            json_array_foreach(v, i, item)
            {
                if (json_is_object(item))
                    item = object_value(item);
                if (!json_is_string(item) || json_string_length(item) == 0)
                    continue;
                size_t before = text.len;
                if (text.len > 0)
                    pc_strbuf_add(&text, "\n\n", 2);
                size_t mark = text.len;
                pc_field_add_text(&text, json_string_value(item), json_string_length(item), true);
                if (text.len == mark) /* nothing but white space */
                    text.len = before;
            }
        } else if (json_is_string(v)) {
            pc_field_add_text(&text, json_string_value(v), json_string_length(v), true);
        }
        int rc = text.failed ? PC_ENOMEM : PC_OK;
        if (rc == PC_OK && text.len > 0)
            rc = pc_article_set_field(a, f, text.data, text.len, why, why_size);
        free(text.data);
        return rc;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_t *first = NULL;
        json_array_foreach(v, i, item)
        {
            if (json_is_object(item))
                item = object_value(item);
            if (item && (json_is_string(item) || json_is_number(item))) {
                first = item;
                break;
            }
        }
        v = first;
        if (!v)
            return PC_OK;
    }
    char buf[64];
    size_t len = 0;
    const char *s = scalar_text(v, buf, &len);
    if (!s)
        return PC_OK;
    if (f == PC_FIELD_TITLE) {
        /* a title may carry CR/LF and controls from its source: read it like text, then squeezed */
        pc_strbuf clean = {0};
        pc_field_add_text(&clean, s, len, true);
        int rc = clean.failed ? PC_ENOMEM
                              : pc_article_set_field(a, f, clean.data ? clean.data : "", clean.len, why, why_size);
        free(clean.data);
        return rc;
    }
    return pc_article_set_field(a, f, s, len, why, why_size);
}

/* The keys of an object for a warning: "a, b, c" (at most KEYS_SHOWN, then "…"), or "none". */
static void list_keys(json_t *obj, char *out, size_t size)
{
    size_t used = 0, n = 0;
    const char *key;
    json_t *v;
    out[0] = '\0';
    json_object_foreach(obj, key, v)
    {
        (void)v;
        int w = n == KEYS_SHOWN ? snprintf(out + used, size - used, ", …")
                                : snprintf(out + used, size - used, "%s%s", n ? ", " : "", key);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
        if (++n > KEYS_SHOWN)
            break;
    }
    if (n == 0)
        snprintf(out, size, "none");
}

/* Reads one article object and hands it to the sink. what prefixes warnings ("record 3", or NULL when the
 * line says enough), record is stored as the article's record (NULL for a one-object file). Returns 0, the
 * sink's value, or PC_ENOMEM; a record without text is warned about and skipped. */
/* Whether an array member holds the parts of one article rather than articles: its key names parts
 * ("sentences", "paragraphs", "parts", "blocks", "segments", "chunks", "lines"), ignoring case. */
static bool parts_key(const char *key)
{
    static const char *const names[] = {"sentences", "paragraphs", "parts", "blocks", "segments", "chunks", "lines"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(key, names[i]) == 0)
            return true;
    return false;
}

/* The text of an article given as parts: each element's text (a string, or the value of the element's
 * first text key) in order, sentences joined by a space, other parts as paragraphs. Returns 0, 1 when no
 * part has text, or PC_ENOMEM. An element with several text keys gives its longest value. */
static int set_text_from_parts(const pc_reader_input *in, pc_article *a, const char *key, json_t *array)
{
    bool sentences = strcasecmp(key, "sentences") == 0;
    pc_strbuf text = {0};
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        json_t *value = json_is_string(item) ? item : NULL;
        if (json_is_object(item)) {
            const char *k;
            json_t *v;
            json_object_foreach(item, k, v)
            {
                /* the longest: {"article": "article_0", "content": "..."} names its article too */
                if (json_is_string(v) && pc_field_for_key(in->map, k, strlen(k)) == PC_FIELD_TEXT &&
                    (!value || json_string_length(v) > json_string_length(value)))
                    value = v;
            }
        }
        if (!value || json_string_length(value) == 0)
            continue;
        size_t before = text.len;
        if (text.len > 0)
            pc_strbuf_add(&text, sentences ? " " : "\n\n", sentences ? 1 : 2);
        size_t mark = text.len;
        pc_field_add_text(&text, json_string_value(value), json_string_length(value), true);
        if (text.len == mark)
            text.len = before;
    }
    int rc = text.failed ? PC_ENOMEM : text.len == 0 ? 1 : PC_OK;
    if (rc == PC_OK)
        rc = pc_article_set_field(a, PC_FIELD_TEXT, text.data, text.len, NULL, 0);
    free(text.data);
    return rc;
}

static int read_object(json_reader *r, json_t *obj, long line, const char *what, const char *record)
{
    pc_article a;
    memset(&a, 0, sizeof a);
    pc_strbuf tags = {0};
    int rc = PC_OK;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        const char *label;
        pc_field f = pc_field_for_key(r->in->map, key, strlen(key));
        if (f == PC_FIELD_NONE && tag_key(key, &label)) {
            add_tags(&tags, label, v);
            continue;
        }
        if (f == PC_FIELD_NONE || json_is_null(v))
            continue;
        char why[256];
        int set = set_value(&a, f, v, why, sizeof why);
        if (set == 1)
            pc_reader_warnf(r->warn, r->payload, r->in->path, line, "%s%s%s", what ? what : "", what ? ": " : "", why);
        else if (set < 0) {
            rc = set;
            break;
        }
    }
    if (rc == PC_OK && tags.failed)
        rc = PC_ENOMEM;
    if (rc == PC_OK && !a.body) { /* {"id": ..., "sentences": [{"content": ...}, ...]} */
        json_object_foreach(obj, key, v)
        {
            if (json_is_array(v) && parts_key(key)) {
                int parts = set_text_from_parts(r->in, &a, key, v);
                if (parts < 0)
                    rc = parts;
                if (parts <= 0)
                    break;
            }
        }
    }
    if (rc == PC_OK && !a.body) {
        char keys[512];
        list_keys(obj, keys, sizeof keys);
        pc_reader_warnf(r->warn, r->payload, r->in->path, line, "%s%srecord has no text (keys: %s); skipped",
                        what ? what : "", what ? ": " : "", keys);
        pc_article_clear(&a);
        free(tags.data);
        return PC_OK;
    }
    if (rc == PC_OK && tags.len > 0) {
        a.tags = tags.data;
        tags.data = NULL;
    }
    if (rc == PC_OK && record && !(a.record = strdup(record)))
        rc = PC_ENOMEM;
    if (rc == PC_OK && !a.source && a.url)
        a.source = pc_url_domain(a.url); /* NULL when the url has no host: the indexer then uses the folder */
    if (rc == PC_OK)
        rc = r->sink(r->payload, &a);
    pc_article_clear(&a);
    free(tags.data);
    return rc;
}

/* Whether an object holds an article's text under some key. */
static bool has_text_key(const pc_reader_input *in, json_t *obj)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (pc_field_for_key(in->map, key, strlen(key)) == PC_FIELD_TEXT)
            return true;
    }
    return false;
}

/* ---- line numbers of array elements ----
 * jansson does not say where a value starts, so the (already valid) text is scanned again: the line on
 * which each element of the array starts, for the top-level array (wrapper_key NULL) or for the array under
 * wrapper_key in the top-level object. */

static long *element_lines(const char *text, size_t len, const char *wrapper_key, size_t count)
{
    long *lines = calloc(count ? count : 1, sizeof *lines);
    if (!lines)
        return NULL;
    long line = 1;
    int depth = 0;
    int target = wrapper_key ? 2 : 1; /* depth of the elements' container */
    bool in_target = !wrapper_key;    /* inside the array that holds the articles */
    bool expect_value = false;        /* at the target depth, the next token starts an element */
    bool key_next = false;            /* at depth 1 of the wrapper: the next string is a key */
    bool wrapper_matched = false;
    size_t n = 0;
    for (size_t i = 0; i < len && n < count; i++) {
        char c = text[i];
        if (c == '\n') {
            line++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if (in_target && depth == target && expect_value && c != ']') {
            lines[n++] = line;
            expect_value = false;
        }
        if (c == '"') {
            size_t start = i + 1;
            for (i++; i < len && text[i] != '"'; i++) {
                if (text[i] == '\\')
                    i++;
                else if (text[i] == '\n')
                    line++;
            }
            if (wrapper_key && depth == 1 && key_next) {
                size_t klen = i - start;
                wrapper_matched = klen == strlen(wrapper_key) && memcmp(text + start, wrapper_key, klen) == 0;
                key_next = false;
            }
            continue;
        }
        switch (c) {
        case '{':
        case '[':
            depth++;
            if (wrapper_key && depth == 1)
                key_next = true;
            if (wrapper_key && depth == 2 && c == '[' && wrapper_matched)
                in_target = true;
            if (in_target && depth == target)
                expect_value = true;
            break;
        case '}':
        case ']':
            if (in_target && depth == target && wrapper_key)
                in_target = false;
            depth--;
            break;
        case ',':
            if (in_target && depth == target)
                expect_value = true;
            if (wrapper_key && depth == 1) {
                key_next = true;
                wrapper_matched = false;
            }
            break;
        default:
            break;
        }
    }
    return lines;
}

/* Reads the articles of an array; wrapper_key names the member that held it, or NULL. */
static int read_array(json_reader *r, json_t *array, const char *wrapper_key)
{
    size_t count = json_array_size(array);
    long *lines = element_lines(r->in->text, r->in->text_len, wrapper_key, count);
    if (!lines)
        return PC_ENOMEM;
    int rc = PC_OK;
    for (size_t i = 0; i < count && rc == PC_OK; i++) {
        json_t *item = json_array_get(array, i);
        char record[32];
        snprintf(record, sizeof record, "record %zu", i + 1);
        if (!json_is_object(item)) {
            pc_reader_warnf(r->warn, r->payload, r->in->path, lines[i], "%s: not an object but %s; skipped", record,
                            json_is_array(item) ? "an array" : json_is_string(item) ? "a string" : "a scalar");
            continue;
        }
        rc = read_object(r, item, lines[i], record, record);
    }
    free(lines);
    return rc;
}

int pc_read_json(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    json_reader r = {in, sink, warn, payload};
    json_error_t jerr;
    json_t *root = json_loadb(in->text, in->text_len, JSON_DECODE_ANY, &jerr);
    if (!root) {
        if (json_error_code(&jerr) == json_error_out_of_memory)
            return pc_error_set(err, PC_ENOMEM, "out of memory");
        return pc_error_set(err, PC_EFORMAT, "not valid JSON at line %d, column %d: %s", jerr.line, jerr.column,
                            jerr.text);
    }
    int rc = PC_OK;
    if (json_is_array(root)) {
        rc = read_array(&r, root, NULL);
    } else if (json_is_object(root)) {
        /* an article, or a wrapper with one array of objects: {"status": "ok", "articles": [...]} */
        const char *array_key = NULL, *key;
        json_t *array = NULL, *v;
        int arrays = 0;
        json_object_foreach(root, key, v)
        {
            if (json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0))) {
                arrays++;
                if (!array) {
                    array = v;
                    array_key = key;
                }
            }
        }
        if (has_text_key(in, root) || arrays == 0 || (arrays == 1 && parts_key(array_key)))
            rc = read_object(&r, root, 1, NULL, NULL);
        else if (arrays == 1)
            rc = read_array(&r, array, array_key);
        else
            rc = pc_error_set(err, PC_EFORMAT,
                              "the top-level object holds %d arrays of objects and no article text: "
                              "expected one array of articles, as in {\"articles\": [...]}",
                              arrays);
    } else {
        rc = pc_error_set(err, PC_EFORMAT, "expected an array of article objects or an object, found a %s",
                          json_is_string(root) ? "string" : "scalar");
    }
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory");
    json_decref(root);
    return rc;
}

int pc_read_jsonl(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    json_reader r = {in, sink, warn, payload};
    const char *text = in->text, *end = in->text + in->text_len;
    long number = in->first_line > 1 ? in->first_line - 1 : 0; /* of the line before text */
    int rc = PC_OK;
    for (const char *p = text; p < end && rc == PC_OK;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        number++;
        const char *s = p, *line_start = p;
        size_t len = (size_t)(line_end - p);
        p = nl ? nl + 1 : end;
        while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r')) {
            s++;
            len--;
        }
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(s, len, JSON_DECODE_ANY, &jerr);
        if (!obj) {
            if (json_error_code(&jerr) == json_error_out_of_memory) {
                rc = PC_ENOMEM;
                break;
            }
            int column = jerr.column + (int)(s - line_start);
            bool truncated = !nl && json_error_code(&jerr) == json_error_premature_end_of_input;
            pc_reader_warnf(r.warn, r.payload, r.in->path, number, "not valid JSON: %s (column %d)%s", jerr.text,
                            column, truncated ? "; the file looks truncated" : "");
            continue;
        }
        if (!json_is_object(obj)) {
            pc_reader_warnf(r.warn, r.payload, r.in->path, number, "not a JSON object but %s; skipped",
                            json_is_array(obj) ? "an array" : json_is_string(obj) ? "a string" : "a scalar");
            json_decref(obj);
            continue;
        }
        char record[32];
        snprintf(record, sizeof record, "line %ld", number);
        rc = read_object(&r, obj, number, NULL, record);
        json_decref(obj);
    }
    if (rc == PC_ENOMEM)
        pc_error_set(err, PC_ENOMEM, "out of memory");
    return rc;
}
