/* store.c — the base of the store: opening the index (connection settings, tokenizer registration, schema
 * migrations, the analyzer identity kept in `meta`, the languages queries stem in), the statement cache,
 * error messages and the plain transaction primitives the write session (store_write.c) builds on. It calls
 * no other store file. See include/presscut/store/store.h and src/store/store_internal.h. */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "presscut/core/array.h"

#ifndef PRESSCUT_VERSION
#define PRESSCUT_VERSION "unknown"
#endif

#define BUSY_TIMEOUT_MS 5000
#define CACHE_KIB 16384 /* page cache per connection: 16 MiB (64 MiB measured no faster, 50 MB more RSS) */
#define STOP_CHECK_STEPS 4096 /* SQLite VM steps between calls of the stop check (pc_store_set_stop_check) */
#define READ_MMAP_BYTES (1LL << 40) /* read-only opens map the whole file (SQLite caps it at its own limit) */

/* ---- errors ------------------------------------------------------------------------------------------ */

/* A write that found no room: the disk or the file size limit (ulimit -f) is full. What was committed
 * before stays in the index. */
static int disk_full(const char *path, pc_error *err)
{
    return pc_error_set(err, PC_EDB, "disk full while writing '%s': free some space and run the command again",
                        path);
}

/* Whether the index `path`, its WAL or its journal is within a page (64 KiB at most) of the file size limit
 * (ulimit -f), so that a write failed with EFBIG: SQLite reports that as an I/O error, and by the time it
 * does, the errno it keeps for the connection may have been overwritten. */
static bool file_size_limit_reached(const char *path)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return false;
    static const char *const suffixes[] = {"", "-wal", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char name[4096];
        struct stat st;
        if (snprintf(name, sizeof name, "%s%s", path, suffixes[i]) < (int)sizeof name && stat(name, &st) == 0 &&
            (unsigned long long)st.st_size + 65536 >= (unsigned long long)limit.rlim_cur)
            return true;
    }
    return false;
}

int store_db_error(const pc_store *s, int rc, const char *doing, pc_error *err)
{
    const char *path = s->path;
    const char *analyzer_failure = s->tokenizer ? pc_tokenizer_context_error(s->tokenizer) : NULL;
    if (analyzer_failure && (rc & 0xff) == SQLITE_ERROR)
        return pc_error_set(err, PC_EIO, "%s", analyzer_failure);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pc_error_set(err, PC_EDB,
                            "the index '%s' is locked by another process; try again when it has finished",
                            path);
    case SQLITE_FULL:
        return disk_full(path, err);
    case SQLITE_CORRUPT:
        if (rc == SQLITE_CORRUPT_VTAB) {
            char *quoted = store_shell_quote(path);
            pc_error_set(err, PC_EDB,
                         "the full-text index of '%s' is damaged (found while %s): rebuild it with: presscut --db %s "
                         "rebuild",
                         path, doing, quoted ? quoted : path);
            free(quoted);
            return PC_EDB;
        }
        return pc_error_set(err, PC_EDB,
                            "the index '%s' is damaged (found while %s): delete it and index your files again",
                            path, doing);
    case SQLITE_INTERRUPT:
        return pc_error_set(err, PC_ESTOP, "stopped before it finished (while %s)", doing);
    case SQLITE_NOTADB:
        return pc_error_set(err, PC_EDB, "'%s' is not a presscut index (not an SQLite database)", path);
    case SQLITE_READONLY:
        return pc_error_set(err, PC_EDB,
                            "cannot write to the index '%s' (while %s): the file or its folder is read-only; "
                            "check their permissions",
                            path, doing);
    case SQLITE_CANTOPEN: {
        int e = s->db ? sqlite3_system_errno(s->db) : 0;
        return pc_error_set(err, PC_EIO, "cannot open the index '%s': %s", path,
                            e ? strerror(e) : "the file or its folder cannot be opened");
    }
    case SQLITE_IOERR: {
        int e = s->db ? sqlite3_system_errno(s->db) : 0;
        if (e == EFBIG || e == ENOSPC || file_size_limit_reached(path))
            return disk_full(path, err);
        return pc_error_set(err, PC_EIO, "input/output error on the index '%s' while %s: %s", path, doing,
                            e ? strerror(e) : sqlite3_errstr(rc));
    }
    case SQLITE_NOMEM:
        return pc_error_set(err, PC_ENOMEM, "out of memory while %s (index '%s')", doing, path);
    default:
        return pc_error_set(err, PC_EDB, "the index '%s' failed while %s (%s)", path, doing, sqlite3_errstr(rc));
    }
}

int store_prepare(pc_store *s, const char *sql, sqlite3_stmt **st, const char *doing, pc_error *err)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    if (rc == SQLITE_OK)
        return PC_OK;
    sqlite3_finalize(*st);
    *st = NULL;
    return store_db_error(s, rc, doing, err);
}

bool store_next_row(pc_store *s, sqlite3_stmt *st, const char *doing, int *rc, pc_error *err)
{
    if (*rc != PC_OK)
        return false;
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        return true;
    if (src != SQLITE_DONE)
        *rc = store_db_error(s, src, doing, err);
    return false;
}

int store_exec(pc_store *s, const char *sql, const char *doing, pc_error *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? PC_OK : store_db_error(s, rc, doing, err);
}

/* ---- statement cache --------------------------------------------------------------------------------- */

