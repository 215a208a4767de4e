/* store_internal.h — what the store's source files share: the pc_store record, its cache of prepared
 * statements, the transaction primitives and the mapping of SQLite failures to user-facing messages.
 * Not part of the public API.
 *
 * Layers: each file below uses only the files listed before it (and this header), never one after it.
 *   1. store.c          the base: open/close of the connection, schema migrations, meta (analyzer identity,
 *                       dictionary fingerprint), query languages, statement cache, errors, plain transaction
 *                       primitives (store_tx_*); with store_stems.c, the stem_lookup table behind the stem
 *                       cache (text/stem_cache.h), which the base opens and frees, and store_bodies.c, the
 *                       compressed bodies and the pc_body() SQL function every connection gets
 *   2. store_fts.c      the queue of FTS5 writes of the open transaction, and its flush
 *   3. store_cluster.c  near-duplicate clusters of written articles
 *   4. store_lines.c    edge line keys of written articles, and the repeated lines
 *   5. store_read.c     file lookups and walks, statistics, the consistency check
 *   6. store_sql.c      the read-only SQL console and its fts5vocab tables
 *   7. store_vocab.c    the vocabulary for spelling help: surface terms by prefix, terms in titles
 *   8. store_search.c   searching, articles for display, --explain counts
 *   9. store_write.c    the write session (pc_store_begin/commit/rollback/flush, pc_store_close), file
 *                       replace/remove/touch, rebuild; commit writes the recorded stem pairs
 * Reads never flush the FTS5 queue: a caller that wants to read its own uncommitted writes calls
 * pc_store_flush. */
#ifndef PRESSCUT_STORE_INTERNAL_H
#define PRESSCUT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "presscut/fts5/fts5_tokenizer.h"
#include "presscut/fts5/rank_functions.h"
#include "presscut/ingest/neardup.h"
#include "presscut/store/body_codec.h"
#include "presscut/store/store.h"

/* Passage ids are (day << DAY_SHIFT) | sequence (schema/001_init.sql): they follow publication dates, so a
 * date range is a rowid range (pc_store_day_passage_range). */
#define DAY_SHIFT 32

/* Statements prepared once per connection and reused (see stmt_sql in store.c for their SQL). */
enum store_stmt_id {
    STMT_FILE_GET,
    STMT_FILE_ID,
    STMT_FILE_INSERT,
    STMT_FILE_UPDATE,
    STMT_FILE_TOUCH,
    STMT_FILE_DELETE,
    STMT_FILE_MAX_ARTICLE,
    STMT_FILE_PASSAGE_TEXTS,
    STMT_FILE_TITLE_TEXTS,
    STMT_DELETE_PASSAGES,
    STMT_DELETE_BODIES,
    STMT_DELETE_ARTICLES,
    STMT_ARTICLE_INSERT,
    STMT_BODY_INSERT,
    STMT_DAY_MAX_PASSAGE,
    STMT_PASSAGE_INSERT,
    STMT_PASSAGE_FTS_INSERT,
    STMT_PASSAGE_FTS_DELETE,
    STMT_TITLE_FTS_INSERT,
    STMT_TITLE_FTS_DELETE,
    STMT_CLUSTER_BAND_LOOKUP,
    STMT_CLUSTER_CANDIDATE,
    STMT_CLUSTER_BAND_INSERT,
    STMT_CLUSTER_BAND_DELETE,
    STMT_CLUSTER_SIGNATURE_INSERT,
    STMT_CLUSTER_FILE_SIGNATURES,
    STMT_CLUSTER_DELETE_SIGNATURES,
    STMT_CLUSTER_SET,
    STMT_EDGE_LINE_INSERT,
    STMT_EDGE_LINE_DELETE_FILE,
    STMT_STEM_LOOKUP,
    STMT_STEM_RECORD,
    STMT_STEM_HELD,
    STMT_ARTICLE_GET,
    STMT_PASSAGE_SPANS,
    STMT_TITLE_SPANS,
    STMT_BODY_FORGET,
    STMT_COUNT
};

/* The FTS5 tables the store writes, and its queue of writes to them (see store_fts.c). */
enum store_fts_table { STORE_FTS_PASSAGES, STORE_FTS_TITLES, STORE_FTS_TABLES };

typedef struct store_fts_op {
    long long rowid;
    size_t offset, len; /* its tagged text in store_fts_queue.text */
    pc_term_list *terms; /* inserts: the text's terms analysed ahead of time, owned; or NULL */
} store_fts_op;

typedef struct store_fts_list {
    store_fts_op *ops;
    size_t n, cap;
} store_fts_list;

/* Band keys (store_cluster.c) of articles written in the open transaction and not yet in cluster_bands: keys
 * are random, and writing them sorted when the transaction commits (or the buffer fills) touches each b-tree
 * page once instead of once per row. rows[] is chained per hash bucket (heads[], then next; -1 ends). */
