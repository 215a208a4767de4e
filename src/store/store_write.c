/* store_write.c — writing the index, the top of the store's layers: the write session (transactions, the
 * explicit flush of the FTS5 write queue, closing), replacing and removing a source file's articles (with
 * their bodies, passages and FTS5 entries), touching file records, and rebuilding the FTS5 tables with
 * another analyzer configuration. Passage rowids are (day << 32) | n, so they follow publication dates. */
#include "store_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/text/dates.h"
#include "presscut/core/hash.h"

#define DAY_SEQ_MAX 0xffffffffLL

/* ---- the write session ------------------------------------------------------------------------------- */

int pc_store_begin(pc_store *s, pc_error *err)
{
    int rc = store_check_writable(s, err);
    if (rc == PC_OK)
        rc = store_check_not_stale(s, err);
    if (rc != PC_OK)
        return rc;
    if (store_in_transaction(s))
        return pc_error_set(err, PC_EINVAL, "a transaction on the index '%s' is already open", s->path);
    return store_tx_begin(s, err);
}

int pc_store_flush(pc_store *s, pc_error *err)
{
    int rc = store_fts_flush(s, err);
    if (rc != PC_OK)
        pc_store_rollback(s);
    return rc;
}

int pc_store_commit(pc_store *s, pc_error *err)
{
    if (!store_in_transaction(s))
        return pc_error_set(err, PC_EINVAL, "no transaction on the index '%s' to commit", s->path);
    int rc = store_cluster_flush(s, err);
    if (rc == PC_OK)
        rc = store_fts_flush(s, err);
    if (rc == PC_OK)
        rc = store_stem_pairs_write(s, err);
    if (rc == PC_OK)
        rc = store_tx_commit(s, err);
    if (rc != PC_OK)
        pc_store_rollback(s);
    return rc;
}

void pc_store_rollback(pc_store *s)
{
    if (!s)
        return;
    store_fts_discard(s);
    store_cluster_discard(s);
    store_bodies_rollback(s);
    pc_stem_cache_forget(s->stems); /* pairs flushed into the rolled-back transaction must be written again */
    store_tx_rollback(s);
}

void pc_store_close(pc_store *s)
{
    if (!s)
        return;
    pc_store_rollback(s);
    /* The free pages go back to the file system (an index made with auto_vacuum; else nothing happens). */
    if (!s->read_only && s->db)
        sqlite3_exec(s->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL);
    store_fts_free(s);
    store_cluster_free(s);
    store_free(s);
}

/* Starts a write: its own IMMEDIATE transaction outside pc_store_begin/commit, nothing inside one (no
 * savepoint: an FTS5 savepoint flushes its in-memory terms, which made every file a tiny segment). Refuses
 * read-only and stale stores unless `allow_stale`. *own tells write_end whether a transaction began. */
static int write_begin(pc_store *s, bool allow_stale, bool *own, pc_error *err)
{
    int rc = store_check_writable(s, err);
    if (rc == PC_OK && !allow_stale)
        rc = store_check_not_stale(s, err);
    if (rc != PC_OK)
        return rc;
    *own = !store_in_transaction(s);
    return *own ? store_tx_begin(s, err) : PC_OK;
}

/* Ends a write begun by write_begin. rc == 0: commits its own transaction (queued FTS writes first; a failed
 * commit has rolled back already). rc != 0: rolls back its own transaction, or the caller's whole one
 * (callers validate their input before writing, so only database failures get here). Returns rc, or the
 * commit's error. */
static int write_end(pc_store *s, bool own, int rc, pc_error *err)
{
    if (rc == PC_OK)
        return own ? pc_store_commit(s, err) : PC_OK;
    pc_store_rollback(s);
    return rc;
}

/* ---- files and articles ------------------------------------------------------------------------------ */

/* NULL for an absent or empty optional string: both are stored as NULL. */
static const char *optional(const char *s)
{
    return s && *s ? s : NULL;
}

static void bind_optional(sqlite3_stmt *st, int i, const char *s)
{
    s = optional(s);
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Steps a write statement to completion and resets it. Returns the SQLite code (SQLITE_DONE on success). */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc;
}

/* Names an article in messages: its record when it has one, else its position. */
static void article_label(char *buf, size_t size, const pc_article *a, size_t i)
{
    if (a && optional(a->record))
        snprintf(buf, size, "'%s'", a->record);
    else
        snprintf(buf, size, "%zu", i + 1);
}