static const char *const stmt_sql[STMT_COUNT] = {
    [STMT_FILE_GET] = "SELECT f.size, f.mtime_ns, f.hash, (SELECT count(*) FROM articles a WHERE a.file_id = f.id) "
                      "FROM files f WHERE f.path = ?1",
    [STMT_FILE_ID] = "SELECT id FROM files WHERE path = ?1",
    [STMT_FILE_INSERT] = "INSERT INTO files(path, size, mtime_ns, hash, indexed_at) "
                         "VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [STMT_FILE_UPDATE] = "UPDATE files SET size = ?2, mtime_ns = ?3, hash = ?4, "
                         "indexed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    [STMT_FILE_TOUCH] = "UPDATE files SET size = ?2, mtime_ns = ?3 WHERE path = ?1",
    [STMT_FILE_DELETE] = "DELETE FROM files WHERE id = ?1",
    [STMT_FILE_MAX_ARTICLE] = "SELECT coalesce(max(id), 0) FROM articles WHERE file_id = ?1",
    /* FTS5 external content: a delete must hand back exactly the text that was indexed, read from the views. */
    [STMT_FILE_PASSAGE_TEXTS] = "SELECT id, text FROM passage_text WHERE id IN "
                                "(SELECT p.id FROM articles a JOIN passages p ON p.article_id = a.id "
                                "WHERE a.file_id = ?1)",
    [STMT_FILE_TITLE_TEXTS] = "SELECT id, title FROM article_title WHERE id IN "
                              "(SELECT id FROM articles WHERE file_id = ?1)",
    [STMT_DELETE_PASSAGES] = "DELETE FROM passages WHERE article_id IN (SELECT id FROM articles WHERE file_id = ?1)",
    [STMT_DELETE_BODIES] = "DELETE FROM bodies WHERE article_id IN (SELECT id FROM articles WHERE file_id = ?1)",
    [STMT_DELETE_ARTICLES] = "DELETE FROM articles WHERE file_id = ?1",
    [STMT_ARTICLE_INSERT] = "INSERT INTO articles(file_id, record, title, published, day, source, url, lang, "
                            "body_bytes, content_hash, indexed_at, tags) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                            "?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?11)",
    [STMT_BODY_INSERT] = "INSERT INTO bodies(article_id, body) VALUES(?1, ?2)",
    [STMT_DAY_MAX_PASSAGE] = "SELECT id FROM passages WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC LIMIT 1",
    [STMT_PASSAGE_INSERT] = "INSERT INTO passages(id, article_id, seq, start_byte, end_byte) "
                            "VALUES(?1, ?2, ?3, ?4, ?5)",
    [STMT_PASSAGE_FTS_INSERT] = "INSERT INTO passage_fts(rowid, text) VALUES(?1, ?2)",
    [STMT_PASSAGE_FTS_DELETE] = "INSERT INTO passage_fts(passage_fts, rowid, text) VALUES('delete', ?1, ?2)",
    [STMT_TITLE_FTS_INSERT] = "INSERT INTO title_fts(rowid, title) VALUES(?1, ?2)",
    [STMT_TITLE_FTS_DELETE] = "INSERT INTO title_fts(title_fts, rowid, title) VALUES('delete', ?1, ?2)",
    /* The first 64 articles with a key: a story copied more often is still found through them. */
    [STMT_CLUSTER_BAND_LOOKUP] = "SELECT article_id FROM cluster_bands WHERE band_key = ?1 ORDER BY article_id "
                                 "LIMIT 64",
    [STMT_CLUSTER_CANDIDATE] = "SELECT s.signature, a.cluster FROM cluster_signatures s "
                               "JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?1",
    [STMT_CLUSTER_BAND_INSERT] = "INSERT OR IGNORE INTO cluster_bands(band_key, article_id) VALUES(?1, ?2)",
    [STMT_CLUSTER_BAND_DELETE] = "DELETE FROM cluster_bands WHERE band_key = ?1 AND article_id = ?2",
    [STMT_CLUSTER_SIGNATURE_INSERT] = "INSERT INTO cluster_signatures(article_id, signature) VALUES(?1, ?2)",
    [STMT_CLUSTER_FILE_SIGNATURES] = "SELECT article_id, signature FROM cluster_signatures WHERE article_id IN "
                                     "(SELECT id FROM articles WHERE file_id = ?1)",
    [STMT_CLUSTER_DELETE_SIGNATURES] = "DELETE FROM cluster_signatures WHERE article_id IN "
                                       "(SELECT id FROM articles WHERE file_id = ?1)",
    [STMT_CLUSTER_SET] = "UPDATE articles SET cluster = ?2 WHERE id = ?1",
    [STMT_EDGE_LINE_INSERT] = "INSERT OR IGNORE INTO edge_lines(line_key, article_id, kept) VALUES(?1, ?2, ?3)",
    [STMT_EDGE_LINE_DELETE_FILE] = "DELETE FROM edge_lines WHERE article_id IN "
                                   "(SELECT id FROM articles WHERE file_id = ?1)",
    [STMT_STEM_LOOKUP] = "SELECT stem FROM stem_lookup WHERE lang = ?1 AND surface = ?2",
    [STMT_STEM_RECORD] = "INSERT OR IGNORE INTO stem_lookup(lang, surface, stem) VALUES(?1, ?2, ?3)",
    [STMT_STEM_HELD] = "SELECT EXISTS(SELECT 1 FROM stem_lookup WHERE lang = ?1 AND stem = ?2 AND stem IS NOT NULL) "
                       "OR EXISTS(SELECT 1 FROM stem_lookup WHERE lang = ?1 AND surface = ?2 AND stem IS NULL)",
    /* Read for every hit a search shows (store_search.c). An article, its file and one of its passages (the one
     * asked for, or its first); the whole body and the count of copies only for `show` (?3). Nothing here may
     * cost in proportion to the article, as a huge one can give a thousand hits: the passage is found by its
     * id (`?2 = 0 OR p.id = ?2` walked the article's passages up to it), the number of passages is
     * the largest seq + 1 (found in the index, not counted), and the passage, the characters before it and
     * the body come from the text pc_body_slice keeps, unpacked once for all reads of an article
     * (schema/011_passage_slices.sql). */
    [STMT_ARTICLE_GET] =
        "SELECT a.id, a.title, a.published, a.source, a.url, a.lang, f.path, a.record, a.tags, a.cluster, "
        "       coalesce((SELECT max(seq) + 1 FROM passages WHERE article_id = a.id), 0), " /* seq: 0, 1, ... */
        "       CASE WHEN ?3 THEN (SELECT count(*) FROM articles c WHERE c.cluster = a.cluster) - 1 ELSE 0 END, "
        "       p.id, p.seq, p.start_byte, p.end_byte, "
        "       pc_body_slice(a.id, a.content_hash, NULL, p.start_byte, p.end_byte), "
        "       CASE WHEN ?3 THEN pc_body_slice(a.id, a.content_hash, NULL, 0, a.body_bytes) END, "
        "       pc_body_chars_before(a.id, a.content_hash, NULL, p.start_byte) "
        "FROM articles a JOIN files f ON f.id = a.file_id "
        "JOIN passages p ON p.article_id = a.id AND p.id = CASE WHEN ?2 = 0 THEN "
        "  (SELECT id FROM passages WHERE article_id = ?1 ORDER BY seq LIMIT 1) ELSE ?2 END " /* by rowid */
        "WHERE a.id = ?1",
    [STMT_PASSAGE_SPANS] = "SELECT pc_match_spans(passage_fts), p.end_byte - p.start_byte FROM passage_fts "
                           "CROSS JOIN passages p ON p.id = passage_fts.rowid "
                           "WHERE passage_fts MATCH ?1 AND passage_fts.rowid = ?2",
    [STMT_TITLE_SPANS] = "SELECT pc_match_spans(title_fts), length(CAST(a.title AS BLOB)) FROM title_fts "
                         "CROSS JOIN articles a ON a.id = title_fts.rowid "
                         "WHERE title_fts MATCH ?1 AND title_fts.rowid = ?2",
    [STMT_BODY_FORGET] = "SELECT pc_body_forget()",
};

