/* store.h — the index database: the only module that speaks SQL. Opens/creates/migrates the SQLite file
 * (the SQL files of schema/, embedded at build time; PRAGMA user_version = number of them applied), checks
 * the analyzer configuration recorded in its `meta` table, registers the "presscut" FTS5 tokenizer, writes
 * articles and passages, and answers the questions the commands ask.
 *
 * Storage: each text is stored once. `bodies.body` holds an article's cleaned body (a zstd frame, see body_codec.h; apart from the
 * `articles` metadata, so metadata scans do not read text); `passages` hold byte ranges into it; the FTS5 tables are external-content tables over views that cut passages out of the body (and
 * tag them with the article's language, see fts5_tokenizer.h). Passage rowids are assigned in published-date
 * order (day number << 32 | sequence; undated articles first), so a date range is a rowid range.
 *
 * Errors: functions return 0 or a negative PC_E* code and fill `err` with a message that never carries
 * SQLite's own SQL text; database failures are phrased for users ("the index 'x.db' is locked by another
 * presscut process; try again when it has finished").
 *
 * Thread-safety: a pc_store is one SQLite connection; use it from one thread at a time. */
#ifndef PRESSCUT_STORE_H
#define PRESSCUT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut/text/analyzer.h"
#include "presscut/core/article.h"
#include "presscut/core/error.h"
#include "presscut/core/span.h"
#include "presscut/store/prepared_article.h"

typedef struct pc_store pc_store;

typedef struct pc_store_options {
    bool create;    /* create the file (and schema) if it does not exist; otherwise a missing file is PC_EIO */
    bool read_only; /* open read-only: no migration, no writes */
    /* The analyzer configuration wanted. For a new index it is recorded in `meta`; for an existing one it must
     * equal the recorded one or pc_store_open fails with PC_ECONFIG and a message naming the rebuild command.
     * NULL: use whatever the index records (the default configuration for a new index). */
    const pc_analyzer_config *analyzer;
    /* For `presscut rebuild` only: open even when the recorded analyzer version or configuration differs
     * (no PC_ECONFIG); the caller's next call must be pc_store_rebuild. Until it succeeds, writes, searches
     * and checks fail with PC_ECONFIG; metadata reads (stats, file lookups) work. */
    bool for_rebuild;
    /* For `presscut check`: open read-only when the file or its folder cannot be written (pc_store_check
     * then checks a copy), instead of failing. */
    bool read_only_if_unwritable;
} pc_store_options;

/* Opens (and if asked creates) the index at `path`, in WAL mode with a busy timeout and foreign keys on,
 * applying pending migrations in one transaction. Returns 0 and sets *out (free with pc_store_close), or:
 * PC_EIO (cannot open/create; a missing file without `create`), PC_EDB (not a presscut index, corrupt, or
 * made by a newer presscut), PC_ECONFIG (analyzer version or configuration differs: "rebuild it with:
 * presscut --db PATH rebuild"; or, read-only, the index needs a schema upgrade). On failure *out = NULL.
 * An empty database — a zero-byte file, or one with nothing committed yet, as a kill before the first commit
 * leaves it — is a new empty index: with `create` (and not read_only) the schema is created in it; otherwise
 * the store opens an empty index held in memory (reads see no files and no articles, writes made through a
 * writable store are lost at close) and the file is left as it is. */
int pc_store_open(pc_store **out, const char *path, const pc_store_options *opt, pc_error *err);

/* A read-only store reads one snapshot: pc_store_open begins a read transaction (pc_store_read_begin) and
 * it lasts until pc_store_close, so that the ids one read finds are still there for the next one whatever
 * other processes commit meanwhile. A store kept open across queries (an interactive session) calls
 * pc_store_read_end and pc_store_read_begin between two queries to see newer commits. Where the folder cannot be written (read-only media, another user's
 * folder), an index with no -wal file is opened immutable; one whose -wal file has no -shm file beside it
 * cannot be read there (PC_EIO saying what to do). */

/* Begins a read transaction and takes its snapshot now: every read until pc_store_read_end sees the index
 * as it is at this call. Returns 0, PC_EINVAL (a transaction is already open), PC_EDB or PC_EIO. */
