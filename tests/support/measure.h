/* measure.h — for the measurement programs (tests/bench, tests/eval): allocation that never returns NULL
 * (out of memory prints "<MEASURE_PROGRAM>: out of memory" and exits 2), a NUL-terminated copy of n bytes,
 * a path in a folder, and harness_read_file (read_file.h). Define MEASURE_PROGRAM, the program's name, before
 * including. */
#ifndef PRESSCUT_TEST_MEASURE_H
#define PRESSCUT_TEST_MEASURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_file.h"

#ifndef MEASURE_PROGRAM
#error "define MEASURE_PROGRAM, the program's name for messages, before including measure.h"
/* dir + "/" + name, malloc'd; never NULL. */
static inline char *xpath_in(const char *dir, const char *name)
{
    size_t dir_len = strlen(dir), name_len = strlen(name);
    char *out = xmalloc(dir_len + 1 + name_len + 1);
    snprintf(out, dir_len + 1 + name_len + 1, "%s/%s", dir, name);
    return out;
}

#endif

static inline void measure_out_of_memory(void)
{
    fprintf(stderr, "%s: out of memory\n", MEASURE_PROGRAM);
    exit(2);
}

/* malloc of n bytes (at least one); never NULL. */
static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        measure_out_of_memory();
    return p;
}

/* realloc to n bytes (at least one); never NULL. */
static inline void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        measure_out_of_memory();
    return p;
}

/* The n bytes at s and a NUL, malloc'd; never NULL. */
static inline char *xstrndup(const char *s, size_t n)
{
    char *out = xmalloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* dir + "/" + name, malloc'd; never NULL. */
static inline char *xpath_in(const char *dir, const char *name)
{
    size_t dir_len = strlen(dir), name_len = strlen(name);
    char *out = xmalloc(dir_len + 1 + name_len + 1);
    snprintf(out, dir_len + 1 + name_len + 1, "%s/%s", dir, name);
    return out;
}

#endif