int store_stmt(pc_store *s, enum store_stmt_id id, sqlite3_stmt **out, pc_error *err)
{
    sqlite3_stmt *st = s->stmts[id];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        *out = st;
        return PC_OK;
    }
    *out = NULL;
    int rc = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return store_db_error(s, rc, "preparing a statement", err);
    }
    s->stmts[id] = st;
    *out = st;
    return PC_OK;
}

int store_stmt_run_for_id(pc_store *s, enum store_stmt_id id, long long value, const char *doing, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, id, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, value);
    int src = sqlite3_step(st);
    sqlite3_reset(st);
    return src == SQLITE_DONE ? PC_OK : store_db_error(s, src, doing, err);
}

static void store_finalize_all(pc_store *s)
{
    for (size_t i = 0; i < STMT_COUNT; i++) {
        sqlite3_finalize(s->stmts[i]);
        s->stmts[i] = NULL;
    }
}

/* ---- the analyzer identity --------------------------------------------------------------------------- */

char *store_shell_quote(const char *path)
{
    bool plain = *path != '\0';
    for (const char *p = path; *p && plain; p++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@%", *p) != NULL;
    size_t quotes = 0;
    for (const char *p = path; *p; p++)
        quotes += *p == '\'';
    char *quoted = malloc(strlen(path) + 2 + quotes * 3 + 1);
    if (!quoted)
        return NULL;
    char *w = quoted;
    if (!plain)
        *w++ = '\'';
    for (const char *p = path; *p; p++) {
        if (*p == '\'' && !plain) {
            memcpy(w, "'\\''", 4);
            w += 4;
        } else {
            *w++ = *p;
        }
    }
    if (!plain)
        *w++ = '\'';
    *w = '\0';
    return quoted;
}

static const char *describe_config(const pc_analyzer_config *c)
{
    if (c->fold_diacritics)
        return c->exact_forms ? "diacritics folded, exact forms kept" : "diacritics folded, stems only";
    return c->exact_forms ? "diacritics kept, exact forms kept" : "diacritics kept, stems only";
}

static bool same_identity(const pc_analyzer_config *a, const pc_analyzer_config *b)
{
    return a->fold_diacritics == b->fold_diacritics && a->exact_forms == b->exact_forms;
}

static int query_int(pc_store *s, const char *sql, long long *out, const char *doing, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? PC_OK : store_db_error(s, rc, doing, err);
}

static int analyzer_mismatch_error(const pc_store *s, const pc_analyzer_config *wanted, pc_error *err)
{
    char *cmd = store_shell_quote(s->path);
    if (!cmd)
        return pc_error_set(err, PC_ENOMEM, "out of memory while opening the index '%s'", s->path);
    if (s->analyzer_version != PC_ANALYZER_VERSION)
        pc_error_set(err, PC_ECONFIG,
                     "the index '%s' was built with analyzer version %d (%s); this presscut uses version %d: "
                     "rebuild it with: presscut --db %s rebuild",
                     s->path, s->analyzer_version, describe_config(&s->analyzer), PC_ANALYZER_VERSION, cmd);
    else
        pc_error_set(err, PC_ECONFIG,
                     "the index '%s' was built with another analyzer configuration (%s) than the one asked for (%s): "
                     "rebuild it with: presscut --db %s rebuild",
                     s->path, describe_config(&s->analyzer), describe_config(wanted), cmd);
    free(cmd);
    return PC_ECONFIG;
}

static int dictionary_changed_error(const pc_store *s, pc_error *err)
{
    char *quoted = store_shell_quote(s->path);
    pc_error_set(err, PC_ECONFIG,
                 "the Ukrainian dictionary (hunspell-uk) has changed since the index '%s' was built, so stored "
                 "stems may not match new ones: rebuild it with: presscut --db %s rebuild",
                 s->path, quoted ? quoted : s->path);
    free(quoted);
    return PC_ECONFIG;
}

int store_check_not_stale(const pc_store *s, pc_error *err)
{
    if (!s->stale)
        return PC_OK;
    bool analyzer_differs = s->analyzer_version != PC_ANALYZER_VERSION || !same_identity(&s->analyzer, &s->asked);
    return !analyzer_differs && s->dictionary_changed ? dictionary_changed_error(s, err)
                                                      : analyzer_mismatch_error(s, &s->asked, err);
}

static int meta_put(pc_store *s, sqlite3_stmt *st, const char *key, const char *value, pc_error *err)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? PC_OK : store_db_error(s, rc, "writing its settings", err);
}

