/* export_mentions.h — mentions (search/mentions.h) as rows of an exported table (table.h): the columns of
 * `presscut mentions --format csv|tsv|jsonl|json|xlsx` and of the interactive screen's concordance export,
 * and one mention written as one row. README "Mentions" documents the columns for users:
 *   article_id path record date source title lang cluster copies field byte_start byte_end char_start
 *   char_end mention alias form kind left right
 * The contexts (left, right) have their white space squeezed to single spaces. */
#ifndef PRESSCUT_OUTPUT_EXPORT_MENTIONS_H
#define PRESSCUT_OUTPUT_EXPORT_MENTIONS_H

#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/output/table.h"
#include "presscut/search/mentions.h"

/* The columns of an exported mention: a static array (not to be freed) of *n columns. */
const pc_table_column *pc_export_mention_columns(size_t *n);

/* Writes mention m as one row of table t (opened with pc_export_mention_columns). Returns 0, PC_ENOMEM or
 * pc_table_row's error, with err filled. */
int pc_export_mention_row(pc_table *t, const pc_mention *m, pc_error *err);

#endif
