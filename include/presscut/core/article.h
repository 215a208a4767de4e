/* article.h — the article record every reader produces and the store keeps, and its passages. The plain
 * record only: what later stages work out ahead of time travels beside it (store/prepared_article.h).
 *
 * Ownership: every pointer in a pc_article is owned by the article (malloc'd) and freed by
 * pc_article_clear. Strings are NUL-terminated UTF-8; an absent field is NULL (never ""). */
#ifndef PRESSCUT_ARTICLE_H
#define PRESSCUT_ARTICLE_H

#include <stddef.h>

/* A passage: a byte range [start, end) of the article body, cut at paragraph or sentence boundaries. */
typedef struct pc_passage_span {
    size_t start, end;
} pc_passage_span;

typedef struct pc_article {
    char *title;     /* headline; may be NULL */
    char *body;      /* cleaned text (paragraphs separated by "\n\n"); never NULL once read */
    size_t body_len; /* strlen(body) */
    char *published; /* ISO 8601 date "YYYY-MM-DD" (or date-time), NULL when unknown: never guessed */
    char *source;    /* outlet or collection name; NULL when unknown */
    char *url;       /* NULL when unknown */
    char *lang;      /* ISO 639-1 code ("en", "ru", "uk", ...) or NULL before detection */
    char *record;    /* where in a multi-article file ("line 12", "record 3"); NULL for one-article files */
    char *tags;      /* labels from the data, "key:value" joined by "; " ("place:usa; topic:earn"); NULL if none */
    pc_passage_span *passages; /* filled by pc_passages_split; n_passages entries */
    size_t n_passages;
} pc_article;

/* Frees everything the article owns and zeroes it. Accepts NULL. */
void pc_article_clear(pc_article *a);

#endif
