/* mentions.h — every mention of an entity in the index, not a top-k: the entity's forms (entity_forms.h) find
 * the candidate articles in the index (one FTS5 OR of the forms as exact surface phrases, under the query
 * session's filters), then each candidate's title and body are read and scanned word by word with the
 * analyzer's surface terms, so every occurrence is found with its place in the text. Multi-word forms match
 * as consecutive words; where forms overlap, the longest wins and occurrences never overlap.
 *
 * Near-duplicate copies (articles.cluster) of one story are read once: only the first article of each
 * cluster (lowest id) is scanned and its mentions stand for the copies (pc_mention.copies), unless
 * all_copies. Articles are handed over cluster by cluster, in id order within a cluster (about index order).
 *
 * Memory: the candidates' ids and one article at a time; mentions are handed to a callback as found. Sorting
 * (pc_mention_list) and counting per bucket (pc_mention_counts) are the caller's choice: a list holds every
 * mention, counts one row per bucket.
 *
 * Case: by default case is ignored (the index folds it). With case_sensitive, each word of a mention must
 * have the case shape of the corresponding word of its alias: all capitals (NATO), a capital first
 * (Kremlin) or lower case (kremlin); a form with more words than its alias compares its extra words with
 * the alias's last word.
 *
 * Ownership: a pc_mentions owns its forms and counts; strings handed to callbacks are valid only during the
 * call. Lifetime: it uses the query session it was made with (its analyzer and store), which must outlive it.
 * Thread-safety: none. */
#ifndef PRESSCUT_MENTIONS_H
#define PRESSCUT_MENTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/core/error.h"
#include "presscut/search/entity_forms.h"
#include "presscut/search/session.h"

/* Context words on each side of a mention unless told otherwise, and the most that may be asked. */
#define PC_MENTION_CONTEXT_DEFAULT 8
#define PC_MENTION_CONTEXT_MAX 200

typedef struct pc_mention_options {
    pc_entity_form_options forms; /* translit (--no-translit), inflect (--exact) */
    bool case_sensitive;          /* --case-sensitive: see the file comment */
    bool all_copies;              /* scan and hand over every copy of a story */
    size_t context_words;         /* words of context on each side (<= PC_MENTION_CONTEXT_MAX) */
} pc_mention_options;

/* Fills *o with the defaults: forms' defaults, case ignored, copies folded, PC_MENTION_CONTEXT_DEFAULT. */
void pc_mention_options_default(pc_mention_options *o);

/* One mention. Strings are owned by the engine (or by a pc_mention_list) and NUL-terminated unless a length
 * is given; optional article fields are NULL when absent. Offsets refer to the field the mention is in (the
 * article's body, or its title when in_title), bytes and characters (code points) from its start, [start,
 * end). */
typedef struct pc_mention {
    long long article_id, cluster;
    long long copies;         /* other matching articles of the same cluster (also with all_copies) */
    long long represents;     /* articles the mention's article counts for: 1 + copies when folded, else 1 */
    const char *path, *record, *date, *source, *title, *lang, *url;
    bool in_title;
    size_t byte_start, byte_end, char_start, char_end;
    const char *text;         /* the mention as written: text_len bytes */
    size_t text_len;
    const char *left, *right; /* the context as written (left_len / right_len bytes), without the mention */
    size_t left_len, right_len;
    const char *left_key;     /* folded words of the left context, nearest first, space-separated */
    const char *right_key;    /* folded words of the right context, in order, space-separated */
    size_t form;              /* index of the form that matched (pc_mentions_forms) */
    const char *alias;        /* the alias the form comes from, as given */
    const char *form_text;    /* the form, folded */
    pc_form_kind kind;
    bool article_first;       /* the first mention handed over for its article */
    bool story_first;         /* the first mention handed over for its story (cluster) */
} pc_mention;

/* Called once per mention. Return 0 to go on; non-zero stops the run and is returned. */
typedef int (*pc_mention_fn)(void *payload, const pc_mention *m);

/* Totals of a run: mentions handed over, stories (clusters) and articles (copies included) with at least
 * one. */
typedef struct pc_mention_totals {
    long long mentions, stories, articles;
    long long candidates; /* articles the index offered (the forms occur in them, whatever their case) */
} pc_mention_totals;

typedef struct pc_mentions pc_mentions;

/* Makes the forms of aliases[0, n_aliases) (UTF-8; copied) with the session's analyzer and store, for runs
 * on the session's store under its standing filters (pc_query_session_add_filter). opt NULL: defaults.
 * Returns 0 and sets *out (free with pc_mentions_free), or PC_EINVAL (no alias, an alias with no word, a
 * context over PC_MENTION_CONTEXT_MAX), PC_ENOMEM or PC_EDB, with *out NULL and err filled. */
