/* text_decode.c — raw file bytes to clean UTF-8: encoding detection (BOM, UTF-16, Windows-1252 fallback),
 * UTF-8 repair, line-end normalisation and removal of control characters and terminal escape sequences
 * (see include/presscut/text/text_decode.h for the rules). */
#include "presscut/text/text_decode.h"

#include "presscut/core/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT_CHAR 0xFFFDu

/* ---- encoding detection ---- */

/* True when the bytes at s start a valid multi-byte sequence. */
static bool starts_valid_multibyte(const unsigned char *s, size_t len)
{
    unsigned int cp;
    if (s[0] < 0xC2)
        return false;
    size_t n = pc_utf8_next((const char *)s, len, &cp);
    return n > 1 || cp != REPLACEMENT_CHAR;
}


/* ---- the output buffer ---- */

typedef struct out_buf {
    char *data;
    size_t len, cap;
    bool failed; /* out of memory: further writes are dropped */
} out_buf;

static bool out_reserve(out_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->cap - b->len > extra)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= extra) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

static void out_put_cp(out_buf *b, unsigned int cp)
{
    if (!out_reserve(b, 4))
        return;
    unsigned char *p = (unsigned char *)b->data + b->len;
    if (cp < 0x80) {
        p[0] = (unsigned char)cp;
        b->len += 1;
    } else if (cp < 0x800) {
        p[0] = (unsigned char)(0xC0 | (cp >> 6));
        p[1] = (unsigned char)(0x80 | (cp & 0x3F));
        b->len += 2;
    } else if (cp < 0x10000) {
        p[0] = (unsigned char)(0xE0 | (cp >> 12));
        p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        p[2] = (unsigned char)(0x80 | (cp & 0x3F));
        b->len += 3;
    } else {
        p[0] = (unsigned char)(0xF0 | (cp >> 18));
        p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        p[3] = (unsigned char)(0x80 | (cp & 0x3F));
        b->len += 4;
    }
}

/* ---- the cleaner: one code point at a time, removes controls and escape sequences ---- */

typedef enum escape_state {
    IN_TEXT,
    AFTER_ESC,        /* ESC seen */
    IN_ESC_INTERMEDIATE, /* ESC followed by 0x20..0x2F bytes (e.g. ESC ( B) */
    IN_CSI,           /* ESC [ parameters */
    IN_STRING,        /* ESC ] (OSC), ESC P (DCS), ESC X, ESC ^, ESC _ : up to BEL or ESC \ */
    IN_STRING_AFTER_ESC,
} escape_state;

typedef struct cleaner {
    out_buf out;
    escape_state state;
    bool after_cr;
    bool escapes_only; /* remove terminal escape sequences, keep every other character */
    size_t removed;
} cleaner;

static void clean_text_cp(cleaner *c, unsigned int cp)
{
    if (c->escapes_only && cp != 0x1B) {
        out_put_cp(&c->out, cp);
        return;
    }
    bool after_cr = c->after_cr;
    c->after_cr = false;
    if (cp == '\n') {
        if (!after_cr)
            out_put_cp(&c->out, '\n');
        return;
    }
    if (cp == '\r') {
        out_put_cp(&c->out, '\n');
        c->after_cr = true;
        return;
    }
    if (cp == '\t') {
        out_put_cp(&c->out, cp);
        return;
    }
    if (cp == '\v' || cp == '\f' || cp == 0x2028 || cp == 0x2029) {
        out_put_cp(&c->out, '\n');
        return;
    }
    if (cp == 0x1B) {
        c->state = AFTER_ESC;
        c->removed++;
        return;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF) {
        c->removed++;
        return;
    }
    out_put_cp(&c->out, cp);
}

