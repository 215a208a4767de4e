/* read_sgml.c — the `sgml` reader: Reuters-21578 files, many <REUTERS ... NEWID="n"> records each. Every
 * well-formed record becomes one article (title, body with the dateline, date, category tags); a malformed
 * one is reported with the line of its <REUTERS> tag and skipped. The rules are in include/presscut/ingest/reader.h
 * (pc_read_sgml). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/ingest/fields.h"
#include "presscut/ingest/reader.h"
#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"

#define SGML_SOURCE "Reuters"
#define SGML_LANG "en"
#define NEWID_MAX_BYTES 20

/* ---- strings ---- */

/* Hands the string over as a new malloc'd copy (NULL when empty or out of memory). */
static char *sbuf_copy(const pc_strbuf *b)
{
    if (b->failed || b->len == 0)
        return NULL;
    char *p = malloc(b->len + 1);
    if (p)
        memcpy(p, b->data, b->len + 1);
    return p;
}

/* ---- scanning ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* True when [s, end) starts with the ASCII word `w`, ignoring case. */
static bool starts_ci(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(end - s) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (upper(s[i]) != upper(w[i]))
            return false;
    return true;
}

/* The next tag `<name` (or `</name` when closing) in [s, end), where the name is followed by '>', '/' or
 * white space: a pointer to its '<', or NULL. */
static const char *find_tag(const char *s, const char *end, const char *name, bool closing)
{
    size_t n = strlen(name);
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt)
            return NULL;
        const char *p = lt + 1;
        if (closing) {
            if (p < end && *p == '/')
                p++;
            else {
                s = lt + 1;
                continue;
            }
        }
        if (starts_ci(p, end, name) && p + n < end && (p[n] == '>' || p[n] == '/' || is_space(p[n])))
            return lt;
        s = lt + 1;
    }
    return NULL;
}

/* The '>' that ends the tag starting at lt, or NULL when another '<' or the end comes first. */
static const char *tag_end(const char *lt, const char *end)
{
    for (const char *p = lt + 1; p < end; p++) {
        if (*p == '>')
            return p;
        if (*p == '<')
            return NULL;
    }
    return NULL;
}

typedef enum element_found { ELEMENT_ABSENT, ELEMENT_FOUND, ELEMENT_BROKEN } element_found;

/* Finds the first tag `name` (`</name>` when closing) in [s, end) with its '<' in *lt and its '>' in *gt:
 * ELEMENT_ABSENT when there is none, ELEMENT_BROKEN when it does not close with '>'. */
static element_found find_whole_tag(const char *s, const char *end, const char *name, bool closing, const char **lt,
                                    const char **gt)
{
    *lt = find_tag(s, end, name, closing);
    if (!*lt)
        return ELEMENT_ABSENT;
    *gt = tag_end(*lt, end);
    return *gt ? ELEMENT_FOUND : ELEMENT_BROKEN;
}

typedef struct element {
    const char *open;              /* the '<' of the start tag */
    const char *attrs, *attrs_end; /* inside the start tag, after the name */
    const char *content, *content_end;
    const char *after;             /* just past the end tag */
} element;

/* Finds the first element `name` in [s, end): its start tag must close with '>' and its end tag
 * `</name>` must follow before end; ELEMENT_BROKEN when either is missing. */
static element_found find_element(const char *s, const char *end, const char *name, element *el)
{
    const char *lt, *gt;
    element_found found = find_whole_tag(s, end, name, false, &lt, &gt);
    if (found != ELEMENT_FOUND)
        return found;
    el->open = lt;
    el->attrs = lt + 1 + strlen(name);
    el->attrs_end = gt;
    el->content = gt + 1;
    if (gt > lt && gt[-1] == '/') { /* <PEOPLE/>: empty */
        el->content_end = el->content;
        el->after = el->content;
        return ELEMENT_FOUND;
    }
    const char *close, *close_gt;
    if (find_whole_tag(el->content, end, name, true, &close, &close_gt) != ELEMENT_FOUND)
        return ELEMENT_BROKEN;
    el->content_end = close;
    el->after = close_gt + 1;
    return ELEMENT_FOUND;
}

