/* export_mentions.c — a mention as a row of an exported table (see include/presscut/output/export_mentions.h). */
#include "presscut/output/export_mentions.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/quote.h"
#include "presscut/core/strbuf.h"
#include "presscut/core/utf8.h"

static const pc_table_column mention_columns[] = {
    {"article_id", PC_CELL_INT}, {"path", PC_CELL_TEXT},       {"record", PC_CELL_TEXT},
    {"date", PC_CELL_TEXT},      {"source", PC_CELL_TEXT},     {"title", PC_CELL_TEXT},
    {"lang", PC_CELL_TEXT},      {"cluster", PC_CELL_INT},     {"copies", PC_CELL_INT},
    {"field", PC_CELL_TEXT},     {"byte_start", PC_CELL_INT},  {"byte_end", PC_CELL_INT},
    {"char_start", PC_CELL_INT}, {"char_end", PC_CELL_INT},    {"mention", PC_CELL_TEXT},
    {"alias", PC_CELL_TEXT},     {"form", PC_CELL_TEXT},       {"kind", PC_CELL_TEXT},
    {"left", PC_CELL_TEXT},      {"right", PC_CELL_TEXT},
};
#define N_MENTION_COLUMNS (sizeof mention_columns / sizeof mention_columns[0])

const pc_table_column *pc_export_mention_columns(size_t *n)
{
    *n = N_MENTION_COLUMNS;
    return mention_columns;
}

int pc_export_mention_row(pc_table *t, const pc_mention *m, pc_error *err)
{
    char *left = pc_utf8_squeeze_spaces(m->left, m->left_len);
    char *right = pc_utf8_squeeze_spaces(m->right, m->right_len);
    pc_strbuf path = {0}; /* as it is, or C-quoted: it names the file again */
    pc_quote_add(&path, m->path ? m->path : "", m->path ? strlen(m->path) : 0);
    int rc = left && right && !path.failed ? PC_OK
                                           : pc_error_set(err, PC_ENOMEM, "out of memory while writing a mention");
    if (rc == PC_OK) {
        pc_cell cells[N_MENTION_COLUMNS] = {
            pc_cell_int(m->article_id), pc_cell_text(path.data), pc_cell_text(m->record), pc_cell_text(m->date),
            pc_cell_text(m->source), pc_cell_text(m->title), pc_cell_text(m->lang), pc_cell_int(m->cluster),
            pc_cell_int(m->copies), pc_cell_text(m->in_title ? "title" : "body"),
            pc_cell_int((long long)m->byte_start), pc_cell_int((long long)m->byte_end),
            pc_cell_int((long long)m->char_start), pc_cell_int((long long)m->char_end),
            pc_cell_text_n(m->text, m->text_len), pc_cell_text(m->alias), pc_cell_text(m->form_text),
            pc_cell_text(pc_form_kind_name(m->kind)), pc_cell_text(left), pc_cell_text(right),
        };
        rc = pc_table_row(t, cells, err);
    }
    pc_strbuf_free(&path);
    free(left);
    free(right);
    return rc;
}
