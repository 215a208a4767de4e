/* read_txt.c — the `txt` reader: one article per plain-text file. Header lines at the top (date, source,
 * url, lang, title; or a bare block of id, language code, date and url lines) fill fields, the first other
 * line is the title, the rest is the body, with hard-wrapped blocks rejoined into paragraphs. The rules are in include/presscut/ingest/reader.h (pc_read_txt). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "presscut/ingest/boilerplate.h"
#include "presscut/text/dates.h"
#include "presscut/ingest/fields.h"
#include "presscut/ingest/reader.h"
#include "presscut/ingest/unwrap.h"
#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"
#include "presscut/text/text_decode.h"

#define TITLE_MAX_CHARS 200    /* a longer first line is a paragraph, not a headline */
#define SECTION_LABEL_MAX_WORDS 3 /* "World News" above the headline is a section label */
#define SECTION_LABEL_MAX_CHARS 40
#define KEY_MAX_BYTES 40       /* "publication date:" and the like */
#define SOURCE_MAX_BYTES 200
#define WRAP_MIN_CHARS 50      /* hard-wrapped lines are mostly this long... */
#define WRAP_MAX_CHARS 90      /* ...to this long */
#define WRAP_LIMIT_CHARS 100   /* and never longer than this */
#define DATE_PREFIX_MAX_WORDS 8
#define BARE_HEADER_MAX_LINES 6 /* id, language code, date, url, and blank lines among them */
#define BARE_ID_MAX_BYTES 40

/* One line of the text, trimmed. `start`/`len` may later be narrowed to the text after a date prefix. */
typedef struct txt_line {
    const char *start;
    size_t len;
    size_t chars;  /* code points */
    bool indented; /* began with white space */
    long number;   /* 1-based */
} txt_line;

typedef enum field {
    FIELD_PUBLISHED,
    FIELD_SOURCE,
    FIELD_URL,
    FIELD_LANG,
    FIELD_TITLE,
    FIELD_KEPT, /* recognised as a header line, not stored: the line stays in the body */
} field;

typedef struct header_key {
    const char *key; /* lower case; compared ignoring case and white space */
    field field;
    bool date_key;   /* may be written without a colon: "date 2022-02-16" */
} header_key;

static const header_key header_keys[] = {
    {"date", FIELD_PUBLISHED, true},
    {"dated", FIELD_PUBLISHED, true},
    {"published", FIELD_PUBLISHED, true},
    {"published on", FIELD_PUBLISHED, true},
    {"published at", FIELD_PUBLISHED, true},
    {"publication date", FIELD_PUBLISHED, false},
    {"pubdate", FIELD_PUBLISHED, false},
    {"posted", FIELD_PUBLISHED, true},
    {"posted on", FIELD_PUBLISHED, true},
    {"datum", FIELD_PUBLISHED, false},
    {"veröffentlicht", FIELD_PUBLISHED, false},
    {"дата", FIELD_PUBLISHED, false},
    {"опубліковано", FIELD_PUBLISHED, false},
    {"опубликовано", FIELD_PUBLISHED, false},
    {"source", FIELD_SOURCE, false},
    {"outlet", FIELD_SOURCE, false},
    {"publisher", FIELD_SOURCE, false},
    {"quelle", FIELD_SOURCE, false},
    {"джерело", FIELD_SOURCE, false},
    {"источник", FIELD_SOURCE, false},
    {"url", FIELD_URL, false},
    {"link", FIELD_URL, false},
    {"source url", FIELD_URL, false},
    {"permalink", FIELD_URL, false},
    {"lang", FIELD_LANG, false},
    {"language", FIELD_LANG, false},
    {"sprache", FIELD_LANG, false},
    {"langue", FIELD_LANG, false},
    {"мова", FIELD_LANG, false},
    {"язык", FIELD_LANG, false},
    {"title", FIELD_TITLE, false},
    {"headline", FIELD_TITLE, false},
    {"titel", FIELD_TITLE, false},
    {"titre", FIELD_TITLE, false},
    {"заголовок", FIELD_TITLE, false},
    {"updated", FIELD_KEPT, true},
    {"last updated", FIELD_KEPT, true},
    {"modified", FIELD_KEPT, false},
    {"author", FIELD_KEPT, false},
    {"authors", FIELD_KEPT, false},
    {"byline", FIELD_KEPT, false},
    {"category", FIELD_KEPT, false},
    {"section", FIELD_KEPT, false},
    {"tags", FIELD_KEPT, false},
    {"keywords", FIELD_KEPT, false},
    {"автор", FIELD_KEPT, false},
};

