/* search.h — a search from query to printable hits: runs a query session's query on the index (store),
 * ranks the articles or passages (ranking.h), finds the matched words (FTS5 match positions) and chooses the
 * snippet window (snippet.h). It formats nothing: printers (output/printer.h) take the hits it hands over. */
#ifndef PRESSCUT_SEARCH_H
#define PRESSCUT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/fts5/rank_evidence.h"
#include "presscut/search/expand.h"
#include "presscut/search/query.h"
#include "presscut/search/session.h"
#include "presscut/search/snippet.h"
#include "presscut/store/store.h"

typedef struct pc_search_options {
    long long limit;       /* hits to hand over at most; < 0: all */
    long long offset;      /* hits to skip first */
    bool per_passage;      /* one hit per matching passage instead of one per article */
    size_t snippet_chars;  /* longest snippet in characters; 0: the whole passage */
    /* Near-duplicate copies of one story (same articles.cluster) are folded into the best-ranked of them,
     * which tells how many it stands for (pc_search_hit.copies), unless all_copies is set. Per-passage
     * results are never folded. */
    bool all_copies;
} pc_search_options;

/* Fills *o with the defaults: limit 10, offset 0, one hit per article, snippets of 240 characters, copies
 * folded. */
void pc_search_options_default(pc_search_options *o);

/* One hit. Everything is owned by the search and valid only during the callback. Optional strings are NULL
 * when the article has no such field. */
typedef struct pc_search_hit {
    long long rank;              /* 1-based position in the whole result (offset included) */
    long long article_id;        /* what `presscut show` takes */
    long long passage_id;
    int passage_seq;             /* 1-based number of the passage within its article */
    double score;                /* higher is better; comparable within one result only */
    long long matching_passages; /* passages of the article that match (1 per hit with per_passage) */
    long long copies;            /* matching near-duplicates folded into this hit (0 with all_copies) */
    const char *title, *published, *source, *url, *lang, *path, *record, *tags;
    const char *passage;         /* the whole passage text (passage_len bytes, not NUL-terminated) */
    size_t passage_len;
    size_t passage_start;        /* byte offset of the passage in the article body */
    const pc_span *spans;        /* matched words in the passage, sorted, byte offsets into `passage` */
    size_t n_spans;
    /* The same matches located in the whole article body: body_spans[i] is spans[i] in bytes (passage_start
     * added), body_char_spans[i] in characters (UTF-8 sequences, as Python's str indexes them). n_spans each. */
    const pc_span *body_spans;
    const pc_span *body_char_spans;
    long long cluster;           /* the article's near-duplicate cluster id (articles.cluster) */
    pc_snippet snippet;          /* the part of the passage to show */
    const pc_span *title_spans;  /* matched words in the title (byte offsets into `title`) */
    size_t n_title_spans;
} pc_search_hit;

/* The FTS5 expressions a search runs for a query (what --explain shows), and the source names its source
 * filters stand for. All malloc'd, NULL when not needed. */
typedef struct pc_search_plan {
    const pc_qnode *root;  /* the tree an article must match (article_match.h): the query's root, or with --any
                              the root without its too common words (then owned by the plan); NULL when the
                              query has only title: filters */
    pc_qnode *own_root;    /* what the plan frees of `root` (its own node, not the query's children) */
    char *match;           /* the whole tree as one expression (for --explain: the article-level test) */
    char *title_filter;    /* what the title must match (title: filters) */
    char *any;             /* the wanted terms of the root, ORed: which passages are ranked and shown, and the
                              title bonus */
    char *title_highlight; /* the wanted terms of the root and of the title filters, ORed */
    char *left_out;        /* --any: the words left out as too common (pc_rank_params.common_share),
                              space-separated; NULL when none */
    /* --any with feedback (pc_search_plan_expand): the words added to the question, heaviest first, and the
     * expression passages are ranked with: `any` OR the added words, whose phrases weigh phrase_weight (the
     * question's own 1) — as text for pc_rank in phrase_weights. All NULL / 0 without expansion. */
    pc_expansion_word *expansion;
    size_t n_expansion;
    char *expanded_any;
    char *phrase_weights;
    int n_phrase_weights;
    float phrase_weight[PC_RANK_MAX_PHRASES];
    char **source_names;   /* the indexed sources the source: filters match (pc_source_names_matching) */
    size_t n_source_names;
    char **not_source_names; /* ... and the -source: filters */
    size_t n_not_source_names;
} pc_search_plan;