int pc_store_read_begin(pc_store *s, pc_error *err);

/* Ends the read transaction of pc_store_read_begin (a later read sees the newest commit). Accepts NULL
 * and a store without one. */
void pc_store_read_end(pc_store *s);

/* Closes the connection (rolling back an open transaction) and frees the store. Accepts NULL. */
void pc_store_close(pc_store *s);

/* The analyzer configuration this index was built with. Owned by the store. */
const pc_analyzer_config *pc_store_analyzer_config(const pc_store *s);

/* Path the store was opened with. Owned by the store. */
const char *pc_store_path(const pc_store *s);

/* Transactions. Writes outside begin/commit each run in their own transaction. Inside one, a write refused
 * with PC_EINVAL has changed nothing and the transaction stays usable; any other failure of a write rolls
 * the whole transaction back (commit then fails with PC_EINVAL). begin fails (PC_EINVAL) when a transaction
 * is already open. rollback accepts a store without an open transaction. The full-text index is written at
 * commit (in rowid order, much faster): until then, or until pc_store_flush, full-text reads inside the
 * transaction (searches, the term tables of pc_store_sql) do not see its writes; other reads do. */
int pc_store_begin(pc_store *s, pc_error *err);
int pc_store_commit(pc_store *s, pc_error *err);
void pc_store_rollback(pc_store *s);

/* Makes the full-text writes queued in the open transaction, so that searches, pc_store_sql and
 * pc_store_check inside it see them. No read does this on its own: call it before reading your own
 * uncommitted writes. Costs speed when called often (each call starts new FTS5 segments). Does nothing
 * without queued writes (outside a transaction, on a read-only store). Returns 0, or PC_EDB/PC_EIO/PC_ENOMEM
 * after which the transaction has been rolled back (as for any failed write). */
int pc_store_flush(pc_store *s, pc_error *err);

/* What the index remembers of a source file. */
typedef struct pc_file_state {
    bool found;             /* false: the path is not in the index (other fields zero) */
    long long size;         /* bytes */
    long long mtime_ns;     /* modification time, nanoseconds since the epoch */
    char hash[33];          /* pc_hash_hex of the file's bytes */
    long long articles;     /* articles it produced */
} pc_file_state;

/* Looks up `path` (as stored: absolute). Returns 0 (with out->found telling whether it is there) or PC_EDB. */
int pc_store_file_get(pc_store *s, const char *path, pc_file_state *out, pc_error *err);

/* Records that `path` is unchanged in content but has a new size/mtime (nothing happens when the path is not
 * in the index). Returns 0 or PC_EDB. */
int pc_store_file_touch(pc_store *s, const char *path, long long size, long long mtime_ns, pc_error *err);

/* Replaces everything the index holds for the file `path` by `articles` (n entries; each with body, lang and
 * passages filled; they are not modified or freed): removes the file's old articles, passages and their FTS
 * entries, inserts the new ones, and records size/mtime/hash. n may be 0 (a file with no article left).
 * Meant to run inside pc_store_begin/commit. Optional strings given as "" are stored as absent (NULL);
 * lang "" means unknown (not stemmed). Returns 0, PC_EINVAL (an article without body or lang, a lang that
 * pc_lang_tag_valid refuses, a body with a NUL byte, no passages, a passage outside its body, two articles
 * with the same record, a hash longer than PC_HASH_HEX_LEN), PC_ECONFIG (store opened for_rebuild and not
 * rebuilt yet) or PC_EDB. PC_EINVAL changes nothing (see the transaction rules above).
 * Each new article gets its near-duplicate cluster (schema/003_clusters.sql): the one of the most similar
 * article already stored (its signature computed from the body, see neardup.h), else its own id. */
int pc_store_file_replace(pc_store *s, const char *path, long long size, long long mtime_ns, const char *hash,
                          pc_article *const *articles, size_t n, pc_error *err);

/* The same for articles with what was worked out about them ahead of time (prepared_article.h): the store
 * uses each extra given instead of computing it (taking the passage terms: their pointers are set to NULL;
 * nothing else is modified or freed), and keeps the edge lines given. Same results and errors. */
int pc_store_file_replace_prepared(pc_store *s, const char *path, long long size, long long mtime_ns,
                                   const char *hash, pc_prepared_article *const *articles, size_t n, pc_error *err);

