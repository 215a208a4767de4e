/* utf8.c — the UTF-8 primitives every module shares (see include/presscut/core/utf8.h): decoding with the
 * maximal-subpart rule for repair, validation, and the one definition of white space. */
#include "presscut/core/utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT_CHAR 0xFFFDu

static bool is_continuation(unsigned char b, unsigned char lo, unsigned char hi)
{
    return b >= lo && b <= hi;
}

size_t pc_utf8_count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

size_t pc_utf8_next(const char *str, size_t len, unsigned int *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    unsigned int value;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        value = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        value = b0 & 0x0Fu;
        if (b0 == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (b0 == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        value = b0 & 0x07u;
        if (b0 == 0xF0)
            lo = 0x90; /* no overlongs */
        else if (b0 == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *cp = REPLACEMENT_CHAR;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        unsigned char lower = i == 1 ? lo : 0x80, upper = i == 1 ? hi : 0xBF;
        if (i >= len || !is_continuation(s[i], lower, upper)) {
            *cp = REPLACEMENT_CHAR;
            return i; /* the maximal ill-formed prefix */
        }
        value = (value << 6) | (s[i] & 0x3Fu);
    }
    *cp = value;
    return need + 1;
}

int pc_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        unsigned int cp;
        size_t n = pc_utf8_next(s + i, len - i, &cp);
        if (cp == REPLACEMENT_CHAR && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            return 0;
        i += n;
    }
    return 1;
}

size_t pc_utf8_space_len(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    switch (s[0]) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
        return 1;
    case 0xC2:
        return len >= 2 && s[1] == 0xA0 ? 2 : 0;
    case 0xE1:
        return len >= 3 && s[1] == 0x9A && s[2] == 0x80 ? 3 : 0;
    case 0xE2:
        if (len < 3)
            return 0;
        if (s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
            return 3;
        if (s[1] == 0x81 && s[2] == 0x9F)
            return 3;
        return 0;
    case 0xE3:
        return len >= 3 && s[1] == 0x80 && s[2] == 0x80 ? 3 : 0;
    default:
        return 0;
    }
}

char *pc_utf8_squeeze_spaces(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (out)
        pc_utf8_squeeze_spaces_to(out, s, len);
    return out;
}

size_t pc_utf8_squeeze_spaces_to(char *out, const char *s, size_t len)
{
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len;) {
        size_t n = pc_utf8_space_len(s + i, len - i);
        if (n) {
            space = true;
            i += n;
            continue;
        }
        if (space && o > 0)
            out[o++] = ' ';
        space = false;
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return o;
}

uint32_t pc_lower_cyrillic_or_ascii(uint32_t c)
{
    if (c >= 0x0410 && c <= 0x042F)
        return c + 0x20;
    if (c >= 0x0400 && c <= 0x040F)
        return c + 0x50;
    if (c == 0x0490)
        return 0x0491;
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    return c;
}