int pc_mentions_new(pc_mentions **out, pc_query_session *qs, const char *const *aliases, size_t n_aliases,
                    const pc_mention_options *opt, pc_error *err);

/* Frees the engine (not the session). Accepts NULL. */
void pc_mentions_free(pc_mentions *m);

/* The forms searched for (owned by the engine, valid until it is freed). */
const pc_entity_forms *pc_mentions_forms(const pc_mentions *m);

/* The aliases as given (owned by the engine); *n receives their number. */
const char *const *pc_mentions_aliases(const pc_mentions *m, size_t *n);

/* Finds every mention and calls fn for each, article by article, in text order within an article (title
 * first). *totals (may be NULL) receives the totals. Mention counts per form are kept (pc_mentions_form_count);
 * a second run starts them again. Returns 0, fn's value, PC_ENOMEM, PC_EDB or PC_ECONFIG, with err filled
 * (not for fn's value). */
int pc_mentions_run(pc_mentions *m, pc_mention_fn fn, void *payload, pc_mention_totals *totals, pc_error *err);

/* Mentions the last run found through form `form` (0 before a run or for a form out of range). */
long long pc_mentions_form_count(const pc_mentions *m, size_t form);

/* ---- every mention kept, for sorting ---- */

typedef enum pc_mention_sort {
    PC_MENTION_SORT_NONE,   /* as found */
    PC_MENTION_SORT_DATE,   /* by date (undated last), then as found */
    PC_MENTION_SORT_LEFT,   /* by the words before the mention, nearest first (read right to left) */
    PC_MENTION_SORT_RIGHT,  /* by the words after the mention */
    PC_MENTION_SORT_SOURCE, /* by source (none last), then date */
} pc_mention_sort;

/* The names of the sorts in pc_mention_sort order ("none", "date", "left", "right", "source"), NULL-terminated
 * (for --sort). */
extern const char *const pc_mention_sort_names[];

typedef struct pc_mention_list_item pc_mention_list_item;

/* Mentions copied out of a run (each holds its own strings). Zero-initialise; free with pc_mention_list_free. */
typedef struct pc_mention_list {
    pc_mention_list_item *items;
    size_t n, cap;
} pc_mention_list;

/* Appends a copy of *m. Returns 0 or PC_ENOMEM (the list is unchanged). */
int pc_mention_list_add(pc_mention_list *l, const pc_mention *m);

/* Sorts the list (stable: equal keys keep the order found). */
void pc_mention_list_sort(pc_mention_list *l, pc_mention_sort key);

/* The i-th mention (i < l->n), owned by the list. */
const pc_mention *pc_mention_list_at(const pc_mention_list *l, size_t i);

/* Frees the copies and empties the list. Accepts NULL. */
void pc_mention_list_free(pc_mention_list *l);

/* ---- counts per bucket (--by) ---- */

typedef enum pc_mention_bucket_by {
    PC_BUCKET_DAY,    /* YYYY-MM-DD */
    PC_BUCKET_WEEK,   /* ISO week: YYYY-Www */
    PC_BUCKET_MONTH,  /* YYYY-MM */
    PC_BUCKET_SOURCE, /* the source name */
    PC_BUCKET_LANG,   /* the language code */
} pc_mention_bucket_by;

/* The names of the buckets in pc_mention_bucket_by order ("day", "week", "month", "source", "lang"),
 * NULL-terminated (for --by, and the heading of the counts). */
extern const char *const pc_mention_bucket_names[];

/* One bucket: its key ("undated", "no source", "no language" for articles without the field), the mentions
 * in it, the stories and the articles (copies included) they are in. */
typedef struct pc_mention_bucket {
    char *key;
    long long mentions, stories, articles;
} pc_mention_bucket;

/* Counts per bucket; zero-initialise with `by` set; free with pc_mention_counts_free. Buckets are kept in
 * key order (dates, weeks and months thus in time order). */
typedef struct pc_mention_counts {
    pc_mention_bucket_by by;
    pc_mention_bucket *buckets;
    size_t n;
} pc_mention_counts;

/* Counts *m in its bucket: one mention; a story when m is its story's first mention; m->represents articles
 * when it is its article's first. Returns 0 or PC_ENOMEM. */
int pc_mention_counts_add(pc_mention_counts *c, const pc_mention *m);

/* Frees the buckets and empties the counts (keeps `by`). Accepts NULL. */
void pc_mention_counts_free(pc_mention_counts *c);

/* Writes into out (9 bytes) the ISO week "YYYY-Www" of an ISO date "YYYY-MM-DD..." and returns true, or
 * returns false when it is not a date. */
bool pc_iso_week(const char *date, char out[9]);

#endif
