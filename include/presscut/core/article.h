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

/* Words with their stems in one language, computed ahead of time. Word i's surface is the surface_len[i]
 * bytes at text + offset[i], its stem the stem_len[i] bytes after them (stem_len 0: the word is its own stem).
 * An all-zero value is the empty list. */
typedef struct pc_word_stems {
    char *text;
    size_t text_len, text_cap;
    size_t *offset;
    int *surface_len, *stem_len;
    size_t n, cap;
} pc_word_stems;

/* Appends a word (surface_len > 0 bytes) and its stem (stem NULL or stem_len 0: the word itself). Returns 0,
 * PC_EINVAL for a negative length or an empty surface, or PC_ENOMEM (the list is unchanged). */
int pc_word_stems_add(pc_word_stems *ws, const char *surface, int surface_len, const char *stem, int stem_len);

/* Frees the list's memory and makes it empty. Accepts NULL. */
void pc_word_stems_clear(pc_word_stems *ws);

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
    /* Optional: Ukrainian stems (pc_analyzer_word_stem in "uk") of Cyrillic surface terms of a non-Ukrainian
     * article, computed ahead of time so that the store need not compute them for its stem_lookup table
     * (schema/005): any subset of the article's words, the others are stemmed by the store as before. */
    pc_word_stems uk_stems;
} pc_article;

/* Frees everything the article owns and zeroes it. Accepts NULL. */
void pc_article_clear(pc_article *a);

#endif