typedef struct store_band_row {
    int64_t key;
    long long article_id;
    int32_t next;
} store_band_row;

typedef struct store_pending_bands {
    store_band_row *rows;
    size_t n;
    int32_t *heads; /* NULL until the first row */
} store_pending_bands;

/* A Bloom filter (two slots a key) over the band keys (store_cluster.c) in cluster_bands and pending: a key
 * with a clear slot is in neither, so most keys (those of articles with no copy) cost no SQL lookup. Built
 * from cluster_bands at the connection's first clustering, and again when it fills up or another connection
 * has written; keys removed from the index keep their slots (a false "maybe" costs one lookup). */
typedef struct store_band_filter {
    uint64_t *slots;         /* NULL until built */
    unsigned shift;          /* a key's slot is key >> shift: 2^(32 - shift) slots */
    size_t keys;             /* keys added since it was built */
    long long data_version;  /* PRAGMA data_version when it was last checked */
    bool checked;            /* checked in the open transaction */
} store_band_filter;

typedef struct store_fts_queue {
    store_fts_list deletes[STORE_FTS_TABLES], inserts[STORE_FTS_TABLES];
    char *text;
    size_t text_len, text_cap;
    size_t terms_memory;       /* bytes the queued inserts' term lists hold (pc_term_list_memory) */
    long long first_article; /* smallest article id with a queued insert; 0 when none */
} store_fts_queue;

/* What the writer keeps for compressing bodies (store_bodies.c). */
typedef struct store_body_writer {
    /* The index's dictionary: loaded when the store opens, or trained from the samples (here, or by the
     * indexer's worker: pc_store_offer_body_dictionary); NULL until then. Read and set by other threads
     * through those functions; freed by store_free. */
    _Atomic(pc_body_dictionary *) dictionary;
    bool dictionary_saved; /* its row is in body_dictionaries (committed, or written in the open transaction) */
    bool sampling_done;    /* a dictionary is there, or training failed: no more samples are gathered */
    pc_body_sampler *sampler; /* while sampling; NULL before and after */
    pc_body_packer *packer; /* for bodies not packed ahead of time; NULL until needed */
} store_body_writer;

struct pc_store {
    sqlite3 *db;
    char *path;
    bool read_only;
    bool reading;                 /* the read transaction of pc_store_read_begin is open */
    /* Opened with for_rebuild although the analyzer differs: only rebuild, stats and reads of metadata
     * are allowed until pc_store_rebuild succeeds. */
    bool stale;
    pc_analyzer_config analyzer;  /* as recorded in meta (ascii_fast_path: as asked) */
    pc_analyzer_config asked;     /* as asked by pc_store_open (or the default) */
    int analyzer_version;         /* as recorded in meta */
    char uk_dictionary[33];       /* Ukrainian dictionary fingerprint recorded in meta, "" when none */
    char uk_dictionary_stamp[PC_LANGUAGE_STAMP_BYTES]; /* the dictionary files' stamp recorded with it, or "" */
    bool dictionary_changed;      /* the installed dictionary differs from it: a rebuild is needed */
    int schema_version;           /* PRAGMA user_version */
    pc_tokenizer_context *tokenizer;
    pc_stem_cache *stems;         /* backed by stem_lookup; handed to the tokenizer context */
    sqlite3_stmt *stmts[STMT_COUNT];
    bool vocab_tables;            /* temp fts5vocab tables created for pc_store_sql */
    pc_rank_params rank_params;   /* what pc_rank and pc_rank_hits use (rank_params.h; $PRESSCUT_RANK_PARAMS) */
    store_fts_queue fts_queue;    /* FTS5 writes of the open transaction */
    store_pending_bands bands;    /* band keys of the open transaction not yet written */
    store_body_writer bodies;     /* the body dictionary and its training (store_bodies.c) */
    store_band_filter band_filter; /* which band keys the index may hold */
    char stem_answer[PC_MAX_TERM_BYTES + 1]; /* the last stem store_stem_lookup returned */
    int stems_recorded;  /* store_stem_held: 0 not asked yet, 1 stem_lookup has rows, -1 it is empty */
    bool (*should_stop)(void *ctx); /* pc_store_set_stop_check, or NULL */
    void *should_stop_ctx;
};

/* The embedded schema files (generated by cmake/embed_schema.cmake). */
struct pc_schema_file {
    const char *name;
    const char *sql;
};
extern const struct pc_schema_file pc_schema_files[];
extern const size_t pc_schema_file_count;

/* Sets *out to the cached statement `id`, prepared on first use, reset and unbound. Returns 0 or a PC_E*
 * code (err filled). Callers sqlite3_reset it when done so that no read transaction stays open. */
