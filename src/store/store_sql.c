/* store_sql.c — the read-only SQL console (`presscut sql`, and tests): one statement that only reads, run
 * under an authorizer, with temp fts5vocab tables over the FTS5 tables so that stored terms can be read. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* PRAGMAs that only read, and may name a table or index as argument. */
static bool pragma_reads(const char *name, const char *arg)
{
    static const char *const with_arg[] = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                                           "foreign_key_list", "foreign_key_check", "integrity_check",
                                           "quick_check", NULL};
    /* data_version: FTS5 asks it itself while reading. */
    static const char *const no_arg[] = {"user_version", "schema_version", "data_version", "page_count",
                                         "page_size", "freelist_count", "encoding", "compile_options",
                                         "database_list", "table_list", "function_list", "module_list",
                                         "pragma_list", "collation_list", "foreign_keys", "cache_size", NULL};
    for (size_t i = 0; with_arg[i]; i++)
        if (strcmp(name, with_arg[i]) == 0)
            return true;
    for (size_t i = 0; no_arg[i]; i++)
        if (strcmp(name, no_arg[i]) == 0)
            return arg == NULL;
    return false;
}

/* Authorizer for pc_store_sql: reading is allowed, anything else denied. */
static int authorize_read_only(void *payload, int action, const char *a1, const char *a2, const char *db,
                               const char *trigger)
{
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_PRAGMA:
        return a1 && pragma_reads(a1, a2) ? SQLITE_OK : SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

/* Creates the temp fts5vocab tables pc_store_sql offers (once per connection), and connects the FTS5 tables
 * before the authorizer is installed (connecting runs statements of SQLite's own it would refuse). */
int store_ensure_vocab_tables(pc_store *s, pc_error *err)
{
    int rc = store_exec(s, "SELECT 1 FROM passage_fts LIMIT 0; SELECT 1 FROM title_fts LIMIT 0",
                        "preparing the term tables", err);
    if (rc != PC_OK || s->vocab_tables)
        return rc;
    rc = store_exec(s,
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_vocab USING fts5vocab(main, passage_fts, row);"
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_vocab_instance "
                    "USING fts5vocab(main, passage_fts, instance);"
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.title_vocab USING fts5vocab(main, title_fts, row);",
                    "preparing the term tables", err);
    s->vocab_tables = rc == PC_OK;
    return rc;
}

static int run_user_statement(pc_store *s, sqlite3_stmt *st,
                              int (*fn)(void *, int, const char *const *, const char *const *), void *payload,
                              pc_error *err)
{
    int ncols = sqlite3_column_count(st);
    const char **names = calloc((size_t)ncols + 1, sizeof *names);
    const char **values = calloc((size_t)ncols + 1, sizeof *values);
    int rc = PC_OK;
    if (!names || !values)
        rc = pc_error_set(err, PC_ENOMEM, "out of memory while running SQL on the index '%s'", s->path);
    for (int i = 0; rc == PC_OK && i < ncols; i++)
        names[i] = sqlite3_column_name(st, i);
    while (rc == PC_OK) {
        int src = sqlite3_step(st);
        if (src == SQLITE_DONE)
            break;
        if (src != SQLITE_ROW) {
            if ((src & 0xff) == SQLITE_ERROR || (src & 0xff) == SQLITE_AUTH || (src & 0xff) == SQLITE_CONSTRAINT)
                rc = pc_error_set(err, PC_EINVAL, "sql: %s", sqlite3_errmsg(s->db));
            else
                rc = store_db_error(s, src, "running SQL", err);
            break;
        }
        for (int i = 0; i < ncols; i++)
            values[i] = (const char *)sqlite3_column_text(st, i);
        rc = fn(payload, ncols, names, values);
    }
    free(names);
    free(values);
    return rc;
}

int pc_store_sql(pc_store *s, const char *sql,
                 int (*fn)(void *payload, int ncols, const char *const *names, const char *const *values),
                 void *payload, pc_error *err)
{
    if (!sql)
        return pc_error_set(err, PC_EINVAL, "sql: no statement given");
    int rc = store_ensure_vocab_tables(s, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    sqlite3_set_authorizer(s->db, authorize_read_only, NULL);
    int src = sqlite3_prepare_v2(s->db, sql, -1, &st, &tail);
    if (src != SQLITE_OK) {
        rc = pc_error_set(err, PC_EINVAL, "sql: %s%s", sqlite3_errmsg(s->db),
                          (src & 0xff) == SQLITE_AUTH ? " (only statements that read are allowed)" : "");
    } else if (!st) {
        rc = pc_error_set(err, PC_EINVAL, "sql: no statement given");
    } else if (!sqlite3_stmt_readonly(st)) {
        rc = pc_error_set(err, PC_EINVAL, "sql: only statements that read are allowed");
    } else {
        sqlite3_stmt *extra = NULL;
        src = sqlite3_prepare_v2(s->db, tail, -1, &extra, NULL);
        bool more = src != SQLITE_OK || extra != NULL;
        sqlite3_finalize(extra);
        if (more)
            rc = pc_error_set(err, PC_EINVAL, "sql: give one statement at a time");
        else
            rc = run_user_statement(s, st, fn, payload, err);
    }
    sqlite3_finalize(st);
    sqlite3_set_authorizer(s->db, NULL, NULL);
    return rc;
}
