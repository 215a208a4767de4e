/* regression_main.c — a fuzz target as a plain program: runs its LLVMFuzzerTestOneInput over files, so that the
 * seed corpus and every crash input kept in tests/fuzz/<target>/ are replayed by the normal test suites
 * (ctest fuzz_<target>_regressions, release and sanitizer builds), without clang or libFuzzer.
 *
 * Usage: fuzz_<target> PATH...   a folder stands for each regular file in it, in name order (not recursive).
 * Exits 0 when every file ran, 2 when a path cannot be read or no file was found; a finding aborts. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_target.h"

/* Runs the target over the file at `path`. Returns 0, or 2 when the file cannot be read. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz regressions: cannot open '%s'\n", path);
        return 2;
    }
    uint8_t *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *grown = realloc(data, cap);
            if (!grown) {
                free(data);
                fclose(f);
                fprintf(stderr, "fuzz regressions: out of memory reading '%s'\n", path);
                return 2;
            }
            data = grown;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        fprintf(stderr, "fuzz regressions: cannot read '%s'\n", path);
        return 2;
    }
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 0;
}

static int is_not_hidden(const struct dirent *entry)
{
    return entry->d_name[0] != '.';
}

/* Defined by the targets that prepare something before their first input; NULL in the others. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    size_t ran = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "fuzz regressions: cannot find '%s'\n", argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            status |= run_file(argv[i]);
            ran++;
            continue;
        }
        struct dirent **entries = NULL;
        int n = scandir(argv[i], &entries, is_not_hidden, alphasort);
        if (n < 0) {
            fprintf(stderr, "fuzz regressions: cannot list '%s'\n", argv[i]);
            return 2;
        }
        for (int k = 0; k < n; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], entries[k]->d_name);
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                status |= run_file(path);
                ran++;
            }
            free(entries[k]);
        }
        free(entries);
    }
    if (ran == 0) {
        fprintf(stderr, "fuzz regressions: no input file found; give files or folders holding them\n");
        return 2;
    }
    printf("fuzz regressions: %zu input%s ran\n", ran, ran == 1 ? "" : "s");
    return status;
}
