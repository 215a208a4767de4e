/* prepared_article.c — freeing an article with what was worked out about it ahead of time (see
 * include/presscut/store/prepared_article.h). */
#include "presscut/store/prepared_article.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/ingest/neardup.h"
#include "presscut/text/term_list.h"

void pc_prepared_article_clear(pc_prepared_article *p)
{
    if (!p)
        return;
    if (p->passage_terms) {
        for (size_t i = 0; i < p->article.n_passages; i++)
            pc_term_list_free(p->passage_terms[i]);
        free(p->passage_terms);
    }
    free(p->packed_body);
    pc_neardup_signature_free(p->signature);
    pc_edge_lines_clear(&p->edge_lines);
    pc_word_stems_clear(&p->uk_stems);
    pc_article_clear(&p->article);
    memset(p, 0, sizeof *p);
}
