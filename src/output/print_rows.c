/* print_rows.c — tab-separated rows (print_rows.h), for `presscut sql`. */
#include "presscut/output/print_rows.h"

/* Writes one value with tabs, newlines, backslashes and other control characters escaped. */
static void print_field(FILE *out, const char *value)
{
    for (const char *p = value; *p; p++) {
        if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\\')
            fputs("\\\\", out);
        else if ((unsigned char)*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02x", (unsigned char)*p);
        else
            fputc(*p, out);
    }
}

void pc_print_row(FILE *out, int n, const char *const *values)
{
    for (int i = 0; i < n; i++) {
        fputs(i ? "\t" : "", out);
        if (values[i])
            print_field(out, values[i]);
    }
    fputc('\n', out);
}
