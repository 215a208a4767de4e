/* snippet.c — the snippet window of include/presscut/search/snippet.h: the part of a passage around the densest
 * cluster of matches, cut on white space.
 *
 * Everything works on byte offsets and counts characters as it goes (no allocation, so choosing never
 * fails). A "word" here is a run of characters between white space (pc_utf8_space_len), punctuation
 * included: "Ukraine," is one word. A character is a well-formed UTF-8 sequence or one bad byte. */
#include "presscut/search/snippet.h"

#include <stdint.h>
#include <string.h>

#include "presscut/core/utf8.h"

/* The length of the character at t[pos] (end > pos): a well-formed UTF-8 sequence, or 1 for a bad byte. */
static size_t char_len(const char *t, size_t pos, size_t end)
{
    uint32_t cp;
    int n = pc_utf8_decode((const unsigned char *)t + pos, end - pos, &cp);
    return n > 0 ? (size_t)n : 1;
}

/* The length of a white-space character that ends exactly at t[pos] (and starts at or after lo), or 0. */
static size_t space_ending_at(const char *t, size_t lo, size_t pos)
{
    for (size_t n = 1; n <= 3 && n <= pos - lo; n++)
        if (pc_utf8_space_len(t + pos - n, n) == n)
            return n;
    return 0;
}

static bool space_at(const char *t, size_t pos, size_t end)
{
    return pos < end && pc_utf8_space_len(t + pos, end - pos) > 0;
}

/* The position `count` characters after pos, or end when the text ends first. */
static size_t advance(const char *t, size_t pos, size_t end, size_t count)
{
    while (count > 0 && pos < end) {
        pos += char_len(t, pos, end);
        count--;
    }
    return pos;
}

/* The number of characters in [a, b), counting no further than limit + 1 (so "more than limit" is cheap). */
static size_t count_chars(const char *t, size_t a, size_t b, size_t limit)
{
    size_t n = 0;
    while (a < b && n <= limit) {
        a += char_len(t, a, b);
        n++;
    }
    return n;
}

/* The span cursor: walks the spans in order, skipping those that are empty, outside [lo, hi) or overlap
 * the previous accepted one, so that two cursors see the same sequence. */
typedef struct span_cursor {
    const pc_span *spans;
    size_t n, i;     /* i: the index of the current span (n when done) */
    size_t prev_end; /* end of the last accepted span */
    size_t lo, hi;
} span_cursor;

static bool span_ok(const span_cursor *c, size_t i)
{
    const pc_span *s = &c->spans[i];
    return s->start < s->end && s->start >= c->lo && s->end <= c->hi && s->start >= c->prev_end;
}

/* Moves to the first acceptable span at or after index i. */
static void cursor_seek(span_cursor *c, size_t i)
{
    while (i < c->n && !span_ok(c, i))
        i++;
    c->i = i;
}

static void cursor_init(span_cursor *c, const pc_span *spans, size_t n, size_t lo, size_t hi)
{
    c->spans = spans;
    c->n = spans ? n : 0;
    c->prev_end = lo;
    c->lo = lo;
    c->hi = hi;
    cursor_seek(c, 0);
}

static void cursor_next(span_cursor *c)
{
    if (c->i >= c->n)
        return;
    c->prev_end = c->spans[c->i].end;
    cursor_seek(c, c->i + 1);
}

/* The start of the word that holds t[pos], not before lo; scans back at most `budget` bytes and returns
 * SIZE_MAX when the word is longer than that. */
static size_t word_start(const char *t, size_t lo, size_t pos, size_t budget)
{
    size_t p = pos;
    while (p > lo && space_ending_at(t, lo, p) == 0) {
        if (pos - p > budget)
            return SIZE_MAX;
        p--;
    }
    return p;
}

/* The end of the word that holds the byte before pos, not after hi; scans at most `budget` bytes forward
 * (SIZE_MAX beyond that). */
static size_t word_end(const char *t, size_t pos, size_t hi, size_t budget)
{
    size_t p = pos;
    while (p < hi && !space_at(t, p, hi)) {
        if (p - pos > budget)
            return SIZE_MAX;
        p += char_len(t, p, hi);
    }
    return p;
}

/* The word-aligned extent of span *s, or false when its words are too long to fit in max characters. */
static bool span_words(const char *t, size_t lo, size_t hi, const pc_span *s, size_t max, size_t *ws,
                       size_t *we)
{
    size_t budget = max * 4 + 4; /* a character is at most 4 bytes */
    *ws = word_start(t, lo, s->start, budget);
    *we = word_end(t, s->end, hi, budget);
    return *ws != SIZE_MAX && *we != SIZE_MAX;
}

/* Trims white space inward from both ends of [*a, *b). */
static void trim(const char *t, size_t *a, size_t *b)
{
    size_t n;
    while (*a < *b && (n = pc_utf8_space_len(t + *a, *b - *a)) > 0)
        *a += n;
    while (*b > *a && (n = space_ending_at(t, *a, *b)) > 0)
        *b -= n;
}

/* The start of the word before position p (a word start, or lo), with the white space between them, or
 * SIZE_MAX when there is none or it is longer than `budget` bytes. */