/* Compiles the session's query into *plan (free with pc_search_plan_clear). When the query was parsed with
 * `any`, words found in more than common_share of the store's passages are left out while rarer ones remain
 * (their counts come from pc_query_session_word_forms). Returns 0, PC_ENOMEM, PC_EINVAL (also for a session
 * without a query) or PC_EDB; on failure *plan is zeroed. */
int pc_search_plan_make(pc_query_session *qs, pc_search_plan *plan, pc_error *err);

/* Pseudo-relevance feedback for a query parsed with `any` and without pc_query_options.no_expand: ranks the
 * session's query with `plan` (made by pc_search_plan_make on the same session), folds copies, reads the
 * pc_rank_params.fb_docs best articles and adds to the plan the fb_terms words most typical of them
 * (pc_expansion_choose; not the question's words, nor words in more than common_share of the passages),
 * weighted so that the question keeps fb_lambda of the total weight. Without matches, in an index of fewer than 1000 passages, for other queries, or with
 * fb_docs, fb_terms 0 or fb_lambda 1 or more, the plan stays as it is. Returns 0, PC_ENOMEM, PC_EDB or
 * PC_ECONFIG; on failure the plan is as before. */
int pc_search_plan_expand(pc_query_session *qs, pc_search_plan *plan, pc_error *err);

/* The ids of every article (copies included) that the session's query matches under its filters, in a
 * passage or the title: sorted ascending, no repeats, no ranking (for callers that read every match, such as
 * mentions.h). *ids (malloc'd, caller frees; NULL when none) and *n are set. Returns 0, PC_EINVAL (a session
 * without a query, or with only title: filters), PC_ENOMEM, PC_EDB or PC_ECONFIG. */
int pc_search_article_ids(pc_query_session *qs, long long **ids, size_t *n, pc_error *err);

/* Frees a plan's expressions and zeroes it. Accepts NULL. */
void pc_search_plan_clear(pc_search_plan *plan);

/* Called once per hit, best first. Return 0 to go on; non-zero stops the search and is returned. */
typedef int (*pc_search_hit_fn)(void *payload, const pc_search_hit *hit);

/* Runs the session's query q (with its filters) on the session's store, using the session's analyzer to
 * place the matched words. q->root may be NULL only when q->filters.title is set (articles whose title
 * matches). Calls fn for the hits in [offset, offset + limit). *total (may be NULL) receives the number of
 * hits (articles, after folding copies; passages with per_passage). opt NULL: defaults. Returns 0, fn's value,
 * PC_EINVAL (a session without a query, or a query with neither words nor title: filter: "add a word to search
 * for"), PC_ENOMEM, PC_EDB or PC_ECONFIG (an index that needs `presscut rebuild`). */
int pc_search_run(pc_query_session *qs, const pc_search_options *opt, pc_search_hit_fn fn, void *payload,
                  long long *total, pc_error *err);

/* A whole article for `presscut show`. Owned by the search, valid only during the callback. */
typedef struct pc_article_view {
    long long article_id;
    const char *title, *published, *source, *url, *lang, *path, *record, *tags;
    long long cluster;           /* near-duplicate cluster id (articles.cluster) */
    long long copies;            /* other articles in the same cluster */
    long long n_passages;
    const char *body;            /* body_len bytes, not NUL-terminated */
    size_t body_len;
    const pc_span *body_spans;   /* matched words (empty without a highlight query) */
    size_t n_body_spans;
    const pc_span *title_spans;
    size_t n_title_spans;
} pc_article_view;

/* Reads article `article_id` and calls fn once with it, highlighting the words of the query of `highlight`
 * (NULL: none; else a session on `s`; its wanted terms are highlighted wherever they occur, see
 * pc_query_compile_any). The highlight query is compiled at the first call and kept with the session until
 * its query changes, so showing several articles with one session compiles it once. Returns fn's value, 0,
 * PC_EINVAL when no article has that id ("no article has id 12; ids are shown by presscut search") or
 * `highlight` was made on another store,
 * PC_ENOMEM, PC_EDB or PC_ECONFIG. */
int pc_search_show(pc_store *s, long long article_id, pc_query_session *highlight,
                   int (*fn)(void *payload, const pc_article_view *article), void *payload, pc_error *err);

#endif