int store_meta_write_analyzer(pc_store *s, const pc_analyzer_config *cfg, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return store_db_error(s, rc, "writing its settings", err);
    }
    char version[16];
    snprintf(version, sizeof version, "%d", PC_ANALYZER_VERSION);
    rc = meta_put(s, st, "analyzer_version", version, err);
    if (rc == PC_OK)
        rc = meta_put(s, st, "fold_diacritics", cfg->fold_diacritics ? "1" : "0", err);
    if (rc == PC_OK)
        rc = meta_put(s, st, "exact_forms", cfg->exact_forms ? "1" : "0", err);
    if (rc == PC_OK)
        rc = meta_put(s, st, "presscut_version", PRESSCUT_VERSION, err);
    sqlite3_finalize(st);
    return rc;
}

/* Sets one meta key to value. Returns 0 or the store's error. */
static int meta_set(pc_store *s, const char *key, const char *value, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1, &st, NULL);
    rc = rc == SQLITE_OK ? meta_put(s, st, key, value, err) : store_db_error(s, rc, "writing its settings", err);
    sqlite3_finalize(st);
    return rc;
}

/* Records in meta the Ukrainian dictionary's fingerprint and the stamp of its files (stamp "": none, any
 * recorded one is removed). */
static int meta_write_dictionary(pc_store *s, const char *fingerprint, const char *stamp, pc_error *err)
{
    int rc = meta_set(s, "dictionary_uk", fingerprint, err);
    if (rc == PC_OK && stamp[0])
        rc = meta_set(s, "dictionary_uk_stamp", stamp, err);
    else if (rc == PC_OK)
        rc = store_exec(s, "DELETE FROM meta WHERE key = 'dictionary_uk_stamp'", "writing its settings", err);
    if (rc == PC_OK)
        snprintf(s->uk_dictionary_stamp, sizeof s->uk_dictionary_stamp, "%s", stamp);
    return rc;
}

int store_meta_record_dictionary(pc_store *s, const char *lang, bool refresh, pc_error *err)
{
    if (!refresh && (!lang || strcmp(lang, "uk") != 0))
        return PC_OK;
    long long needed = 1, recorded = 0;
    int rc = PC_OK;
    if (refresh)
        rc = query_int(s, "SELECT EXISTS (SELECT 1 FROM articles WHERE lang = 'uk')", &needed, "rebuilding", err);
    else
        rc = query_int(s, "SELECT count(*) FROM meta WHERE key = 'dictionary_uk'", &recorded, "writing", err);
    if (rc != PC_OK || recorded)
        return rc;
    if (!needed) {
        s->uk_dictionary[0] = '\0';
        pc_stem_cache_record(s->stems, PC_STEM_RECORD_LANG, false);
        s->uk_dictionary_stamp[0] = '\0';
        return store_exec(s, "DELETE FROM meta WHERE key IN ('dictionary_uk', 'dictionary_uk_stamp')", "rebuilding",
                          err);
    }
    char fingerprint[33], stamp[PC_LANGUAGE_STAMP_BYTES];
    pc_analyzer_language_stamp("uk", stamp); /* before reading: files changed meanwhile get a stamp that differs */
    rc = pc_analyzer_language_fingerprint("uk", fingerprint, err);
    if (rc != PC_OK || !fingerprint[0])
        return rc;
    rc = meta_write_dictionary(s, fingerprint, stamp, err);
    if (rc != PC_OK)
        return rc;
    memcpy(s->uk_dictionary, fingerprint, sizeof fingerprint);
    s->dictionary_changed = false;
    /* Queries now stem in Ukrainian too: the words of other languages need their Ukrainian stems recorded. */
    pc_stem_cache_record(s->stems, PC_STEM_RECORD_LANG, true);
    return PC_OK;
}

/* Parses a meta flag; anything but "0"/"1" is damage. */
static bool parse_flag(const char *v, bool *out)
{
    if (strcmp(v, "0") == 0 || strcmp(v, "1") == 0) {
        *out = v[0] == '1';
        return true;
    }
    return false;
}

/* Reads the analyzer identity recorded in meta into s. */
static int meta_read_analyzer(pc_store *s, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT key, value FROM meta", -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        if ((rc & 0xff) == SQLITE_ERROR) /* no meta table */
            return pc_error_set(err, PC_EDB, "'%s' is not a presscut index (it has no presscut settings)", s->path);
        return store_db_error(s, rc, "reading its settings", err);
    }
    bool have_version = false, have_fold = false, have_exact = false, bad = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *value = (const char *)sqlite3_column_text(st, 1);
        if (!key || !value)
            continue;
        if (strcmp(key, "analyzer_version") == 0) {
            char *end = NULL;
            long v = strtol(value, &end, 10);
            have_version = *value && *end == '\0' && v > 0 && v < 1000000;
            s->analyzer_version = (int)v;
        } else if (strcmp(key, "fold_diacritics") == 0) {
            have_fold = parse_flag(value, &s->analyzer.fold_diacritics);
            bad |= !have_fold;
        } else if (strcmp(key, "exact_forms") == 0) {
            have_exact = parse_flag(value, &s->analyzer.exact_forms);
            bad |= !have_exact;
        } else if (strcmp(key, "dictionary_uk") == 0) {
            snprintf(s->uk_dictionary, sizeof s->uk_dictionary, "%s", value);
        } else if (strcmp(key, "dictionary_uk_stamp") == 0) {
            snprintf(s->uk_dictionary_stamp, sizeof s->uk_dictionary_stamp, "%s", value);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_db_error(s, rc, "reading its settings", err);
    if (!have_version || !have_fold || !have_exact || bad)
        return pc_error_set(err, PC_EDB,
                            "the index '%s' has incomplete or damaged settings (meta table): delete it and index "
                            "your files again",
                            s->path);
    return PC_OK;
}

