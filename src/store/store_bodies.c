/* store_bodies.c — article bodies in the `bodies` table as zstd frames (body_codec.h), with the dictionary
 * trained from the first bodies an index receives (by the indexer's worker, which sees them first, or here)
 * and kept in `body_dictionaries`; and the SQL function pc_body(stored) through which every reader (the
 * views, `presscut sql`) gets the text back: a TEXT value (an index made before
 * schema/008_compressed_bodies.sql, or a body too short to gain) is the text itself. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- pc_body(stored): the text of a stored body ------------------------------------------------------ */

/* Fetches the dictionary `id` from body_dictionaries of the connection into `u`. Returns an SQLite code. */
static int load_dictionary(sqlite3 *db, pc_body_unpacker *u, uint32_t id)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT dictionary FROM body_dictionaries WHERE id = ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            int added = pc_body_unpacker_add(u, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
            rc = added == PC_OK ? SQLITE_OK : added == PC_ENOMEM ? SQLITE_NOMEM : SQLITE_CORRUPT;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_CORRUPT; /* a frame names a dictionary the index lacks */
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static void body_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sqlite3_value *v = argv[0];
    if (sqlite3_value_type(v) != SQLITE_BLOB) {
        sqlite3_result_value(ctx, v); /* TEXT bodies (and NULL) as they are */
        return;
    }
    pc_body_unpacker *u = sqlite3_user_data(ctx);
    const void *frame = sqlite3_value_blob(v);
    size_t len = (size_t)sqlite3_value_bytes(v);
    uint32_t id = pc_body_frame_dictionary_id(frame, len);
    if (!pc_body_unpacker_has(u, id)) {
        int rc = load_dictionary(sqlite3_context_db_handle(ctx), u, id);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
    }
    char *text = NULL;
    size_t text_len = 0;
    int rc = pc_body_unpack(u, frame, len, &text, &text_len);
    if (rc == PC_ENOMEM)
        sqlite3_result_error_nomem(ctx);
    else if (rc != PC_OK)
        sqlite3_result_error_code(ctx, SQLITE_CORRUPT);
    else
        sqlite3_result_text64(ctx, text, text_len, free, SQLITE_UTF8);
}

static void free_unpacker(void *p)
{
    pc_body_unpacker_free(p);
}

int store_bodies_register(sqlite3 *db)
{
    pc_body_unpacker *u = NULL;
    if (pc_body_unpacker_new(&u) != PC_OK)
        return SQLITE_NOMEM;
    /* innocuous: the views FTS5 reads (passage_text) may call it whatever trusted_schema says */
    return sqlite3_create_function_v2(db, "pc_body", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, u,
                                      body_function, NULL, NULL, free_unpacker);
}

/* ---- the dictionary of the writer -------------------------------------------------------------------- */

const pc_body_dictionary *pc_store_body_dictionary(const pc_store *s)
{
    return atomic_load_explicit(&s->bodies.dictionary, memory_order_acquire);
}

int store_bodies_open(pc_store *s, pc_error *err)
{
    if (s->read_only)
        return PC_OK;
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT dictionary FROM body_dictionaries ORDER BY rowid DESC LIMIT 1", &st,
                           "opening", err);
    int src = rc == PC_OK ? sqlite3_step(st) : SQLITE_OK;
    if (src == SQLITE_ROW) {
        pc_body_dictionary *d = NULL;
        int loaded = pc_body_dictionary_load(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), &d);
        if (loaded == PC_ENOMEM)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while opening the index '%s'", s->path);
        atomic_store_explicit(&s->bodies.dictionary, d, memory_order_release);
        s->bodies.dictionary_saved = true;
        s->bodies.sampling_done = true; /* a damaged one (d NULL) is not trained again: bodies go without */
    } else if (src != SQLITE_DONE && src != SQLITE_OK) {
        rc = store_db_error(s, src, "opening", err);
    }
    sqlite3_finalize(st);
    return rc;
}

