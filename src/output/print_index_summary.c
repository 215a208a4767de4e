/* print_index_summary.c — the closing summary of `presscut index` (print_index_summary.h). */
#include "presscut/output/print_index_summary.h"

/* "" for one, "s" for any other count. */
static const char *plural(unsigned long long count)
{
    return count == 1 ? "" : "s";
}

void pc_print_index_summary(FILE *out, const pc_index_run_figures *f)
{
    fprintf(out, "indexed %zu file%s (%lld article%s, %lld passage%s), %zu unchanged, %zu skipped, %zu failed",
            f->indexed, plural(f->indexed), f->articles, plural(f->articles), f->passages,
            plural(f->passages), f->unchanged, f->skipped, f->failed);
    if (f->removed)
        fprintf(out, ", %zu removed", f->removed);
    if (f->excluded)
        fprintf(out, ", %zu excluded", f->excluded);
    fputc('\n', out);
    if (f->warnings || f->repaired || f->converted)
        fprintf(out, "%zu warning%s: %zu file%s with invalid UTF-8 repaired, %zu converted from another encoding\n",
                f->warnings, plural(f->warnings), f->repaired, plural(f->repaired),
                f->converted);
    if (f->recleaned)
        fprintf(out, "%zu file%s indexed again: lines their source repeats were found and removed\n", f->recleaned,
                plural(f->recleaned));
    if (f->boilerplate_lines)
        fprintf(out, "%zu boilerplate line%s removed (menus, share and subscribe lines, repeated footers)\n",
                f->boilerplate_lines, plural(f->boilerplate_lines));
    fprintf(out, "read %.1f MB in %.2f s\n", (double)f->bytes / 1e6, f->seconds);
}