/* Adds `articles` (as pc_store_file_replace_prepared takes them) to the file `path` already stored, after its
 * articles, and records size/mtime/hash: a file too large to hold whole is written in parts, the first by
 * pc_store_file_replace_prepared, the others by this call, every part but the last recorded with size -1
 * and hash "" so that a run stopped between two parts leaves the file to be read again by the next run.
 * Records are checked for repeats within the call only. Returns 0, PC_EINVAL (as replace does, or `path`
 * not in the index: nothing changed), PC_ECONFIG or PC_EDB. */
int pc_store_file_append_prepared(pc_store *s, const char *path, long long size, long long mtime_ns,
                                  const char *hash, pc_prepared_article *const *articles, size_t n, pc_error *err);

/* The dictionary bodies are packed with (body_codec.h) for pc_prepared_article.packed_body, NULL while the
 * index has none (the store trains it from the first bodies written). The one function of a store that any
 * thread may call while another writes; the dictionary stays valid until pc_store_close. */
const struct pc_body_dictionary *pc_store_body_dictionary(const pc_store *s);

/* Offers a dictionary trained from the first bodies (pc_body_sampler), taking it: it becomes the index's
 * when it has none yet (saved with the first body packed with it), else it is freed. Returns the dictionary
 * in force (NULL when d is NULL and there is none). Any thread may call it while another writes. */
const struct pc_body_dictionary *pc_store_offer_body_dictionary(pc_store *s, struct pc_body_dictionary *d);

/* Removes the file `path` and all it produced. Returns 0 (also when it was not there) or PC_EDB. */
int pc_store_file_remove(pc_store *s, const char *path, pc_error *err);

/* Calls fn(payload, path) for every stored file path, in path order. A non-zero return from fn stops the walk
 * and is returned. fn must not write to the store. Returns 0, fn's value, or PC_EDB. */
int pc_store_file_foreach(pc_store *s, int (*fn)(void *payload, const char *path), void *payload, pc_error *err);

/* The keys of the edge lines (see boilerplate.h) that lie in at least min_articles articles and in at least
 * min_percent % of the articles of their source: the lines a source repeats, to be removed as boilerplate.
 * *keys (sorted ascending, malloc'd, the caller frees; NULL when none) and *n are set. Reads every edge
 * line: about one row per short first or last line of each article. Returns 0, PC_ENOMEM or PC_EDB. */
int pc_store_repeated_line_keys(pc_store *s, long long min_articles, int min_percent, uint64_t **keys, size_t *n,
                                pc_error *err);

/* Calls fn(payload, path) once for every stored file with an article that has an edge line with one of
 * keys[0..n) not yet judged boilerplate (pc_edge_lines.kept) when `kept`, or judged so when not, in path
 * order. A non-zero return from fn stops and is returned; fn must not write to the store.
 * Returns 0, fn's value, PC_ENOMEM or PC_EDB. */
int pc_store_files_with_line_keys(pc_store *s, const uint64_t *keys, size_t n, bool kept,
                                  int (*fn)(void *payload, const char *path), void *payload, pc_error *err);

/* Calls fn(payload, source, articles) for every source of the index (NULL for articles without one) with
 * its number of articles: rule 3's denominators (boilerplate.h). A non-zero return from fn stops and is
 * returned; fn must not write to the store. Returns 0, fn's value or PC_EDB. */
int pc_store_source_sizes(pc_store *s, int (*fn)(void *payload, const char *source, long long articles),
                          void *payload, pc_error *err);

/* A name and how many articles have it. */
typedef struct pc_count {
    char *name;
    long long count;
} pc_count;

typedef struct pc_store_stats {
    long long files, articles, passages;
    long long body_bytes;          /* total bytes of stored article bodies */
    pc_count *langs;               /* all languages, most articles first ("" = unknown) */
    size_t n_langs;
    pc_count *sources;             /* all sources, most articles first ("" = unknown) */
    size_t n_sources;
    char first_date[11], last_date[11]; /* "" when no article is dated */
    long long undated;             /* articles without a published date (or with one that is not a date) */
    long long db_bytes;            /* size of the database file plus its WAL */
    /* Near-duplicate clusters (articles.cluster): clusters of more than one article, the articles in them,
     * and the size of the largest (0 when every article stands alone). */
    long long dup_clusters, dup_articles, largest_cluster;
    int schema_version;
    pc_analyzer_config analyzer;
    int analyzer_version;
} pc_store_stats;