typedef struct txt_reader {
    const pc_reader_input *in;
    pc_warn_fn warn;
    void *payload;
    txt_line *lines;
    size_t n_lines;
    bool *kept; /* per line: a header line kept in the body */
    pc_article article;
    bool failed; /* out of memory */
} txt_reader;

/* ---- small text helpers ---- */

static size_t trailing_space_len(const char *s, size_t len)
{
    for (size_t n = 1; n <= 3 && n <= len; n++)
        if (pc_utf8_space_len(s + len - n, n) == n)
            return n;
    return 0;
}

static void trim(const char **s, size_t *len)
{
    size_t n;
    while (*len && (n = pc_utf8_space_len(*s, *len)) != 0) {
        *s += n;
        *len -= n;
    }
    while (*len && (n = trailing_space_len(*s, *len)) != 0)
        *len -= n;
}

/* True when a and b are equal ignoring case (Unicode simple case folding) and white space. */
static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    for (;;) {
        size_t n;
        while (i < alen && (n = pc_utf8_space_len(a + i, alen - i)) != 0)
            i += n;
        while (j < blen && (n = pc_utf8_space_len(b + j, blen - j)) != 0)
            j += n;
        if (i == alen || j == blen)
            return i == alen && j == blen;
        unsigned int ca, cb;
        i += pc_utf8_next(a + i, alen - i, &ca);
        j += pc_utf8_next(b + j, blen - j, &cb);
        if (ca != cb && u_foldCase((UChar32)ca, U_FOLD_CASE_DEFAULT) != u_foldCase((UChar32)cb, U_FOLD_CASE_DEFAULT))
            return false;
    }
}

/* The last character before closing quotes and brackets is sentence-ending punctuation. */
static bool ends_sentence(const char *s, size_t len)
{
    return pc_unwrap_ends_sentence(s, len);
}

/* A copy with runs of spaces and tabs made one space (s is trimmed already). */
static char *copy_collapsed(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            if (o && p[o - 1] == ' ')
                continue;
            p[o++] = ' ';
        } else {
            p[o++] = s[i];
        }
    }
    p[o] = '\0';
    return p;
}

static void warn_line(txt_reader *r, long line, const char *msg)
{
    if (r->warn)
        r->warn(r->payload, r->in->path, line, msg);
}

/* ---- lines ---- */

static int split_lines(txt_reader *r)
{
    const char *text = r->in->text;
    size_t len = r->in->text_len;
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            count++;
    r->lines = calloc(count, sizeof *r->lines);
    r->kept = calloc(count, sizeof *r->kept);
    if (!r->lines || !r->kept)
        return PC_ENOMEM;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        txt_line *l = &r->lines[r->n_lines];
        l->start = text + start;
        l->len = i - start;
        l->indented = l->len && pc_utf8_space_len(l->start, l->len) != 0;
        trim(&l->start, &l->len);
        l->chars = pc_utf8_count_chars(l->start, l->len);
        l->number = (long)r->n_lines + 1;
        r->n_lines++;
        start = i + 1;
    }
    return 0;
}

/* ---- header lines ---- */

static const header_key *find_key(const char *s, size_t len)
{
    trim(&s, &len);
    if (len == 0)
        return NULL;
    for (size_t i = 0; i < sizeof header_keys / sizeof *header_keys; i++)
        if (same_text(s, len, header_keys[i].key, strlen(header_keys[i].key)))
            return &header_keys[i];
    return NULL;
}