/* The value of attribute `name` in [s, end) (quoted or not), or false when absent. */
static bool find_attribute(const char *s, const char *end, const char *name, const char **value, size_t *len)
{
    size_t n = strlen(name);
    for (const char *p = s; p < end; p++) {
        if ((p == s || is_space(p[-1])) && starts_ci(p, end, name)) {
            const char *q = p + n;
            while (q < end && is_space(*q))
                q++;
            if (q >= end || *q != '=')
                continue;
            q++;
            while (q < end && is_space(*q))
                q++;
            const char *v = q;
            if (q < end && (*q == '"' || *q == '\'')) {
                char quote = *q;
                v = ++q;
                while (q < end && *q != quote)
                    q++;
            } else {
                while (q < end && !is_space(*q))
                    q++;
            }
            *value = v;
            *len = (size_t)(q - v);
            return true;
        }
    }
    return false;
}

/* ---- text ---- */

/* Appends [s, s+len) with its SGML entities decoded: &lt; &gt; &amp; &quot; &apos;, &#N; and &#xH;. Numeric
 * entities naming control characters (the wire's &#2; &#3; &#5; &#22; &#127; ... markers) are dropped; a
 * tab stays a tab. Anything else that starts with '&' is kept as written. */
static void add_decoded(pc_strbuf *out, const char *s, size_t len)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
    const char *end = s + len;
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        if (!amp) {
            pc_strbuf_add(out, s, (size_t)(end - s));
            return;
        }
        pc_strbuf_add(out, s, (size_t)(amp - s));
        s = amp + 1;
        bool done = false;
        for (size_t i = 0; i < sizeof named / sizeof *named && !done; i++) {
            if (starts_ci(s, end, named[i].name)) {
                pc_strbuf_add(out, &named[i].c, 1);
                s += strlen(named[i].name);
                done = true;
            }
        }
        if (done)
            continue;
        if (s < end && *s == '#') {
            const char *p = s + 1;
            bool hex = p < end && (*p == 'x' || *p == 'X');
            if (hex)
                p++;
            uint32_t cp = 0;
            const char *digits = p;
            while (p < end && ((*p >= '0' && *p <= '9') || (hex && ((*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))))) {
                int d = *p <= '9' ? *p - '0' : (upper(*p) - 'A' + 10);
                cp = cp * (hex ? 16 : 10) + (uint32_t)d;
                if (cp > 0x10FFFF)
                    cp = 0x110000; /* out of range: dropped below */
                p++;
            }
            if (p > digits && p < end && *p == ';') {
                s = p + 1;
                if (cp == '\t' || cp == '\n') {
                    char c = (char)cp;
                    pc_strbuf_add(out, &c, 1);
                } else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && cp <= 0x10FFFF &&
                           !(cp >= 0xD800 && cp <= 0xDFFF)) {
                    char u[4];
                    pc_strbuf_add(out, u, (size_t)pc_utf8_encode(cp, u));
                }
                continue;
            }
        }
        pc_strbuf_add(out, "&", 1);
    }
}

/* Lays out decoded wire text as paragraphs: each line trimmed, runs of white space made one space; a line
 * that starts with white space (the 4-space paragraph indent, table rows) or follows an empty line starts a
 * paragraph, other lines continue the previous one after a space, or with none after a word broken at a
 * hyphen ("English-" + "language"). Paragraphs are joined by "\n\n". */
static void add_collapsed(pc_strbuf *out, const char *s, size_t len);

typedef struct layout {
    pc_strbuf *out;
    bool open; /* a paragraph is being built */
} layout;

static void layout_word_run(layout *lo, const char *s, size_t len, bool new_paragraph)
{
    if (len == 0)
        return;
    if (!lo->open || new_paragraph) {
        if (lo->out->len)
            pc_strbuf_add(lo->out, "\n\n", 2);
    } else {
        const char *d = lo->out->data;
        size_t n = lo->out->len;
        bool hyphen = n >= 2 && d[n - 1] == '-' && ((d[n - 2] >= 'a' && d[n - 2] <= 'z') ||
                                                     (d[n - 2] >= 'A' && d[n - 2] <= 'Z'));
        if (!hyphen)
            pc_strbuf_add(lo->out, " ", 1);
    }
    lo->open = true;
    add_collapsed(lo->out, s, len);
}

/* Appends [s, s+len) with runs of white space made one space. */
static void add_collapsed(pc_strbuf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t run = i;
        while (run < len && !is_space(s[run]))
            run++;
        pc_strbuf_add(out, s + i, run - i);
        i = run;
        while (i < len && is_space(s[i]))
            i++;
        if (i < len)
            pc_strbuf_add(out, " ", 1);
    }
}

