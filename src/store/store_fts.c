/* store_fts.c — the store's queue of FTS5 writes. Inside a transaction, the inserts and deletes of
 * passage_fts and title_fts are collected and made when it commits or when the caller asks (pc_store_flush),
 * each table's deletes then inserts in rowid order. Why: FTS5 writes its in-memory terms out as a new segment
 * whenever a rowid is not larger than the previous one, and date-ordered passage rowids arrive in random
 * order (as do the old rowids a changed file deletes); in order, a batch makes one segment per `hashsize`
 * bytes instead of one per article (measured: bulk indexing 2.2x and re-indexing 2.5x faster).
 * A delete is queued with the text FTS5 indexed, read from the content views before the rows go. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* The queue is made early once its texts and their pre-analysed terms take more than this: the bound on the
 * memory a transaction holds ahead of FTS5, whatever the size of the batch. */
#define QUEUE_MEMORY_MAX ((size_t)8 << 20)

static const enum store_stmt_id insert_stmt[STORE_FTS_TABLES] = {STMT_PASSAGE_FTS_INSERT, STMT_TITLE_FTS_INSERT};
static const enum store_stmt_id delete_stmt[STORE_FTS_TABLES] = {STMT_PASSAGE_FTS_DELETE, STMT_TITLE_FTS_DELETE};
static const enum store_stmt_id old_text_stmt[STORE_FTS_TABLES] = {STMT_FILE_PASSAGE_TEXTS, STMT_FILE_TITLE_TEXTS};

static int out_of_memory(const pc_store *s, pc_error *err)
{
    return pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
}

/* Appends an operation on `rowid` whose text is the language tag of `lang` (none when NULL) and `len` bytes. */
static int queue_op(pc_store *s, store_fts_list *list, long long rowid, const char *lang, const char *text,
                    size_t len, pc_term_list *terms, pc_error *err)
{
    store_fts_queue *q = &s->fts_queue;
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 1024;
        store_fts_op *grown = realloc(list->ops, cap * sizeof *grown);
        if (!grown) {
            pc_term_list_free(terms);
            return out_of_memory(s, err);
        }
        list->ops = grown;
        list->cap = cap;
    }
    size_t need = q->text_len + len + PC_LANG_MAX + 3;
    if (need > q->text_cap) {
        size_t cap = q->text_cap ? q->text_cap : (size_t)1 << 20;
        while (cap < need)
            cap *= 2;
        char *grown = realloc(q->text, cap);
        if (!grown) {
            pc_term_list_free(terms);
            return out_of_memory(s, err);
        }
        q->text = grown;
        q->text_cap = cap;
    }
    char *dst = q->text + q->text_len;
    size_t tag = lang ? pc_lang_tag_write(dst, lang) : 0;
    memcpy(dst + tag, text, len);
    list->ops[list->n++] = (store_fts_op){.rowid = rowid, .offset = q->text_len, .len = tag + len, .terms = terms};
    q->text_len += tag + len;
    q->terms_memory += pc_term_list_memory(terms);
    return PC_OK;
}

static bool queue_full(const store_fts_queue *q)
{
    return q->text_len + q->terms_memory > QUEUE_MEMORY_MAX;
}

int store_fts_queue_insert(pc_store *s, enum store_fts_table table, long long rowid, long long article_id,
                           const char *lang, const char *text, size_t len, pc_term_list *terms, pc_error *err)
{
    store_fts_queue *q = &s->fts_queue;
    int rc = queue_op(s, &q->inserts[table], rowid, lang, text, len, terms, err);
    if (rc != PC_OK)
        return rc;
    if (q->first_article == 0 || article_id < q->first_article)
        q->first_article = article_id;
    return queue_full(q) ? store_fts_flush(s, err) : PC_OK;
}

/* Largest article id of the file, 0 when it has none. */
static int file_max_article(pc_store *s, long long file_id, long long *max_id, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_FILE_MAX_ARTICLE, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    int src = sqlite3_step(st);
    *max_id = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return src == SQLITE_ROW ? PC_OK : store_db_error(s, src, "reading", err);
}