/* Fills *out (free with pc_store_stats_free). Returns 0, PC_ENOMEM or PC_EDB. */
int pc_store_stats_get(pc_store *s, pc_store_stats *out, pc_error *err);

/* Frees what pc_store_stats_get allocated. Accepts NULL. */
void pc_store_stats_free(pc_store_stats *st);

/* Re-tokenizes every stored article with the analyzer configuration `cfg` (NULL: the default) and the
 * current analyzer version, and records them in `meta`, in one transaction. Source files are not read again.
 * Returns 0, PC_EINVAL (read-only store or open transaction) or PC_EDB (nothing changed). */
int pc_store_rebuild(pc_store *s, const pc_analyzer_config *cfg, pc_error *err);

/* Checks the index: SQLite's integrity and foreign-key checks, the FTS5 integrity checks against stored
 * content, that passages lie inside their article bodies and that passage ids match article dates. Reads
 * the whole file: slow on big indexes. FTS5 runs its check as a write statement that changes nothing, so on
 * a read-only store the checks run on a copy of its snapshot made in $TMPDIR (or /tmp), removed after: it
 * needs as much free space there as the index takes. Returns 0 when all is well, PC_EDB with err naming the
 * first problem, PC_EIO (the copy cannot be made), PC_EINVAL inside a transaction with full-text writes
 * queued (call pc_store_flush first), PC_ECONFIG on a store opened for_rebuild and not rebuilt. */
int pc_store_check(pc_store *s, pc_error *err);

/* ---- search (store_search.c) ------------------------------------------------------------------------
 * The store runs searches compiled by search/query_compile.c (FTS5 expressions made of quoted strings, never
 * raw user text) and scored by the FTS5 functions of fts5/rank_functions.c, and hands back numbers; the
 * search module (search.h) puts them together. */

/* What a search asks of the store: compiled expressions and filters. Strings are not copied. */
typedef struct pc_store_query {
    const char *match;          /* FTS5 expression passages must match; NULL: none (title-only search) */
    const char *phrase_weights; /* the weights of match's phrases for pc_rank (rank_functions.h), or NULL */
    const char *title_filter;   /* FTS5 expression the article title must match (title: filters), or NULL */
    const long long *article_ids; /* only these articles (sorted ascending, no repeats: the articles the
                                   whole query matched, search/article_match.h); NULL: any article */
    size_t n_article_ids;
    long day_from, day_to;      /* inclusive published-day bounds (pc_date_day_number); 0: open. A date
                                   bound becomes a passage rowid range, which FTS5 applies while it scans */
    bool source_filter;         /* when true, the source must be one of `sources`, exactly (none: no article;
                                   the names come from pc_store_source_names, matched by the search stage) */
    const char *const *sources;
    size_t n_sources;
    const char *const *not_sources; /* the source must be none of these, exactly */
    size_t n_not_sources;
    const char *const *langs;   /* the language must be one of them */
    size_t n_langs;
    const char *const *not_langs;
    size_t n_not_langs;
} pc_store_query;

struct pc_scored_passage;
struct pc_rank_query_stats;
struct pc_token_range;
struct pc_title_match;

/* A range of passage ids: from `from` up to, not including, `to`; with open_end there is no upper bound
 * (and `to` is 0). */
typedef struct pc_passage_id_range {
    long long from, to;
    bool open_end;
} pc_passage_id_range;

/* The passage ids of the articles published from first_day to last_day (inclusive day numbers,
 * pc_date_day_number; 0: open), the rowid range a date filter becomes. Undated articles lie outside every
 * range. Returns false, with *out zeroed, when both days are 0 (no date filter). */
bool pc_store_day_passage_range(long first_day, long last_day, pc_passage_id_range *out);

/* The publication day a passage id carries (0: an undated article's passage). */
long pc_store_passage_day(long long passage_id);

