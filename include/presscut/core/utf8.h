/* utf8.h — UTF-8 primitives shared by every module that walks text: strict decoding and encoding of one
 * character (inline: they sit in the analyzer's inner loop), decoding with repair, validation, and the one
 * definition of white space. No allocation, no state: thread-safe. */
#ifndef PRESSCUT_UTF8_H
#define PRESSCUT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one well-formed UTF-8 sequence at s (n > 0 bytes available): returns its length (1-4) and sets
 * *cp, or returns 0 for an ill-formed one (overlong, surrogate, above U+10FFFF, truncated). */
static inline int pc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3)
            return 0;
        unsigned c1 = s[1];
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (c1 < lo || c1 > hi || (s[2] & 0xC0) != 0x80)
            return 0;
        *cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4)
            return 0;
        unsigned c1 = s[1];
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (c1 < lo || c1 > hi || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        *cp = ((c & 0x07u) << 18) | ((c1 & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
        return 4;
    }
    return 0;
}

/* Writes the UTF-8 encoding of cp (at most U+10FFFF) into out and returns its length (1-4). */
static inline int pc_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* True if [s, s+len) is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
int pc_utf8_valid(const char *s, size_t len);

/* Decodes the UTF-8 character at s (len > 0 bytes available) into *cp and returns its length in bytes.
 * An invalid sequence gives *cp = U+FFFD and the length of its maximal ill-formed prefix (at least 1), so
 * a loop over any bytes always advances. */
size_t pc_utf8_next(const char *s, size_t len, unsigned int *cp);

/* The number of characters in s[0, len): the bytes that do not continue a UTF-8 sequence (so a stray
 * continuation byte counts for none and an invalid lead byte for one; Python's str length on valid UTF-8). */
size_t pc_utf8_count_chars(const char *s, size_t len);

/* The length in bytes of the white-space character at s (len bytes available), or 0 when s does not start
 * with one. White space is what every presscut module splits words on: ASCII space, \t, \n, \r, \v, \f,
 * and the Unicode space separators (U+00A0 no-break space, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000). */
size_t pc_utf8_space_len(const char *s, size_t len);

/* A copy of [s, s+len), NUL-terminated, without white space (as pc_utf8_space_len) at either end and with
 * each run of it inside made one ASCII space. malloc'd, the caller frees; NULL when out of memory. */
char *pc_utf8_squeeze_spaces(const char *s, size_t len);

/* The same into the caller's `out`, which holds at least len + 1 bytes. Returns the bytes written before the
 * NUL. */
size_t pc_utf8_squeeze_spaces_to(char *out, const char *s, size_t len);

/* The lowercase of a Cyrillic capital (U+0400..U+042F, Ґ) or an ASCII capital; any other code point unchanged.
 * The simple case mapping the Cyrillic stemmer and the transliteration need, without ICU. */
uint32_t pc_lower_cyrillic_or_ascii(uint32_t c);

#endif
