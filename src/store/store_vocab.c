/* store_vocab.c — the index vocabulary for spelling help: the surface terms of the passages that start with
 * given bytes, with how many passages hold each, and whether a term is in some title. Read from the
 * fts5vocab tables of store_sql.c (a term range is a range scan of FTS5's sorted term index). */
#include "store_internal.h"

#include <string.h>

/* The terms of one vocabulary table (passages or titles) that start with prefix[0, len): see
 * pc_store_vocab_each. */
static int vocab_range(pc_store *s, const char *sql, const char *prefix, size_t len,
                       int (*fn)(void *payload, const char *term, size_t len, long long passages), void *payload,
                       pc_error *err)
{
    if (len == 0 || len > PC_MAX_TERM_BYTES || prefix[0] == PC_STEM_MARK || prefix[0] == PC_QUERY_EXACT_MARK)
        return pc_error_set(err, PC_EINVAL, "a vocabulary range needs a prefix that starts with a letter");
    int rc = s->vocab_tables ? PC_OK : store_ensure_vocab_tables(s, err);
    sqlite3_stmt *st = NULL;
    /* Every term t with prefix <= t < prefix || x'ff' (no UTF-8 byte is 0xff). */
    if (rc == PC_OK)
        rc = store_prepare(s, sql, &st, "reading the terms", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, prefix, (int)len, SQLITE_STATIC);
    while (store_next_row(s, st, "reading the terms", &rc, err)) {
        const char *term = (const char *)sqlite3_column_text(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        if (term && n > 0)
            rc = fn(payload, term, (size_t)n, sqlite3_column_int64(st, 1));
    }
    sqlite3_finalize(st);
    return rc;
}

int pc_store_vocab_each(pc_store *s, const char *prefix, size_t len,
                        int (*fn)(void *payload, const char *term, size_t len, long long passages), void *payload,
                        pc_error *err)
{
    return vocab_range(s,
                       "SELECT term, doc FROM temp.passage_vocab "
                       "WHERE term >= ?1 AND term < CAST(?1 || x'ff' AS TEXT)",
                       prefix, len, fn, payload, err);
}

int pc_store_title_vocab_each(pc_store *s, const char *prefix, size_t len,
                              int (*fn)(void *payload, const char *term, size_t len, long long titles),
                              void *payload, pc_error *err)
{
    return vocab_range(s,
                       "SELECT term, doc FROM temp.title_vocab "
                       "WHERE term >= ?1 AND term < CAST(?1 || x'ff' AS TEXT)",
                       prefix, len, fn, payload, err);
}

int pc_store_title_term_count(pc_store *s, const char *term, size_t len, long long *titles, pc_error *err)
{
    *titles = 0;
    int rc = s->vocab_tables ? PC_OK : store_ensure_vocab_tables(s, err);
    sqlite3_stmt *st = NULL;
    if (rc == PC_OK)
        rc = store_prepare(s, "SELECT doc FROM temp.title_vocab WHERE term = ?1", &st, "reading the terms", err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_text(st, 1, term, (int)len, SQLITE_STATIC);
    if (store_next_row(s, st, "reading the terms", &rc, err))
        *titles = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}
