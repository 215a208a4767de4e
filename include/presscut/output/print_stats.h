/* print_stats.h — the report of `presscut stats` (what an index holds, from pc_store_stats_get) through a
 * printer: aligned lines for people, one record for programs. */
#ifndef PRESSCUT_OUTPUT_PRINT_STATS_H
#define PRESSCUT_OUTPUT_PRINT_STATS_H

#include <stdbool.h>

#include "presscut/core/error.h"
#include "presscut/output/printer.h"
#include "presscut/store/store.h"

/* Prints the figures of `st` for the index at `index_path` (shown as it is given).
 * TEXT: one "label      value" line per figure; the 20 most common languages and 10 largest sources unless
 * `all_sources`, with a count of the others.
 * Records (json, jsonl): index, index_bytes, files, articles, passages, text_bytes, languages and sources
 * (every one, as [{"name", "articles"}]), first_date and last_date (null when nothing is dated), undated,
 * duplicates {clusters, articles, largest}, schema_version, analyzer {version, fold_diacritics, exact_forms}.
 * Returns 0, PC_ENOMEM or PC_EIO (see pc_printer_report). */
int pc_print_stats(pc_printer *p, const char *index_path, const pc_store_stats *st, bool all_sources,
                   pc_error *err);

#endif
