/* passage.c — cuts an article body into passages: paragraphs (ended by line breaks), short ones merged,
 * long ones split at ICU sentence boundaries and, for a single over-long sentence, at word boundaries.
 * See include/presscut/ingest/passage.h for the contract. */
#include "presscut/ingest/passage.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>

#include "presscut/core/array.h"
#include "presscut/text/text_decode.h"

/* A piece of the body with its word count: a paragraph, a group of sentences, or a passage. */
typedef struct piece {
    size_t start, end, words;
} piece;

typedef struct piece_list {
    piece *v;
    size_t n, cap;
} piece_list;

typedef struct splitter {
    const char *body;
    const char *lang;
    UBreakIterator *sentences; /* opened on the first long paragraph */
    UChar *utf16;              /* the window of the paragraph being split, reused */
    size_t utf16_cap;
    piece_list units;          /* paragraphs and parts of long paragraphs, in order */
    piece_list scratch;        /* the sentences of one window of a long paragraph */
    pc_error *err;
} splitter;

static bool push_piece(piece_list *l, size_t start, size_t end, size_t words)
{
    piece *v = pc_array_reserve(l->v, &l->cap, l->n + 1, sizeof *v, 32);
    if (!v)
        return false;
    l->v = v;
    l->v[l->n++] = (piece){start, end, words};
    return true;
}

/* pc_utf8_space_len with the common case (a visible ASCII character) answered here. */
static inline size_t space_at(const char *s, size_t len)
{
    unsigned char b = (unsigned char)s[0];
    if (b > 0x20 && b < 0x80)
        return 0;
    return pc_utf8_space_len(s, len);
}

static size_t trailing_space_len(const char *s, size_t len)
{
    for (size_t n = 1; n <= 3 && n <= len; n++)
        if (pc_utf8_space_len(s + len - n, n) == n)
            return n;
    return 0;
}

/* Narrows [*start, *end) of text so that it neither starts nor ends with white space. */
static void trim_span(const char *text, size_t *start, size_t *end)
{
    size_t n;
    while (*start < *end && (n = pc_utf8_space_len(text + *start, *end - *start)) != 0)
        *start += n;
    while (*end > *start && (n = trailing_space_len(text + *start, *end - *start)) != 0)
        *end -= n;
}

size_t pc_count_words(const char *text, size_t len)
{
    size_t words = 0, i = 0;
    bool in_word = false;
    while (i < len) {
        size_t n = space_at(text + i, len - i);
        if (n) {
            in_word = false;
            i += n;
            continue;
        }
        if (!in_word)
            words++;
        in_word = true;
        i++;
    }
    return words;
}

/* Splits one sentence of more than MAX words at word boundaries into pieces of about equal size. */
static bool split_words(splitter *sp, size_t start, size_t end, size_t words)
{
    size_t parts = (words + PC_PASSAGE_MAX_WORDS - 1) / PC_PASSAGE_MAX_WORDS;
    size_t per_part = (words + parts - 1) / parts;
    const char *t = sp->body;
    size_t i = start, piece_start = start, in_piece = 0;
    while (i < end) {
        size_t n = space_at(t + i, end - i);
        if (n) {
            i += n;
            continue;
        }
        /* a word starts at i */
        if (in_piece == per_part) {
            size_t piece_end = i;
            trim_span(t, &piece_start, &piece_end);
            if (!push_piece(&sp->units, piece_start, piece_end, in_piece))
                return false;
            piece_start = i;
            in_piece = 0;
        }
        in_piece++;
        while (i < end && space_at(t + i, end - i) == 0)
            i++;
    }
    size_t piece_end = end;
    trim_span(t, &piece_start, &piece_end);
    return in_piece == 0 || push_piece(&sp->units, piece_start, piece_end, in_piece);
}

/* Opening a sentence iterator with abbreviation suppressions ("@ss=standard") builds the suppression list
 * each time, which costs more than splitting a whole article. So one iterator per locale is kept as a
 * template, and each call works on a clone. */
#define TEMPLATE_CACHE_SIZE 32

typedef struct iterator_template {
    char locale[48];
    UBreakIterator *iterator;
} iterator_template;

static iterator_template template_cache[TEMPLATE_CACHE_SIZE];
static size_t template_count;
static pthread_mutex_t template_lock = PTHREAD_MUTEX_INITIALIZER;

/* A new sentence iterator for the locale (cloned from the cached template), or NULL with *status set. */
static UBreakIterator *open_cached_iterator(const char *locale, UErrorCode *status)
{
    UBreakIterator *result = NULL;
    pthread_mutex_lock(&template_lock);
    size_t i = 0;
    while (i < template_count && strcmp(template_cache[i].locale, locale) != 0)
        i++;
    if (i == template_count) {
        UBreakIterator *fresh = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, status);
        if (U_FAILURE(*status)) {
            pthread_mutex_unlock(&template_lock);
            return NULL;
        }
        if (template_count == TEMPLATE_CACHE_SIZE) {
            pthread_mutex_unlock(&template_lock);
            return fresh; /* too many locales: this one is not kept */
        }
        snprintf(template_cache[i].locale, sizeof template_cache[i].locale, "%s", locale);
        template_cache[i].iterator = fresh;
        template_count++;
    }
    result = ubrk_clone(template_cache[i].iterator, status);
    pthread_mutex_unlock(&template_lock);
    if (U_FAILURE(*status)) {
        if (result)
            ubrk_close(result);
        return NULL;
    }
    return result;
}