/* The longest run of the first words of [s, s+len) that is a date: its length in bytes, or 0. */
static size_t date_prefix(const char *s, size_t len, char iso[11])
{
    size_t ends[DATE_PREFIX_MAX_WORDS];
    size_t n_words = 0, i = 0;
    while (i < len && n_words < DATE_PREFIX_MAX_WORDS) {
        size_t n;
        while (i < len && (n = pc_utf8_space_len(s + i, len - i)) != 0)
            i += n;
        if (i == len)
            break;
        while (i < len && pc_utf8_space_len(s + i, len - i) == 0)
            i++;
        ends[n_words++] = i;
    }
    for (size_t k = n_words; k > 0; k--) {
        size_t end = ends[k - 1];
        if (pc_date_parse(s, end, iso))
            return end;
        /* "16 February 2022," or "2022-02-16:" before the text */
        if (end > 1 && (s[end - 1] == ',' || s[end - 1] == ':' || s[end - 1] == ';') && pc_date_parse(s, end - 1, iso))
            return end;
    }
    return 0;
}

static bool looks_like_url(const char *s, size_t len)
{
    if (!((len > 7 && strncmp(s, "http://", 7) == 0) || (len > 8 && strncmp(s, "https://", 8) == 0) ||
          (len > 4 && strncmp(s, "www.", 4) == 0)))
        return false;
    for (size_t i = 0; i < len; i++)
        if (pc_utf8_space_len(s + i, len - i))
            return false;
    return true;
}

static bool set_field(txt_reader *r, char **field_ptr, const char *s, size_t len)
{
    if (*field_ptr)
        return true; /* the first header line wins */
    *field_ptr = copy_collapsed(s, len);
    if (!*field_ptr) {
        r->failed = true;
        return false;
    }
    return true;
}

typedef enum header_kind {
    NOT_HEADER,
    HEADER_LINE,   /* the whole line is a header line (stored, or kept in the body) */
    HEADER_PREFIX, /* a date key and date, then text: the line is narrowed to the text */
    HEADER_TITLE,  /* a `title:` line: the title is set */
} header_kind;

/* Reads line l as a header line. `strict` (after the title): only whole lines with a readable value. */
static header_kind read_header_line(txt_reader *r, size_t index, bool strict)
{
    txt_line *l = &r->lines[index];
    const char *s = l->start;
    size_t len = l->len;
    char iso[11];

    if (pc_date_parse(s, len, iso)) {
        set_field(r, &r->article.published, iso, 10);
        return HEADER_LINE;
    }
    if (looks_like_url(s, len)) {
        set_field(r, &r->article.url, s, len);
        return HEADER_LINE;
    }

    const header_key *key = NULL;
    const char *value = NULL;
    size_t value_len = 0;
    bool colon = false;
    const char *c = memchr(s, ':', len < KEY_MAX_BYTES ? len : KEY_MAX_BYTES);
    if (c) {
        key = find_key(s, (size_t)(c - s));
        if (key) {
            colon = true;
            value = c + 1;
            value_len = len - (size_t)(value - s);
            trim(&value, &value_len);
        }
    }
    if (!key) {
        /* "date 2022-02-16", "Published 16 February 2022 10:20": a date key, white space, a date */
        for (size_t i = 0; i < len && i < KEY_MAX_BYTES; i++) {
            if (pc_utf8_space_len(s + i, len - i) == 0)
                continue;
            const header_key *k = find_key(s, i);
            if (k && k->date_key) {
                char probe[11];
                const char *v = s + i;
                size_t vlen = len - i;
                trim(&v, &vlen);
                if (date_prefix(v, vlen, probe)) {
                    key = k;
                    value = v;
                    value_len = vlen;
                    break;
                }
            }
        }
        if (!key)
            return NOT_HEADER;
    }

    switch (key->field) {
    case FIELD_PUBLISHED: {
        if (value_len == 0)
            return strict ? NOT_HEADER : HEADER_LINE;
        size_t end = date_prefix(value, value_len, iso);
        if (end == 0) {
            if (strict)
                return NOT_HEADER;
            size_t shown = value_len;
            if (shown > 60) {
                shown = 60;
                while (shown > 0 && ((unsigned char)value[shown] & 0xC0) == 0x80)
                    shown--; /* never cut a character */
            }
            char msg[200];
            snprintf(msg, sizeof msg, "date not recognised: '%.*s%s' (write it as e.g. 2022-02-16 or 16 February 2022)",
                     (int)shown, value, shown < value_len ? "..." : "");
            warn_line(r, l->number, msg);
            r->kept[index] = true;
            return HEADER_LINE;
        }
        const char *rest = value + end;
        size_t rest_len = value_len - end;
        trim(&rest, &rest_len);
        if (rest_len && strict)
            return NOT_HEADER;
        set_field(r, &r->article.published, iso, 10);
        if (rest_len == 0)
            return HEADER_LINE;
        l->start = rest;
        l->len = rest_len;
        l->chars = pc_utf8_count_chars(rest, rest_len);
        return HEADER_PREFIX;
    }
    case FIELD_SOURCE:
        if (value_len == 0)
            return strict ? NOT_HEADER : HEADER_LINE;
        if (value_len > SOURCE_MAX_BYTES)
            return NOT_HEADER;
        set_field(r, &r->article.source, value, value_len);
        return HEADER_LINE;
    case FIELD_URL:
        if (!looks_like_url(value, value_len))
            return value_len == 0 && !strict ? HEADER_LINE : NOT_HEADER;
        set_field(r, &r->article.url, value, value_len);
        return HEADER_LINE;
    case FIELD_LANG: {
        char code[3];
        const char *lang = pc_language_code(value, value_len, code);
        if (!lang)
            return value_len == 0 && !strict ? HEADER_LINE : NOT_HEADER;
        set_field(r, &r->article.lang, lang, strlen(lang));
        return HEADER_LINE;
    }
    case FIELD_TITLE:
        if (strict || value_len == 0 || r->article.title)
            return NOT_HEADER;
        set_field(r, &r->article.title, value, value_len);
        return HEADER_TITLE;
    case FIELD_KEPT:
        /* "Author: ...", "Updated: ...", "updated 17 Feb 2022": kept in the body; after the title they are
         * ordinary body lines anyway */
        if (strict)
            return NOT_HEADER;
        if (!colon) {
            char probe[11];
            size_t end = date_prefix(value, value_len, probe);
            if (end != value_len)
                return NOT_HEADER;
        }
        r->kept[index] = true;
        return HEADER_LINE;
    }
    return NOT_HEADER;
}

