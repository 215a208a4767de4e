/* article.c — freeing an article record, and the word stem lists it may carry (see
 * include/presscut/core/article.h). */
#include "presscut/core/article.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/error.h"
#include "presscut/ingest/neardup.h"
#include "presscut/text/term_list.h"

int pc_word_stems_add(pc_word_stems *ws, const char *surface, int surface_len, const char *stem, int stem_len)
{
    if (!surface || surface_len <= 0 || stem_len < 0)
        return PC_EINVAL;
    if (!stem)
        stem_len = 0;
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 64;
        size_t *offset = realloc(ws->offset, cap * sizeof *offset);
        if (!offset)
            return PC_ENOMEM;
        ws->offset = offset;
        int *lens = realloc(ws->surface_len, cap * sizeof *lens);
        if (!lens)
            return PC_ENOMEM;
        ws->surface_len = lens;
        lens = realloc(ws->stem_len, cap * sizeof *lens);
        if (!lens)
            return PC_ENOMEM;
        ws->stem_len = lens;
        ws->cap = cap;
    }
    size_t need = ws->text_len + (size_t)surface_len + (size_t)stem_len;
    if (need > ws->text_cap) {
        size_t cap = ws->text_cap ? ws->text_cap * 2 : 1024;
        while (cap < need)
            cap *= 2;
        char *text = realloc(ws->text, cap);
        if (!text)
            return PC_ENOMEM;
        ws->text = text;
        ws->text_cap = cap;
    }
    memcpy(ws->text + ws->text_len, surface, (size_t)surface_len);
    if (stem_len > 0)
        memcpy(ws->text + ws->text_len + surface_len, stem, (size_t)stem_len);
    ws->offset[ws->n] = ws->text_len;
    ws->surface_len[ws->n] = surface_len;
    ws->stem_len[ws->n] = stem_len;
    ws->n++;
    ws->text_len = need;
    return PC_OK;
}

void pc_word_stems_clear(pc_word_stems *ws)
{
    if (!ws)
        return;
    free(ws->text);
    free(ws->offset);
    free(ws->surface_len);
    free(ws->stem_len);
    memset(ws, 0, sizeof *ws);
}

void pc_article_clear(pc_article *a)
{
    if (!a)
        return;
    free(a->title);
    free(a->body);
    free(a->published);
    free(a->source);
    free(a->url);
    free(a->lang);
    free(a->record);
    free(a->tags);
    if (a->passage_terms) {
        for (size_t i = 0; i < a->n_passages; i++)
            pc_term_list_free(a->passage_terms[i]);
        free(a->passage_terms);
    }
    free(a->passages);
    pc_neardup_signature_free(a->signature);
    free(a->edge_line_keys);
    free(a->edge_line_kept);
    pc_word_stems_clear(&a->uk_stems);
    memset(a, 0, sizeof *a);
}
