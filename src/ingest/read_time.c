/* read_time.c — the `time` reader: the TIME magazine test collection (TIME.ALL, 1963), records that start
 * with a "*TEXT 017 01/04/63 PAGE 020" header line and end at the next header or a "*STOP" line. The rules
 * are in include/presscut/ingest/reader.h (pc_read_time). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/ingest/reader.h"
#include "presscut/core/strbuf.h"

#define TIME_SOURCE "TIME"
#define TIME_LANG "en"
#define NUMBER_MAX_DIGITS 9

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A header line, read. */
typedef struct time_header {
    char number[NUMBER_MAX_DIGITS + 1]; /* "017", as written */
    char date[11];                      /* "1963-01-04", or "" when it cannot be read */
    long page;                          /* -1 when absent */
} time_header;

/* Reads 1..max digits at *p (bounded by end) into *value; false when there are none. */
static bool read_number(const char **p, const char *end, int max, long *value, int *digits)
{
    const char *s = *p;
    long v = 0;
    int n = 0;
    while (s < end && is_digit(*s) && n < max) {
        v = v * 10 + (*s - '0');
        s++;
        n++;
    }
    if (n == 0 || (s < end && is_digit(*s)))
        return false;
    *p = s;
    *value = v;
    if (digits)
        *digits = n;
    return true;
}

static void skip_blanks(const char **p, const char *end)
{
    while (*p < end && is_blank(**p))
        (*p)++;
}

/* Passes the separator between the parts of a date: a slash or a run of blanks; false when neither is there. */
static bool skip_date_separator(const char **p, const char *end)
{
    if (*p < end && **p == '/')
        (*p)++;
    else if (*p < end && is_blank(**p))
        skip_blanks(p, end);
    else
        return false;
    return true;
}

/* The date "mm/dd/yy" (a blank may stand for a slash: "08/30 63"; the year may have four digits; two-digit
 * years are 19yy) into iso; false when it is not a real date. */
static bool read_date(const char **p, const char *end, char iso[11])
{
    const char *s = *p;
    long month, day, year;
    int year_digits;
    if (!read_number(&s, end, 2, &month, NULL) || !skip_date_separator(&s, end) ||
        !read_number(&s, end, 2, &day, NULL) || !skip_date_separator(&s, end))
        return false;
    if (!read_number(&s, end, 4, &year, &year_digits) || (year_digits != 2 && year_digits != 4))
        return false;
    if (year_digits == 2)
        year += 1900;
    static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > days_in[month - 1] || (month == 2 && day == 29 && !leap))
        return false;
    char buf[64]; /* the values are checked above; the compiler cannot tell, so format into room and copy */
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", year % 10000, month % 13, day % 32);
    memcpy(iso, buf, 11);
    *p = s;
    return true;
}

/* Reads the header line [s, end) (it starts with "*TEXT"). Returns false when it has no text number: the
 * record cannot be named. A date that cannot be read leaves h->date empty. */
static bool read_header(const char *s, const char *end, time_header *h)
{
    memset(h, 0, sizeof *h);
    h->page = -1;
    const char *p = s + 5; /* "*TEXT" */
    skip_blanks(&p, end);
    const char *num = p;
    while (p < end && is_digit(*p))
        p++;
    size_t n = (size_t)(p - num);
    if (n == 0 || n > NUMBER_MAX_DIGITS || (p < end && !is_blank(*p)))
        return false;
    memcpy(h->number, num, n);
    h->number[n] = '\0';
    skip_blanks(&p, end);
    if (!read_date(&p, end, h->date))
        h->date[0] = '\0';
    skip_blanks(&p, end);
    if (end - p >= 4 && memcmp(p, "PAGE", 4) == 0) {
        p += 4;
        skip_blanks(&p, end);
        long page;
        if (read_number(&p, end, 6, &page, NULL))
            h->page = page;
    }
    return true;
}

typedef struct time_reader {
    const pc_reader_input *in;
    pc_warn_fn warn;
    void *payload;
    pc_strbuf body;
} time_reader;

static void warn_at(time_reader *r, long line, const char *msg)
{
    if (r->warn)
        r->warn(r->payload, r->in->path, line, msg);
}

/* Appends one text line to the body: trimmed, runs of blanks made one space, joined to the previous line by
 * a space, or by nothing after a word broken at a hyphen ("MISSILE-" + "PACKING"). */