/* ---- a bare header block: id, language code, date and url lines without keys ---- */

typedef enum bare_kind {
    BARE_NONE = -1,
    BARE_ID,   /* "ua-1", "389", "file18908009": one token of letters, digits, '-', '_' or '.', with a digit */
    BARE_LANG, /* "uk", "ua", "en-GB": two lower-case letters, perhaps a region */
    BARE_DATE, /* any pc_field_date form: "2018-07-15", "2015-12-19T15:14:44+00:00", a Unix time */
    BARE_URL,
    BARE_KINDS
} bare_kind;

static bool looks_like_id(const char *s, size_t len)
{
    if (len == 0 || len > BARE_ID_MAX_BYTES)
        return false;
    bool digit = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digit = true;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return digit;
}

static bool looks_like_language_code(const char *s, size_t len)
{
    bool region = len == 5 && (s[2] == '-' || s[2] == '_') && s[3] >= 'A' && s[3] <= 'z' && s[4] >= 'A' &&
                  s[4] <= 'z';
    return (len == 2 || region) && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

/* What header line l is, alone, in a bare header block; an id only on the block's first line, where a date
 * wins over it ("2018-07-15") but a number does not pass for a Unix time. */
static bare_kind bare_header_kind(const txt_line *l, bool first, char iso[11])
{
    if (first ? pc_date_parse(l->start, l->len, iso) : pc_field_date(l->start, l->len, iso))
        return BARE_DATE;
    if (looks_like_url(l->start, l->len))
        return BARE_URL;
    if (looks_like_language_code(l->start, l->len))
        return BARE_LANG;
    if (first && looks_like_id(l->start, l->len))
        return BARE_ID;
    return BARE_NONE;
}

/* Reads a bare header block starting at line `first` (non-blank), as exported corpora write it:
 *     ua-1 / uk / 2018-07-15 / https://www.epravda.com.ua/news/2018/07/15/638711/ / <title> / <body>
 * Up to BARE_HEADER_MAX_LINES leading lines, each an id (first line only), a language code, a date or a url,
 * at most one of each kind, blank lines allowed among them, followed by a line that is none of these (the
 * title). It counts as a header block only with an id or a language code, a date or a url, and at least
 * two such lines (three with an id): so a one-word headline such as "COVID-19" above a date line keeps its
 * place. Any other first line of at most BARE_ID_MAX_BYTES bytes is taken for an id too when a language
 * code and a date or url follow it. The date becomes the published date (unless it is 1970-01-01, the zero of Unix time, which
 * exporters write for an unknown date), the url the url, a language code the language when it is an
 * ISO 639-1 code ("ua" and "cz" count as uk and cs); the id is dropped. Returns the index of the title
 * line (the caller takes it whole unless it is over TITLE_MAX_CHARS), or `first` when there is no such
 * block (nothing set then). */
static size_t read_bare_header_block(txt_reader *r, size_t first)
{
    size_t line_of[BARE_KINDS] = {0};
    bool seen[BARE_KINDS] = {false};
    char iso[11] = "";
    size_t header_lines = 0, i = first;
    bool ended_by_text = false, loose_id = false;
    while (i < r->n_lines && i - first < BARE_HEADER_MAX_LINES) {
        if (r->lines[i].len == 0) {
            i++;
            continue;
        }
        char probe[11];
        bare_kind kind = bare_header_kind(&r->lines[i], header_lines == 0, probe);
        if (kind == BARE_NONE && header_lines == 0 && r->lines[i].len <= BARE_ID_MAX_BYTES) {
            kind = BARE_ID; /* "ryanair wiki": an id only if a language code and a date or url follow */
            loose_id = true;
        }
        if (kind == BARE_NONE) {
            ended_by_text = true;
            break;
        }
        if (seen[kind])
            return first;
        seen[kind] = true;
        line_of[kind] = i;
        if (kind == BARE_DATE)
            memcpy(iso, probe, sizeof iso);
        header_lines++;
        i++;
    }
    if (!ended_by_text || !(seen[BARE_ID] || seen[BARE_LANG]) || !(seen[BARE_DATE] || seen[BARE_URL]) ||
        header_lines < (seen[BARE_ID] ? 3u : 2u) || (loose_id && !seen[BARE_LANG]))
        return first;
    if (seen[BARE_DATE] && strcmp(iso, "1970-01-01") != 0)
        set_field(r, &r->article.published, iso, 10);
    if (seen[BARE_URL])
        set_field(r, &r->article.url, r->lines[line_of[BARE_URL]].start, r->lines[line_of[BARE_URL]].len);
    if (seen[BARE_LANG]) {
        char code[3];
        const txt_line *l = &r->lines[line_of[BARE_LANG]];
        const char *lang = pc_language_code(l->start, l->len, code);
        if (lang && pc_language_code_is_iso(lang))
            set_field(r, &r->article.lang, lang, strlen(lang));
    }
    return i;
}

/* ---- the title of a long first line: its first sentence ---- */

/* Sets *title to the first sentence of [s, s+len) when it is a sentence of at most TITLE_MAX_CHARS characters
 * and not the whole text, else to NULL. Returns false when out of memory. */
static bool first_sentence(const char *s, size_t len, char **title_out)
{
    *title_out = NULL;
    size_t take = len < 4 * TITLE_MAX_CHARS + 64 ? len : 4 * TITLE_MAX_CHARS + 64;
    while (take < len && ((unsigned char)s[take] & 0xC0) == 0x80)
        take--; /* never cut a character */
    UChar *u = malloc((take + 1) * sizeof *u);
    if (!u)
        return false;
    int32_t ulen = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8Lenient(u, (int32_t)take + 1, &ulen, s, (int32_t)take, &status);
    char *title = NULL;
    if (U_SUCCESS(status)) {
        UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "en@ss=standard", u, ulen, &status);
        if (U_SUCCESS(status)) {
            int32_t end = ubrk_following(bi, 0);
            if (end != UBRK_DONE && end < ulen) {
                /* the byte length of the first `end` UTF-16 units */
                size_t bytes = 0;
                int32_t units = 0;
                while (units < end && bytes < take) {
                    unsigned int cp;
                    bytes += pc_utf8_next(s + bytes, take - bytes, &cp);
                    units += cp >= 0x10000 ? 2 : 1;
                }
                const char *t = s;
                size_t tlen = bytes;
                trim(&t, &tlen);
                if (tlen > 1 && t[tlen - 1] == '.' && t[tlen - 2] != '.')
                    tlen--;
                if (tlen && pc_utf8_count_chars(t, tlen) <= TITLE_MAX_CHARS) {
                    title = copy_collapsed(t, tlen);
                    if (!title)
                        status = U_MEMORY_ALLOCATION_ERROR;
                }
            }
            ubrk_close(bi);
        }
    }
    free(u);
    *title_out = title;
    return status != U_MEMORY_ALLOCATION_ERROR;
}

