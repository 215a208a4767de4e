/* print_concordance.h — mentions (search/mentions.h) as text for people: keyword-in-context lines aligned on
 * the mention (date, source, title, left context │ mention │ right context), counts per bucket with a bar
 * chart, the forms searched (--explain) and the totals. Widths are display columns on a terminal, not bytes:
 * wide East Asian characters take 2, combining marks and format characters 0. Text from articles is escaped
 * (safe_text.h) and its white space squeezed before it is measured. Everything is appended to a pc_strbuf
 * (out of memory is sticky there); nothing is written here. */
#ifndef PRESSCUT_OUTPUT_PRINT_CONCORDANCE_H
#define PRESSCUT_OUTPUT_PRINT_CONCORDANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/strbuf.h"
#include "presscut/search/mentions.h"

/* The display width of s[0, len) (UTF-8; an invalid byte counts 1 column) in terminal columns. */
size_t pc_display_width(const char *s, size_t len);

/* Appends s[0, len) right-aligned in `width` columns: padded with spaces on the left, or, when wider, cut at
 * the left and started with "…" (never in the middle of a character or before its combining marks). */
void pc_fit_left(pc_strbuf *out, const char *s, size_t len, size_t width);

/* Appends s[0, len) in `width` columns from the left: cut at the right with a final "…" when wider; padded
 * with spaces to `width` when `pad`. */
void pc_fit_right(pc_strbuf *out, const char *s, size_t len, size_t width, bool pad);

/* Column widths of a concordance line; a width of 0 leaves the column out. */
typedef struct pc_concordance_layout {
    size_t date, source, title, left, right;
} pc_concordance_layout;

/* The layout for a terminal (or page) `columns` wide (0: 120): the context columns get what the others
 * leave, at least 20 each; the title is left out under 110 columns. */
void pc_concordance_layout_for(size_t columns, pc_concordance_layout *out);

/* Appends one line for mention m ("\n"-ended): the date's day, the source, the title, left context ("[title]" first for a mention
 * in the title) │ mention │ right context, and "+N copies" when the story has folded
 * copies. With `color`, the mention is highlighted (bold red) and the columns before it dimmed. */
void pc_concordance_line(pc_strbuf *out, const pc_mention *m, const pc_concordance_layout *layout, bool color);

/* Appends the counts table: bucket, mentions, stories, articles; with `bars`, a bar per bucket scaled to the
 * most mentions, fitted in `columns` (0: 80). */
void pc_concordance_counts(pc_strbuf *out, const pc_mention_counts *counts, bool bars, size_t columns);

/* Appends the forms searched, each with its kind, how it was made and the mentions it gave in m's last run,
 * after a line naming the aliases. */
void pc_concordance_explain(pc_strbuf *out, const pc_mentions *m);

/* Appends the totals line: "N mentions in S stories (A articles)" (or "no mentions of ..."). */
void pc_concordance_totals(pc_strbuf *out, const pc_mention_totals *totals);

#endif