static void add_line(pc_strbuf *b, const char *s, const char *end)
{
    while (s < end && is_blank(*s))
        s++;
    while (end > s && is_blank(end[-1]))
        end--;
    if (s == end)
        return;
    if (b->len && !(b->len >= 2 && b->data[b->len - 1] == '-' && is_letter(b->data[b->len - 2])))
        pc_strbuf_add(b, " ", 1);
    while (s < end) {
        const char *run = s;
        while (run < end && !is_blank(*run))
            run++;
        pc_strbuf_add(b, s, (size_t)(run - s));
        s = run;
        while (s < end && is_blank(*s))
            s++;
        if (s < end)
            pc_strbuf_add(b, " ", 1);
    }
}

/* Makes the article of one record and gives it to the sink. Returns 0, the sink's value, or PC_ENOMEM. */
static int emit(time_reader *r, const time_header *h, long ordinal, long line, pc_article_sink sink)
{
    if (r->body.failed)
        return PC_ENOMEM;
    if (r->body.len == 0) {
        char msg[120];
        snprintf(msg, sizeof msg, "record TEXT %s has no text; skipped", h->number);
        warn_at(r, line, msg);
        return 0;
    }
    pc_article a = {0};
    a.body = malloc(r->body.len + 1);
    if (a.body) {
        memcpy(a.body, r->body.data, r->body.len + 1);
        a.body_len = r->body.len;
    }
    a.source = strdup(TIME_SOURCE);
    a.lang = strdup(TIME_LANG);
    char buf[80];
    snprintf(buf, sizeof buf, "TEXT %s", h->number);
    a.record = strdup(buf);
    if (h->page >= 0)
        snprintf(buf, sizeof buf, "doc:%ld; page:%ld", ordinal, h->page);
    else
        snprintf(buf, sizeof buf, "doc:%ld", ordinal);
    a.tags = strdup(buf);
    if (h->date[0])
        a.published = strdup(h->date);
    int rc = 0;
    if (!a.body || !a.source || !a.lang || !a.record || !a.tags || (h->date[0] && !a.published))
        rc = PC_ENOMEM;
    else
        rc = sink(r->payload, &a);
    pc_article_clear(&a);
    return rc;
}

int pc_read_time(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    if (!in || !sink || (!in->text && in->text_len))
        return pc_error_set(err, PC_EINVAL, "time reader: no input text or no article sink");
    const char *text = in->text ? in->text : "";
    const char *end = text + in->text_len;
    time_reader r = {0};
    r.in = in;
    r.warn = warn;
    r.payload = payload;

    time_header h;
    bool in_record = false;   /* reading the text of a good record */
    bool skipping = false;    /* reading the text of a record with a bad header */
    bool warned_before = false;
    long ordinal = 0, header_line = 0, line = 0;
    int rc = 0;
    const char *s = text;
    while (s < end && rc == 0) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *line_end = nl ? nl : end;
        line++;
        const char *t = s;
        while (t < line_end && is_blank(*t))
            t++;
        bool header = line_end - t >= 5 && memcmp(t, "*TEXT", 5) == 0 && (line_end - t == 5 || is_blank(t[5]) || is_digit(t[5]));
        bool stop = line_end - t >= 5 && memcmp(t, "*STOP", 5) == 0;
        if (header || stop) {
            if (in_record)
                rc = emit(&r, &h, ordinal, header_line, sink);
            in_record = skipping = false;
            r.body.len = 0;
            if (stop || rc != 0)
                break;
            ordinal++;
            header_line = line;
            if (read_header(t, line_end, &h)) {
                in_record = true;
                if (!h.date[0]) {
                    char msg[160];
                    snprintf(msg, sizeof msg, "record TEXT %s: date in '%.*s' not understood; left empty", h.number,
                             (int)(line_end - t > 60 ? 60 : line_end - t), t);
                    warn_at(&r, line, msg);
                }
            } else {
                char msg[160];
                snprintf(msg, sizeof msg, "malformed header '%.*s' (expected '*TEXT nnn mm/dd/yy PAGE nnn'); record skipped",
                         (int)(line_end - t > 60 ? 60 : line_end - t), t);
                warn_at(&r, line, msg);
                skipping = true;
            }
        } else if (in_record) {
            add_line(&r.body, s, line_end);
        } else if (!skipping && !warned_before && t < line_end) {
            warn_at(&r, line, "text before the first *TEXT header; ignored");
            warned_before = true;
        }
        s = nl ? nl + 1 : end;
    }
    if (rc == 0 && in_record)
        rc = emit(&r, &h, ordinal, header_line, sink);
    free(r.body.data);
    if (rc == PC_ENOMEM)
        return pc_error_set(err, PC_ENOMEM, "out of memory reading the records");
    return rc;
}
