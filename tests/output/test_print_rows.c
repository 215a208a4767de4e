/* test_print_rows.c — the tab-separated rows of `presscut sql` (print_rows.h): fields joined by tabs, NULL as
 * an empty field, and the exact escapes of tab, newline, backslash and other control characters, with bytes
 * above 0x7f passed unchanged. */
#include <stdlib.h>

#include "presscut/output/print_rows.h"

#include "harness.h"

/* Writes one row of n values into memory; returns the malloc'd text. */
static char *row_to_memory(int n, const char *const *values)
{
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    pc_print_row(f, n, values);
    fclose(f);
    return data;
}

static void test_fields_and_nulls(void)
{
    const char *const values[] = {"1", NULL, "caf\xc3\xa9", ""};
    char *text = row_to_memory(4, values);
    CHECK_STR_EQ(text, "1\t\tcaf\xc3\xa9\t\n");
    free(text);

    const char *const one[] = {"count(*)"};
    text = row_to_memory(1, one);
    CHECK_STR_EQ(text, "count(*)\n");
    free(text);

    text = row_to_memory(0, NULL);
    CHECK_STR_EQ(text, "\n");
    free(text);
}

static void test_escapes(void)
{
    const char *const values[] = {"a\tb\nc\\d", "bell\a esc\033[31m del\x7f cr\r", "\xc2\x85 kept"};
    char *text = row_to_memory(3, values);
    CHECK_STR_EQ(text, "a\\tb\\nc\\\\d\tbell\\x07 esc\\x1b[31m del\\x7f cr\\x0d\t\xc2\x85 kept\n");
    free(text);
}

int main(void)
{
    RUN_TEST(test_fields_and_nulls);
    RUN_TEST(test_escapes);
    return TEST_REPORT();
}