/* Day number of an article's published date, 0 when undated or not an ISO date. */
static long long article_day(const pc_article *a)
{
    if (!optional(a->published))
        return 0;
    long day = pc_date_day_number(a->published);
    return day > 0 && day <= INT32_MAX ? day : 0;
}

static int validate_article(const char *path, const pc_article *a, size_t i, pc_error *err)
{
    char label[160];
    article_label(label, sizeof label, a, i);
    if (!a || !a->body)
        return pc_error_set(err, PC_EINVAL, "article %s of '%s' has no body", label, path);
    /* SQLite takes lengths as int; the tag comes on top. */
    if (a->body_len > INT32_MAX - 64 || (a->title && strlen(a->title) > INT32_MAX - 64))
        return pc_error_set(err, PC_EINVAL, "article %s of '%s' is too long to store", label, path);
    if (memchr(a->body, '\0', a->body_len))
        return pc_error_set(err, PC_EINVAL, "article %s of '%s' has a NUL byte in its body", label, path);
    if (!a->lang)
        return pc_error_set(err, PC_EINVAL, "article %s of '%s' has no language (detect or set one first)", label,
                            path);
    if (*a->lang && !pc_lang_tag_valid(a->lang))
        return pc_error_set(err, PC_EINVAL,
                            "article %s of '%s' has an invalid language code (at most %d letters, digits, '-' or '_')",
                            label, path, PC_LANG_MAX);
    if (a->n_passages == 0 || !a->passages)
        return pc_error_set(err, PC_EINVAL, "article %s of '%s' has no passages (cut them before storing it)", label,
                            path);
    if (a->n_passages > DAY_SEQ_MAX)
        return pc_error_set(err, PC_EINVAL, "article %s of '%s' has too many passages (%zu)", label, path,
                            a->n_passages);
    for (size_t k = 0; k < a->n_passages; k++) {
        const pc_passage_span *p = &a->passages[k];
        if (p->start >= p->end || p->end > a->body_len)
            return pc_error_set(err, PC_EINVAL,
                                "article %s of '%s': passage %zu [%zu, %zu) lies outside its body of %zu bytes", label,
                                path, k + 1, p->start, p->end, a->body_len);
    }
    return PC_OK;
}

static int compare_records(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Two articles of one file may not share a record (NULL and "" are the same: one-article files). Checked
 * here, before anything is written, so that a refused file never leaves a transaction half-changed. */
static int check_records_unique(const char *path, pc_prepared_article *const *articles, size_t n, pc_error *err)
{
    if (n < 2)
        return PC_OK;
    const char **records = malloc(n * sizeof *records);
    if (!records)
        return pc_error_set(err, PC_ENOMEM, "out of memory while storing '%s'", path);
    for (size_t i = 0; i < n; i++)
        records[i] = articles[i]->article.record ? articles[i]->article.record : "";
    qsort(records, n, sizeof *records, compare_records);
    int rc = PC_OK;
    for (size_t i = 1; i < n && rc == PC_OK; i++)
        if (strcmp(records[i - 1], records[i]) == 0)
            rc = *records[i] ? pc_error_set(err, PC_EINVAL, "'%s' has two articles with the record '%s'", path,
                                            records[i])
                             : pc_error_set(err, PC_EINVAL, "'%s' has two articles without a record", path);
    free(records);
    return rc;
}

/* Removes the articles of file `file_id` with their bodies, passages, FTS5 entries and near-duplicate
 * signatures (the FTS5 deletes are queued first: they need the texts the rows give). */
static int delete_file_content(pc_store *s, long long file_id, pc_error *err)
{
    int rc = store_fts_queue_file_deletes(s, file_id, err);
    if (rc == PC_OK)
        rc = store_cluster_delete_file(s, file_id, err);
    if (rc == PC_OK)
        rc = store_lines_delete_file(s, file_id, err);
    if (rc != PC_OK)
        return rc;
    static const enum store_stmt_id order[] = {STMT_DELETE_PASSAGES, STMT_DELETE_BODIES, STMT_DELETE_ARTICLES};
    for (size_t i = 0; rc == PC_OK && i < sizeof order / sizeof order[0]; i++)
        rc = store_stmt_run_for_id(s, order[i], file_id, "removing old articles", err);
    return rc;
}

/* Looks up the id of `path` in files: *id = 0 when absent. */
static int file_id_of(pc_store *s, const char *path, long long *id, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_FILE_ID, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_db_error(s, rc, "reading", err);
}

/* First free passage sequence number of `day`: one more than the largest used. */
static int next_passage_seq(pc_store *s, long long day, long long *seq, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_DAY_MAX_PASSAGE, &st, err);
    if (rc != PC_OK)
        return rc;
    long long lo = day << DAY_SHIFT;
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, lo | DAY_SEQ_MAX);
    rc = sqlite3_step(st);
    *seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) - lo + 1 : 1;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_db_error(s, rc, "reading", err);
}

