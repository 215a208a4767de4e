/* strbuf.h — a growing, NUL-terminated byte string for building texts piece by piece (readers, cleaning).
 * Out of memory is sticky: the first failed allocation sets `failed` and later appends do nothing, so a
 * builder checks once at the end. */
#ifndef PRESSCUT_STRBUF_H
#define PRESSCUT_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pc_strbuf {
    char *data;  /* NUL-terminated once anything was added; NULL before; owned by the buffer */
    size_t len;  /* bytes in data, without the NUL */
    size_t cap;
    bool failed; /* an allocation failed: data holds what was added before */
} pc_strbuf;

/* Appends [s, s+len) (may hold NULs). Nothing when failed or len is 0. */
void pc_strbuf_add(pc_strbuf *b, const char *s, size_t len);

/* Appends a NUL-terminated string. */
void pc_strbuf_add_str(pc_strbuf *b, const char *s);

/* Shortens the content to its first len bytes (nothing when len >= b->len). */
void pc_strbuf_truncate(pc_strbuf *b, size_t len);

/* Empties the buffer, keeping its memory (data stays a valid "" once allocated). */
void pc_strbuf_reset(pc_strbuf *b);

/* Frees the memory and zeroes the buffer. Accepts NULL. */
void pc_strbuf_free(pc_strbuf *b);

#endif
