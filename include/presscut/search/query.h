/* query.h — the query language: parses what a user types into a tree (pc_query), and compiles that tree into
 * FTS5 MATCH expressions in which every word is a quoted FTS5 string, so no user text ever reaches FTS5's own
 * syntax. Knows nothing of SQL beyond the FTS5 expression syntax, and nothing of the store.
 *
 * Syntax (columns in messages are 1-based character positions in the query text):
 *   word          the word in any form: its stems in every indexed language ("attacks" finds "attacked")
 *   =word         this form only ("=attacks" does not find "attack")
 *   "a b c"       a phrase; "=a b" or ="a b" make words exact inside it
 *   pref*         any word starting with pref (surface forms); "a b"* makes the phrase's last word a prefix
 *   a b, a AND b  both (the default between terms)
 *   a OR b        either; OR binds tighter than AND: "kyiv OR kiev shelling" = (kyiv OR kiev) AND shelling
 *   -a, NOT a     without a; "a NOT b" = a -b. A query needs at least one term that is not excluded.
 *   ( ... )       grouping
 *   NEAR(a b "c d", N)   all of them within N words of each other (N defaults to 10)
 *   a NEAR/N b    the same for two terms; a chain "a NEAR/5 b NEAR/5 c" with equal distances is one group
 *   title:T       the article's title matches T (a word, =word, "phrase", pref* or a (group))
 *   source:S      the article's source is S, ignoring case, diacritics and the punctuation between words
 *                 ("source:bbc.co.uk", "source:ukraine-news-bias-2014"); '*' in S stands for any run of
 *                 characters ("source:uk*", "source:*news*"); several source: filters: any of them
 *   lang:L        the article's language is L (ISO 639-1); several: any of them
 *   -source:S, -lang:L   exclude
 *   date:D        D is 2022, 2022-02, 2022-02-16, A..B (either side may be omitted: 2022-01-10..),
 *                 >=A, >A, <=B, <B, with A and B in any of the first three forms
 *   @name         the entity `name` of the index's entity list (presscut entities): its aliases ORed, each
 *                 alias a phrase ("@peskov kremlin" = ("Dmitry Peskov" OR Peskov OR Песков) kremlin)
 * Operators AND, OR, NOT and NEAR are recognised in capitals only; "and" is a word. Filters are recognised
 * for these four names only (in any case), and only at the top level of the query (not inside parentheses,
 * OR or NEAR): elsewhere they are an error. Words with no letter or digit ("&", "—") are dropped; a query
 * left with no searchable word is an error. */
#ifndef PRESSCUT_QUERY_H
#define PRESSCUT_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "presscut/text/analyzer.h"
#include "presscut/core/error.h"

/* Longer queries are refused (PC_EINVAL) before parsing. */
#define PC_QUERY_MAX_BYTES 4096
/* Deeper nesting of parentheses is refused. */
#define PC_QUERY_MAX_DEPTH 32
/* NEAR distances above this are refused. */
#define PC_QUERY_MAX_NEAR 1000

typedef enum pc_qnode_kind {
    PC_QNODE_TERM,   /* one word: words[0] */
    PC_QNODE_PHRASE, /* n_words >= 2 words in order */
    PC_QNODE_AND,    /* n_children >= 2; may have NOT children, but not only NOT children */
    PC_QNODE_OR,     /* n_children >= 2; never has NOT children */
    PC_QNODE_NOT,    /* n_children == 1: what must not match; only ever a child of AND (or the root's AND) */
    PC_QNODE_NEAR,   /* n_children >= 2 TERM/PHRASE children, all within `distance` words */
} pc_qnode_kind;

typedef struct pc_qword {
    char *text;  /* the word as typed, without '=' and '*' (UTF-8, NUL-terminated, never empty) */
    bool exact;  /* =word: this form only */
} pc_qword;