/* ---- the body ---- */

/* Appends a trimmed line with runs of spaces and tabs made one space. False when out of memory. */
static bool append_collapsed(pc_strbuf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t run = i;
        while (run < len && s[run] != ' ' && s[run] != '\t')
            run++;
        pc_strbuf_add(b, s + i, run - i);
        if (run == len)
            break;
        pc_strbuf_add(b, " ", 1);
        i = run;
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    return !b->failed;
}

static bool hyphenated_end(const txt_line *prev, const txt_line *next)
{
    if (prev->len < 2 || prev->start[prev->len - 1] != '-' || next->len == 0)
        return false;
    size_t p = prev->len - 2;
    while (p > 0 && ((unsigned char)prev->start[p] & 0xC0) == 0x80)
        p--;
    unsigned int before, first;
    pc_utf8_next(prev->start + p, prev->len - 1 - p, &before);
    pc_utf8_next(next->start, next->len, &first);
    return u_isalpha((UChar32)before) && u_islower((UChar32)first);
}

/* A list item (unwrap.h). */
static bool starts_with_bullet(const txt_line *l)
{
    return pc_unwrap_starts_list_item(l->start, l->len);
}

/* True when the block of lines [from, to) looks hard-wrapped. */
static bool looks_wrapped(const txt_reader *r, size_t from, size_t to)
{
    size_t n = to - from;
    if (n < 2)
        return false;
    size_t in_range = 0, sentence_ends = 0, bullets = 0;
    for (size_t i = from; i < to; i++) {
        const txt_line *l = &r->lines[i];
        if (l->chars > WRAP_LIMIT_CHARS)
            return false;
        if (starts_with_bullet(l) && ++bullets > 1)
            return false; /* a list */
        if (i + 1 == to)
            break;
        if (l->chars >= WRAP_MIN_CHARS && l->chars <= WRAP_MAX_CHARS)
            in_range++;
        if (ends_sentence(l->start, l->len))
            sentence_ends++;
    }
    return in_range * 2 > n - 1 && sentence_ends * 2 < n - 1;
}

