/* fuzz_hit.h — a search hit made from fuzz input, for the targets of the writers (fuzz_export_table.c,
 * fuzz_print_json.c), shaped as the search hands hits over (search.h): the input after its two option bytes
 * is split at 0x1f into title, published, source, url, lang, path, record, tags and the passage (each cut at
 * a NUL, absent fields NULL); the matched spans are runs of ASCII letters and digits of the passage (and of
 * the title) chosen by the bits of the second option byte, so they lie on character boundaries, sorted and
 * apart; the snippet is chosen by pc_snippet_choose as the search chooses it. */
#ifndef PRESSCUT_FUZZ_HIT_H
#define PRESSCUT_FUZZ_HIT_H

#include <ctype.h>

#include "fuzz_target.h"
#include "presscut/core/utf8.h"
#include "presscut/search/search.h"

#define FUZZ_HIT_MAX_SPANS 64

typedef struct fuzz_hit {
    pc_search_hit hit;
    char *fields; /* the input's copy the strings point into */
    pc_span spans[FUZZ_HIT_MAX_SPANS], body_spans[FUZZ_HIT_MAX_SPANS], body_char_spans[FUZZ_HIT_MAX_SPANS];
    pc_span title_spans[FUZZ_HIT_MAX_SPANS];
} fuzz_hit;

/* The chosen runs of ASCII letters and digits of text[0, len) into spans (at most FUZZ_HIT_MAX_SPANS): run
 * number i when bit i % 8 of `choice` is set. Returns how many. */
static inline size_t fuzz_hit_word_spans(const char *text, size_t len, unsigned choice, pc_span *spans)
{
    size_t n = 0, word = 0, at = 0;
    while (at < len && n < FUZZ_HIT_MAX_SPANS) {
        if (!isalnum((unsigned char)text[at])) {
            at++;
            continue;
        }
        size_t start = at;
        while (at < len && isalnum((unsigned char)text[at]))
            at++;
        if (choice & (1u << (word % 8)))
            spans[n++] = (pc_span){start, at};
        word++;
    }
    return n;
}

/* Fills *f from data[0, size) (size >= 2). Returns false when out of memory; free with fuzz_hit_free. */
static inline bool fuzz_hit_make(fuzz_hit *f, const uint8_t *data, size_t size)
{
    memset(f, 0, sizeof *f);
    f->fields = fuzz_strndup(data + 2, size - 2);
    if (!f->fields)
        return false;
    const char **named[] = {&f->hit.title, &f->hit.published, &f->hit.source, &f->hit.url, &f->hit.lang,
                            &f->hit.path, &f->hit.record, &f->hit.tags, &f->hit.passage};
    size_t n_named = sizeof named / sizeof named[0];
    char *at = f->fields;
    for (size_t i = 0; i < n_named && at; i++) {
        char *sep = i + 1 < n_named ? strchr(at, 0x1f) : NULL;
        if (sep)
            *sep = '\0';
        *named[i] = at;
        at = sep ? sep + 1 : NULL;
    }
    pc_search_hit *h = &f->hit;
    h->passage_len = h->passage ? strlen(h->passage) : 0;
    h->rank = 1 + (data[0] & 0x0f);
    h->article_id = 1000 + data[1];
    h->passage_id = 2000 + data[1];
    h->passage_seq = data[0] >> 4;
    h->score = (double)data[1] / 7.0;
    h->matching_passages = 1 + (data[1] & 3);
    h->copies = data[0] & 3;
    h->cluster = data[1] & 1 ? 0 : 77;
    /* The passage starts after passage_start bytes of ASCII text in its body, so characters = bytes there. */
    h->passage_start = (size_t)data[1] * 3;
    h->n_spans = h->passage ? fuzz_hit_word_spans(h->passage, h->passage_len, data[1], f->spans) : 0;
    for (size_t i = 0; i < h->n_spans; i++) {
        f->body_spans[i] = (pc_span){f->spans[i].start + h->passage_start, f->spans[i].end + h->passage_start};
        size_t chars_before = h->passage_start + pc_utf8_count_chars(h->passage, f->spans[i].start);
        f->body_char_spans[i] = (pc_span){chars_before, chars_before + (f->spans[i].end - f->spans[i].start)};
    }
    h->spans = f->spans;
    h->body_spans = f->body_spans;
    h->body_char_spans = f->body_char_spans;
    h->n_title_spans = h->title ? fuzz_hit_word_spans(h->title, strlen(h->title), data[1] >> 1, f->title_spans) : 0;
    h->title_spans = f->title_spans;
    if (h->passage)
        pc_snippet_choose(h->passage, h->passage_len, h->spans, h->n_spans, data[0] & 0x80 ? 0 : 40 + data[1],
                          &h->snippet);
    return true;
}

static inline void fuzz_hit_free(fuzz_hit *f)
{
    free(f->fields);
    f->fields = NULL;
}

#endif
