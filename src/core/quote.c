/* quote.c — C-style quoting of names that may hold any bytes (include/presscut/core/quote.h). */
#include "presscut/core/quote.h"

#include <stdint.h>

#include "presscut/core/utf8.h"

/* The length of the well-formed, printable UTF-8 character at s[i] (n bytes left), or 0 when the byte at
 * s[i] must be escaped (a control character, a byte of a C1 control, a byte of no well-formed character). */
static size_t printable_len(const unsigned char *s, size_t n)
{
    uint32_t cp;
    int len = pc_utf8_decode(s, n, &cp);
    if (len == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
        return 0;
    return (size_t)len;
}

bool pc_quote_needed(const char *s, size_t len)
{
    if (len > 0 && s[0] == '"')
        return true;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = printable_len(u + i, len - i);
        if (n == 0)
            return true;
        i += n;
    }
    return false;
}

/* Appends s[0, len) with escapes for what printable_len refuses, and for '\\' and '"' when `quotes`. */
static void add_escaped(pc_strbuf *out, const char *s, size_t len, bool quotes)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t start = 0;
    for (size_t i = 0; i < len;) {
        size_t n = printable_len(u + i, len - i);
        if (n > 0 && !(quotes && (s[i] == '\\' || s[i] == '"'))) {
            i += n;
            continue;
        }
        pc_strbuf_add(out, s + start, i - start);
        /* A C1 control is two bytes, both escaped; anything else refused is one byte. */
        size_t bytes = n > 0 ? n : (u[i] == 0xc2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f ? 2 : 1);
        for (size_t k = i; k < i + bytes; k++) {
            char esc[4] = {'\\', 0, 0, 0};
            size_t esc_len = 2;
            switch (u[k]) {
            case '\n': esc[1] = 'n'; break;
            case '\t': esc[1] = 't'; break;
            case '\r': esc[1] = 'r'; break;
            case '\\': esc[1] = '\\'; break;
            case '"': esc[1] = '"'; break;
            default:
                esc[1] = 'x';
                esc[2] = hex[u[k] >> 4];
                esc[3] = hex[u[k] & 15];
                esc_len = 4;
            }
            pc_strbuf_add(out, esc, esc_len);
        }
        i += bytes;
        start = i;
    }
    pc_strbuf_add(out, s + start, len - start);
}

void pc_quote_add(pc_strbuf *out, const char *s, size_t len)
{
    if (!pc_quote_needed(s, len)) {
        pc_strbuf_add(out, s, len);
        return;
    }
    pc_strbuf_add(out, "\"", 1);
    add_escaped(out, s, len, true);
    pc_strbuf_add(out, "\"", 1);
}

void pc_quote_escape_controls(pc_strbuf *out, const char *s, size_t len)
{
    add_escaped(out, s, len, false);
}