static int open_sentence_iterator(splitter *sp)
{
    char locale[48] = "@ss=standard";
    const char *lang = sp->lang;
    if (lang) {
        size_t n = strlen(lang);
        bool ok = n > 0 && n < 16;
        for (size_t i = 0; ok && i < n; i++) {
            char c = lang[i];
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
        }
        if (ok) {
            memcpy(locale, lang, n);
            memcpy(locale + n, "@ss=standard", sizeof "@ss=standard");
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    sp->sentences = open_cached_iterator(locale, &status);
    if (!sp->sentences)
        return pc_error_set(sp->err, PC_EINVAL, "cannot open the sentence splitter for '%s': %s", locale,
                            u_errorName(status));
    return 0;
}

/* A long paragraph goes to the sentence splitter a window of at most SENTENCE_WINDOW_BYTES at a time, so
 * that its UTF-16 copy and its list of sentences stay small whatever its length (a 50 MB one-line article
 * took 100 MB of UTF-16 at once). The next window starts at the last sentence start found; a boundary in
 * the last SENTENCE_LOOKAHEAD_BYTES of a window that does not reach the paragraph's end is found again in
 * the next window, as the text after it decides it (an abbreviation's full stop followed by a lower-case
 * word is no boundary). So the sentences are those of the whole paragraph, except that a sentence longer
 * than a window is cut at the window's last space. */
#define SENTENCE_WINDOW_BYTES ((size_t)1 << 20)
#define SENTENCE_LOOKAHEAD_BYTES ((size_t)4096)

/* Puts into sp->scratch the sentences of the window [from, to) of the body that end at or before
 * `trusted` (all when trusted == to), and into *next where the first sentence not taken starts (`to` when
 * all were taken). Returns 0 or an error code with sp->err set. */
static int window_sentences(splitter *sp, size_t from, size_t to, size_t trusted, size_t *next)
{
    const char *t = sp->body;
    size_t len = to - from;
    if (sp->utf16_cap < len + 1) {
        UChar *u = realloc(sp->utf16, (len + 1) * sizeof *u);
        if (!u)
            return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
        sp->utf16 = u;
        sp->utf16_cap = len + 1;
    }
    /* to UTF-16 by hand, so that the walk below maps units back to bytes exactly */
    int32_t units = 0;
    for (size_t i = from; i < to;) {
        unsigned int cp;
        i += pc_utf8_next(t + i, to - i, &cp);
        if (cp >= 0x10000) {
            sp->utf16[units++] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
            sp->utf16[units++] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            sp->utf16[units++] = (UChar)cp;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(sp->sentences, sp->utf16, units, &status);
    if (U_FAILURE(status))
        return pc_error_set(sp->err, PC_EINVAL, "sentence splitting failed: %s", u_errorName(status));

    sp->scratch.n = 0;
    size_t byte = from;
    int32_t unit = 0;
    size_t sentence_start = from;
    for (int32_t b = ubrk_following(sp->sentences, 0); b != UBRK_DONE; b = ubrk_next(sp->sentences)) {
        while (unit < b && byte < to) {
            unsigned int cp;
            byte += pc_utf8_next(t + byte, to - byte, &cp);
            unit += cp >= 0x10000 ? 2 : 1;
        }
        if (byte > trusted)
            break;
        size_t s = sentence_start, e = byte;
        sentence_start = byte;
        trim_span(t, &s, &e);
        size_t w = pc_count_words(t + s, e - s);
        if (w && !push_piece(&sp->scratch, s, e, w))
            return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
    }
    *next = sentence_start;
    return 0;
}

/* Where a window of the paragraph [from, end) ends: `end` when it fits, else at most SENTENCE_WINDOW_BYTES
 * on, never inside a UTF-8 character. */
static size_t window_end(const char *t, size_t from, size_t end)
{
    if (end - from <= SENTENCE_WINDOW_BYTES)
        return end;
    size_t to = from + SENTENCE_WINDOW_BYTES;
    while (to > from && ((unsigned char)t[to] & 0xC0) == 0x80)
        to--;
    return to > from ? to : end; /* not UTF-8: the rest at once */
}

/* The last space (or tab) in (from, to) of the body, or `to` when there is none. */
static size_t last_space(const char *t, size_t from, size_t to)
{
    for (size_t i = to; i > from + 1; i--)
        if (t[i - 1] == ' ' || t[i - 1] == '\t')
            return i - 1;
    return to;
}

/* Splits a paragraph of more than MAX words at sentence boundaries; groups sentences into parts of about
 * equal size, each <= MAX words. */
static int split_long_paragraph(splitter *sp, size_t start, size_t end, size_t words)
{
    const char *t = sp->body;
    if (!sp->sentences) {
        int rc = open_sentence_iterator(sp);
        if (rc)
            return rc;
    }
    size_t parts = (words + PC_PASSAGE_MAX_WORDS - 1) / PC_PASSAGE_MAX_WORDS;
    size_t target = (words + parts - 1) / parts;
    piece group = {0, 0, 0};
    for (size_t from = start; from < end;) {
        size_t to = window_end(t, from, end);
        if (to - from > INT32_MAX / 2)
            return pc_error_set(sp->err, PC_EINVAL, "paragraph too long to split (%zu bytes)", to - from);
        bool whole = to == end;
        size_t next = to;
        int rc = window_sentences(sp, from, to, whole ? to : to - SENTENCE_LOOKAHEAD_BYTES, &next);
        if (rc)
            return rc;
        if (!whole && next == from) { /* one sentence longer than the window: cut at its last space */
            next = last_space(t, from, to);
            size_t s = from, e = next;
            trim_span(t, &s, &e);
            size_t w = pc_count_words(t + s, e - s);
            if (w && !push_piece(&sp->scratch, s, e, w))
                return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
        }
        for (size_t i = 0; i < sp->scratch.n; i++) {
            piece s = sp->scratch.v[i];
            if (group.words && group.words + s.words > PC_PASSAGE_MAX_WORDS) {
                if (!push_piece(&sp->units, group.start, group.end, group.words))
                    return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
                group.words = 0;
            }
            if (s.words > PC_PASSAGE_MAX_WORDS) {
                if (!split_words(sp, s.start, s.end, s.words))
                    return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
                continue;
            }
            if (group.words == 0)
                group.start = s.start;
            group.end = s.end;
            group.words += s.words;
            if (group.words >= target) {
                if (!push_piece(&sp->units, group.start, group.end, group.words))
                    return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
                group.words = 0;
            }
        }
        from = whole ? end : next;
    }
    if (group.words && !push_piece(&sp->units, group.start, group.end, group.words))
        return pc_error_set(sp->err, PC_ENOMEM, "out of memory splitting a paragraph into passages");
    return 0;
}

/* Paragraphs end at line breaks; each becomes one unit, or several when it is over MAX words. */
static int cut_units(splitter *sp, size_t body_len)
{
    size_t start = 0;
    while (start < body_len) {
        const char *nl = memchr(sp->body + start, '\n', body_len - start);
        size_t end = nl ? (size_t)(nl - sp->body) : body_len;
        size_t s = start, e = end;
        trim_span(sp->body, &s, &e);
        size_t words = pc_count_words(sp->body + s, e - s);
        if (words > PC_PASSAGE_MAX_WORDS) {
            int rc = split_long_paragraph(sp, s, e, words);
            if (rc)
                return rc;
        } else if (words && !push_piece(&sp->units, s, e, words)) {
            return pc_error_set(sp->err, PC_ENOMEM, "out of memory cutting passages");
        }
        start = end + 1;
    }
    return 0;
}

/* Merges short units (< MIN words) with the next one while the result stays <= MAX words, and a short last
 * unit into the one before it when that fits. Works in place on sp->units. */
static void merge_units(piece_list *l)
{
    size_t out = 0;
    for (size_t i = 0; i < l->n; i++) {
        piece u = l->v[i];
        if (out > 0) {
            piece *cur = &l->v[out - 1];
            if (cur->words < PC_PASSAGE_MIN_WORDS && cur->words + u.words <= PC_PASSAGE_MAX_WORDS) {
                cur->end = u.end;
                cur->words += u.words;
                continue;
            }
        }
        l->v[out++] = u;
    }
    if (out >= 2) {
        piece *last = &l->v[out - 1], *before = &l->v[out - 2];
        if (last->words < PC_PASSAGE_MIN_WORDS && before->words + last->words <= PC_PASSAGE_MAX_WORDS) {
            before->end = last->end;
            before->words += last->words;
            out--;
        }
    }
    l->n = out;
}

int pc_passages_split(pc_article *article, const char *lang, pc_error *err)
{
    if (!article)
        return pc_error_set(err, PC_EINVAL, "no article to cut into passages");
    free(article->passages);
    article->passages = NULL;
    article->n_passages = 0;
    if (!article->body)
        return 0;

    splitter sp = {0};
    sp.body = article->body;
    sp.lang = lang;
    sp.err = err;
    int rc = cut_units(&sp, article->body_len);
    if (rc == 0) {
        merge_units(&sp.units);
        if (sp.units.n) {
            article->passages = malloc(sp.units.n * sizeof *article->passages);
            if (!article->passages) {
                rc = pc_error_set(err, PC_ENOMEM, "out of memory cutting passages");
            } else {
                for (size_t i = 0; i < sp.units.n; i++)
                    article->passages[i] = (pc_passage_span){sp.units.v[i].start, sp.units.v[i].end};
                article->n_passages = sp.units.n;
            }
        }
    }
    if (sp.sentences)
        ubrk_close(sp.sentences);
    free(sp.utf16);
    free(sp.units.v);
    free(sp.scratch.v);
    return rc;
}