int store_fts_queue_file_deletes(pc_store *s, long long file_id, pc_error *err)
{
    /* An article written earlier in this transaction may still have its inserts queued: make them first, so
     * that every queued delete names a row FTS5 has. Its id is at least the smallest id queued. */
    long long max_id = 0;
    int rc = file_max_article(s, file_id, &max_id, err);
    if (rc == PC_OK && s->fts_queue.first_article && max_id >= s->fts_queue.first_article)
        rc = store_fts_flush(s, err);
    for (int t = 0; rc == PC_OK && t < STORE_FTS_TABLES; t++) {
        sqlite3_stmt *st = NULL;
        rc = store_stmt(s, old_text_stmt[t], &st, err);
        if (rc != PC_OK)
            break;
        sqlite3_bind_int64(st, 1, file_id);
        while (store_next_row(s, st, "reading", &rc, err)) {
            const char *text = (const char *)sqlite3_column_text(st, 1);
            size_t len = (size_t)sqlite3_column_bytes(st, 1);
            rc = queue_op(s, &s->fts_queue.deletes[t], sqlite3_column_int64(st, 0), NULL, text ? text : "", len,
                          NULL, err);
            /* within the file too: the old texts of one huge article would otherwise all be held at once */
            if (rc == PC_OK && queue_full(&s->fts_queue))
                rc = store_fts_flush(s, err);
        }
        sqlite3_reset(st);
    }
    /* the old text the view kept to cut these passages from: not needed again */
    sqlite3_stmt *forget = NULL;
    if (rc == PC_OK)
        rc = store_stmt(s, STMT_BODY_FORGET, &forget, err);
    if (rc == PC_OK) {
        int src = sqlite3_step(forget);
        sqlite3_reset(forget);
        if (src != SQLITE_ROW)
            rc = store_db_error(s, src, "reading", err);
    }
    if (rc == PC_OK && queue_full(&s->fts_queue))
        rc = store_fts_flush(s, err);
    return rc;
}

static int compare_ops(const void *a, const void *b)
{
    long long x = ((const store_fts_op *)a)->rowid, y = ((const store_fts_op *)b)->rowid;
    return x < y ? -1 : x > y;
}

/* Makes the operations of one list with statement `id`, in rowid order. */
static int run_list(pc_store *s, store_fts_list *list, enum store_stmt_id id, pc_error *err)
{
    if (list->n == 0)
        return PC_OK;
    qsort(list->ops, list->n, sizeof *list->ops, compare_ops);
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, id, &st, err);
    for (size_t i = 0; rc == PC_OK && i < list->n; i++) {
        const store_fts_op *op = &list->ops[i];
        sqlite3_bind_int64(st, 1, op->rowid);
        sqlite3_bind_text(st, 2, s->fts_queue.text + op->offset, (int)op->len, SQLITE_STATIC);
        pc_tokenizer_context_offer(s->tokenizer, op->terms);
        int src = sqlite3_step(st);
        pc_tokenizer_context_offer(s->tokenizer, NULL);
        sqlite3_reset(st);
        if (src != SQLITE_DONE)
            rc = store_db_error(s, src, "indexing", err);
    }
    return rc;
}

int store_fts_flush(pc_store *s, pc_error *err)
{
    store_fts_queue *q = &s->fts_queue;
    int rc = PC_OK;
    for (int t = 0; rc == PC_OK && t < STORE_FTS_TABLES; t++) {
        rc = run_list(s, &q->deletes[t], delete_stmt[t], err);
        if (rc == PC_OK)
            rc = run_list(s, &q->inserts[t], insert_stmt[t], err);
    }
    store_fts_discard(s);
    return rc;
}

void store_fts_discard(pc_store *s)
{
    store_fts_queue *q = &s->fts_queue;
    for (int t = 0; t < STORE_FTS_TABLES; t++) {
        for (size_t i = 0; i < q->inserts[t].n; i++)
            pc_term_list_free(q->inserts[t].ops[i].terms);
        q->deletes[t].n = q->inserts[t].n = 0;
    }
    q->text_len = 0;
    q->terms_memory = 0;
    q->first_article = 0;
}

bool store_fts_pending(const pc_store *s)
{
    const store_fts_queue *q = &s->fts_queue;
    for (int t = 0; t < STORE_FTS_TABLES; t++)
        if (q->deletes[t].n || q->inserts[t].n)
            return true;
    return false;
}

void store_fts_free(pc_store *s)
{
    store_fts_discard(s);
    store_fts_queue *q = &s->fts_queue;
    for (int t = 0; t < STORE_FTS_TABLES; t++) {
        free(q->deletes[t].ops);
        free(q->inserts[t].ops);
    }
    free(q->text);
    memset(q, 0, sizeof *q);
}