/* ---- opening ----------------------------------------------------------------------------------------- */

/* Asks the connection for its fts5_api and registers the presscut tokenizer with it. This is also the first
 * statement that reads the file, so "not a database" shows up here. */
static int register_tokenizer(pc_store *s, pc_error *err)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return store_db_error(s, rc, "opening", err);
    if (!api)
        return pc_error_set(err, PC_EDB, "the SQLite library in use has no FTS5: install one built with it");
    rc = pc_fts5_tokenizer_register(api, s->tokenizer);
    if (rc != SQLITE_OK)
        return store_db_error(s, rc, "registering the tokenizer", err);
    /* Ranking parameters: the defaults, or the ones $PRESSCUT_RANK_PARAMS sets (for tuning). */
    pc_rank_params_default(&s->rank_params);
    const char *tuning = getenv("PRESSCUT_RANK_PARAMS");
    if (tuning && *tuning && pc_rank_params_parse(tuning, &s->rank_params, err) != PC_OK)
        return PC_EINVAL;
    rc = pc_rank_register(api, &s->rank_params);
    return rc == SQLITE_OK ? PC_OK : store_db_error(s, rc, "registering the ranking functions", err);
}

static int configure_connection(pc_store *s, pc_error *err)
{
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    int rc = store_exec(s, "PRAGMA foreign_keys = ON", "opening", err);
    /* Searches sort and look up article ids in temporary b-trees (UNION, IN lists): small, and kept in
     * memory rather than written to a temporary file and read back. */
    if (rc == PC_OK)
        rc = store_exec(s, "PRAGMA temp_store = MEMORY", "opening", err);
    if (rc == PC_OK) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", CACHE_KIB);
        rc = store_exec(s, sql, "opening", err);
    }
    /* A read-only open is a search, show or export: one short process reading a few hundred pages of the index.
     * Mapping the file spares a read() and a copy into SQLite's cache per page (a fifth of a search's CPU). */
    if (rc == PC_OK && s->read_only) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld", READ_MMAP_BYTES);
        rc = store_exec(s, sql, "opening", err);
    }
    if (rc != PC_OK || s->read_only)
        return rc;
    return store_exec(s, "PRAGMA synchronous = NORMAL", "opening", err);
}

static int not_an_index_error(const pc_store *s, pc_error *err)
{
    return pc_error_set(err, PC_EDB, "'%s' is not a presscut index (an SQLite database with other tables)", s->path);
}

/* Whether a database whose user_version is not 0 is a presscut index: another program may set user_version
 * too, so its tables and the analyzer version recorded in meta decide, before anything is written to it. */
static int check_presscut_tables(pc_store *s, pc_error *err)
{
    long long tables = 0, recorded = 0;
    int rc = query_int(s,
                       "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('meta', 'files', "
                       "'articles', 'passages', 'bodies')",
                       &tables, "opening", err);
    if (rc == PC_OK && tables == 5)
        rc = query_int(s, "SELECT count(*) FROM meta WHERE key = 'analyzer_version'", &recorded, "opening", err);
    if (rc == PC_OK && (tables != 5 || recorded != 1))
        rc = not_an_index_error(s, err);
    return rc;
}