int store_stmt(pc_store *s, enum store_stmt_id id, sqlite3_stmt **out, pc_error *err);

/* Runs the cached statement `id`, a write that returns no row, with ?1 bound to `value` (a file or article
 * id), and resets it. Returns 0 or store_db_error's result for `doing`. */
int store_stmt_run_for_id(pc_store *s, enum store_stmt_id id, long long value, const char *doing, pc_error *err);

/* Turns an SQLite result code into a PC_E* code and a message for users naming the index and what was
 * being done ("reading", "writing", ...). Never includes SQL text. */
int store_db_error(const pc_store *s, int rc, const char *doing, pc_error *err);

/* Prepares a one-off statement of SQL written by presscut (the caller finalizes it). `doing` names the work
 * for the error message ("reading", "searching"). Returns 0, or store_db_error's result with *st = NULL. */
int store_prepare(pc_store *s, const char *sql, sqlite3_stmt **st, const char *doing, pc_error *err);

/* Steps `st` to its next row, for loops over a statement's rows in the style of
 *     while (store_next_row(s, st, "reading", &rc, err)) { ... read the row, set rc on failure ... }
 * Returns true when a row is there. Returns false when the rows are done, when stepping failed (then *rc is
 * set to store_db_error's result for `doing`), and without stepping when *rc is already non-zero. */
bool store_next_row(pc_store *s, sqlite3_stmt *st, const char *doing, int *rc, pc_error *err);

/* Reads the first column of every row of `sql` (text, presscut's own SQL) into *list (malloc'd array of
 * malloc'd strings, *n of them; NULL columns skipped). Returns 0, PC_ENOMEM or store_db_error's result for
 * "reading", and then leaves *list NULL and *n 0. */
int store_read_strings(pc_store *s, const char *sql, char ***list, size_t *n, pc_error *err);

/* Runs SQL written by presscut itself (no user data). Returns 0 or store_db_error's result. */
int store_exec(pc_store *s, const char *sql, const char *doing, pc_error *err);

/* Closes the connection (which rolls back an open transaction) and frees what store.c allocated: the base
 * half of pc_store_close, and the cleanup of a failed pc_store_open. Accepts NULL. */
void store_free(pc_store *s);

/* Transaction primitives, nothing more: the write session (store_write.c) adds the FTS5 queue and the
 * recorded stem pairs around them. store_check_writable: PC_EINVAL for a read-only store, else 0.
 * store_tx_begin starts an IMMEDIATE transaction, store_tx_commit commits (both return 0 or store_db_error's
 * result); store_tx_rollback rolls back an open transaction and accepts a store without one. */
int store_check_writable(const pc_store *s, pc_error *err);
bool store_in_transaction(const pc_store *s);
int store_tx_begin(pc_store *s, pc_error *err);
int store_tx_commit(pc_store *s, pc_error *err);
void store_tx_rollback(pc_store *s);

/* store_fts.c: queues the insert of `rowid` into `table` with the language tag of `lang` and `len` bytes of
 * text, for article `article_id`. `terms` (may be NULL) are the text's terms analysed ahead of time: the
 * queue takes them, whatever the outcome. Returns 0 or a PC_E* code. */
int store_fts_queue_insert(pc_store *s, enum store_fts_table table, long long rowid, long long article_id,
                           const char *lang, const char *text, size_t len, pc_term_list *terms, pc_error *err);

/* Queues the FTS5 deletes of everything file `file_id` has (call before its rows are deleted). */
int store_fts_queue_file_deletes(pc_store *s, long long file_id, pc_error *err);

/* Makes the queued FTS5 writes: per table its deletes, then its inserts, each in rowid order, and empties
 * the queue (also on failure). Called by pc_store_commit and pc_store_flush, and when the queue grows large.
 * Returns 0 or a PC_E* code. */
int store_fts_flush(pc_store *s, pc_error *err);

/* Whether FTS5 writes are queued (an open transaction wrote since its last flush). */
bool store_fts_pending(const pc_store *s);

/* Forgets the queued writes (after a rollback). */
void store_fts_discard(pc_store *s);

/* Frees the queue's memory (on close). */
void store_fts_free(pc_store *s);

/* PC_ECONFIG with the rebuild message when the store is stale, else 0. */
int store_check_not_stale(const pc_store *s, pc_error *err);


/* `path` quoted for a POSIX shell when it needs it, so that commands in messages can be pasted. Caller
 * frees; NULL when out of memory. */
char *store_shell_quote(const char *path);

/* store_sql.c: creates the temp fts5vocab tables (passage_vocab, passage_vocab_instance, title_vocab) once
 * per connection; s->vocab_tables tells whether they exist. Returns 0 or a PC_E* code. */