typedef struct body_builder {
    pc_strbuf body;
    size_t paragraphs;
    bool check_title;     /* the next paragraph is the first after the title */
    const char *title;
    size_t para_start;    /* offset of the paragraph being built */
} body_builder;

static bool begin_paragraph(body_builder *bb)
{
    if (bb->paragraphs)
        pc_strbuf_add(&bb->body, "\n\n", 2);
    bb->para_start = bb->body.len;
    return !bb->body.failed;
}

static void end_paragraph(body_builder *bb)
{
    bool check = bb->check_title;
    bb->check_title = false;
    if (check && bb->title &&
        same_text(bb->body.data ? bb->body.data + bb->para_start : "", bb->body.len - bb->para_start, bb->title,
                  strlen(bb->title))) {
        /* the first paragraph repeats the title: drop it with its separator */
        pc_strbuf_truncate(&bb->body, bb->paragraphs ? bb->para_start - 2 : 0);
        return;
    }
    bb->paragraphs++;
}

static bool add_line_paragraph(body_builder *bb, const txt_line *l)
{
    if (!begin_paragraph(bb) || !append_collapsed(&bb->body, l->start, l->len))
        return false;
    end_paragraph(bb);
    return true;
}

static bool add_wrapped_block(body_builder *bb, const txt_reader *r, size_t from, size_t to)
{
    size_t indented = 0, widest = 0;
    for (size_t i = from; i < to; i++) {
        if (r->lines[i].indented)
            indented++;
        if (r->lines[i].chars > widest)
            widest = r->lines[i].chars;
    }
    bool indent_starts_paragraph = indented * 2 < to - from;
    bool open = false;
    for (size_t i = from; i < to; i++) {
        const txt_line *l = &r->lines[i];
        const txt_line *prev = i > from ? &r->lines[i - 1] : NULL;
        bool new_paragraph = !open || (indent_starts_paragraph && l->indented) || starts_with_bullet(l) ||
                             (prev && ends_sentence(prev->start, prev->len) && prev->chars * 4 < widest * 3);
        if (new_paragraph) {
            if (open)
                end_paragraph(bb);
            if (!begin_paragraph(bb))
                return false;
            open = true;
        } else if (!hyphenated_end(prev, l)) {
            pc_strbuf_add(&bb->body, " ", 1);
        }
        if (!append_collapsed(&bb->body, l->start, l->len))
            return false;
    }
    if (open)
        end_paragraph(bb);
    return true;
}