static size_t word_before(const char *t, size_t lo, size_t p, size_t budget)
{
    size_t n, q = p;
    while (q > lo && (n = space_ending_at(t, lo, q)) > 0)
        q -= n;
    if (q == lo || p - q > budget)
        return SIZE_MAX;
    size_t s = word_start(t, lo, q, budget);
    return s == SIZE_MAX || p - s > budget ? SIZE_MAX : s;
}

/* The end of the word after position q (a word end, or hi), with the white space between them, or SIZE_MAX
 * when there is none or it is longer than `budget` bytes. */
static size_t word_after(const char *t, size_t q, size_t hi, size_t budget)
{
    size_t p = q;
    while (p < hi && space_at(t, p, hi))
        p += pc_utf8_space_len(t + p, hi - p);
    if (p == hi || p - q > budget)
        return SIZE_MAX;
    size_t e = word_end(t, p, hi, budget);
    return e == SIZE_MAX || e - q > budget ? SIZE_MAX : e;
}

/* Widens the cluster [cs, ce) (w characters, whole words) word by word up to max characters, adding on the
 * side that has less so far (the cluster stays centred) and on the other side when that word does not fit. */
static void widen(const char *t, size_t lo, size_t hi, size_t cs, size_t ce, size_t w, size_t max, size_t *a,
                  size_t *b)
{
    size_t budget = max * 4 + 4;
    size_t left = 0, right = 0; /* characters added on each side */
    bool left_open = true, right_open = true;
    while (left_open || right_open) {
        bool try_left = left_open && (!right_open || left <= right);
        size_t room = max - w;
        if (try_left) {
            size_t s = word_before(t, lo, cs, budget);
            size_t n = s == SIZE_MAX ? SIZE_MAX : count_chars(t, s, cs, room);
            if (n > room) {
                left_open = false;
                continue;
            }
            cs = s;
            w += n;
            left += n;
        } else {
            size_t e = word_after(t, ce, hi, budget);
            size_t n = e == SIZE_MAX ? SIZE_MAX : count_chars(t, ce, e, room);
            if (n > room) {
                right_open = false;
                continue;
            }
            ce = e;
            w += n;
            right += n;
        }
    }
    *a = cs;
    *b = ce;
}

void pc_snippet_choose(const char *text, size_t len, const pc_span *spans, size_t n_spans, size_t max_chars,
                       pc_snippet *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0)
        return;
    size_t lo = 0, hi = len;
    trim(text, &lo, &hi);
    out->start = lo;
    out->end = hi;
    if (max_chars == 0 || count_chars(text, lo, hi, max_chars) <= max_chars)
        return;

    /* The densest cluster: for each first span, as many following spans as fit with their whole words.
     * Two cursors: `first` and `next` (the first span not in the cluster); both only move forward. */
    size_t best_count = 0, best_ws = 0, best_we = 0, best_w = 0;
    span_cursor first, next;
    cursor_init(&first, spans, n_spans, lo, hi);
    next = first;
    size_t count = 0, last_we = 0;
    while (first.i < first.n) {
        size_t ws, we;
        if (!span_words(text, lo, hi, &spans[first.i], max_chars, &ws, &we) ||
            count_chars(text, ws, we, max_chars) > max_chars) {
            /* this span's words alone are longer than the window: no cluster starts here */
            cursor_next(&first);
            count = 0;
            continue;
        }
        if (count == 0) {
            next = first;
            cursor_next(&next);
            count = 1;
            last_we = we;
        }
        while (next.i < next.n) {
            size_t nws, nwe;
            if (!span_words(text, lo, hi, &spans[next.i], max_chars, &nws, &nwe) ||
                count_chars(text, ws, nwe, max_chars) > max_chars)
                break;
            last_we = nwe;
            cursor_next(&next);
            count++;
        }
        if (count > best_count) {
            best_count = count;
            best_ws = ws;
            best_we = last_we;
            best_w = count_chars(text, ws, last_we, max_chars);
        }
        cursor_next(&first);
        count--;
    }

    size_t a, b;
    if (best_count > 0) {
        widen(text, lo, hi, best_ws, best_we, best_w, max_chars, &a, &b);
    } else {
        span_cursor c;
        cursor_init(&c, spans, n_spans, lo, hi);
        if (c.i < c.n) {
            /* the only matches sit in words longer than the window: cut at characters around the first */
            const pc_span *s = &spans[c.i];
            size_t w = count_chars(text, s->start, s->end, max_chars);
            size_t before = w < max_chars ? (max_chars - w) / 2 : 0;
            size_t avail = count_chars(text, lo, s->start, SIZE_MAX - 1);
            a = advance(text, lo, s->start, avail - (before < avail ? before : avail));
            b = advance(text, a, hi, max_chars);
        } else {
            /* no match: the start of the text */
            widen(text, lo, hi, lo, lo, 0, max_chars, &a, &b);
            if (b == lo) /* the first word is longer than the window */
                b = advance(text, lo, hi, max_chars);
        }
        trim(text, &a, &b);
    }
    out->start = a;
    out->end = b;
    out->cut_before = a > lo;
    out->cut_after = b < hi;
}
