/* print_index_summary.h — the closing summary of `presscut index`: what a run indexed, skipped, repaired and
 * removed, in a few lines for people. The figures are given in output terms (the cli copies them from the
 * indexer's pc_index_summary), so that this stage does not depend on the index stage. */
#ifndef PRESSCUT_OUTPUT_PRINT_INDEX_SUMMARY_H
#define PRESSCUT_OUTPUT_PRINT_INDEX_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

/* What an indexing run did, as the summary tells it (the meaning of each field: pc_index_summary). */
typedef struct pc_index_run_figures {
    size_t indexed, unchanged, skipped, failed; /* files */
    size_t removed, excluded;                   /* files; each told only when not 0 */
    size_t warnings, repaired, converted;       /* told together when any is not 0 */
    size_t recleaned;                           /* files indexed again; told when not 0 */
    size_t boilerplate_lines;                   /* told when not 0 */
    long long articles, passages;               /* written */
    long long bytes;                            /* read */
    double seconds;
} pc_index_run_figures;

/* Writes the summary of `f` to `out`: "indexed N files (A articles, P passages), U unchanged, S skipped,
 * F failed" (then ", R removed" and ", E excluded" when not 0), a line each for warnings, files indexed
 * again and boilerplate lines when there are any, and "read X MB in T s". Write errors are left in the
 * FILE (ferror). */
void pc_print_index_summary(FILE *out, const pc_index_run_figures *f);

#endif