/* Every passage that matches q->match and the filters, with its pc_rank score, length and phrase counts
 * (rank_inputs.h); *stats (may be NULL) receives the query's phrase IDFs, the average passage length and the
 * collection's size (passages, articles, body bytes: schema/006_corpus_totals.sql); *ranges (may be NULL;
 * malloc'd, caller frees) the token ranges of every passage's matches, which each passage's first_match and
 * n_matches index. *out (malloc'd, caller frees; NULL when none) and *n are set. Returns 0, PC_EINVAL (no match expression, or an expression
 * FTS5 refuses: a bug in the caller, told without SQL text), PC_ENOMEM, PC_EDB or PC_ECONFIG. */
int pc_store_match_passages(pc_store *s, const pc_store_query *q, struct pc_scored_passage **out, size_t *n,
                            struct pc_rank_query_stats *stats, struct pc_token_range **ranges, pc_error *err);

/* What pc_store_each_passage calls for each passage: *p (first_match 0, n_matches the number of ranges) and
 * the token ranges of its matches, both valid during the call only. Returns 0 or PC_ENOMEM (which stops the
 * reading). */
typedef int (*pc_store_passage_fn)(void *payload, const struct pc_scored_passage *p,
                                   const struct pc_token_range *ranges, size_t n_ranges);

/* pc_store_match_passages without keeping the passages: calls fn for each matching passage as it is read (in
 * passage id order), so that a search's memory does not grow with the passages that match. *stats (may be
 * NULL): its phrase fields (n_phrases, idf, avg_passage_length, passages) are set before fn's first call,
 * articles and body_bytes after its last; n_weights and weight are left as they were (the search sets them).
 * Returns 0, PC_ENOMEM (also when fn failed), PC_EINVAL, PC_EDB or PC_ECONFIG. */
int pc_store_each_passage(pc_store *s, const pc_store_query *q, struct pc_rank_query_stats *stats,
                          pc_store_passage_fn fn, void *payload, pc_error *err);

/* The ids of the articles in which some passage or the title matches the FTS5 expression `expr` (a single
 * term, phrase or NEAR group, compiled by search/query_compile.c) under q's filters (q->match is ignored):
 * what one leaf of a query contributes at article level. *ids (malloc'd, caller frees; NULL when none) are
 * sorted ascending without repeats; *n is set. Returns 0, PC_EINVAL (no expression, or one FTS5 refuses),
 * PC_ENOMEM, PC_EDB or PC_ECONFIG. */
int pc_store_match_articles(pc_store *s, const pc_store_query *q, const char *expr, long long **ids, size_t *n,
                            pc_error *err);

/* Every article whose title matches the FTS5 expression `expr` and q's filters (q->match is ignored), with
 * pc_coverage of its title and its day. *out (malloc'd; NULL when none) and *n are set. Returns as above. */
int pc_store_match_titles(pc_store *s, const pc_store_query *q, const char *expr, struct pc_title_match **out,
                          size_t *n, pc_error *err);

/* The byte ranges of the tokens of passage `passage_id` (or, with `title`, of article `rowid`'s title)
 * that match `expr` (pc_match_spans, rank_functions.h), relative to the stored text. *spans (malloc'd; NULL when
 * none, also when the row does not match) and *n are set. Returns 0, PC_ENOMEM, PC_EINVAL or PC_EDB. */
int pc_store_match_spans(pc_store *s, bool title, const char *expr, long long rowid, pc_span **spans,
                         size_t *n, pc_error *err);

/* An article's fields and one of its passages. Strings are malloc'd copies, NULL when absent; free with
 * pc_store_article_clear. */
typedef struct pc_store_article {
    long long id, cluster, copies, n_passages;
    char *title, *published, *source, *url, *lang, *path, *record, *tags;
    char *body;                 /* the whole body, when asked for; else NULL */
    size_t body_len;
    long long passage_id;       /* the passage asked for (or the article's first) */
    int passage_seq;
    size_t passage_start, passage_end; /* its byte range in the body */
    size_t passage_start_chars; /* the characters (UTF-8 sequences) of the body before the passage */
    char *passage;              /* its text (passage_end - passage_start bytes, NUL-terminated) */
} pc_store_article;

