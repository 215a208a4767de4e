/* store_lines.c — the short edge lines of each article (schema/004_edge_lines.sql), counted per source to
 * find the lines a source repeats across its files (boilerplate rule 3, include/presscut/ingest/boilerplate.h). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/array.h"

int store_lines_article(pc_store *s, long long article_id, const pc_edge_lines *lines, pc_error *err)
{
    if (!lines || lines->n == 0)
        return PC_OK;
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_EDGE_LINE_INSERT, &st, err);
    for (size_t i = 0; rc == PC_OK && i < lines->n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)lines->keys[i]);
        sqlite3_bind_int64(st, 2, article_id);
        sqlite3_bind_int(st, 3, lines->kept ? lines->kept[i] : 1);
        int src = sqlite3_step(st);
        if (src != SQLITE_DONE)
            rc = store_db_error(s, src, "writing", err);
    }
    if (st)
        sqlite3_reset(st);
    return rc;
}

int store_lines_delete_file(pc_store *s, long long file_id, pc_error *err)
{
    return store_stmt_run_for_id(s, STMT_EDGE_LINE_DELETE_FILE, file_id, "writing", err);
}

int pc_store_repeated_line_keys(pc_store *s, long long min_articles, int min_percent, uint64_t **keys, size_t *n,
                                pc_error *err)
{
    *keys = NULL;
    *n = 0;
    /* Keys are seeded by the source, so one article of a key names the key's source. */
    static const char sql[] =
        "WITH per_source AS (SELECT source, count(*) AS n FROM articles GROUP BY source), "
        "repeated AS (SELECT line_key, count(*) AS n, min(article_id) AS one FROM edge_lines GROUP BY line_key "
        "HAVING count(*) >= ?1) "
        "SELECT r.line_key FROM repeated r JOIN articles a ON a.id = r.one "
        "JOIN per_source p ON p.source IS a.source WHERE r.n * 100 >= ?2 * p.n";
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st, "reading", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, min_articles);
    sqlite3_bind_int(st, 2, min_percent);
    size_t cap = 0;
    while (store_next_row(s, st, "reading", &rc, err)) {
        uint64_t *grown = pc_array_reserve(*keys, &cap, *n + 1, sizeof *grown, 64);
        if (!grown) {
            rc = pc_error_set(err, PC_ENOMEM, "out of memory reading the index '%s'", s->path);
            break;
        }
        *keys = grown;
        (*keys)[(*n)++] = (uint64_t)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != PC_OK) {
        free(*keys);
        *keys = NULL;
        *n = 0;
        return rc;
    }
    if (*n > 1)
        qsort(*keys, *n, sizeof **keys, pc_compare_u64);
    return PC_OK;
}

int pc_store_files_with_line_keys(pc_store *s, const uint64_t *keys, size_t n, bool kept,
                                  int (*fn)(void *payload, const char *path), void *payload, pc_error *err)
{
    if (n == 0)
        return PC_OK;
    /* The keys go into a temporary table so that each file is named once, in path order. */
    int rc = store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS wanted_line_keys(line_key INTEGER PRIMARY KEY); "
                           "DELETE FROM wanted_line_keys",
                        "reading", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    int src = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO wanted_line_keys(line_key) VALUES(?1)", -1, &st, NULL);
    for (size_t i = 0; src == SQLITE_OK && i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)keys[i]);
        src = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
    }
    sqlite3_finalize(st);
    if (src != SQLITE_OK)
        return store_db_error(s, src, "reading", err);
    rc = store_prepare(s,
                       "SELECT DISTINCT f.path FROM wanted_line_keys w "
                       "JOIN edge_lines e ON e.line_key = w.line_key AND e.kept = ?1 "
                       "JOIN articles a ON a.id = e.article_id JOIN files f ON f.id = a.file_id ORDER BY f.path",
                       &st, "reading", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int(st, 1, kept ? 1 : 0);
    while (store_next_row(s, st, "reading", &rc, err))
        rc = fn(payload, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == PC_OK)
        rc = store_exec(s, "DELETE FROM wanted_line_keys", "reading", err);
    return rc;
}

int pc_store_source_sizes(pc_store *s, int (*fn)(void *payload, const char *source, long long articles),
                          void *payload, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT source, count(*) FROM articles GROUP BY source", &st, "reading", err);
    if (rc != PC_OK)
        return rc;
    while (store_next_row(s, st, "reading", &rc, err))
        rc = fn(payload, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc;
}
