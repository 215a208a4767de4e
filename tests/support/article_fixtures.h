/* article_fixtures.h — articles made by hand for the store and search tests: copies of the given fields,
 * and passages that are the body's paragraphs (separated by "\n\n"), standing in for pc_passages_split. */
#ifndef PRESSCUT_TEST_ARTICLE_FIXTURES_H
#define PRESSCUT_TEST_ARTICLE_FIXTURES_H

#include <stdlib.h>
#include <string.h>

#include "presscut/core/article.h"

static inline char *fixture_copy(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* A new article (free with fixture_article_free) with copies of the fields (NULL stays NULL) and one passage
 * per non-empty paragraph of body; no passage when body is NULL. */
static inline pc_article *fixture_article(const char *title, const char *body, const char *published,
                                          const char *lang, const char *source, const char *record)
{
    pc_article *a = calloc(1, sizeof *a);
    a->title = fixture_copy(title);
    a->body = fixture_copy(body);
    a->body_len = body ? strlen(body) : 0;
    a->published = fixture_copy(published);
    a->lang = fixture_copy(lang);
    a->source = fixture_copy(source);
    a->record = fixture_copy(record);
    if (!body)
        return a;
    a->passages = calloc(a->body_len / 2 + 2, sizeof *a->passages);
    size_t start = 0;
    while (start < a->body_len) {
        const char *sep = strstr(body + start, "\n\n");
        size_t end = sep ? (size_t)(sep - body) : a->body_len;
        if (end > start) {
            a->passages[a->n_passages].start = start;
            a->passages[a->n_passages].end = end;
            a->n_passages++;
        }
        start = end + 2;
    }
    return a;
}

static inline void fixture_article_free(pc_article *a)
{
    pc_article_clear(a);
    free(a);
}

#endif
