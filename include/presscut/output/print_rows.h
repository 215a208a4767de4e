/* print_rows.h — rows of a table as tab-separated lines (what `presscut sql` prints): one line per row,
 * fields separated by tabs, values escaped so that each row stays on one line and fields can be split on
 * tabs again. */
#ifndef PRESSCUT_OUTPUT_PRINT_ROWS_H
#define PRESSCUT_OUTPUT_PRINT_ROWS_H

#include <stdio.h>

/* Writes values[0, n) to `out` as one line: the fields separated by tabs, then a newline. A NULL value is an
 * empty field. Inside a value a tab is written as \t, a newline as \n, a backslash as \\ and another control
 * character (below 0x20, or 0x7f) as \xNN; other bytes pass unchanged. Column names are written the same
 * way. Write errors are left in the FILE (ferror). */
void pc_print_row(FILE *out, int n, const char *const *values);

#endif
