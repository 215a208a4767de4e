/* screen_text.c — escaped, styled, width-measured screen lines and line breaking (see screen_text.h). The
 * escapes themselves come from output/safe_text.c, so the screen shows control characters exactly as the
 * printers do. */
#define _XOPEN_SOURCE 700 /* wcwidth */
#include "presscut/tui/screen_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"
#include "presscut/output/safe_text.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD, for a byte that is not UTF-8 */
#define ELLIPSIS "\xE2\x80\xA6"

void pc_screen_line_reset(pc_screen_line *l)
{
    l->len = 0;
    l->columns = 0;
}

void pc_screen_line_free(pc_screen_line *l)
{
    if (!l)
        return;
    free(l->text);
    free(l->style);
    memset(l, 0, sizeof *l);
}

/* Appends n bytes of already safe text, `columns` wide, in `style`. */
static void put(pc_screen_line *l, const char *s, size_t n, size_t columns, pc_screen_style style)
{
    if (l->failed)
        return;
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        while (cap < l->len + n)
            cap *= 2;
        char *text = realloc(l->text, cap);
        if (text)
            l->text = text;
        unsigned char *st = text ? realloc(l->style, cap) : NULL;
        if (!st) {
            l->failed = true;
            return;
        }
        l->style = st;
        l->cap = cap;
    }
    memcpy(l->text + l->len, s, n);
    memset(l->style + l->len, (int)style, n);
    l->len += n;
    l->columns += columns;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* The character at s (len > 0) as it is drawn: its bytes (*shown, *shown_len; `esc` holds an escape) and its
 * width. Returns the bytes of s it is. */
static size_t shown_char(const char *s, size_t len, const char **shown, size_t *shown_len, size_t *columns,
                         char esc[16])
{
    uint32_t cp = 0;
    int n = pc_utf8_decode((const unsigned char *)s, len, &cp);
    if (n == 0) {
        *shown = REPLACEMENT;
        *shown_len = sizeof REPLACEMENT - 1;
        *columns = 1;
        return 1;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        *shown = " ";
        *shown_len = 1;
        *columns = 1;
        return (size_t)n;
    }
    if (is_control(cp)) {
        pc_strbuf b = {0};
        pc_safe_text_add(&b, s, (size_t)n, false);
        size_t k = !b.failed && b.len < 16 ? b.len : 0;
        if (k)
            memcpy(esc, b.data, k);
        pc_strbuf_free(&b);
        *shown = esc;
        *shown_len = k;
        *columns = k;
        return (size_t)n;
    }
    int w = wcwidth((wchar_t)cp);
    *shown = s;
    *shown_len = (size_t)n;
    *columns = w < 0 ? 1 : (size_t)w;
    return (size_t)n;
}

size_t pc_screen_char_columns(const char *s, size_t len, size_t *used)
{
    const char *shown;
    size_t shown_len, columns;
    char esc[16];
    *used = shown_char(s, len, &shown, &shown_len, &columns, esc);
    return columns;
}

size_t pc_screen_text_columns(const char *s, size_t len)
{
    size_t columns = 0;
    for (size_t i = 0; i < len;) {
        size_t used;
        columns += pc_screen_char_columns(s + i, len - i, &used);
        i += used;
    }
    return columns;
}

/* The columns s[i, len) needs: the character at i and the zero-width ones (combining marks) after it. */
static size_t cluster_bytes(const char *s, size_t len, size_t i, size_t *columns)
{
    size_t used;
    *columns = pc_screen_char_columns(s + i, len - i, &used);
    size_t end = i + used;
    while (end < len) {
        size_t w = pc_screen_char_columns(s + end, len - end, &used);
        if (w != 0)
            break;
        end += used;
    }
    return end - i;
}

size_t pc_screen_line_add(pc_screen_line *l, const char *s, size_t len, pc_screen_style style,
                          const pc_span *spans, size_t n_spans, pc_screen_style mark_style, size_t max_columns)
{
    if (l->columns >= max_columns)
        return 0;
    size_t room = max_columns - l->columns;
    size_t need = pc_screen_text_columns(s, len);
    bool cut = need > room;
    size_t limit = cut ? room - 1 : room; /* one column for the "…" */
    size_t span = 0;
    size_t i = 0;
    while (i < len) {
        size_t columns;
        size_t n = cluster_bytes(s, len, i, &columns);
        if (columns > limit)
            break;
        while (span < n_spans && spans[span].end <= i)
            span++;
        bool marked = span < n_spans && spans[span].start <= i && i < spans[span].end;
        pc_screen_style st = marked ? mark_style : style;
        for (size_t j = i; j < i + n;) {
            const char *shown;
            size_t shown_len, w;
            char esc[16];
            j += shown_char(s + j, i + n - j, &shown, &shown_len, &w, esc);
            put(l, shown, shown_len, w, st);
        }
        limit -= columns;
        i += n;
    }
    if (cut)
        put(l, ELLIPSIS, sizeof ELLIPSIS - 1, 1, style);
    return i;
}

void pc_screen_line_label(pc_screen_line *l, const char *label, pc_screen_style style, size_t max_columns)
{
    pc_screen_line_add(l, label, strlen(label), style, NULL, 0, style, max_columns);
}

void pc_screen_line_pad(pc_screen_line *l, size_t columns, pc_screen_style style)
{
    while (l->columns < columns && !l->failed)
        put(l, " ", 1, 1, style);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

size_t pc_screen_wrap(const char *s, size_t len, size_t start, size_t width, size_t *next)
{
    size_t columns = 0, i = start, last_space = 0;
    bool have_space = false;
    while (i < len && s[i] != '\n') {
        size_t w;
        size_t n = cluster_bytes(s, len, i, &w);
        if (is_space(s[i])) {
            last_space = i;
            have_space = true;
        }
        if (columns + w > width && i > start)
            break;
        columns += w;
        i += n;
    }
    size_t end = i;
    if (i < len && s[i] != '\n' && have_space && last_space > start)
        end = last_space; /* break at the last space, not inside a word */
    size_t after = end;
    while (after < len && is_space(s[after]))
        after++;
    if (after < len && s[after] == '\n')
        after++;
    while (end > start && is_space(s[end - 1]))
        end--;
    *next = after > start ? after : start + 1 > len ? len : start + 1;
    return end;
}
