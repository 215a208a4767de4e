/* fuzz_target.h — what every fuzz target of tests/fuzz shares: the libFuzzer entry point it defines, the check
 * that stops a run at a broken invariant, and the copy of an input as a NUL-terminated string.
 *
 * A target is one file fuzz_<name>.c defining LLVMFuzzerTestOneInput. It is built twice: with libFuzzer
 * (-DPRESSCUT_FUZZ=ON, clang) for fuzzing campaigns, and with any compiler next to regression_main.c, a plain
 * program that replays the files of tests/fuzz/<name>/ (seeds and every crash input found) in the normal test
 * suites. A target keeps no state that grows from input to input (an analyzer made once is reused), frees all
 * it allocates, and ignores inputs over its size bound (FUZZ_MAX_INPUT) so that one input stays fast. */
#ifndef PRESSCUT_FUZZ_TARGET_H
#define PRESSCUT_FUZZ_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/error.h"
#include "presscut/text/analyzer.h"

/* Inputs longer than this are ignored by every target (run.sh also passes it as -max_len). */
#define FUZZ_MAX_INPUT 65536

/* Runs one input. Returns 0 (libFuzzer's contract); a broken invariant aborts through FUZZ_CHECK. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Optional: prepares what every input uses (an analyzer, a stemmer's dictionary) before the first input, so
 * that its cost does not count against the first input's time limit. Returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts with the failed condition and its place when `cond` is false: a finding, like a crash. */
#define FUZZ_CHECK(cond)                                                                                  \
    do {                                                                                                  \
        if (!(cond)) {                                                                                    \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);                  \
            abort();                                                                                      \
        }                                                                                                 \
    } while (0)

/* Aborts with the call, its return code and the error's message when `call` does not return 0. */
#define FUZZ_CHECK_OK(call, err)                                                                          \
    do {                                                                                                  \
        int fuzz_rc = (call);                                                                             \
        if (fuzz_rc != 0) {                                                                               \
            fprintf(stderr, "%s:%d: %s returned %d: %s\n", __FILE__, __LINE__, #call, fuzz_rc, (err)->msg); \
            abort();                                                                                      \
        }                                                                                                 \
    } while (0)

/* One analyzer with the default configuration, made at the first call and kept for the whole run (its memory
 * is bounded: analyzer.h). Aborts when it cannot be made. */
static inline pc_analyzer *fuzz_shared_analyzer(void)
{
    static pc_analyzer *analyzer;
    if (!analyzer) {
        pc_analyzer_config cfg;
        pc_analyzer_config_default(&cfg);
        pc_error err;
        pc_error_clear(&err);
        FUZZ_CHECK_OK(pc_analyzer_new(&analyzer, &cfg, &err), &err);
    }
    return analyzer;
}

/* A malloc'd NUL-terminated copy of data[0, size) (which may itself hold NULs), or NULL when out of memory. */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s) {
        if (size)
            memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

#endif