typedef struct pc_qnode {
    pc_qnode_kind kind;
    size_t column;             /* 1-based character column where the node starts in the query */
    pc_qword *words;           /* TERM, PHRASE */
    size_t n_words;
    bool prefix;               /* TERM, PHRASE: the last word is a prefix (pref*) */
    struct pc_qnode **children; /* AND, OR, NOT, NEAR */
    size_t n_children;
    int distance;              /* NEAR */
    bool spelling;             /* TERM, PHRASE: not typed but added by the session as another spelling of the
                                  first child of its OR parent (cyber-attack for cyberattack; spelling.h) */
    char *entity;              /* the name of the @name this node stands for (an OR of its aliases, or the one
                                  alias), as typed without '@'; NULL for other nodes */
} pc_qnode;

typedef struct pc_query_filters {
    /* Published-date bounds as pc_date_day_number values, inclusive; 0 means unbounded on that side.
     * day_from > day_to can happen (date:2022..2021): nothing matches. Any date bound excludes undated
     * articles. */
    long day_from, day_to;
    char **sources;       /* source:S values, as typed (patterns: see pc_source_names_matching) */
    size_t n_sources;
    char **not_sources;   /* -source:S values */
    size_t n_not_sources;
    char **langs;         /* lang:L values, lowercased */
    size_t n_langs;
    char **not_langs;
    size_t n_not_langs;
    pc_qnode *title;      /* title: filters (an AND node when several); NULL when none */
} pc_query_filters;

/* A parsed query. Everything in it is owned by it; free with pc_query_free. */
typedef struct pc_query {
    char *text;                /* copy of the query text */
    pc_qnode *root;            /* what passages must match; NULL when the query has only filters */
    pc_query_filters filters;
    bool any;                  /* parsed with pc_query_options.any */
    bool expand;               /* any, and not pc_query_options.no_expand: the search adds feedback words */
} pc_query;

typedef struct pc_query_options {
    /* The implicit operator between terms (at every level) becomes OR instead of AND: articles matching any
     * of the words are found, and ranking sorts them (for natural-language questions). Explicit AND stays. */
    bool any;
    /* Cyrillic words do not also match their Latin transliterations (pc_analyze_query); applied by the query
     * session, not by the parser. */
    bool no_translit;
    /* With `any`: no pseudo-relevance feedback (pc_search_plan_expand); the question's words alone. */
    bool no_expand;
    /* Looks up @name: sets *aliases to the aliases of the entity `name` (a malloc'd array of *n malloc'd
     * strings, which the parser frees; NULL and 0 when there is no such entity) and returns 0, or returns a
     * PC_E* code with err set. NULL: @name is an error ("no entity list"). The query session sets it to the
     * store's entity list (pc_store_entity_aliases). */
    int (*entity_aliases)(void *payload, const char *name, char ***aliases, size_t *n, pc_error *err);
    void *entity_payload;
} pc_query_options;

/* Parses `text` (NUL-terminated UTF-8; control characters count as spaces). `analyzer` (language-neutral
 * analysis, no stemming) tells which words are searchable. opt may be NULL (defaults). On success returns 0
 * and sets *out (free with pc_query_free). On failure sets *out = NULL and returns PC_EINVAL with a one-line
 * message naming the column and what to write instead, e.g.
 *   "unbalanced quote: the '\"' at column 14 is never closed"
 * for: an empty query, a query over PC_QUERY_MAX_BYTES, no searchable word, an unbalanced quote or
 * parenthesis, empty parentheses, an operator without a term on each side (AND, OR, NOT, NEAR/N), a '-' or
 * '=' not right before a term, a '*' that does not end a word, a bad NEAR (not words or phrases, bad or too
 * large distance), nesting deeper than PC_QUERY_MAX_DEPTH, a filter without a value, a bad date, a filter
 * inside parentheses/OR/NEAR, a negated title: or date:, only excluded terms, an @name that is not in the
 * entity list ("no entity 'peskov' in the index (@peskov at column 1); see presscut entities list") or has no
 * searchable alias; or PC_ENOMEM, or the lookup's own error. Filters alone
 * (no root) are not an error here: the caller decides. */