/* Creates or upgrades the schema to the newest one this binary carries, in one IMMEDIATE transaction. */
static int migrate(pc_store *s, const pc_analyzer_config *wanted, pc_error *err)
{
    int rc = store_exec(s, "BEGIN IMMEDIATE", "upgrading", err);
    if (rc != PC_OK)
        return rc;
    long long version = 0, objects = 0;
    rc = query_int(s, "PRAGMA user_version", &version, "upgrading", err); /* again: another process may have */
    if (rc == PC_OK)
        rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &objects, "upgrading", err);
    if (rc == PC_OK && version == 0 && objects > 0)
        rc = not_an_index_error(s, err);
    bool fresh = version == 0;
    for (size_t i = (size_t)version; rc == PC_OK && i < pc_schema_file_count; i++) {
        int src = sqlite3_exec(s->db, pc_schema_files[i].sql, NULL, NULL, NULL);
        if (src != SQLITE_OK) {
            if ((src & 0xff) == SQLITE_ERROR)
                rc = pc_error_set(err, PC_EDB, "cannot upgrade the index '%s' with %s: %s", s->path,
                                  pc_schema_files[i].name, sqlite3_errmsg(s->db));
            else
                rc = store_db_error(s, src, "upgrading", err);
        }
    }
    if (rc == PC_OK && fresh) {
        rc = store_meta_write_analyzer(s, wanted, err);
        if (rc == PC_OK)
            rc = store_exec(s,
                            "INSERT INTO meta(key, value) VALUES('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                            "creating", err);
    }
    if (rc == PC_OK && (size_t)version < pc_schema_file_count) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %zu", pc_schema_file_count);
        rc = store_exec(s, sql, "upgrading", err);
    }
    if (rc == PC_OK)
        rc = store_exec(s, "COMMIT", "upgrading", err);
    if (rc != PC_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Opens the connection to `filename` with `flags` and prepares it (tokenizer, rank functions, settings). */
static int connect_db(pc_store *s, const char *filename, int flags, pc_error *err)
{
    int src = sqlite3_open_v2(filename, &s->db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
    int rc = src == SQLITE_OK ? PC_OK : store_db_error(s, src, "opening", err);
    if (rc == PC_OK) {
        src = store_bodies_register(s->db);
        rc = src == SQLITE_OK ? PC_OK : store_db_error(s, src, "opening", err);
    }
    if (rc == PC_OK)
        rc = register_tokenizer(s, err);
    if (rc == PC_OK)
        rc = configure_connection(s, err);
    return rc;
}

/* The file holds no database yet (zero bytes, or nothing committed: a kill before the first commit leaves
 * that) and this open may not create one: the store stands on a new empty index in memory instead, so that
 * reads see an empty index and the file stays as it is. */
static int open_empty_in_memory(pc_store *s, const pc_analyzer_config *wanted, pc_error *err)
{
    sqlite3_close_v2(s->db);
    s->db = NULL;
    int rc = connect_db(s, ":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
    if (rc == PC_OK)
        rc = migrate(s, wanted, err);
    if (rc == PC_OK)
        s->schema_version = (int)pc_schema_file_count;
    return rc;
}

/* A read-only open of an index an older presscut made: the schema files it lacks only add tables, so they
 * are applied through a short read-write connection to `filename` and the read-only one goes on. When the
 * file cannot be written, the error says how to upgrade it. */
static int upgrade_for_reading(pc_store *s, const char *filename, long long version,
                               const pc_analyzer_config *wanted, pc_error *err)
{
    sqlite3 *reader = s->db;
    s->db = NULL;
    pc_error ignored;
    int rc = connect_db(s, filename, SQLITE_OPEN_READWRITE, &ignored);
    if (rc == PC_OK)
        rc = migrate(s, wanted, &ignored);
    sqlite3_close_v2(s->db);
    s->db = reader;
    if (rc != PC_OK)
        return pc_error_set(err, PC_ECONFIG,
                            "the index '%s' uses schema %lld and this presscut needs %zu: open it once for "
                            "writing (e.g. presscut index) to upgrade it",
                            s->path, version, pc_schema_file_count);
    return PC_OK;
}

/* Checks the schema version and creates/upgrades the schema when needed and allowed. */
static int open_schema(pc_store *s, const char *filename, const pc_store_options *opt,
                       const pc_analyzer_config *wanted, pc_error *err)
{
    long long version = 0, objects = 0;
    int rc = query_int(s, "PRAGMA user_version", &version, "opening", err);
    if (rc == PC_OK && version != 0)
        rc = check_presscut_tables(s, err);
    if (rc != PC_OK)
        return rc;
    if (version < 0 || (unsigned long long)version > pc_schema_file_count)
        return pc_error_set(err, PC_EDB, "the index '%s' was made by a newer presscut (schema %lld, this one knows %zu)",
                            s->path, version, pc_schema_file_count);
    if (version == 0) {
        rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &objects, "opening", err);
        if (rc != PC_OK)
            return rc;
        if (objects > 0)
            return not_an_index_error(s, err);
        if (!opt->create || s->read_only)
            return open_empty_in_memory(s, wanted, err);
    }
    /* A new index can give back the pages FTS5 merges and replaced files free (pc_store_close): possible
     * only before its first table. */
    if (version == 0 && !s->read_only) {
        rc = store_exec(s, "PRAGMA auto_vacuum = INCREMENTAL", "opening", err);
        if (rc != PC_OK)
            return rc;
    }
    /* WAL is a property of the file: set once it is known to be (or to become) an index. */
    if (!s->read_only) {
        rc = store_exec(s, "PRAGMA journal_mode = WAL", "opening", err);
        if (rc != PC_OK)
            return rc;
    }
    if ((size_t)version < pc_schema_file_count) {
        rc = s->read_only ? upgrade_for_reading(s, filename, version, wanted, err) : migrate(s, wanted, err);
        if (rc != PC_OK)
            return rc;
    }
    s->schema_version = (int)pc_schema_file_count;
    return PC_OK;
}

/* The file name handed to SQLite: a path that looks like a URI ("file:...") gets "./" in front. */
static char *sqlite_filename(const char *path)
{
    bool uri_like = strncmp(path, "file:", 5) == 0;
    size_t n = strlen(path);
    char *name = malloc(n + 3);
    if (!name)
        return NULL;
    snprintf(name, n + 3, "%s%s", uri_like ? "./" : "", path);
    return name;
}

/* A URI that opens `path` immutable (SQLite then takes no lock and makes no -wal or -shm file): "file:" and
 * the path with every byte outside [A-Za-z0-9/._~-] percent-encoded. NULL when out of memory. */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *uri = malloc(3 * n + sizeof "file://" + sizeof "?immutable=1");
    if (!uri)
        return NULL;
    char *w = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._~-", *p)) {
            *w++ = (char)*p;
        } else {
            *w++ = '%';
            *w++ = hex[*p >> 4];
            *w++ = hex[*p & 15];
        }
    }
    strcpy(w, "?immutable=1");
    return uri;
}

/* Whether this process may create files in the folder that holds `path` (WAL mode needs its -wal and -shm
 * files there, even to read). */
static bool folder_writable(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return access(".", W_OK) == 0;
    if (slash == path)
        return access("/", W_OK) == 0;
    char *folder = strndup(path, (size_t)(slash - path));
    bool writable = folder && access(folder, W_OK) == 0;
    free(folder);
    return writable;
}