int store_ensure_vocab_tables(pc_store *s, pc_error *err);

/* store_cluster.c: gives the just-inserted article `article_id` its cluster (articles.cluster) and stores
 * its signature and band keys. The signature is `sig` when not NULL, else computed from a->body here.
 * The article joins the cluster of the most similar earlier article sharing a band key whose estimated
 * Jaccard similarity is at least PC_NEARDUP_THRESHOLD (ties: the lower article id), else its own id.
 * Returns 0 or a PC_E* code. */
int store_cluster_article(pc_store *s, long long article_id, const pc_article *a, const pc_neardup_signature *sig,
                          pc_error *err);

/* Removes the signatures and band keys of the articles of file `file_id` (call before the articles go).
 * Returns 0 or a PC_E* code. */
int store_cluster_delete_file(pc_store *s, long long file_id, pc_error *err);

/* Writes the pending band keys of the open transaction into cluster_bands (call before it commits). Returns 0
 * or a PC_E* code; the pending keys are dropped either way. */
int store_cluster_flush(pc_store *s, pc_error *err);

/* Drops the pending band keys (the transaction rolls back); store_cluster_free also frees their memory. Both
 * accept a store without any. */
void store_cluster_discard(pc_store *s);
void store_cluster_free(pc_store *s);

/* store_lines.c: records the edge lines of article `article_id` (boilerplate.h). Returns 0 or a PC_E* code. */
int store_lines_article(pc_store *s, long long article_id, const pc_edge_lines *lines, pc_error *err);

/* Removes the edge line keys of the articles of file `file_id` (call before the articles go). */
int store_lines_delete_file(pc_store *s, long long file_id, pc_error *err);

/* store_stems.c: makes the store's stem cache (stem_cache.h) over the stem_lookup table and hands it to the
 * tokenizer context; a writable store records Ukrainian pairs, and other languages' words too once the index
 * has a Ukrainian dictionary recorded. Returns 0 or PC_ENOMEM. */
int store_stems_open(pc_store *s, pc_error *err);

/* The backing's read (stem_cache.h): answers from the stem_lookup table (schema/005_stem_lookup.sql).
 * payload is the pc_store. Misses, a stale index, and every failure, return 0. */
int store_stem_lookup(void *payload, const char *lang, const char *word, int len, const char **stem, int *stem_len);

/* Writes the stem pairs the cache recorded since the last call into stem_lookup (inside the open write
 * transaction, after store_fts_flush). Returns 0 or a PC_E* code. */
int store_stem_pairs_write(pc_store *s, pc_error *err);

/* store_bodies.c: registers on `db` pc_body(stored): the text of a stored body, a TEXT value as it is, a
 * zstd frame decompressed (with the dictionary of body_dictionaries it names); NULL gives NULL; and
 * pc_body_slice(article_id, content_hash, body_or_null, start_byte, end_byte), the bytes [start, end) of the
 * article's text (clamped to it), and pc_body_chars_before(article_id, content_hash, body_or_null, byte), its
 * characters before `byte`: both keep the text of the last article asked for (known by id and content hash)
 * and read bodies.body themselves when body_or_null is NULL; pc_body_forget() frees that text (not from
 * views or triggers). A damaged frame, a missing dictionary or a missing body is SQLITE_CORRUPT. Returns an
 * SQLite code. */
int store_bodies_register(sqlite3 *db);

/* Loads the index's body dictionary for writing (nothing for a read-only store). Returns 0 or a PC_E* code. */
int store_bodies_open(pc_store *s, pc_error *err);

/* Frees what store_bodies_open and the writes gathered. */
void store_bodies_free(pc_store *s);

/* Writes the body of article `article_id`: `frame` (frame_len bytes) when the article was packed ahead of
 * time (pc_prepared_article.packed_body), else packed here; the text itself when packing gains nothing. Takes
 * the body as a training sample until the dictionary is trained. Returns 0 or a PC_E* code. */
int store_bodies_write(pc_store *s, long long article_id, const pc_article *a, const void *frame, size_t frame_len,
                       pc_error *err);

/* The open transaction rolled back: the dictionary's row is written again with the next frame using it. */
void store_bodies_rollback(pc_store *s);

/* Writes the analyzer identity (version, configuration, presscut version) into meta. */
int store_meta_write_analyzer(pc_store *s, const pc_analyzer_config *cfg, pc_error *err);

/* Records in meta the fingerprint of the data the stemmer of `lang` depends on (the hunspell-uk dictionary),
 * the first time an article in that language is written; `refresh` rewrites it (after a rebuild) and
 * removes it when no article needs it any more (lang is then ignored). Returns 0 or a PC_E* code. */
int store_meta_record_dictionary(pc_store *s, const char *lang, bool refresh, pc_error *err);

#endif
