/* store_bodies.c — article bodies in the `bodies` table as zstd frames (body_codec.h), with the dictionary
 * trained from the first bodies an index receives (by the indexer's worker, which sees them first, or here)
 * and kept in `body_dictionaries`; and the SQL functions through which every reader gets the text back:
 * pc_body(stored), the whole text (the views, `presscut sql`), and pc_body_slice / pc_body_chars_before,
 * which cut passages out of an article's text kept from one call to the next, so that reading all the
 * passages of an article unpacks its body once, not once per passage (schema/011_passage_slices.sql).
 * A TEXT value (an index made before schema/008_compressed_bodies.sql, or a body too short to gain) is the
 * text itself. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Characters are counted from a mark every CHAR_MARK_BYTES bytes of the kept text, so that the count before
 * any offset costs at most this many bytes of scanning. */
#define CHAR_MARK_BYTES 65536

/* What the SQL functions of one connection share: the unpacker with its dictionaries, and the text of the
 * last article a slice was cut from, known by its id and content hash (articles.content_hash, a hash of
 * title and body: a row written again under the same id with another text has another hash). */
typedef struct body_reader {
    pc_body_unpacker *unpacker;
    long long article_id;
    char *content_hash; /* NULL: no text kept */
    char *text;
    size_t text_len;
    size_t *char_marks; /* char_marks[k]: characters in text[0, k * CHAR_MARK_BYTES); NULL until asked for */
} body_reader;

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

/* The text of the stored body `v` (a zstd frame, or TEXT as it is) into *text (malloc'd, NUL-terminated,
 * *len bytes before the NUL). Returns an SQLite code. */
static int unpack_value(sqlite3 *db, pc_body_unpacker *u, sqlite3_value *v, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    if (sqlite3_value_type(v) != SQLITE_BLOB) {
        const unsigned char *t = sqlite3_value_text(v);
        size_t n = (size_t)sqlite3_value_bytes(v);
        char *copy = malloc(n + 1);
        if (!copy)
            return SQLITE_NOMEM;
        if (n)
            memcpy(copy, t, n);
        copy[n] = '\0';
        *text = copy;
        *len = n;
        return SQLITE_OK;
    }
    const void *frame = sqlite3_value_blob(v);
    size_t frame_len = (size_t)sqlite3_value_bytes(v);
    uint32_t id = pc_body_frame_dictionary_id(frame, frame_len);
    if (!pc_body_unpacker_has(u, id)) {
        int rc = load_dictionary(db, u, id);
        if (rc != SQLITE_OK)
            return rc;
    }
    int rc = pc_body_unpack(u, frame, frame_len, text, len);
    return rc == PC_OK ? SQLITE_OK : rc == PC_ENOMEM ? SQLITE_NOMEM : SQLITE_CORRUPT;
}

static void result_error(sqlite3_context *ctx, int rc)
{
    if (rc == SQLITE_NOMEM)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_error_code(ctx, rc);
}

static void body_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sqlite3_value *v = argv[0];
    if (sqlite3_value_type(v) != SQLITE_BLOB) {
        sqlite3_result_value(ctx, v); /* TEXT bodies (and NULL) as they are */
        return;
    }
    body_reader *r = sqlite3_user_data(ctx);
    char *text = NULL;
    size_t text_len = 0;
    int rc = unpack_value(sqlite3_context_db_handle(ctx), r->unpacker, v, &text, &text_len);
    if (rc != SQLITE_OK)
        result_error(ctx, rc);
    else
        sqlite3_result_text64(ctx, text, text_len, free, SQLITE_UTF8);
}

static void forget_text(body_reader *r)
{
    free(r->content_hash);
    free(r->text);
    free(r->char_marks);
    r->content_hash = NULL;
    r->text = NULL;
    r->char_marks = NULL;
    r->text_len = 0;
}

/* Reads the body of article `article_id` from the connection (the whole value: only when it was not given). */
static int fetch_body(sqlite3 *db, body_reader *r, long long article_id, char **text, size_t *len)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT body FROM bodies WHERE article_id = ?1", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, article_id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            rc = unpack_value(db, r->unpacker, sqlite3_column_value(st, 0), text, len);
        else if (rc == SQLITE_DONE)
            rc = SQLITE_CORRUPT; /* a passage whose article has no body */
    }
    sqlite3_finalize(st);
    return rc;
}

/* Makes the text of the article named by argv[0] (id) and argv[1] (content hash) the kept one, from argv[2]
 * (its stored body) or, when that is NULL, read from the connection. Returns an SQLite code. */