static int insert_passages(pc_store *s, long long article_id, long long day, pc_prepared_article *p_art,
                           pc_error *err)
{
    const pc_article *a = &p_art->article;
    long long seq = 0;
    int rc = next_passage_seq(s, day, &seq, err);
    if (rc != PC_OK)
        return rc;
    if (seq - 1 > DAY_SEQ_MAX - (long long)a->n_passages)
        return pc_error_set(err, PC_EDB, "the index '%s' has no passage numbers left for the day of '%s'", s->path,
                            a->published ? a->published : "undated articles");
    sqlite3_stmt *ins = NULL;
    rc = store_stmt(s, STMT_PASSAGE_INSERT, &ins, err);
    if (rc != PC_OK)
        return rc;
    for (size_t k = 0; k < a->n_passages; k++) {
        const pc_passage_span *p = &a->passages[k];
        long long id = (day << DAY_SHIFT) | (seq + (long long)k);
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_int64(ins, 2, article_id);
        sqlite3_bind_int64(ins, 3, (long long)k);
        sqlite3_bind_int64(ins, 4, (long long)p->start);
        sqlite3_bind_int64(ins, 5, (long long)p->end);
        int src = step_done(ins);
        if (src != SQLITE_DONE)
            return store_db_error(s, src, "writing", err);
        /* Byte for byte what the passage_text view returns: tag + the body's bytes [start, end). */
        pc_term_list *terms = p_art->passage_terms ? p_art->passage_terms[k] : NULL;
        if (p_art->passage_terms)
            p_art->passage_terms[k] = NULL; /* the queue takes it */
        rc = store_fts_queue_insert(s, STORE_FTS_PASSAGES, id, article_id, a->lang, a->body + p->start,
                                    p->end - p->start, terms, err);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

static int insert_article(pc_store *s, long long file_id, pc_prepared_article *p, pc_error *err)
{
    const pc_article *a = &p->article;
    const char *title = optional(a->title);
    size_t title_len = title ? strlen(title) : 0;
    /* The hash of title + '\n' + body, hashed in pieces: a copy of them joined would be one more body in
     * memory (a 50 MB article is 50 MB more). */
    pc_hash_stream *hashing = pc_hash_stream_new();
    if (!hashing)
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
    pc_hash_stream_add(hashing, title ? title : "", title_len);
    pc_hash_stream_add(hashing, "\n", 1);
    pc_hash_stream_add(hashing, a->body, a->body_len);
    char hash[PC_HASH_HEX_LEN + 1];
    pc_hash_stream_hex(hashing, hash);
    pc_hash_stream_free(hashing);

    long long day = article_day(a);
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_ARTICLE_INSERT, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    bind_optional(st, 2, a->record);
    bind_optional(st, 3, title);
    bind_optional(st, 4, a->published);
    sqlite3_bind_int64(st, 5, day);
    bind_optional(st, 6, a->source);
    bind_optional(st, 7, a->url);
    sqlite3_bind_text(st, 8, a->lang, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, (long long)a->body_len);
    sqlite3_bind_text(st, 10, hash, -1, SQLITE_STATIC);
    bind_optional(st, 11, a->tags);
    int src = step_done(st);
    if (src != SQLITE_DONE)
        return store_db_error(s, src, "writing", err);
    long long article_id = sqlite3_last_insert_rowid(s->db);

    rc = store_bodies_write(s, article_id, a, p->packed_body, p->packed_len, err);
    if (rc == PC_OK)
        rc = store_cluster_article(s, article_id, a, p->signature, err);
    if (rc == PC_OK)
        rc = store_lines_article(s, article_id, &p->edge_lines, err);
    if (rc != PC_OK)
        return rc;

    if (title) {
        rc = store_fts_queue_insert(s, STORE_FTS_TITLES, article_id, article_id, a->lang, title, title_len, NULL,
                                    err);
        if (rc != PC_OK)
            return rc;
    }
    return insert_passages(s, article_id, day, p, err);
}

/* Records size/mtime/hash of the stored file `file_id` (an updated file, or an appended part). */
static int update_file(pc_store *s, long long file_id, long long size, long long mtime_ns, const char *hash,
                       pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_FILE_UPDATE, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    sqlite3_bind_int64(st, 2, size);
    sqlite3_bind_int64(st, 3, mtime_ns);
    sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
    int src = step_done(st);
    return src == SQLITE_DONE ? PC_OK : store_db_error(s, src, "writing", err);
}

/* Records the file (new or updated) and returns its id; an existing file's old content is removed. */
static int upsert_file(pc_store *s, const char *path, long long size, long long mtime_ns, const char *hash,
                       long long *file_id, pc_error *err)
{
    int rc = file_id_of(s, path, file_id, err);
    if (rc != PC_OK)
        return rc;
    if (*file_id) {
        rc = delete_file_content(s, *file_id, err);
        return rc == PC_OK ? update_file(s, *file_id, size, mtime_ns, hash, err) : rc;
    }
    sqlite3_stmt *st = NULL;
    rc = store_stmt(s, STMT_FILE_INSERT, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, size);
    sqlite3_bind_int64(st, 3, mtime_ns);
    sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
    int src = step_done(st);
    if (src != SQLITE_DONE)
        return store_db_error(s, src, "writing", err);
    *file_id = sqlite3_last_insert_rowid(s->db);
    return PC_OK;
}

/* pc_store_file_replace_prepared, or with `append` pc_store_file_append_prepared. */
static int store_file_articles(pc_store *s, const char *path, long long size, long long mtime_ns, const char *hash,
                               pc_prepared_article *const *articles, size_t n, bool append, pc_error *err)
{
    if (!path || !*path)
        return pc_error_set(err, PC_EINVAL, "cannot store a file without a path");
    if (!hash || strlen(hash) > PC_HASH_HEX_LEN)
        return pc_error_set(err, PC_EINVAL, "cannot store '%s': its content hash is missing or malformed", path);
    if (n > 0 && !articles)
        return pc_error_set(err, PC_EINVAL, "cannot store '%s': its articles are missing", path);
    for (size_t i = 0; i < n; i++) {
        int rc = validate_article(path, articles[i] ? &articles[i]->article : NULL, i, err);
        if (rc != PC_OK)
            return rc;
    }
    int rc = check_records_unique(path, articles, n, err);
    if (rc != PC_OK)
        return rc;
    long long file_id = 0;
    if (append) { /* looked up before writing: a refusal must not roll back the caller's transaction */
        rc = file_id_of(s, path, &file_id, err);
        if (rc != PC_OK)
            return rc;
        if (!file_id)
            return pc_error_set(err, PC_EINVAL, "cannot add articles to '%s': its first part is not in the index",
                                path);
    }
    bool own = false;
    rc = write_begin(s, false, &own, err);
    if (rc != PC_OK)
        return rc;
    rc = append ? update_file(s, file_id, size, mtime_ns, hash, err)
                : upsert_file(s, path, size, mtime_ns, hash, &file_id, err);
    for (size_t i = 0; rc == PC_OK && i < n; i++) {
        const pc_article *a = &articles[i]->article;
        rc = store_meta_record_dictionary(s, a->lang, false, err);
        if (rc == PC_OK) {
            /* before the article's texts are queued: a queue flush may tokenize them */
            pc_stem_cache_add_stems(s->stems, a->lang, &articles[i]->uk_stems);
            rc = insert_article(s, file_id, articles[i], err);
        }
    }
    return write_end(s, own, rc, err);
}

int pc_store_file_replace_prepared(pc_store *s, const char *path, long long size, long long mtime_ns,
                                   const char *hash, pc_prepared_article *const *articles, size_t n, pc_error *err)
{
    return store_file_articles(s, path, size, mtime_ns, hash, articles, n, false, err);
}

int pc_store_file_append_prepared(pc_store *s, const char *path, long long size, long long mtime_ns,
                                  const char *hash, pc_prepared_article *const *articles, size_t n, pc_error *err)
{
    return store_file_articles(s, path, size, mtime_ns, hash, articles, n, true, err);
}

int pc_store_file_replace(pc_store *s, const char *path, long long size, long long mtime_ns, const char *hash,
                          pc_article *const *articles, size_t n, pc_error *err)
{
    /* Plain articles are prepared articles with nothing prepared: shallow copies, which the store only reads. */
    pc_prepared_article *items = n > 0 ? calloc(n, sizeof *items) : NULL;
    pc_prepared_article **list = n > 0 ? malloc(n * sizeof *list) : NULL;
    if (n > 0 && (!items || !list)) {
        free(items);
        free(list);
        return pc_error_set(err, PC_ENOMEM, "out of memory while storing '%s'", path ? path : "a file");
    }
    for (size_t i = 0; articles && i < n; i++) {
        if (articles[i])
            items[i].article = *articles[i];
        list[i] = articles[i] ? &items[i] : NULL;
    }
    int rc = pc_store_file_replace_prepared(s, path, size, mtime_ns, hash, articles ? list : NULL, n, err);
    free(items);
    free(list);
    return rc;
}

int pc_store_file_remove(pc_store *s, const char *path, pc_error *err)
{
    if (!path)
        return pc_error_set(err, PC_EINVAL, "cannot remove a file without a path");
    bool own = false;
    int rc = write_begin(s, false, &own, err);
    if (rc != PC_OK)
        return rc;
    long long file_id = 0;
    rc = file_id_of(s, path, &file_id, err);
    if (rc == PC_OK && file_id) {
        rc = delete_file_content(s, file_id, err);
        if (rc == PC_OK)
            rc = store_stmt_run_for_id(s, STMT_FILE_DELETE, file_id, "removing a file", err);
    }
    return write_end(s, own, rc, err);
}

int pc_store_file_touch(pc_store *s, const char *path, long long size, long long mtime_ns, pc_error *err)
{
    if (!path)
        return pc_error_set(err, PC_EINVAL, "cannot update a file without a path");
    bool own = false;
    int rc = write_begin(s, false, &own, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = store_stmt(s, STMT_FILE_TOUCH, &st, err);
    if (rc == PC_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, size);
        sqlite3_bind_int64(st, 3, mtime_ns);
        int src = step_done(st);
        if (src != SQLITE_DONE)
            rc = store_db_error(s, src, "writing", err);
    }
    return write_end(s, own, rc, err);
}

int pc_store_rebuild(pc_store *s, const pc_analyzer_config *cfg, pc_error *err)
{
    pc_analyzer_config next;
    if (cfg)
        next = *cfg;
    else
        pc_analyzer_config_default(&next);
    int rc = store_check_writable(s, err); /* first: a read-only store holds its read transaction */
    if (rc == PC_OK && !sqlite3_get_autocommit(s->db))
        rc = pc_error_set(err, PC_EINVAL, "cannot rebuild the index '%s' inside an open transaction", s->path);
    bool own = false;
    if (rc == PC_OK)
        rc = write_begin(s, true, &own, err);
    if (rc != PC_OK)
        return rc;
    rc = store_meta_write_analyzer(s, &next, err);
    /* The stems are analysed again: the pairs are those of this analyzer and dictionary only. */
    if (rc == PC_OK)
        rc = store_exec(s, "DELETE FROM stem_lookup", "rebuilding", err);
    pc_stem_cache_forget(s->stems);
    if (rc == PC_OK)
        rc = pc_tokenizer_context_set_config(s->tokenizer, &next);
    if (rc == PC_OK)
        rc = store_exec(s, "INSERT INTO passage_fts(passage_fts) VALUES('rebuild')", "rebuilding", err);
    if (rc == PC_OK)
        rc = store_exec(s, "INSERT INTO title_fts(title_fts) VALUES('rebuild')", "rebuilding", err);
    if (rc == PC_OK)
        rc = store_meta_record_dictionary(s, NULL, true, err);
    rc = write_end(s, own, rc, err);
    if (rc != PC_OK) {
        pc_tokenizer_context_set_config(s->tokenizer, &s->analyzer);
        return rc;
    }
    s->analyzer = next;
    s->analyzer_version = PC_ANALYZER_VERSION;
    s->stale = false;
    return pc_store_refresh_query_langs(s, err);
}
