/* harness.h — a tiny unit-test harness: CHECK* macros count failures and print file:line with the values
 * that differ; TEST_MAIN runs the listed test functions and exits 1 if any check failed.
 * Also: shared_corpus(), the path of ../shared/corpus, which skips (exit 77) when it is absent, or fails
 * when CI=true; harness_read_file(), a whole file in memory; harness_write_file(), a file written from
 * memory; harness_make_temp_dir(), harness_path_in() and harness_remove_dir(), a scratch folder of files;
 * str_contains(), for checks on text. */
#ifndef PRESSCUT_TEST_HARNESS_H
#define PRESSCUT_TEST_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "read_file.h"

static int harness_failures;
static int harness_checks;

#define CHECK(cond)                                                                                       \
    do {                                                                                                  \
        harness_checks++;                                                                                 \
        if (!(cond)) {                                                                                    \
            harness_failures++;                                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                      \
        }                                                                                                 \
    } while (0)

#define CHECK_INT_EQ(a, b)                                                                                \
    do {                                                                                                  \
        long long harness_a = (long long)(a), harness_b = (long long)(b);                                 \
        harness_checks++;                                                                                 \
        if (harness_a != harness_b) {                                                                     \
            harness_failures++;                                                                           \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b,         \
                    harness_a, harness_b);                                                                \
        }                                                                                                 \
    } while (0)

#define CHECK_STR_EQ(a, b)                                                                                \
    do {                                                                                                  \
        const char *harness_a = (a), *harness_b = (b);                                                    \
        harness_checks++;                                                                                 \
        if (!harness_a || !harness_b || strcmp(harness_a, harness_b) != 0) {                              \
            harness_failures++;                                                                           \
            fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, #b,     \
                    harness_a ? harness_a : "(null)", harness_b ? harness_b : "(null)");                  \
        }                                                                                                 \
    } while (0)

#define RUN_TEST(fn)                                                                                      \
    do {                                                                                                  \
        int harness_before = harness_failures;                                                            \
        fn();                                                                                             \
        fprintf(stderr, "%s %s\n", harness_failures == harness_before ? "ok  " : "FAIL", #fn);            \
    } while (0)

#define TEST_REPORT()                                                                                     \
    (fprintf(stderr, "%d checks, %d failed\n", harness_checks, harness_failures), harness_failures ? 1 : 0)

/* Creates a fresh folder /tmp/presscut-<name>-XXXXXX and writes its path into dir (at least 64 bytes);
 * exits 1 when it cannot. */
static inline void harness_make_temp_dir(char *dir, size_t size, const char *name)
{
    snprintf(dir, size, "/tmp/presscut-%s-XXXXXX", name);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(1);
    }
}

/* The path of `name` inside `dir`, in a buffer the next call overwrites. */
static inline const char *harness_path_in(const char *dir, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* Removes a folder made by harness_make_temp_dir and the files in it (not subfolders). */
static inline void harness_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* Writes len bytes of text into the file dir/name (created or emptied); a file that cannot be opened fails a
 * check. */
static inline void harness_write_file(const char *dir, const char *name, const char *text, size_t len)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

/* True when s is not NULL and holds part. */
static inline bool str_contains(const char *s, const char *part)
{
    return s && strstr(s, part) != NULL;
}

/* Path of the shared real-data corpus folder (…/shared/corpus), from $PRESSCUT_SHARED. When it is absent:
 * exit 77 (ctest: skipped), or exit 1 with a message under CI=true, where it must be there. */
static inline const char *shared_corpus(void)
{
    static char path[4096];
    const char *shared = getenv("PRESSCUT_SHARED");
    if (!shared || !*shared)
        shared = "../shared";
    snprintf(path, sizeof path, "%s/corpus", shared);
    FILE *f = NULL;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/seeds/SOURCE.md", path);
    f = fopen(probe, "r");
    if (f) {
        fclose(f);
        return path;
    }
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0) {
        fprintf(stderr, "shared corpus not found at %s (set PRESSCUT_SHARED); it is required under CI=true\n", path);
        exit(1);
    }
    fprintf(stderr, "shared corpus not found at %s: skipping\n", path);
    exit(77);
}

#endif
