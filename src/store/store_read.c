/* store_read.c — reading the index: file lookups and walks, statistics and the consistency check.
 * (Searching is in store_search.c.) Reads never make queued FTS5 writes (pc_store_flush does). */
#include "store_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "presscut/core/array.h"

int store_read_strings(pc_store *s, const char *sql, char ***list, size_t *n, pc_error *err)
{
    *list = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st, "reading", err);
    size_t cap = 0;
    while (store_next_row(s, st, "reading", &rc, err)) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        if (!text)
            continue;
        char *copy = strdup(text);
        char **grown = copy ? pc_array_reserve(*list, &cap, *n + 1, sizeof *grown, 8) : NULL;
        if (!grown) {
            free(copy);
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading '%s'", s->path);
            break;
        }
        *list = grown;
        (*list)[(*n)++] = copy;
    }
    sqlite3_finalize(st);
    if (rc != PC_OK) {
        for (size_t i = 0; i < *n; i++)
            free((*list)[i]);
        free(*list);
        *list = NULL;
        *n = 0;
    }
    return rc;
}

int pc_store_source_names(pc_store *s, char ***names, size_t *n, pc_error *err)
{
    /* Distinct sources by hopping through the source index: one lookup per source, not a scan. */
    return store_read_strings(s,
                              "WITH RECURSIVE l(source) AS (SELECT min(source) FROM articles UNION ALL "
                              "SELECT (SELECT min(source) FROM articles WHERE source > l.source) FROM l "
                              "WHERE l.source IS NOT NULL) SELECT source FROM l WHERE source IS NOT NULL",
                              names, n, err);
}

int pc_store_file_get(pc_store *s, const char *path, pc_file_state *out, pc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!path)
        return pc_error_set(err, PC_EINVAL, "cannot look up a file without a path");
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_FILE_GET, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) {
        out->found = true;
        out->size = sqlite3_column_int64(st, 0);
        out->mtime_ns = sqlite3_column_int64(st, 1);
        const char *hash = (const char *)sqlite3_column_text(st, 2);
        snprintf(out->hash, sizeof out->hash, "%s", hash ? hash : "");
        out->articles = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return src == SQLITE_ROW || src == SQLITE_DONE ? PC_OK : store_db_error(s, src, "reading", err);
}

static int prepare(pc_store *s, const char *sql, sqlite3_stmt **st, pc_error *err)
{
    return store_prepare(s, sql, st, "reading", err);
}