static void layout_text(layout *lo, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *line_end = nl ? nl : end;
        bool indented = s < line_end && is_space(*s);
        const char *a = s, *b = line_end;
        while (a < b && is_space(*a))
            a++;
        while (b > a && is_space(b[-1]))
            b--;
        if (a == b)
            lo->open = false; /* an empty line ends the paragraph */
        else
            layout_word_run(lo, a, (size_t)(b - a), indented);
        s = nl ? nl + 1 : end;
    }
}

/* Drops a final "Reuter" / "REUTER" / "Reuters" sign-off (any case, optionally followed by dots) and the
 * white space before it, when it is the last word and stands on its own line or, unless own_line, after the
 * last sentence ("... record May 23. REUTER"); followed by a single dot ("told Reuters.") it must stand on a
 * line of its own. Returns whether it dropped one. */
static bool drop_signoff(pc_strbuf *b, bool own_line)
{
    size_t n = b->len;
    while (n && is_space(b->data[n - 1]))
        n--;
    size_t e = n;
    while (e && b->data[e - 1] == '.')
        e--;
    size_t w = e;
    while (w && ((b->data[w - 1] >= 'a' && b->data[w - 1] <= 'z') || (b->data[w - 1] >= 'A' && b->data[w - 1] <= 'Z')))
        w--;
    size_t wlen = e - w;
    if (!((wlen == 6 || wlen == 7) && starts_ci(b->data + w, b->data + e, "reuter") &&
          (wlen == 6 || upper(b->data[w + 6]) == 'S')))
        return false;
    size_t before = w;
    while (before && (b->data[before - 1] == ' ' || b->data[before - 1] == '\t'))
        before--;
    /* "told Reuters." ends a sentence: with one dot, only a line of its own is a sign-off */
    if (n - e == 1)
        own_line = true;
    if (before && (own_line ? b->data[before - 1] != '\n' : !is_space(b->data[w - 1])))
        return false;
    n = w;
    while (n && is_space(b->data[n - 1]))
        n--;
    b->len = n;
    b->data[n] = '\0';
    return true;
}

/* Decoded, trimmed, white space collapsed: for titles, datelines and category names. */
static void add_inline(pc_strbuf *out, pc_strbuf *scratch, const char *s, size_t len, bool drop_sign)
{
    pc_strbuf_reset(scratch);
    add_decoded(scratch, s, len);
    if (drop_sign && scratch->data)
        drop_signoff(scratch, true);
    if (scratch->failed) {
        out->failed = true;
        return;
    }
    const char *a = scratch->data ? scratch->data : "";
    const char *b = a + scratch->len;
    while (a < b && is_space(*a))
        a++;
    while (b > a && is_space(b[-1]))
        b--;
    add_collapsed(out, a, (size_t)(b - a));
}

/* ---- the reader ---- */

typedef struct sgml_reader {
    const pc_reader_input *in;
    pc_warn_fn warn;
    void *payload;
    pc_strbuf title, body, tags, scratch;
} sgml_reader;

/* Reports a skipped record: "record NEWID 7: WHAT; skipped" at the line of its <REUTERS> tag. */
static void warn_record(sgml_reader *r, long line, const char *newid, const char *what)
{
    if (newid && *newid)
        pc_reader_warnf(r->warn, r->payload, r->in->path, line, "record NEWID %s: %s; skipped", newid, what);
    else
        pc_reader_warnf(r->warn, r->payload, r->in->path, line, "record without NEWID: %s; skipped", what);
}

/* The category lists, as "place:usa; topic:earn" in this order. */
static const struct {
    const char *element;
    const char *key;
} categories[] = {{"PLACES", "place"}, {"TOPICS", "topic"}, {"PEOPLE", "person"},
                  {"ORGS", "org"},     {"EXCHANGES", "exchange"}, {"COMPANIES", "company"}};

/* Reads one record [rec, rec_end) (from its '<' to its "</REUTERS>"). Returns 0 when an article was made
 * (in *a), 1 when the record was skipped (warned), PC_ENOMEM. */