static int keep_article_text(sqlite3_context *ctx, body_reader *r, sqlite3_value **argv)
{
    long long article_id = sqlite3_value_int64(argv[0]);
    const char *hash = (const char *)sqlite3_value_text(argv[1]);
    if (!hash)
        hash = "";
    if (r->content_hash && r->article_id == article_id && strcmp(r->content_hash, hash) == 0)
        return SQLITE_OK;
    forget_text(r);
    char *text = NULL;
    size_t len = 0;
    sqlite3 *db = sqlite3_context_db_handle(ctx);
    int rc = sqlite3_value_type(argv[2]) == SQLITE_NULL ? fetch_body(db, r, article_id, &text, &len)
                                                       : unpack_value(db, r->unpacker, argv[2], &text, &len);
    char *hash_copy = rc == SQLITE_OK ? strdup(hash) : NULL;
    if (rc == SQLITE_OK && !hash_copy)
        rc = SQLITE_NOMEM;
    if (rc != SQLITE_OK) {
        free(text);
        return rc;
    }
    r->article_id = article_id;
    r->content_hash = hash_copy;
    r->text = text;
    r->text_len = len;
    return SQLITE_OK;
}

/* The reader of the function called, with the text of the article named by argv[0..2] kept; NULL when that
 * failed, the error then set as the call's result. */
static body_reader *reader_with_text(sqlite3_context *ctx, sqlite3_value **argv)
{
    body_reader *r = sqlite3_user_data(ctx);
    int rc = keep_article_text(ctx, r, argv);
    if (rc == SQLITE_OK)
        return r;
    result_error(ctx, rc);
    return NULL;
}

/* The byte range [argv[0], argv[1]) of the kept text, clamped to it. */
static void byte_range(const body_reader *r, sqlite3_value **argv, size_t *start, size_t *end)
{
    long long a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
    *start = a <= 0 ? 0 : (size_t)a > r->text_len ? r->text_len : (size_t)a;
    *end = b <= (long long)*start ? *start : (size_t)b > r->text_len ? r->text_len : (size_t)b;
}

/* pc_body_slice(article_id, content_hash, body_or_null, start_byte, end_byte): the bytes [start, end) of the
 * article's text, as TEXT. body_or_null is the stored body when it is cheap to read (a short article), else
 * NULL and the function reads it itself when the article is not the one kept. */
static void slice_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    body_reader *r = reader_with_text(ctx, argv);
    if (!r)
        return;
    size_t start = 0, end = 0;
    byte_range(r, argv + 3, &start, &end);
    sqlite3_result_text64(ctx, r->text + start, end - start, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* Characters (UTF-8 sequences: bytes that do not continue one) in text[0, n). */
static size_t count_chars(const char *text, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    return chars;
}

/* pc_body_chars_before(article_id, content_hash, body_or_null, byte_offset): the characters of the article's
 * text before byte_offset (clamped to the text). */
static void chars_before_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    body_reader *r = reader_with_text(ctx, argv);
    if (!r)
        return;
    if (!r->char_marks) {
        size_t n_marks = r->text_len / CHAR_MARK_BYTES + 1;
        r->char_marks = malloc(n_marks * sizeof *r->char_marks);
        if (!r->char_marks) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        r->char_marks[0] = 0;
        for (size_t k = 1; k < n_marks; k++)
            r->char_marks[k] =
                r->char_marks[k - 1] + count_chars(r->text + (k - 1) * CHAR_MARK_BYTES, CHAR_MARK_BYTES);
    }
    long long want = sqlite3_value_int64(argv[3]);
    size_t offset = want <= 0 ? 0 : (size_t)want > r->text_len ? r->text_len : (size_t)want;
    size_t mark = offset / CHAR_MARK_BYTES;
    size_t from = mark * CHAR_MARK_BYTES;
    sqlite3_result_int64(ctx, (sqlite3_int64)(r->char_marks[mark] + count_chars(r->text + from, offset - from)));
}

/* pc_body_forget(): frees the text kept (a huge article's would otherwise stay for the rest of a run). */
static void forget_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    forget_text(sqlite3_user_data(ctx));
    sqlite3_result_null(ctx);
}

static void free_reader(void *p)
{
    body_reader *r = p;
    if (!r)
        return;
    forget_text(r);
    pc_body_unpacker_free(r->unpacker);
    free(r);
}

int store_bodies_register(sqlite3 *db)
{
    body_reader *r = calloc(1, sizeof *r);
    if (!r || pc_body_unpacker_new(&r->unpacker) != PC_OK) {
        free(r);
        return SQLITE_NOMEM;
    }
    /* innocuous: the views FTS5 reads (passage_text) may call them whatever trusted_schema says. The reader
     * goes through pc_body's destructor when the connection closes (or at once if pc_body fails to register). */
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(db, "pc_body", 1, flags, r, body_function, NULL, NULL, free_reader);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "pc_body_slice", 5, flags, r, slice_function, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "pc_body_chars_before", 4, flags, r, chars_before_function, NULL,
                                        NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "pc_body_forget", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, r,
                                        forget_function, NULL, NULL, NULL);
    return rc;
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
