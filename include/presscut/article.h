/* article.h — the article record every reader produces and the store keeps, and its passages.
 *
 * Ownership: every pointer in a pc_article is owned by the article (malloc'd) and freed by
 * pc_article_clear. Strings are NUL-terminated UTF-8; an absent field is NULL (never ""). */
#ifndef PRESSCUT_ARTICLE_H
#define PRESSCUT_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
    /* Optional: the terms of each passage analysed ahead of time (n_passages entries, any may be NULL), so
     * the store's tokenizer need not analyse again. The store takes them (setting the pointers to NULL). */
    struct pc_term_list **passage_terms;
    /* Optional: the body's near-duplicate signature computed ahead of time (pc_neardup_signature_new), so
     * the store need not compute it; NULL: the store computes it. Owned by the article. */
    struct pc_neardup_signature *signature;
    /* Optional: the keys of the body's short edge lines before boilerplate removal (pc_boilerplate_strip
     * fills them), which the store keeps to find lines a source repeats across files. */
    uint64_t *edge_line_keys;
    bool *edge_line_kept; /* per key: the line was not judged boilerplate */
    size_t n_edge_line_keys;
} pc_article;

/* Frees everything the article owns and zeroes it. Accepts NULL. */
void pc_article_clear(pc_article *a);

#endif
