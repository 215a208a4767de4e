/* test_print_index_summary.c — the closing summary of `presscut index` (print_index_summary.h), exactly: the
 * first line with singular and plural counts, the parts told only when not 0, and the reading speed line. */
#include <stdlib.h>

#include "presscut/output/print_index_summary.h"

#include "harness.h"

/* Prints the summary of f into memory; returns the malloc'd text. */
static char *summary_to_memory(const pc_index_run_figures *f)
{
    char *data = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&data, &len);
    pc_print_index_summary(out, f);
    fclose(out);
    return data;
}

static void test_quiet_run(void)
{
    pc_index_run_figures f = {.indexed = 1, .articles = 1, .passages = 1, .bytes = 1234, .seconds = 0.004};
    char *text = summary_to_memory(&f);
    CHECK_STR_EQ(text, "indexed 1 file (1 article, 1 passage), 0 unchanged, 0 skipped, 0 failed\n"
                       "read 0.0 MB in 0.00 s\n");
    free(text);

    pc_index_run_figures none = {0};
    text = summary_to_memory(&none);
    CHECK_STR_EQ(text, "indexed 0 files (0 articles, 0 passages), 0 unchanged, 0 skipped, 0 failed\n"
                       "read 0.0 MB in 0.00 s\n");
    free(text);
}

static void test_everything_told(void)
{
    pc_index_run_figures f = {
        .indexed = 6, .unchanged = 2, .skipped = 3, .failed = 1, .removed = 4, .excluded = 5,
        .warnings = 2, .repaired = 1, .converted = 1, .recleaned = 1, .boilerplate_lines = 7,
        .articles = 12, .passages = 40, .bytes = 16800000, .seconds = 1.256,
    };
    char *text = summary_to_memory(&f);
    CHECK_STR_EQ(text, "indexed 6 files (12 articles, 40 passages), 2 unchanged, 3 skipped, 1 failed, 4 removed, "
                       "5 excluded\n"
                       "2 warnings: 1 file with invalid UTF-8 repaired, 1 converted from another encoding\n"
                       "1 file indexed again: lines their source repeats were found and removed\n"
                       "7 boilerplate lines removed (menus, share and subscribe lines, repeated footers)\n"
                       "read 16.8 MB in 1.26 s\n");
    free(text);

    /* Each optional part on its own; one warning alone still prints the warnings line. */
    pc_index_run_figures g = {.excluded = 1, .converted = 1, .recleaned = 2, .boilerplate_lines = 1};
    text = summary_to_memory(&g);
    CHECK_STR_EQ(text, "indexed 0 files (0 articles, 0 passages), 0 unchanged, 0 skipped, 0 failed, 1 excluded\n"
                       "0 warnings: 0 files with invalid UTF-8 repaired, 1 converted from another encoding\n"
                       "2 files indexed again: lines their source repeats were found and removed\n"
                       "1 boilerplate line removed (menus, share and subscribe lines, repeated footers)\n"
                       "read 0.0 MB in 0.00 s\n");
    free(text);
}

int main(void)
{
    RUN_TEST(test_quiet_run);
    RUN_TEST(test_everything_told);
    return TEST_REPORT();
}