/* Adds the body lines [from, n_lines) and the kept header lines before `from`. */
static bool build_body(txt_reader *r, body_builder *bb, size_t from)
{
    for (size_t i = 0; i < from; i++)
        if (r->kept[i] && !add_line_paragraph(bb, &r->lines[i]))
            return false;
    bb->check_title = true;
    size_t i = from;
    while (i < r->n_lines) {
        if (r->lines[i].len == 0) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < r->n_lines && r->lines[end].len != 0)
            end++;
        if (looks_wrapped(r, i, end)) {
            if (!add_wrapped_block(bb, r, i, end))
                return false;
        } else {
            for (size_t k = i; k < end; k++)
                if (!add_line_paragraph(bb, &r->lines[k]))
                    return false;
        }
        i = end;
    }
    return true;
}

/* ---- the reader ---- */

/* True when line i is the first line of a hard-wrapped paragraph (the sentence goes on in lower case on the
 * next line), so it cannot be a headline. */
static bool starts_wrapped_paragraph(const txt_reader *r, size_t i)
{
    if (i + 1 >= r->n_lines || r->lines[i + 1].len == 0 || r->lines[i].chars < WRAP_MIN_CHARS ||
        r->lines[i].chars > WRAP_MAX_CHARS)
        return false;
    size_t end = i + 1;
    while (end < r->n_lines && r->lines[end].len != 0)
        end++;
    if (!looks_wrapped(r, i, end) || ends_sentence(r->lines[i].start, r->lines[i].len))
        return false;
    unsigned int first;
    pc_utf8_next(r->lines[i + 1].start, r->lines[i + 1].len, &first);
    return u_islower((UChar32)first);
}

static size_t next_nonblank(const txt_reader *r, size_t i)
{
    while (i < r->n_lines && r->lines[i].len == 0)
        i++;
    return i;
}

/* A section label before the headline, as in "World News" above "Russia is preparing ...": line i has at
 * most SECTION_LABEL_MAX_WORDS words, each capitalised, and no closing punctuation; the next non-blank line
 * could be a headline (longer, at least 5 words, not ending with a full stop, standing alone between blank
 * lines) and more text follows it. */
static bool is_section_label(const txt_reader *r, size_t i)
{
    const txt_line *l = &r->lines[i];
    if (l->chars > SECTION_LABEL_MAX_CHARS || ends_sentence(l->start, l->len))
        return false;
    size_t words = 0;
    for (size_t k = 0; k < l->len;) {
        unsigned int cp;
        size_t n = pc_utf8_next(l->start + k, l->len - k, &cp);
        if (n == 0)
            break;
        if (k == 0 || l->start[k - 1] == ' ') {
            if (cp == ' ')
                return false;
            if (!u_isupper((UChar32)cp))
                return false;
            words++;
        }
        k += n;
    }
    if (words == 0 || words > SECTION_LABEL_MAX_WORDS)
        return false;
    size_t j = next_nonblank(r, i + 1);
    if (j >= r->n_lines || j + 1 >= r->n_lines || r->lines[j + 1].len != 0 || next_nonblank(r, j + 1) >= r->n_lines)
        return false;
    const txt_line *next = &r->lines[j];
    size_t next_words = 1;
    for (size_t k = 0; k + 1 < next->len; k++)
        next_words += next->start[k] == ' ' && next->start[k + 1] != ' ';
    return next->chars <= TITLE_MAX_CHARS && next->chars > l->chars && next_words >= 5 &&
           next->start[next->len - 1] != '.';
}

