/* print_explain.h — the report of `presscut search --explain` (a pc_explanation: how a query is understood on
 * an index) through a printer: the readable outline for people, one record for programs. */
#ifndef PRESSCUT_OUTPUT_PRINT_EXPLAIN_H
#define PRESSCUT_OUTPUT_PRINT_EXPLAIN_H

#include "presscut/core/error.h"
#include "presscut/output/printer.h"
#include "presscut/search/explain.h"

/* Prints the explanation `e` (not kept, not freed).
 * TEXT: the query; "understood as:" and the tree with its filters; the languages words are looked up in;
 * each term with the passages it matches and each word's forms with the passages holding them; the date
 * filter's passage id range; the words --any leaves out; the FTS5 expressions. Text from the query and the
 * index is escaped (safe_text.h); the exact-form marker of the expressions is shown as '='.
 * Records (json, jsonl): query, any, understood_as (the tree and filters, one line a string, two spaces of
 * indent a level), langs, terms [{kind ("term" or "phrase"), column, in_title, passages, words [{text, exact,
 * prefix, forms [{text, stem, passages, terms (prefix words; null otherwise)}]}]}], passage_id_range ({from,
 * to}: FTS5 scans passage ids from <= id < to; null without a date filter), left_out (words, [] when none),
 * fts5 {match, exclude, title_filter, title_highlight} (null when not needed); README.md lists them.
 * Returns 0, PC_ENOMEM or PC_EIO (see pc_printer_report). */
int pc_print_explanation(pc_printer *p, const pc_explanation *e, pc_error *err);

#endif