/* The size of `path` with `suffix` appended, or -1 when there is no such file. */
static long long side_file_size(const char *path, const char *suffix)
{
    char name[PATH_MAX];
    struct stat sb;
    if (snprintf(name, sizeof name, "%s%s", path, suffix) >= (int)sizeof name || stat(name, &sb) != 0)
        return -1;
    return (long long)sb.st_size;
}

/* Decides how a read-only open reaches the file. In a folder this process may write, SQLite's own way (it
 * makes the -wal and -shm files WAL mode reads through). In one it may not: with no WAL, or an empty one, the
 * file holds every committed transaction and no writer is at work (a writer keeps its -wal file until it
 * closes), so it is opened immutable (*uri set, malloc'd); with a WAL and its -shm, SQLite reads both without
 * writing; a WAL without -shm cannot be read there, and using the file without it could show half a
 * checkpoint, so that is an error saying what to do. Returns 0 or PC_EIO/PC_ENOMEM. */
static int choose_read_route(const char *path, char **uri, pc_error *err)
{
    *uri = NULL;
    if (folder_writable(path))
        return PC_OK;
    long long wal = side_file_size(path, "-wal");
    if (wal <= 0) {
        *uri = immutable_uri(path);
        return *uri ? PC_OK : pc_error_set(err, PC_ENOMEM, "out of memory while opening the index '%s'", path);
    }
    if (side_file_size(path, "-shm") >= 0)
        return PC_OK;
    return pc_error_set(err, PC_EIO,
                        "cannot read the index '%s': its last changes are in '%s-wal', which cannot be read without "
                        "its -shm file in a folder presscut may not write; run any presscut command on it once "
                        "where its folder is writable, or copy the index and its -wal file to a writable folder",
                        path, path);
}

/* Describes a file type that cannot hold an index, for the error that refuses it. */
static const char *file_type_name(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Compares the installed Ukrainian dictionary with the one the index was built with: by the stamp of its files
 * when they have the one recorded (reading 8 MB would cost every search a few milliseconds), else by reading
 * them; a writable open then records their stamp. A missing dictionary is not this check's business: the
 * analyzer says so when it is needed. */
static int check_dictionary(pc_store *s, const pc_store_options *opt, pc_error *err)
{
    char stamp[PC_LANGUAGE_STAMP_BYTES], installed[33];
    pc_analyzer_language_stamp("uk", stamp);
    if (stamp[0] && strcmp(stamp, s->uk_dictionary_stamp) == 0)
        return PC_OK;
    pc_error ignored;
    if (pc_analyzer_language_fingerprint("uk", installed, &ignored) != PC_OK || !installed[0])
        return PC_OK;
    if (strcmp(installed, s->uk_dictionary) == 0) {
        if (!s->read_only && stamp[0] && meta_set(s, "dictionary_uk_stamp", stamp, &ignored) == PC_OK)
            snprintf(s->uk_dictionary_stamp, sizeof s->uk_dictionary_stamp, "%s", stamp);
        return PC_OK; /* a stamp that cannot be written only means reading the files again next time */
    }
    s->dictionary_changed = s->stale = true;
    return opt->for_rebuild ? PC_OK : dictionary_changed_error(s, err);
}

int pc_store_open(pc_store **out, const char *path, const pc_store_options *opt, pc_error *err)
{
    *out = NULL;
    pc_store_options no_options = {0};
    if (!opt)
        opt = &no_options;
    if (!path || !*path)
        return pc_error_set(err, PC_EINVAL, "no index file given: name one with --db");

    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return pc_error_set(err, PC_EIO, "'%s' is a folder, not an index file: give a file name with --db", path);
        /* Before SQLite sees it: it would block on a FIFO, and make "PATH-journal" next to a device. */
        if (!S_ISREG(sb.st_mode))
            return pc_error_set(err, PC_EIO, "'%s' is %s, not an index file: give a file name with --db", path,
                                file_type_name(sb.st_mode));
    } else if (errno != ENOENT) {
        return pc_error_set(err, PC_EIO, "cannot open the index '%s': %s", path, strerror(errno));
    } else if (!opt->create || opt->read_only) {
        char *quoted = store_shell_quote(path);
        pc_error_set(err, PC_EIO, "there is no index at '%s': build one with: presscut --db %s index FOLDER", path,
                     quoted ? quoted : path);
        free(quoted);
        return PC_EIO;
    }

    pc_store *s = calloc(1, sizeof *s);
    if (!s)
        return pc_error_set(err, PC_ENOMEM, "out of memory while opening the index '%s'", path);
    /* A check reads where it cannot write (pc_store_check copies the index then). */
    s->read_only = opt->read_only ||
                   (opt->read_only_if_unwritable && !(access(path, W_OK) == 0 && folder_writable(path)));
    s->path = strdup(path);
    if (opt->analyzer)
        s->asked = *opt->analyzer;
    else
        pc_analyzer_config_default(&s->asked);
    const pc_analyzer_config *wanted = &s->asked;
    int rc = PC_OK;
    char *filename = sqlite_filename(path);
    if (!s->path || !filename || pc_tokenizer_context_new(&s->tokenizer, wanted) != PC_OK)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while opening the index '%s'", path);

    char *uri = NULL;
    if (rc == PC_OK && s->read_only)
        rc = choose_read_route(path, &uri, err);
    if (rc == PC_OK)
        rc = connect_db(s, uri ? uri : filename,
                        s->read_only ? SQLITE_OPEN_READONLY | (uri ? SQLITE_OPEN_URI : 0)
                                     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        err);
    if (rc == PC_OK)
        rc = open_schema(s, filename, opt, wanted, err);
    free(uri);
    free(filename);
    /* Everything a read-only store reads, from here to its close, comes from one snapshot. */
    if (rc == PC_OK && s->read_only)
        rc = pc_store_read_begin(s, err);
    if (rc == PC_OK)
        rc = meta_read_analyzer(s, err);
    if (rc == PC_OK)
        rc = store_bodies_open(s, err);
    if (rc == PC_OK) {
        s->analyzer.ascii_fast_path = wanted->ascii_fast_path;
        bool differs = s->analyzer_version != PC_ANALYZER_VERSION ||
                       (opt->analyzer && !same_identity(&s->analyzer, opt->analyzer));
        if (differs && !opt->for_rebuild)
            rc = analyzer_mismatch_error(s, wanted, err);
        s->stale = differs;
    }
    if (rc == PC_OK && s->uk_dictionary[0])
        rc = check_dictionary(s, opt, err);
    if (rc == PC_OK)
        rc = pc_tokenizer_context_set_config(s->tokenizer, &s->analyzer);
    if (rc == PC_OK)
        rc = store_stems_open(s, err);
    if (rc == PC_OK)
        rc = pc_store_refresh_query_langs(s, err);
    if (rc != PC_OK) {
        store_free(s);
        return rc;
    }
    *out = s;
    return PC_OK;
}