/* Reads article `article_id` and its passage `passage_id` (0: its first passage); the whole body too when
 * `with_body`. Returns 0, PC_EINVAL when there is no such article ("no article has id N") or the passage is
 * not the article's, PC_ENOMEM or PC_EDB. On failure *out is cleared. */
int pc_store_article_get(pc_store *s, long long article_id, long long passage_id, bool with_body,
                         pc_store_article *out, pc_error *err);

/* Frees what pc_store_article_get allocated and zeroes *a. Accepts NULL. */
void pc_store_article_clear(pc_store_article *a);

/* The ids and byte starts of article `article_id`'s passages, in order. *ids and *starts (malloc'd; NULL
 * when none) and *n are set. Returns 0, PC_ENOMEM or PC_EDB. */
int pc_store_article_passages(pc_store *s, long long article_id, long long **ids, size_t **starts, size_t *n,
                              pc_error *err);

/* The near-duplicate cluster and body length of each article of ids[0..n), into facts[0..n) (rank_inputs.h; cluster
 * and body_bytes 0 for an id that is not an article). One statement for all of them. Returns 0, PC_ENOMEM
 * or PC_EDB. */
struct pc_article_facts;
int pc_store_article_facts(pc_store *s, const long long *ids, size_t n, struct pc_article_facts *facts,
                           pc_error *err);

/* The number of passages in the index. Returns 0 or PC_EDB. */
int pc_store_passage_count(pc_store *s, long long *count, pc_error *err);

/* For --explain: how many passages match `expr` (filters ignored). Returns 0, PC_EINVAL, PC_EDB. */
int pc_store_count_passages(pc_store *s, const char *expr, long long *count, pc_error *err);

/* For --explain: in how many passages the stored term `term` (as pc_analyze_query gives it) occurs, from
 * fts5vocab; with `prefix`, the number of stored terms starting with it and the passages of the most
 * frequent one are not summed: *docs receives the sum over those terms (an upper bound). Returns 0 or PC_EDB. */
int pc_store_term_passages(pc_store *s, const char *term, size_t len, bool prefix, long long *docs,
                           long long *terms, pc_error *err);

/* ---- the vocabulary, for spelling help (store_vocab.c) ---- */

/* Calls fn(payload, term, len, passages) for every surface term of the passages that starts with the bytes
 * prefix[0, len), in byte order, with the number of passages holding it; `term` (not NUL-terminated) is
 * valid during the call only. Stem terms never start with a letter, so a prefix that does gives surface
 * terms only. A non-zero return from fn stops the walk and is returned. Returns 0, fn's value, PC_EINVAL
 * (an empty prefix, or one starting with PC_STEM_MARK) or PC_EDB. */
int pc_store_vocab_each(pc_store *s, const char *prefix, size_t len,
                        int (*fn)(void *payload, const char *term, size_t len, long long passages), void *payload,
                        pc_error *err);

/* As pc_store_vocab_each, for the surface terms of the titles, with the number of titles holding each (a
 * word may be in a title only). */
int pc_store_title_vocab_each(pc_store *s, const char *prefix, size_t len,
                              int (*fn)(void *payload, const char *term, size_t len, long long titles),
                              void *payload, pc_error *err);

/* Sets *titles to the number of titles holding the stored term term[0, len) (0 when none). Returns 0 or
 * PC_EDB. */
int pc_store_title_term_count(pc_store *s, const char *term, size_t len, long long *titles, pc_error *err);

/* Makes `a` stem Ukrainian query words from the index's stem table before loading the dictionary, as the
 * store's own tokenizer does (the store's stem cache, stem_cache.h). `a` must not outlive the store. */
void pc_store_use_stem_lookup(pc_store *s, pc_analyzer *a);

/* Turns the Latin alternatives of Cyrillic query words on (the default) or off for the store's own queries
 * (pc_tokenizer_context_set_query_translit). */
void pc_store_set_query_translit(pc_store *s, bool on);

/* Installs a check the store calls every few thousand SQLite steps of any statement it runs (a cheap
 * function that must not call into the store; it may read a flag a signal handler or another thread sets).
 * When it returns true the running statement stops and the pc_store_* call that ran it fails with PC_ESTOP
 * ("stopped before it finished"); the store stays usable and a read transaction it had is ended. Pass
 * should_stop == NULL to remove the check. Long steps inside FTS5 (a single term's doclist) finish first. */
