/* store_stems.c — the stem_lookup table (schema/005_stem_lookup.sql) as the backing of the store's stem cache
 * (include/presscut/text/stem_cache.h): one function reads a stem, one writes a pair. What is recorded, when,
 * and in which order lookups go is the cache's business. */
#include "store_internal.h"

#include <string.h>

/* Steps the STMT_STEM_RECORD statement for one pair. Returns 0 or the SQLite code. */
static int store_stem_write(void *payload, const char *lang, const char *surface, int surface_len, const char *stem,
                            int stem_len)
{
    pc_store *s = payload;
    sqlite3_stmt *st = NULL;
    if (store_stmt(s, STMT_STEM_RECORD, &st, NULL) != PC_OK)
        return sqlite3_errcode(s->db) != SQLITE_OK ? sqlite3_errcode(s->db) : SQLITE_ERROR;
    sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, surface, surface_len, SQLITE_STATIC);
    if (stem)
        sqlite3_bind_text(st, 3, stem, stem_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : rc;
}

int store_stem_lookup(void *payload, const char *lang, const char *word, int len, const char **stem, int *stem_len)
{
    pc_store *s = payload;
    sqlite3_stmt *st = NULL;
    /* A stale index (another dictionary or analyzer) may hold stems the stemmer would no longer give. */
    if (s->stale || len <= 0 || len > PC_MAX_TERM_BYTES || store_stmt(s, STMT_STEM_LOOKUP, &st, NULL) != PC_OK)
        return 0;
    sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, word, len, SQLITE_STATIC);
    int found = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
            *stem = word;
            *stem_len = len;
            found = 1;
        } else if (text && n > 0 && n <= PC_MAX_TERM_BYTES) {
            memcpy(s->stem_answer, text, (size_t)n);
            s->stem_answer[n] = '\0';
            *stem = s->stem_answer;
            *stem_len = n;
            found = 1;
        }
    }
    sqlite3_reset(st);
    return found;
}

/* Whether stem_lookup holds `stem` as the stem of a word in `lang` (pc_stem_held_fn). It can tell only when the
 * table holds the stems of every word the index has: the index is not stale, was made with exact forms (else
 * nothing is recorded) and with the Ukrainian dictionary (else other languages' words are not recorded), and
 * the table is not empty (an index made before it existed, and not rebuilt since). */
static int store_stem_held(void *payload, const char *lang, const char *stem, int len)
{
    pc_store *s = payload;
    sqlite3_stmt *st = NULL;
    if (s->stale || !s->analyzer.exact_forms || !s->uk_dictionary[0] || len <= 0 || len > PC_MAX_TERM_BYTES)
        return -1;
    if (s->stems_recorded == 0) {
        sqlite3_stmt *probe = NULL;
        s->stems_recorded = -1;
        if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM stem_lookup LIMIT 1", -1, &probe, NULL) == SQLITE_OK &&
            sqlite3_step(probe) == SQLITE_ROW)
            s->stems_recorded = 1;
        sqlite3_finalize(probe);
    }
    if (s->stems_recorded < 0 || store_stmt(s, STMT_STEM_HELD, &st, NULL) != PC_OK)
        return -1;
    sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, stem, len, SQLITE_STATIC);
    int held = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) != 0 : -1;
    sqlite3_reset(st);
    return held;
}

int store_stems_open(pc_store *s, pc_error *err)
{
    pc_stem_backing backing = {
        .read = store_stem_lookup, .held = store_stem_held, .write = store_stem_write, .payload = s};
    if (pc_stem_cache_new(&s->stems, &backing) != PC_OK)
        return pc_error_set(err, PC_ENOMEM, "out of memory while opening the index '%s'", s->path);
    /* Queries take Ukrainian stems from stem_lookup when it knows the word; writes fill it. */
    pc_tokenizer_context_set_stem_cache(s->tokenizer, s->stems);
    if (!s->read_only)
        pc_stem_cache_record(s->stems, PC_STEM_RECORD_LANG, s->uk_dictionary[0] != '\0');
    return PC_OK;
}

int store_stem_pairs_write(pc_store *s, pc_error *err)
{
    /* Prepared here first, so that a statement that cannot be made is reported as such. */
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_STEM_RECORD, &st, err);
    if (rc != PC_OK)
        return rc;
    int src = pc_stem_cache_flush(s->stems, err);
    return src <= 0 ? src : store_db_error(s, src, "writing", err);
}

void pc_store_use_stem_lookup(pc_store *s, pc_analyzer *a)
{
    pc_stem_cache_attach(s->stems, a);
}
