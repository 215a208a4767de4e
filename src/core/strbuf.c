/* strbuf.c — the growing string of include/presscut/core/strbuf.h. */
#include "presscut/core/strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void pc_strbuf_add(pc_strbuf *b, const char *s, size_t len)
{
    if (b->failed || len == 0)
        return;
    if (len >= SIZE_MAX / 2 - b->len) {
        b->failed = true;
        return;
    }
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void pc_strbuf_add_str(pc_strbuf *b, const char *s)
{
    pc_strbuf_add(b, s, strlen(s));
}

void pc_strbuf_reset(pc_strbuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void pc_strbuf_free(pc_strbuf *b)
{
    if (!b)
        return;
    free(b->data);
    memset(b, 0, sizeof *b);
}

void pc_strbuf_truncate(pc_strbuf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->data[len] = '\0';
}
