/* article.c — freeing an article record (see include/presscut/core/article.h). */
#include "presscut/core/article.h"

#include <stdlib.h>
#include <string.h>

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
    free(a->passages);
    memset(a, 0, sizeof *a);
}
