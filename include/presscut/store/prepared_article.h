/* prepared_article.h — what pc_store_file_replace_prepared writes: an article record with what was worked out
 * about it ahead of time on another thread (the indexer's), so that the writer thread only writes. Every
 * extra is optional: whatever is missing the store computes itself, with the same result.
 *
 * Ownership: a pc_prepared_article owns its article and every extra; pc_prepared_article_clear frees them. */
#ifndef PRESSCUT_PREPARED_ARTICLE_H
#define PRESSCUT_PREPARED_ARTICLE_H

#include <stddef.h>

#include "presscut/core/article.h"
#include "presscut/ingest/boilerplate.h"
#include "presscut/text/stem_cache.h"

struct pc_neardup_signature;
struct pc_term_list;

typedef struct pc_prepared_article {
    pc_article article;
    /* The terms of each passage (article.n_passages entries, any may be NULL), so the store's tokenizer need
     * not analyse again; NULL: none. The store takes them (setting the pointers to NULL). */
    struct pc_term_list **passage_terms;
    /* The body as the index keeps it (pc_body_pack with pc_store_body_dictionary), packed_len bytes; NULL:
     * the store packs it (or keeps the text, when packing gains nothing). */
    void *packed_body;
    size_t packed_len;
    /* The body's near-duplicate signature (pc_neardup_signature_new); NULL: the store computes it. */
    struct pc_neardup_signature *signature;
    /* The body's edge lines before boilerplate removal (pc_boilerplate_strip), which the store keeps to find
     * lines a source repeats across files; empty: none are kept. */
    pc_edge_lines edge_lines;
    /* Stems in PC_STEM_RECORD_LANG of Cyrillic words of an article in another language (pc_stem_ahead), which
     * the store's stem cache takes instead of stemming them again: any subset of the article's words. */
    pc_word_stems uk_stems;
} pc_prepared_article;

/* Frees the article and every extra, and zeroes *p. Accepts NULL. */
void pc_prepared_article_clear(pc_prepared_article *p);

#endif