static void clean_cp(cleaner *c, unsigned int cp)
{
    switch (c->state) {
    case IN_TEXT:
        break;
    case AFTER_ESC:
        c->state = IN_TEXT;
        if (cp == '[') {
            c->state = IN_CSI;
            return;
        }
        if (cp == ']' || cp == 'P' || cp == 'X' || cp == '^' || cp == '_') {
            c->state = IN_STRING;
            return;
        }
        if (cp >= 0x20 && cp <= 0x2F) {
            c->state = IN_ESC_INTERMEDIATE;
            return;
        }
        if (cp >= 0x30 && cp <= 0x7E)
            return; /* a two-character escape such as ESC 7 or ESC c */
        break;      /* a lone ESC: the character is text again */
    case IN_ESC_INTERMEDIATE:
        if (cp >= 0x20 && cp <= 0x2F)
            return;
        c->state = IN_TEXT;
        if (cp >= 0x30 && cp <= 0x7E)
            return;
        break;
    case IN_CSI:
        if (cp >= 0x20 && cp <= 0x3F)
            return;
        c->state = IN_TEXT;
        if (cp >= 0x40 && cp <= 0x7E)
            return;
        break; /* malformed: what was read is dropped, this character is text */
    case IN_STRING:
        if (cp == 0x07 || cp == 0x9C) {
            c->state = IN_TEXT;
            return;
        }
        if (cp == 0x1B) {
            c->state = IN_STRING_AFTER_ESC;
            return;
        }
        if (cp == '\n' || cp == '\r') {
            c->state = IN_TEXT; /* never swallow past the line: the terminator is missing */
            break;
        }
        return;
    case IN_STRING_AFTER_ESC:
        c->state = IN_TEXT;
        if (cp == '\\')
            return;
        c->state = AFTER_ESC; /* an ESC that starts another sequence */
        clean_cp(c, cp);
        return;
    }
    clean_text_cp(c, cp);
}

/* ---- the decoders ---- */

static const unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void decode_cp1252(cleaner *c, const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len && !c->out.failed; i++) {
        unsigned char b = s[i];
        clean_cp(c, b >= 0x80 && b <= 0x9F ? cp1252_high[b - 0x80] : b);
    }
}

static size_t decode_utf8(cleaner *c, const unsigned char *s, size_t len)
{
    size_t repaired = 0;
    size_t i = 0;
    while (i < len && !c->out.failed) {
        if (s[i] < 0x80) {
            clean_cp(c, s[i]);
            i++;
            continue;
        }
        unsigned int cp;
        size_t n = pc_utf8_next((const char *)s + i, len - i, &cp);
        if (cp == REPLACEMENT_CHAR && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            repaired++;
        clean_cp(c, cp);
        i += n;
    }
    return repaired;
}

static size_t decode_utf16(cleaner *c, const unsigned char *s, size_t len, bool big_endian)
{
    size_t repaired = 0;
    size_t i = 0;
    while (i + 1 < len && !c->out.failed) {
        unsigned int unit = big_endian ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
        i += 2;
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < len) {
            unsigned int low = big_endian ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                i += 2;
                clean_cp(c, 0x10000u + ((unit - 0xD800u) << 10) + (low - 0xDC00u));
                continue;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) {
            repaired++;
            unit = REPLACEMENT_CHAR;
        }
        clean_cp(c, unit);
    }
    if (i < len) { /* an odd last byte */
        repaired++;
        clean_cp(c, REPLACEMENT_CHAR);
    }
    return repaired;
}

/* Whether bytes without a byte-order mark, with their first NUL at first_nul, are UTF-16 text: an even length,
 * every code unit, read with the NUL as the high byte of its unit, a character text holds (no control but
 * TAB, LF and CR, no U+FFFE or U+FFFF, surrogates in pairs), and at least one unit in ten below U+0100 (text
 * in Latin letters has a NUL in every unit, Cyrillic text one at each space, digit or line end). Binary data
 * fails on its first control or NUL unit. Sets *big_endian when it is UTF-16. */
static bool looks_like_utf16(const unsigned char *s, size_t len, size_t first_nul, bool *big_endian)
{
    if (len < 2 || len % 2 != 0)
        return false;
    bool be = first_nul % 2 == 0;
    size_t units = 0, latin1_units = 0;
    for (size_t i = 0; i < len; i += 2) {
        unsigned int unit = be ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
        units++;
        latin1_units += unit < 0x100;
        if ((unit < 0x20 && unit != '\t' && unit != '\n' && unit != '\r') || unit == 0xFFFE || unit == 0xFFFF ||
            (unit >= 0xDC00 && unit <= 0xDFFF))
            return false;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (i + 3 >= len)
                return false;
            unsigned int low = be ? (unsigned)(s[i + 2] << 8 | s[i + 3]) : (unsigned)(s[i + 3] << 8 | s[i + 2]);
            if (low < 0xDC00 || low > 0xDFFF)
                return false;
            i += 2;
        }
    }
    if (latin1_units * 10 < units)
        return false;
    *big_endian = be;
    return true;
}