static int read_record(sgml_reader *r, const char *rec, const char *rec_end, long line, pc_article *a)
{
    const char *gt = tag_end(rec, rec_end);
    char newid[NEWID_MAX_BYTES + 1] = "";
    const char *v;
    size_t vlen;
    if (gt && find_attribute(rec + 8, gt, "NEWID", &v, &vlen) && vlen > 0 && vlen <= NEWID_MAX_BYTES) {
        memcpy(newid, v, vlen);
        newid[vlen] = '\0';
    }
    if (!gt) {
        warn_record(r, line, newid, "the <REUTERS> tag is not closed with '>'");
        return 1;
    }
    if (!newid[0]) {
        warn_record(r, line, NULL, "no NEWID attribute in the <REUTERS> tag");
        return 1;
    }
    const char *inner = gt + 1;

    element text;
    element_found f = find_element(inner, rec_end, "TEXT", &text);
    if (f == ELEMENT_BROKEN) {
        warn_record(r, line, newid, "broken <TEXT> element (tag not closed, or no </TEXT>)");
        return 1;
    }
    if (f == ELEMENT_ABSENT) {
        warn_record(r, line, newid, "no <TEXT> element");
        return 1;
    }
    const char *head_end = text.open; /* DATE and the category lists come before TEXT */

    /* title, dateline and body inside TEXT */
    pc_strbuf_reset(&r->title);
    pc_strbuf_reset(&r->body);
    element title, dateline, body;
    static const char *const parts[] = {"TITLE", "DATELINE", "BODY"};
    element *els[] = {&title, &dateline, &body};
    element_found found[3];
    for (int i = 0; i < 3; i++) {
        found[i] = find_element(text.content, text.content_end, parts[i], els[i]);
        if (found[i] == ELEMENT_BROKEN) {
            char what[80];
            snprintf(what, sizeof what, "broken <%s> element (tag not closed, or no </%s>)", parts[i], parts[i]);
            warn_record(r, line, newid, what);
            return 1;
        }
    }
    if (found[0] == ELEMENT_FOUND)
        add_inline(&r->title, &r->scratch, title.content, (size_t)(title.content_end - title.content), true);

    layout lo = {&r->body, false};
    if (found[2] == ELEMENT_FOUND) {
        if (found[1] == ELEMENT_FOUND) {
            /* the dateline opens the first paragraph: "SALVADOR, Feb 26 - Showers continued ..." */
            add_inline(&r->body, &r->scratch, dateline.content, (size_t)(dateline.content_end - dateline.content), false);
            lo.open = r->body.len != 0;
        }
        size_t before = r->body.len;
        pc_strbuf_reset(&r->scratch);
        add_decoded(&r->scratch, body.content, (size_t)(body.content_end - body.content));
        if (r->scratch.data) {
            /* the first body line continues the dateline even when indented */
            const char *s = r->scratch.data;
            size_t n = r->scratch.len;
            while (n && (*s == ' ' || *s == '\t')) {
                s++;
                n--;
            }
            layout_text(&lo, s, n);
        }
        while (r->body.len && drop_signoff(&r->body, false)) /* some end "REUTER" then " Reuter" */
            ;
        if (r->body.len <= before && before) /* nothing but the sign-off: no text */
            pc_strbuf_reset(&r->body);
    } else if (found[0] != ELEMENT_FOUND) {
        /* TYPE="UNPROC": the whole text of TEXT is the body */
        pc_strbuf_reset(&r->scratch);
        add_decoded(&r->scratch, text.content, (size_t)(text.content_end - text.content));
        if (r->scratch.data)
            layout_text(&lo, r->scratch.data, r->scratch.len);
        while (r->body.len && drop_signoff(&r->body, false))
            ;
    }
    if (r->body.len == 0 && r->title.len) {
        /* TYPE="BRIEF" (a headline only, the rest "Blah blah blah."): the title is the body too */
        pc_strbuf_add(&r->body, r->title.data, r->title.len);
    }
    if (r->title.failed || r->body.failed || r->scratch.failed)
        return PC_ENOMEM;
    if (r->body.len == 0) {
        warn_record(r, line, newid, "no title and no text");
        return 1;
    }

    /* category tags */
    pc_strbuf_reset(&r->tags);
    for (size_t c = 0; c < sizeof categories / sizeof *categories; c++) {
        element list;
        if (find_element(inner, head_end, categories[c].element, &list) != ELEMENT_FOUND)
            continue;
        const char *p = list.content;
        element d;
        while (find_element(p, list.content_end, "D", &d) == ELEMENT_FOUND) {
            size_t mark = r->tags.len;
            if (r->tags.len)
                pc_strbuf_add(&r->tags, "; ", 2);
            pc_strbuf_add(&r->tags, categories[c].key, strlen(categories[c].key));
            pc_strbuf_add(&r->tags, ":", 1);
            size_t value_at = r->tags.len;
            add_inline(&r->tags, &r->scratch, d.content, (size_t)(d.content_end - d.content), false);
            if (r->tags.len == value_at) { /* <D></D>: nothing */
                r->tags.len = mark;
                if (r->tags.data)
                    r->tags.data[mark] = '\0';
            }
            p = d.after;
        }
    }
    if (r->tags.failed)
        return PC_ENOMEM;

    memset(a, 0, sizeof *a);
    a->title = sbuf_copy(&r->title);
    a->body = sbuf_copy(&r->body);
    a->body_len = r->body.len;
    a->tags = sbuf_copy(&r->tags);
    a->source = strdup(SGML_SOURCE);
    a->lang = strdup(SGML_LANG);
    size_t record_len = strlen("NEWID ") + strlen(newid) + 1;
    a->record = malloc(record_len);
    if (a->record)
        snprintf(a->record, record_len, "NEWID %s", newid);
    if ((r->title.len && !a->title) || !a->body || (r->tags.len && !a->tags) || !a->source || !a->lang || !a->record)
        return PC_ENOMEM;

    /* the date: the first word of <DATE>, "26-FEB-1987" (a time, a comment may follow) */
    element date;
    if (find_element(inner, head_end, "DATE", &date) == ELEMENT_FOUND) {
        pc_strbuf_reset(&r->scratch);
        add_decoded(&r->scratch, date.content, (size_t)(date.content_end - date.content));
        if (r->scratch.failed)
            return PC_ENOMEM;
        const char *s = r->scratch.data ? r->scratch.data : "";
        while (*s && is_space(*s))
            s++;
        size_t n = 0;
        while (s[n] && !is_space(s[n]))
            n++;
        char why[200] = "";
        int rc = n ? pc_article_set_field(a, PC_FIELD_DATE, s, n, why, sizeof why) : 0;
        if (rc == PC_ENOMEM)
            return rc;
        if (rc == 1)
            pc_reader_warnf(r->warn, r->payload, r->in->path, line, "record NEWID %s: %s", newid, why);
    }
    return 0;
}