void store_bodies_free(pc_store *s)
{
    pc_body_dictionary_free(atomic_load_explicit(&s->bodies.dictionary, memory_order_relaxed));
    pc_body_packer_free(s->bodies.packer);
    pc_body_sampler_free(s->bodies.sampler);
    memset(&s->bodies, 0, sizeof s->bodies);
}

const pc_body_dictionary *pc_store_offer_body_dictionary(pc_store *s, pc_body_dictionary *d)
{
    pc_body_dictionary *none = NULL;
    if (d && atomic_compare_exchange_strong(&s->bodies.dictionary, &none, d))
        return d;
    pc_body_dictionary_free(d);
    return pc_store_body_dictionary(s);
}

/* Takes `body` as a training sample while the index has no dictionary, and offers the dictionary trained
 * once enough are gathered (the indexer's worker may offer one first). Returns 0 or PC_ENOMEM. */
static int sample(pc_store *s, const char *body, size_t len)
{
    store_body_writer *w = &s->bodies;
    if (pc_store_body_dictionary(s) || (w->sampler && pc_body_sampler_done(w->sampler))) {
        pc_body_sampler_free(w->sampler);
        w->sampler = NULL;
        w->sampling_done = true;
        return PC_OK;
    }
    if (!w->sampler && pc_body_sampler_new(&w->sampler) != PC_OK)
        return PC_ENOMEM;
    pc_body_dictionary *trained = NULL;
    int rc = pc_body_sampler_add(w->sampler, body, len, &trained);
    if (trained)
        pc_store_offer_body_dictionary(s, trained);
    return rc;
}

/* Writes the dictionary into body_dictionaries once per transaction that stores frames made with it. */
static int save_dictionary(pc_store *s, const pc_body_dictionary *d, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "INSERT OR IGNORE INTO body_dictionaries(id, dictionary) VALUES(?1, ?2)", &st,
                           "writing", err);
    if (rc != PC_OK)
        return rc;
    size_t len = 0;
    const void *bytes = pc_body_dictionary_bytes(d, &len);
    sqlite3_bind_int64(st, 1, pc_body_dictionary_id(d));
    sqlite3_bind_blob(st, 2, bytes, (int)len, SQLITE_STATIC);
    int src = sqlite3_step(st);
    sqlite3_finalize(st);
    if (src != SQLITE_DONE)
        return store_db_error(s, src, "writing", err);
    s->bodies.dictionary_saved = true;
    return PC_OK;
}

int store_bodies_write(pc_store *s, long long article_id, const pc_article *a, const void *frame, size_t frame_len,
                       pc_error *err)
{
    store_body_writer *w = &s->bodies;
    int rc = PC_OK;
    if (!w->sampling_done)
        rc = sample(s, a->body, a->body_len);
    void *own = NULL;
    if (rc == PC_OK && !frame) {
        if (!w->packer)
            rc = pc_body_packer_new(&w->packer);
        if (rc == PC_OK)
            rc = pc_body_pack(w->packer, pc_store_body_dictionary(s), a->body, a->body_len, &own, &frame_len);
        frame = own;
    }
    if (rc != PC_OK)
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
    const pc_body_dictionary *d = pc_store_body_dictionary(s);
    if (frame && !w->dictionary_saved && d && pc_body_frame_dictionary_id(frame, frame_len) == pc_body_dictionary_id(d))
        rc = save_dictionary(s, d, err);
    sqlite3_stmt *st = NULL;
    if (rc == PC_OK)
        rc = store_stmt(s, STMT_BODY_INSERT, &st, err);
    if (rc == PC_OK) {
        sqlite3_bind_int64(st, 1, article_id);
        if (frame)
            sqlite3_bind_blob(st, 2, frame, (int)frame_len, SQLITE_STATIC);
        else
            sqlite3_bind_text(st, 2, a->body, (int)a->body_len, SQLITE_STATIC);
        int src = sqlite3_step(st);
        sqlite3_reset(st);
        if (src != SQLITE_DONE)
            rc = store_db_error(s, src, "writing", err);
    }
    free(own);
    return rc;
}

void store_bodies_rollback(pc_store *s)
{
    s->bodies.dictionary_saved = false; /* its row may have gone with the transaction: written again if needed */
}