static bool only_white_space(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = pc_utf8_space_len(s + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

int pc_text_decode(const unsigned char *data, size_t len, pc_decoded_text *out, pc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!data)
        len = 0;

    cleaner c = {0};
    pc_source_encoding encoding = PC_ENC_UTF8;
    size_t repaired = 0;

    if (len >= 4 && ((data[0] == 0xFF && data[1] == 0xFE && data[2] == 0 && data[3] == 0) ||
                     (data[0] == 0 && data[1] == 0 && data[2] == 0xFE && data[3] == 0xFF)))
        return pc_error_set(err, PC_EFORMAT, "utf-32 text is not supported: convert the file to utf-8");

    bool utf16_bom = len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF));
    bool big_endian = utf16_bom && data[0] == 0xFE;
    bool utf8_bom = len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
    const unsigned char *nul = len && !utf16_bom ? memchr(data, 0, len) : NULL;
    if (utf16_bom || (nul && !utf8_bom && looks_like_utf16(data, len, (size_t)(nul - data), &big_endian))) {
        size_t start = utf16_bom ? 2 : 0;
        encoding = PC_ENC_UTF16;
        if (!out_reserve(&c.out, len + len / 2))
            return pc_error_set(err, PC_ENOMEM, "out of memory decoding utf-16 text");
        repaired = decode_utf16(&c, data + start, len - start, big_endian);
    } else {
        size_t start = 0;
        if (utf8_bom)
            start = 3;
        if (nul)
            return pc_error_set(err, PC_EFORMAT, "binary file (NUL byte at offset %zu)", (size_t)(nul - data));
        bool high_bytes = false, valid_multibyte = false;
        for (size_t i = start; i < len; i++) {
            if (data[i] >= 0x80) {
                high_bytes = true;
                if (starts_valid_multibyte(data + i, len - i)) {
                    valid_multibyte = true;
                    break;
                }
            }
        }
        if (!out_reserve(&c.out, len - start + (len - start) / 8))
            return pc_error_set(err, PC_ENOMEM, "out of memory decoding text");
        if (high_bytes && !valid_multibyte && !utf8_bom) {
            encoding = PC_ENC_CP1252;
            decode_cp1252(&c, data + start, len - start);
        } else {
            repaired = decode_utf8(&c, data + start, len - start);
            if (repaired)
                encoding = PC_ENC_UTF8_REPAIRED;
        }
    }

    if (!out_reserve(&c.out, 1)) {
        free(c.out.data);
        return pc_error_set(err, PC_ENOMEM, "out of memory decoding text");
    }
    c.out.data[c.out.len] = '\0';
    if (only_white_space(c.out.data, c.out.len)) {
        free(c.out.data);
        return pc_error_set(err, PC_EFORMAT, "empty file");
    }
    out->text = c.out.data;
    out->len = c.out.len;
    out->encoding = encoding;
    out->repaired = repaired;
    out->removed_controls = c.removed;
    return 0;
}

/* ---- text decoded elsewhere ---- */

/* Whether s[0, len) holds something the cleaner would change: a C0 control other than TAB and LF, DEL, a C1
 * control (C2 80..C2 9F), U+FEFF (EF BB BF), U+2028 or U+2029 (E2 80 A8/A9). */
static bool needs_cleaning(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            return true;
        if (c == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            return true;
        if (c == 0xEF && i + 2 < len && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
            return true;
        if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            return true;
    }
    return false;
}

/* A cleaned copy of s[0, len): malloc'd, NUL-terminated, *out_len bytes; NULL when out of memory. */
static char *clean_copy(const char *s, size_t len, bool escapes_only, size_t *out_len)
{
    cleaner c = {.escapes_only = escapes_only};
    if (!out_reserve(&c.out, len))
        return NULL;
    decode_utf8(&c, (const unsigned char *)s, len);
    if (!out_reserve(&c.out, 1)) {
        free(c.out.data);
        return NULL;
    }
    c.out.data[c.out.len] = '\0';
    *out_len = c.out.len;
    return c.out.data;
}

int pc_text_drop_controls(char **text, size_t *len)
{
    if (!*text || !needs_cleaning((const unsigned char *)*text, *len))
        return PC_OK;
    size_t cleaned_len = 0;
    char *cleaned = clean_copy(*text, *len, false, &cleaned_len);
    if (!cleaned)
        return PC_ENOMEM;
    free(*text);
    *text = cleaned;
    *len = cleaned_len;
    return PC_OK;
}

char *pc_text_without_escapes(const char *s, size_t len, size_t *out_len)
{
    return clean_copy(s, len, true, out_len);
}