void pc_store_set_stop_check(pc_store *s, bool (*should_stop)(void *ctx), void *ctx);

/* The distinct sources of the indexed articles (NULL sources left out), sorted by byte value: *names
 * (malloc'd array of malloc'd strings, *n of them; free each and the array). Returns 0, PC_ENOMEM or PC_EDB
 * (then *names NULL, *n 0). */
int pc_store_source_names(pc_store *s, char ***names, size_t *n, pc_error *err);

/* The languages query words are stemmed in (those of the indexed articles; "en" when there are none).
 * *langs (malloc'd array of malloc'd strings; free each and the array) and *n are set. Returns 0, PC_ENOMEM
 * or PC_EDB. */
int pc_store_query_langs(pc_store *s, char ***langs, size_t *n, pc_error *err);

/* The ranking parameters the store's pc_rank functions were registered with (rank_params.h). */
const struct pc_rank_params *pc_store_rank_params(const pc_store *s);

/* Runs one read-only SQL statement for tests and diagnostics (`presscut sql`), with the tokenizer registered,
 * calling fn once per row with column names and values (NULL values as NULL). Refuses statements that write
 * or change the connection (BEGIN, ATTACH, setting PRAGMAs) and more than one statement. The stored terms
 * can be read from temp tables made for it: passage_vocab and title_vocab (fts5vocab 'row': term, doc, cnt)
 * and passage_vocab_instance (fts5vocab 'instance': term, doc, col, offset). Returns 0, fn's value,
 * PC_EINVAL with SQLite's message (the user wrote the SQL), or PC_EDB. */
int pc_store_sql(pc_store *s, const char *sql,
                 int (*fn)(void *payload, int ncols, const char *const *names, const char *const *values),
                 void *payload, pc_error *err);

/* ---- the entity list: names with their aliases, kept in the index (store_entities.c) ---- */

/* Sets *aliases to the aliases of the entity called `name` (compared case-folded), in the order they were
 * imported, as a malloc'd array of *n malloc'd strings (free each, then the array); *aliases NULL and *n 0
 * when the index has no such entity. Returns 0, PC_ENOMEM or PC_EDB. */
int pc_store_entity_aliases(pc_store *s, const char *name, char ***aliases, size_t *n, pc_error *err);

/* One entity of the list: its name as imported and its aliases in order (all UTF-8, never empty). */
typedef struct pc_entity {
    char *name;
    char **aliases;
    size_t n_aliases;
} pc_entity;

/* Imports entities[0, n) in one transaction: each named entity (names compared case-folded) gets exactly
 * the aliases given for it here, in order, without repeats (an entity given several times in the array gets
 * the aliases of all its entries); entities not named keep theirs. On any failure nothing changes. Nothing
 * is taken from the caller. Returns 0, PC_EINVAL (a read-only store), PC_ENOMEM or PC_EDB. */
int pc_store_entities_import(pc_store *s, const pc_entity *entities, size_t n, pc_error *err);

/* Sets *out to the entities named in names[0, n_names), in that order, or to every entity by name when
 * n_names is 0: a malloc'd array of *n entities (free with pc_entities_free; NULL when none). Returns 0,
 * PC_EINVAL for a name that is not in the list ("no entity 'x' in the index; see presscut entities list";
 * *out NULL), PC_ENOMEM or PC_EDB. */
int pc_store_entities_list(pc_store *s, const char *const *names, size_t n_names, pc_entity **out, size_t *n,
                           pc_error *err);

/* Frees entities[0, n) and the array. Accepts NULL. */
void pc_entities_free(pc_entity *entities, size_t n);

/* Removes the entity called `name` (compared case-folded) and its aliases; *removed tells whether there was
 * one. Returns 0, PC_EINVAL (a read-only store), PC_ENOMEM or PC_EDB. */
int pc_store_entity_remove(pc_store *s, const char *name, bool *removed, pc_error *err);

/* Sets the languages query words are stemmed in to those present in the index. Called by pc_store_open and
 * after indexing. Returns 0 or PC_EDB. */
int pc_store_refresh_query_langs(pc_store *s, pc_error *err);

#endif