int pc_query_parse(pc_analyzer *analyzer, const char *text, const pc_query_options *opt, pc_query **out,
                   pc_error *err);

/* Frees a query. Accepts NULL. */
void pc_query_free(pc_query *q);

/* Adds a filter given as a command-line option: name is "since" (date >= value), "until" (date <= value; a
 * month or year counts to its end), "source" or "lang"; the value is written as after source:, lang:, or as
 * a single date (2022, 2022-02, 2022-02-16). Date bounds narrow those already in the query. Returns 0,
 * PC_EINVAL ("--since: bad date '2022-13': write YYYY, YYYY-MM or YYYY-MM-DD") or PC_ENOMEM. */
int pc_query_add_filter(pc_query *q, const char *name, const char *value, pc_error *err);

/* Checks a filter as pc_query_add_filter would take it (name and value), without a query: for callers that
 * keep filters to apply later. Returns 0 or PC_EINVAL with pc_query_add_filter's message. */
int pc_query_check_filter(const char *name, const char *value, pc_error *err);

/* Folds a source name, or a source: pattern (pattern = true: each '*' is kept and the text between them is
 * folded on its own), for comparison: the analyzer's words of [s, s+len) without stemming (case, NFKC and
 * diacritics folded as in the index), one space between them: "BBC News" -> "bbc news",
 * "ukraine-news-bias-2014" -> "ukraine news bias 2014", "Café*" -> "cafe*", "—" -> "". Sets *out
 * (malloc'd; caller frees). Returns 0 or PC_ENOMEM (*out NULL). */
int pc_source_fold(pc_analyzer *a, const char *s, size_t len, bool pattern, char **out);

/* True when the folded name equals the folded pattern, where each '*' of the pattern stands for any run of
 * bytes (also none). Both NUL-terminated. */
bool pc_source_glob(const char *folded_pattern, const char *folded_name);

/* The names among names[0..n_names) that at least one of patterns[0..n_patterns) matches (source: values as
 * typed; both sides folded by pc_source_fold, compared by pc_source_glob), in the order of names: copies
 * in *matched (free with pc_source_names_free; NULL when none). Returns 0 or PC_ENOMEM (*matched NULL). */
int pc_source_names_matching(pc_analyzer *a, const char *const *patterns, size_t n_patterns,
                             const char *const *names, size_t n_names, char ***matched, size_t *n_matched);

/* Frees a list of n names and the list. Accepts NULL. */
void pc_source_names_free(char **names, size_t n);

/* Compiles `node` (a node of a parsed query, e.g. q->root or q->filters.title) into an FTS5 MATCH expression,
 * fully parenthesised, with every word quoted: "word", "\x02word" for =word (PC_QUERY_EXACT_MARK), "a b" for
 * phrases, "pref" * for prefixes, NEAR("a" "b c", 10), (x AND y) NOT (z OR w) for AND nodes with NOT
 * children, (x OR y). Sets *out (malloc'd; caller frees). Returns 0 or PC_ENOMEM (PC_EINVAL for a NULL node
 * or a NOT node on its own). */
int pc_query_compile(const pc_qnode *node, char **out, pc_error *err);

/* Compiles the OR of every TERM, PHRASE and NEAR group (as a whole) of `node` that is not under a NOT,
 * without repeats: what "matches any of the wanted terms" (the passages a search ranks and shows, the title
 * bonus, highlighting a whole article). Sets *out (malloc'd) or *out = NULL when there is none. Returns 0 or PC_ENOMEM. */
int pc_query_compile_any(const pc_qnode *node, char **out, pc_error *err);

/* Writes a readable, indented description of the tree (one node per line: AND, OR, NOT, NEAR/10, the words
 * with =, * and quotes as typed) and of the filters into a malloc'd string (*out; caller frees). For
 * --explain. Returns 0 or PC_ENOMEM. */
int pc_query_describe(const pc_query *q, char **out, pc_error *err);

#endif
