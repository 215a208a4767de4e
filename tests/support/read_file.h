/* read_file.h — a whole file in memory, for the unit tests (through harness.h) and the measurement
 * programs (through measure.h), which cannot take the harness's check counters. */
#ifndef PRESSCUT_TEST_READ_FILE_H
#define PRESSCUT_TEST_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The whole file at path, NUL-terminated (malloc'd, the caller frees; *len without the NUL), or NULL when it
 * cannot be read. */
static inline unsigned char *harness_read_file(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

#endif