int pc_store_file_foreach(pc_store *s, int (*fn)(void *payload, const char *path), void *payload, pc_error *err)
{
    sqlite3_stmt *st = NULL; /* not cached: fn may look files up while the walk runs */
    int rc = prepare(s, "SELECT path FROM files ORDER BY path", &st, err);
    while (store_next_row(s, st, "reading", &rc, err)) {
        rc = fn(payload, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- statistics -------------------------------------------------------------------------------------- */

/* Reads (name, count) rows into a new array. */
static int read_counts(pc_store *s, const char *sql, pc_count **out, size_t *n_out, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st, err);
    pc_count *items = NULL;
    size_t n = 0, cap = 0;
    while (store_next_row(s, st, "reading", &rc, err)) {
        pc_count *grown = pc_array_reserve(items, &cap, n + 1, sizeof *grown, 16);
        if (!grown) {
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading statistics of '%s'", s->path);
            break;
        }
        items = grown;
        const char *name = (const char *)sqlite3_column_text(st, 0);
        items[n].name = strdup(name ? name : "");
        items[n].count = sqlite3_column_int64(st, 1);
        if (!items[n].name) {
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while reading statistics of '%s'", s->path);
            break;
        }
        n++;
    }
    sqlite3_finalize(st);
    *out = items;
    *n_out = n;
    return rc;
}

static long long file_size(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *name = malloc(n);
    if (!name)
        return 0;
    snprintf(name, n, "%s%s", path, suffix);
    struct stat sb;
    long long size = stat(name, &sb) == 0 ? (long long)sb.st_size : 0;
    free(name);
    return size;
}

/* Clusters of more than one article: how many, their articles, the largest (through articles_cluster). */
static int read_cluster_stats(pc_store *s, pc_store_stats *out, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(s,
                     "SELECT count(*), total(n), coalesce(max(n), 0) FROM "
                     "(SELECT count(*) AS n FROM articles GROUP BY cluster HAVING count(*) > 1)",
                     &st, err);
    if (rc == PC_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_ROW) {
            out->dup_clusters = sqlite3_column_int64(st, 0);
            out->dup_articles = (long long)sqlite3_column_double(st, 1);
            out->largest_cluster = sqlite3_column_int64(st, 2);
        } else {
            rc = store_db_error(s, src, "reading", err);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

int pc_store_stats_get(pc_store *s, pc_store_stats *out, pc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    /* One pass over the (small) article rows; the bodies are in another table. */
    int rc = prepare(s,
                     "SELECT (SELECT count(*) FROM files), count(*), (SELECT count(*) FROM passages), "
                     "total(body_bytes), total(day = 0), "
                     "min(CASE WHEN day > 0 THEN substr(published, 1, 10) END), "
                     "max(CASE WHEN day > 0 THEN substr(published, 1, 10) END) FROM articles",
                     &st, err);
    if (rc == PC_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_ROW) {
            out->files = sqlite3_column_int64(st, 0);
            out->articles = sqlite3_column_int64(st, 1);
            out->passages = sqlite3_column_int64(st, 2);
            out->body_bytes = (long long)sqlite3_column_double(st, 3);
            out->undated = (long long)sqlite3_column_double(st, 4);
            const char *first = (const char *)sqlite3_column_text(st, 5);
            const char *last = (const char *)sqlite3_column_text(st, 6);
            snprintf(out->first_date, sizeof out->first_date, "%s", first ? first : "");
            snprintf(out->last_date, sizeof out->last_date, "%s", last ? last : "");
        } else {
            rc = store_db_error(s, src, "reading", err);
        }
    }
    sqlite3_finalize(st);
    if (rc == PC_OK)
        rc = read_cluster_stats(s, out, err);
    if (rc == PC_OK)
        rc = read_counts(s, "SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY 2 DESC, 1", &out->langs,
                         &out->n_langs, err);
    if (rc == PC_OK)
        rc = read_counts(s, "SELECT coalesce(source, ''), count(*) FROM articles GROUP BY source ORDER BY 2 DESC, 1",
                         &out->sources, &out->n_sources, err);
    if (rc != PC_OK) {
        pc_store_stats_free(out);
        return rc;
    }
    out->db_bytes = file_size(s->path, "") + file_size(s->path, "-wal");
    out->schema_version = s->schema_version;
    out->analyzer = s->analyzer;
    out->analyzer_version = s->analyzer_version;
    return PC_OK;
}

static void free_counts(pc_count *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i].name);
    free(items);
}

void pc_store_stats_free(pc_store_stats *st)
{
    if (!st)
        return;
    free_counts(st->langs, st->n_langs);
    free_counts(st->sources, st->n_sources);
    st->langs = st->sources = NULL;
    st->n_langs = st->n_sources = 0;
}

static const char *column_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* ---- consistency check ------------------------------------------------------------------------------- */

/* A check: SQL that returns a row only when something is wrong, and what to say then. */
typedef struct store_probe {
    const char *sql;
    const char *problem;
} store_probe;

static const store_probe probes[] = {
    {"SELECT p.id FROM passages p LEFT JOIN articles a ON a.id = p.article_id "
     "WHERE a.id IS NULL OR p.start_byte < 0 OR p.end_byte <= p.start_byte OR p.end_byte > a.body_bytes LIMIT 1",
     "a passage lies outside its article's body"},
    {"SELECT a.id FROM articles a LEFT JOIN bodies b ON b.article_id = a.id "
     "WHERE b.article_id IS NULL OR length(CAST(pc_body(b.body) AS BLOB)) <> a.body_bytes LIMIT 1",
     "an article's body is missing or has another length than recorded"},
    {"SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id WHERE (p.id >> 32) <> a.day LIMIT 1",
     "a passage number does not match its article's date"},
    {"SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id) LIMIT 1",
     "an article has no passages"},
    {"SELECT 1 FROM corpus_totals WHERE articles <> (SELECT count(*) FROM articles) "
     "OR body_bytes <> (SELECT coalesce(sum(body_bytes), 0) FROM articles) "
     "OR passages <> (SELECT count(*) FROM passages)",
     "the collection totals (corpus_totals) do not match the articles and passages"},
};

static int run_probe(pc_store *s, const store_probe *probe, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, probe->sql, &st, err);
    if (rc == PC_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_ROW)
            rc = pc_error_set(err, PC_EDB, "the index '%s' is inconsistent: %s (id %lld)", s->path, probe->problem,
                              sqlite3_column_int64(st, 0));
        else if (src != SQLITE_DONE)
            rc = store_db_error(s, src, "checking", err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Runs a PRAGMA check that answers "ok" when all is well. */
static int run_pragma_check(pc_store *s, const char *sql, const char *what, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, sql, &st, err);
    if (rc == PC_OK) {
        int src = sqlite3_step(st);
        const char *first = src == SQLITE_ROW ? column_text(st, 0) : NULL;
        if (src == SQLITE_ROW && (!first || strcmp(first, "ok") != 0))
            rc = pc_error_set(err, PC_EDB, "the index '%s' failed %s (%s): delete it and index your files again",
                              s->path, what, first ? first : "no answer");
        else if (src != SQLITE_ROW && src != SQLITE_DONE)
            rc = store_db_error(s, src, "checking", err);
    }
    sqlite3_finalize(st);
    return rc;
}

static int check_fts(pc_store *s, const char *table, const char *what, pc_error *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES('integrity-check', 1)", table, table);
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return PC_OK;
    if ((rc & 0xff) == SQLITE_CORRUPT) {
        char *quoted = store_shell_quote(s->path);
        pc_error_set(err, PC_EDB,
                     "the full-text index of %s in '%s' does not match the stored text: rebuild it with: "
                     "presscut --db %s rebuild",
                     what, s->path, quoted ? quoted : s->path);
        free(quoted);
        return PC_EDB;
    }
    return store_db_error(s, rc, "checking", err);
}

/* Copies the snapshot of read-only store s into the new empty file `copy_path` (SQLite's backup). */
static int copy_snapshot(pc_store *s, const char *copy_path, pc_error *err)
{
    sqlite3 *copy = NULL;
    int src = sqlite3_open_v2(copy_path, &copy, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_backup *backup = src == SQLITE_OK ? sqlite3_backup_init(copy, "main", s->db, "main") : NULL;
    if (backup) {
        src = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        src = src == SQLITE_DONE ? SQLITE_OK : src;
    } else if (src == SQLITE_OK) {
        src = sqlite3_errcode(copy);
    }
    sqlite3_close_v2(copy);
    if (src == SQLITE_OK)
        return PC_OK;
    return pc_error_set(err, PC_EIO,
                        "cannot check the read-only index '%s': copying it to '%s' failed (%s); set TMPDIR to a "
                        "folder with as much free space as the index takes",
                        s->path, copy_path, sqlite3_errstr(src));
}

/* pc_store_check of a read-only store: FTS5 checks only through a write statement, so the checks run on a
 * copy of the store's snapshot, a temporary file removed after. Messages name the original index. */
static int check_copy(pc_store *s, pc_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char copy_path[PATH_MAX];
    if (snprintf(copy_path, sizeof copy_path, "%s/presscut-check-XXXXXX", tmp && *tmp ? tmp : "/tmp") >=
        (int)sizeof copy_path)
        return pc_error_set(err, PC_EIO, "cannot check the read-only index '%s': $TMPDIR is too long", s->path);
    int fd = mkstemp(copy_path);
    if (fd < 0)
        return pc_error_set(err, PC_EIO,
                            "cannot check the read-only index '%s': cannot make a copy in '%s' (%s); set TMPDIR to a "
                            "writable folder",
                            s->path, tmp && *tmp ? tmp : "/tmp", strerror(errno));
    close(fd);
    int rc = copy_snapshot(s, copy_path, err);
    pc_store *copy = NULL;
    pc_store_options opt = {.analyzer = NULL};
    if (rc == PC_OK)
        rc = pc_store_open(&copy, copy_path, &opt, err);
    char *original = rc == PC_OK ? strdup(s->path) : NULL;
    if (rc == PC_OK && !original)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while checking the index '%s'", s->path);
    if (rc == PC_OK) {
        free(copy->path);
        copy->path = original;
        rc = pc_store_check(copy, err);
    }
    if (copy) {
        store_fts_free(copy);
        store_cluster_free(copy);
        store_free(copy);
    }
    static const char *const side_files[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof side_files / sizeof side_files[0]; i++) {
        char name[PATH_MAX + 16];
        snprintf(name, sizeof name, "%s%s", copy_path, side_files[i]);
        unlink(name);
    }
    return rc;
}

int pc_store_check(pc_store *s, pc_error *err)
{
    int rc = store_check_not_stale(s, err);
    if (rc == PC_OK && s->read_only)
        return check_copy(s, err);
    if (rc == PC_OK && store_fts_pending(s))
        rc = pc_error_set(err, PC_EINVAL,
                          "cannot check the index '%s' while full-text writes are queued: call pc_store_flush first",
                          s->path);
    if (rc == PC_OK)
        rc = run_pragma_check(s, "PRAGMA integrity_check", "SQLite's integrity check", err);
    if (rc == PC_OK) {
        sqlite3_stmt *st = NULL;
        rc = prepare(s, "PRAGMA foreign_key_check", &st, err);
        if (rc == PC_OK) {
            int src = sqlite3_step(st);
            if (src == SQLITE_ROW)
                rc = pc_error_set(err, PC_EDB, "the index '%s' is inconsistent: a row of %s points to nothing (id %lld)",
                                  s->path, column_text(st, 0), sqlite3_column_int64(st, 1));
            else if (src != SQLITE_DONE)
                rc = store_db_error(s, src, "checking", err);
        }
        sqlite3_finalize(st);
    }
    for (size_t i = 0; rc == PC_OK && i < sizeof probes / sizeof probes[0]; i++)
        rc = run_probe(s, &probes[i], err);
    if (rc == PC_OK)
        rc = check_fts(s, "passage_fts", "passages", err);
    if (rc == PC_OK)
        rc = check_fts(s, "title_fts", "titles", err);
    return rc;
}