void store_free(pc_store *s)
{
    if (!s)
        return;
    store_finalize_all(s);
    sqlite3_close_v2(s->db); /* rolls back an open transaction */
    /* The tokenizer context may only go once the connection (and every tokenizer instance) is gone. */
    pc_tokenizer_context_free(s->tokenizer);
    pc_stem_cache_free(s->stems);
    store_bodies_free(s);
    free(s->path);
    free(s);
}

const pc_analyzer_config *pc_store_analyzer_config(const pc_store *s)
{
    return &s->analyzer;
}

const char *pc_store_path(const pc_store *s)
{
    return s->path;
}

int pc_store_query_langs(pc_store *s, char ***langs, size_t *n, pc_error *err)
{
    /* Distinct languages by hopping through the lang index: one lookup per language, not a scan. */
    int rc = store_read_strings(s,
                                "WITH RECURSIVE l(lang) AS (SELECT min(lang) FROM articles UNION ALL "
                                "SELECT (SELECT min(lang) FROM articles WHERE lang > l.lang) FROM l "
                                "WHERE l.lang IS NOT NULL) SELECT lang FROM l WHERE lang IS NOT NULL AND lang <> ''",
                                langs, n, err);
    if (rc == PC_OK && *n == 0) {
        char *en = strdup("en");
        char **one = en ? malloc(sizeof *one) : NULL;
        if (!one) {
            free(en);
            rc = pc_error_set(err, PC_ENOMEM, "out of memory");
        } else {
            one[0] = en;
            *langs = one;
            *n = 1;
        }
    }
    return rc;
}

/* sqlite3_progress_handler callback: a non-zero return interrupts the running statement. */
static int store_progress_check(void *payload)
{
    const pc_store *s = payload;
    return s->should_stop && s->should_stop(s->should_stop_ctx);
}

void pc_store_set_stop_check(pc_store *s, bool (*should_stop)(void *ctx), void *ctx)
{
    s->should_stop = should_stop;
    s->should_stop_ctx = ctx;
    sqlite3_progress_handler(s->db, should_stop ? STOP_CHECK_STEPS : 0, should_stop ? store_progress_check : NULL,
                             s);
}

void pc_store_set_query_translit(pc_store *s, bool on)
{
    pc_tokenizer_context_set_query_translit(s->tokenizer, on);
}

int pc_store_refresh_query_langs(pc_store *s, pc_error *err)
{
    char **langs = NULL;
    size_t n = 0;
    int rc = pc_store_query_langs(s, &langs, &n, err);
    if (rc == PC_OK && pc_tokenizer_context_set_query_langs(s->tokenizer, (const char *const *)langs, n) != PC_OK)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading the languages of '%s'", s->path);
    for (size_t i = 0; i < n; i++)
        free(langs[i]);
    free(langs);
    return rc;
}

/* ---- transaction primitives -------------------------------------------------------------------------- */

int store_check_writable(const pc_store *s, pc_error *err)
{
    if (s->read_only)
        return pc_error_set(err, PC_EINVAL, "the index '%s' was opened read-only and cannot be changed", s->path);
    return PC_OK;
}

int pc_store_read_begin(pc_store *s, pc_error *err)
{
    if (store_in_transaction(s))
        return pc_error_set(err, PC_EINVAL, "a transaction on the index '%s' is already open", s->path);
    /* BEGIN takes no snapshot: the first read does, so one is made here. */
    long long ignored = 0;
    int rc = store_exec(s, "BEGIN", "starting to read", err);
    if (rc == PC_OK)
        rc = query_int(s, "SELECT count(*) FROM sqlite_schema", &ignored, "starting to read", err);
    if (rc != PC_OK)
        store_tx_rollback(s);
    s->reading = rc == PC_OK;
    return rc;
}

void pc_store_read_end(pc_store *s)
{
    if (!s || !s->reading)
        return;
    s->reading = false;
    /* COMMIT, not ROLLBACK: the read wrote nothing to the index, but the temporary vocabulary tables
     * (store_ensure_vocab_tables) made during it must outlive it. */
    if (store_in_transaction(s) && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        store_tx_rollback(s);
        s->vocab_tables = false;
    }
}

bool store_in_transaction(const pc_store *s)
{
    return s->db && !sqlite3_get_autocommit(s->db);
}

int store_tx_begin(pc_store *s, pc_error *err)
{
    return store_exec(s, "BEGIN IMMEDIATE", "starting to write", err);
}

int store_tx_commit(pc_store *s, pc_error *err)
{
    return store_exec(s, "COMMIT", "writing", err);
}

void store_tx_rollback(pc_store *s)
{
    if (store_in_transaction(s))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}