/* The next "<REUTERS" start tag in [s, end), or NULL. */
static const char *next_record(const char *s, const char *end)
{
    return find_tag(s, end, "REUTERS", false);
}

int pc_read_sgml(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    if (!in || !sink || (!in->text && in->text_len))
        return pc_error_set(err, PC_EINVAL, "sgml reader: no input text or no article sink");
    const char *text = in->text ? in->text : "";
    const char *end = text + in->text_len;
    sgml_reader r = {0};
    r.in = in;
    r.warn = warn;
    r.payload = payload;

    int result = 0;
    long line = 1;
    const char *counted = text; /* line is the number of the line holding `counted` */
    const char *rec = next_record(text, end);
    while (rec) {
        for (const char *nl; (nl = memchr(counted, '\n', (size_t)(rec - counted))) != NULL; counted = nl + 1)
            line++;
        counted = rec;
        const char *close = find_tag(rec + 1, end, "REUTERS", true);
        const char *next = next_record(rec + 1, end);
        if (!close || (next && next < close)) {
            /* no </REUTERS> before the next record or the end of the file */
            const char *gt = tag_end(rec, next ? next : end);
            char newid[NEWID_MAX_BYTES + 1] = "";
            const char *v;
            size_t vlen;
            if (gt && find_attribute(rec + 8, gt, "NEWID", &v, &vlen) && vlen > 0 && vlen <= NEWID_MAX_BYTES) {
                memcpy(newid, v, vlen);
                newid[vlen] = '\0';
            }
            warn_record(&r, line, newid,
                        next ? "no </REUTERS> before the next <REUTERS>" : "no </REUTERS> before the end of the file");
            rec = next;
            continue;
        }
        pc_article a = {0};
        int rc = read_record(&r, rec, close, line, &a);
        if (rc == 0)
            rc = sink(payload, &a);
        else if (rc == 1)
            rc = 0;
        pc_article_clear(&a);
        if (rc == PC_ENOMEM) {
            result = pc_error_set(err, PC_ENOMEM, "out of memory reading the records");
            break;
        }
        if (rc != 0) {
            result = rc; /* the sink asked to stop */
            break;
        }
        const char *gt = tag_end(close, end);
        rec = next_record(gt ? gt + 1 : close + 1, end);
    }
    free(r.title.data);
    free(r.body.data);
    free(r.tags.data);
    free(r.scratch.data);
    return result;
}
