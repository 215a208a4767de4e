/* article.c — freeing an article record (see include/presscut/article.h). */
#include "presscut/article.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/neardup.h"
#include "presscut/term_list.h"

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
    memset(a, 0, sizeof *a);
}
