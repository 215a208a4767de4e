/* unwrap.c — hard-wrapped lines of article bodies joined back into paragraphs (rules in
 * include/presscut/ingest/unwrap.h). */
#include "presscut/ingest/unwrap.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/error.h"
#include "presscut/core/utf8.h"

enum {
    WRAP_MIN_CHARS = 50,   /* wrapped lines are mostly this long... */
    WRAP_MAX_CHARS = 90,   /* ...to this long */
    WRAP_LIMIT_CHARS = 100 /* and never longer than this */
};

/* One non-blank line of the body, trimmed. */
typedef struct body_line {
    size_t start, end;
    size_t chars;    /* UTF-8 characters */
    bool gap_before; /* a blank line lies between it and the line before */
} body_line;

bool pc_unwrap_ends_sentence(const char *s, size_t len)
{
    while (len > 0) {
        size_t start = len - 1;
        while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80)
            start--;
        unsigned int cp = 0;
        pc_utf8_next(s + start, len - start, &cp);
        bool closing = cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
                       cp == 0xBB || cp == 0x201C;
        if (!closing)
            return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':';
        len = start;
    }
    return false;
}

bool pc_unwrap_starts_list_item(const char *s, size_t len)
{
    static const char *const marks[] = {"- ", "* ", "+ ", "\xE2\x80\xA2 ", "\xE2\x80\x93 ", "\xE2\x80\x94 ",
                                        "\xC2\xB7 ", "\xE2\x96\xAA "};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t n = strlen(marks[i]);
        if (len > n && memcmp(s, marks[i], n) == 0)
            return true;
    }
    size_t digits = 0;
    while (digits < len && digits < 3 && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    return digits >= 1 && digits <= 2 && digits + 2 < len && (s[digits] == '.' || s[digits] == ')') &&
           s[digits + 1] == ' ';
}

/* The non-blank lines of the body, trimmed, in *out (malloc'd; *out NULL when there are none). */
static int split_lines(const char *body, size_t len, body_line **out, size_t *n_out)
{
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += body[i] == '\n';
    body_line *lines = malloc(count * sizeof *lines);
    if (!lines)
        return PC_ENOMEM;
    size_t n = 0, line_start = 0;
    bool gap = false;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && body[i] != '\n')
            continue;
        size_t s = line_start, e = i, step;
        while (s < e && (step = pc_utf8_space_len(body + s, e - s)) != 0)
            s += step;
        while (e > s) {
            size_t back = 0;
            for (size_t k = 1; k <= 3 && k <= e - s && back == 0; k++)
                if (pc_utf8_space_len(body + e - k, k) == k)
                    back = k;
            if (back == 0)
                break;
            e -= back;
        }
        line_start = i + 1;
        if (s == e) {
            gap = n > 0;
            continue;
        }
        lines[n++] = (body_line){.start = s, .end = e, .chars = pc_utf8_count_chars(body + s, e - s), .gap_before = gap};
        gap = false;
    }
    *out = lines;
    *n_out = n;
    return PC_OK;
}

/* Whether the lines [from, to) are hard-wrapped text (the rule in unwrap.h). */
static bool looks_wrapped(const char *body, const body_line *lines, size_t from, size_t to)
{
    size_t n = to - from;
    if (n < PC_UNWRAP_MIN_LINES)
        return false;
    size_t in_range = 0, sentence_ends = 0, list_items = 0;
    for (size_t i = from; i < to; i++) {
        const body_line *l = &lines[i];
        if (l->chars > WRAP_LIMIT_CHARS)
            return false;
        if (pc_unwrap_starts_list_item(body + l->start, l->end - l->start) && ++list_items > 1)
            return false;
        if (i + 1 == to)
            break;
        in_range += l->chars >= WRAP_MIN_CHARS && l->chars <= WRAP_MAX_CHARS;
        sentence_ends += pc_unwrap_ends_sentence(body + l->start, l->end - l->start);
    }
    return in_range * 2 > n - 1 && sentence_ends * 2 < n - 1;
}

/* Whether the line ends with a word broken at a hyphen: a letter, then "-". */
static bool hyphenated_end(const char *body, const body_line *l)
{
    size_t len = l->end - l->start;
    if (len < 2 || body[l->end - 1] != '-')
        return false;
    unsigned char c = (unsigned char)body[l->end - 2];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Appends the block [from, to) to out at *o: lines joined by "\n" when not wrapped, else rejoined. Returns the
 * number of line breaks removed. */
static size_t write_block(const char *body, const body_line *lines, size_t from, size_t to, bool wrapped, char *out,
                          size_t *o)
{
    size_t widest = 0, joined = 0;
    for (size_t i = from; i < to; i++)
        if (lines[i].chars > widest)
            widest = lines[i].chars;
    for (size_t i = from; i < to; i++) {
        const body_line *l = &lines[i];
        if (i > from) {
            const body_line *prev = &lines[i - 1];
            const char *sep = "\n";
            if (wrapped) {
                bool paragraph_end = pc_unwrap_ends_sentence(body + prev->start, prev->end - prev->start) &&
                                     prev->chars * 4 < widest * 3;
                sep = paragraph_end ? "\n\n" : hyphenated_end(body, prev) ? "" : " ";
                joined += !paragraph_end;
            }
            memcpy(out + *o, sep, strlen(sep));
            *o += strlen(sep);
        }
        memcpy(out + *o, body + l->start, l->end - l->start);
        *o += l->end - l->start;
    }
    return joined;
}

/* The end of the block that starts at line from. */
static size_t block_end(const body_line *lines, size_t n, size_t from, bool one_block)
{
    if (one_block)
        return n;
    size_t to = from + 1;
    while (to < n && !lines[to].gap_before)
        to++;
    return to;
}

int pc_unwrap_body(pc_article *article, size_t *joined)
{
    if (joined)
        *joined = 0;
    if (!article || !article->body)
        return PC_OK;
    const char *body = article->body;
    body_line *lines = NULL;
    size_t n = 0;
    if (split_lines(body, article->body_len, &lines, &n) != PC_OK)
        return PC_ENOMEM;
    bool double_spaced = n >= PC_UNWRAP_MIN_LINES;
    for (size_t i = 1; i < n && double_spaced; i++)
        double_spaced = lines[i].gap_before;
    bool any_wrapped = false;
    for (size_t from = 0; from < n && !any_wrapped; from = block_end(lines, n, from, double_spaced))
        any_wrapped = looks_wrapped(body, lines, from, block_end(lines, n, from, double_spaced));
    if (!any_wrapped) {
        free(lines);
        return PC_OK;
    }
    /* each separator grows by one byte at most (a "\n" made a paragraph end) */
    char *out = malloc(article->body_len + n + 1);
    if (!out) {
        free(lines);
        return PC_ENOMEM;
    }
    size_t o = 0, removed = 0;
    for (size_t from = 0, to; from < n; from = to) {
        to = block_end(lines, n, from, double_spaced);
        if (from > 0) {
            memcpy(out + o, "\n\n", 2);
            o += 2;
        }
        removed += write_block(body, lines, from, to, looks_wrapped(body, lines, from, to), out, &o);
    }
    out[o] = '\0';
    free(lines);
    free(article->body);
    article->body = out;
    article->body_len = o;
    if (joined)
        *joined = removed;
    return PC_OK;
}