static int read_article(txt_reader *r, pc_error *err)
{
    int rc = split_lines(r);
    if (rc)
        return pc_error_set(err, rc, "out of memory reading the text");

    /* header lines, then the title */
    size_t i = next_nonblank(r, 0);
    long title_line = 0;
    bool title_consumed = false;
    size_t title = read_bare_header_block(r, i);
    if (r->failed)
        return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
    if (title != i && r->lines[title].chars <= TITLE_MAX_CHARS) {
        /* after a bare header block, the next line is the title whatever it looks like... */
        title_line = r->lines[title].number;
        r->article.title = copy_collapsed(r->lines[title].start, r->lines[title].len);
        if (!r->article.title)
            return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
        i = next_nonblank(r, title + 1);
        title_consumed = true;
    } else {
        i = title; /* ...unless it is a whole paragraph: then as in any text */
    }
    while (!title_consumed && i < r->n_lines) {
        header_kind kind = read_header_line(r, i, false);
        if (r->failed)
            return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
        if (kind == HEADER_LINE) {
            i = next_nonblank(r, i + 1);
            continue;
        }
        if (kind == HEADER_PREFIX)
            continue; /* the rest of the line is read again */
        if (kind == HEADER_TITLE) {
            title_line = r->lines[i].number;
            i = next_nonblank(r, i + 1);
            title_consumed = true;
            break;
        }
        if (is_section_label(r, i)) {
            i = next_nonblank(r, i + 1);
            continue;
        }
        const txt_line *l = &r->lines[i];
        title_line = l->number;
        if (starts_wrapped_paragraph(r, i)) {
            r->article.title = NULL; /* the text starts with no headline */
        } else if (l->chars <= TITLE_MAX_CHARS) {
            r->article.title = copy_collapsed(l->start, l->len);
            if (!r->article.title)
                return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
            i = next_nonblank(r, i + 1);
            title_consumed = true;
        } else {
            /* a paragraph: the title is its first sentence, or none */
            if (!first_sentence(l->start, l->len, &r->article.title))
                return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
        }
        break;
    }

    /* header lines right after the title, also past site furniture ("Share this article"), which is dropped */
    if (title_consumed) {
        while (i < r->n_lines) {
            if (pc_boilerplate_is_furniture_line(r->lines[i].start, r->lines[i].len)) {
                size_t next = next_nonblank(r, i + 1);
                if (next < r->n_lines && read_header_line(r, next, true) == HEADER_LINE) {
                    i = next_nonblank(r, next + 1);
                    continue;
                }
                break;
            }
            if (read_header_line(r, i, true) != HEADER_LINE)
                break;
            i = next_nonblank(r, i + 1);
        }
        if (r->failed)
            return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
    }

    body_builder bb = {0};
    bb.title = r->article.title;
    if (!build_body(r, &bb, i)) {
        pc_strbuf_free(&bb.body);
        return pc_error_set(err, PC_ENOMEM, "out of memory reading the text");
    }
    if (bb.paragraphs == 0 || !bb.body.data) {
        pc_strbuf_free(&bb.body);
        if (r->article.title)
            warn_line(r, title_line, "no text after the title");
        else
            warn_line(r, 0, "no text after the header lines");
        return 1; /* no article */
    }
    r->article.body = bb.body.data;
    r->article.body_len = bb.body.len;
    return 0;
}

int pc_read_txt(const pc_reader_input *in, pc_article_sink sink, pc_warn_fn warn, void *payload, pc_error *err)
{
    if (!in || !sink || (!in->text && in->text_len))
        return pc_error_set(err, PC_EINVAL, "txt reader: no input text or no article sink");
    txt_reader r = {0};
    r.in = in;
    r.warn = warn;
    r.payload = payload;
    pc_reader_input empty = *in;
    if (!in->text) {
        empty.text = "";
        r.in = &empty;
    }
    int rc = read_article(&r, err);
    if (rc == 0)
        rc = sink(payload, &r.article);
    else if (rc == 1)
        rc = 0;
    pc_article_clear(&r.article);
    free(r.lines);
    free(r.kept);
    return rc;
}
