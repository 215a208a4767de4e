/* store_cluster.c — near-duplicate clusters in the index: when an article is inserted, its LSH band keys
 * find earlier articles that may be copies, their stored signatures give the estimated Jaccard similarity,
 * and the article joins the cluster of the best one at or above the threshold (schema/003_clusters.sql). */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "presscut/core/array.h"
#include "presscut/ingest/neardup.h"

/* At most this many candidates (those sharing the most band keys first) are compared: a story copied more
 * often than that still finds its cluster through any of them. */
#define MAX_CANDIDATES 64
/* A candidate this similar ends the search: it is a copy, and the cluster is the same for any other. */
#define CLEAR_COPY 0.9
/* Band keys the store holds before writing them (24 bytes each), and its hash buckets (a power of two). */
#define PENDING_BANDS_MAX 65536
#define PENDING_BUCKETS (2 * PENDING_BANDS_MAX)
/* The band filter: 2^16 to 2^26 slots (8 KiB to 8 MiB), at least FILTER_SLOTS_PER_KEY per key while it can
 * grow; each key sets two slots, so about 5% of the keys no article has then cost a lookup. */
#define FILTER_MAX_SHIFT 16
#define FILTER_MIN_SHIFT 6
#define FILTER_SLOTS_PER_KEY 8

typedef struct candidate {
    long long article_id;
    int shared; /* band keys shared with the new article */
} candidate;

typedef struct candidate_set {
    candidate *items;
    size_t n, cap;
} candidate_set;

/* Appends one band-key hit; hits are merged per article by merge_candidates. */
static int candidate_add(candidate_set *set, long long article_id)
{
    candidate *grown = pc_array_reserve(set->items, &set->cap, set->n + 1, sizeof *grown, 64);
    if (!grown)
        return PC_ENOMEM;
    set->items = grown;
    set->items[set->n++] = (candidate){article_id, 1};
    return PC_OK;
}

static int compare_ids(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    return x->article_id < y->article_id ? -1 : x->article_id > y->article_id;
}

/* Merges the hits of one article into one candidate counting its shared band keys: sorting keeps this
 * n log n when a much-copied story brings thousands of hits. */
static void merge_candidates(candidate_set *set)
{
    if (set->n == 0)
        return;
    qsort(set->items, set->n, sizeof *set->items, compare_ids);
    size_t out = 0;
    for (size_t i = 1; i < set->n; i++) {
        if (set->items[i].article_id == set->items[out].article_id)
            set->items[out].shared++;
        else
            set->items[++out] = set->items[i];
    }
    set->n = out + 1;
}

static int compare_candidates(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->shared != y->shared)
        return x->shared > y->shared ? -1 : 1;
    return x->article_id < y->article_id ? -1 : x->article_id > y->article_id;
}

static size_t bucket_of(int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 40) & (PENDING_BUCKETS - 1);
}

/* Adds to `set` the pending articles with band key `key`, the smallest ids first, after `from_index` articles
 * the index gave: together at most MAX_CANDIDATES, as the lookup statement's LIMIT would give them once
 * written. Pending articles are newer than any written one, so their ids come after. */
static int add_pending_candidates(pc_store *s, int64_t key, size_t from_index, candidate_set *set)
{
    const store_pending_bands *b = &s->bands;
    if (!b->heads || from_index >= MAX_CANDIDATES)
        return PC_OK;
    size_t first = set->n;
    for (int32_t r = b->heads[bucket_of(key)]; r >= 0; r = b->rows[r].next)
        if (b->rows[r].key == key && candidate_add(set, b->rows[r].article_id) != PC_OK)
            return PC_ENOMEM;
    /* the chain runs newest first: keep its oldest (smallest) ids */
    size_t found = set->n - first, keep = MAX_CANDIDATES - from_index;
    if (found > keep) {
        memmove(set->items + first, set->items + set->n - keep, keep * sizeof *set->items);
        set->n = first + keep;
    }
    return PC_OK;
}

/* ---- the band filter --------------------------------------------------------------------------------- */

/* The key's two slots: its top bits, and the top bits of another hash of it (keys are already hashes). */
static size_t filter_slot(const store_band_filter *f, int64_t key, unsigned which)
{
    uint32_t k = (uint32_t)key;
    return (size_t)((which ? k * 0x9E3779B1u : k) >> f->shift);
}

static void filter_add(store_band_filter *f, int64_t key)
{
    for (unsigned which = 0; which < 2; which++) {
        size_t slot = filter_slot(f, key, which);
        f->slots[slot / 64] |= 1ULL << (slot % 64);
    }
    f->keys++;
}

/* False when no article, written or pending, has band key `key`; true when one may have it. */
static bool filter_may_hold(const store_band_filter *f, int64_t key)
{
    size_t a = filter_slot(f, key, 0), b = filter_slot(f, key, 1);
    return (f->slots[a / 64] >> (a % 64) & 1) && (f->slots[b / 64] >> (b % 64) & 1);
}

static void filter_free(store_band_filter *f)
{
    free(f->slots);
    *f = (store_band_filter){0};
}

/* Whether the filter, grown as far as it may, holds fewer keys than it was sized for. */
static bool filter_roomy(const store_band_filter *f)
{
    return f->shift <= FILTER_MIN_SHIFT || f->keys * FILTER_SLOTS_PER_KEY <= (size_t)1 << (32 - f->shift);
}

/* Runs presscut's one-column integer query `sql` and sets *value (0 when it has no row). */
static int query_int64(pc_store *s, const char *sql, long long *value, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    *value = 0;
    int rc = store_prepare(s, sql, &st, "reading", err);
    if (store_next_row(s, st, "reading", &rc, err))
        *value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

static int queue_bands(pc_store *s, long long article_id, const int64_t *keys, size_t n_keys, pc_error *err);

/* Writes the band keys of every stored signature (schema/009_compact_clusters.sql removed those of an older
 * form), then removes the meta key that asked for it. */
static int rewrite_stale_bands(pc_store *s, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT article_id, signature FROM cluster_signatures", &st, "upgrading", err);
    while (store_next_row(s, st, "upgrading", &rc, err)) {
        pc_neardup_signature sig;
        if (!pc_neardup_signature_decode(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), &sig))
            continue; /* a blob of another kind has no band keys of ours */
        int64_t keys[PC_NEARDUP_BANDS];
        size_t n_keys = pc_neardup_band_keys(&sig, keys);
        rc = queue_bands(s, sqlite3_column_int64(st, 0), keys, n_keys, err);
    }
    sqlite3_finalize(st);
    if (rc == PC_OK)
        rc = store_exec(s, "DELETE FROM meta WHERE key = 'cluster_bands_stale'", "upgrading", err);
    return rc;
}

/* (Re)builds the filter from cluster_bands and the pending keys, sized for twice the keys the index holds;
 * first writes the band keys an upgrade left to write. */
static int filter_build(pc_store *s, pc_error *err)
{
    store_band_filter *f = &s->band_filter;
    filter_free(f);
    long long signatures = 0, stale = 0, version = 0;
    int rc = query_int64(s, "SELECT count(*) FROM cluster_signatures", &signatures, err);
    if (rc == PC_OK)
        rc = query_int64(s, "SELECT count(*) FROM meta WHERE key = 'cluster_bands_stale'", &stale, err);
    if (rc == PC_OK)
        rc = query_int64(s, "PRAGMA data_version", &version, err);
    if (rc != PC_OK)
        return rc;
    size_t want = 2 * ((size_t)signatures * PC_NEARDUP_BANDS + s->bands.n) * FILTER_SLOTS_PER_KEY;
    unsigned shift = FILTER_MAX_SHIFT;
    while (shift > FILTER_MIN_SHIFT && ((size_t)1 << (32 - shift)) < want)
        shift--;
    f->slots = calloc(((size_t)1 << (32 - shift)) / 64, sizeof *f->slots);
    if (!f->slots)
        return pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
    f->shift = shift;
    f->data_version = version;
    f->checked = true;
    for (size_t i = 0; i < s->bands.n; i++)
        filter_add(f, s->bands.rows[i].key);
    sqlite3_stmt *st = NULL;
    rc = store_prepare(s, "SELECT band_key FROM cluster_bands", &st, "reading", err);
    while (store_next_row(s, st, "reading", &rc, err))
        filter_add(f, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    if (rc == PC_OK && stale)
        rc = rewrite_stale_bands(s, err); /* queues the keys, which adds them to the filter */
    if (rc != PC_OK)
        filter_free(f);
    return rc;
}

/* Makes the filter ready for the open transaction: built, grown when full, and rebuilt when another
 * connection has written since it was built. */
static int filter_ready(pc_store *s, pc_error *err)
{
    store_band_filter *f = &s->band_filter;
    if (f->slots && f->checked && filter_roomy(f))
        return PC_OK;
    if (f->slots && filter_roomy(f)) {
        long long version = 0;
        int rc = query_int64(s, "PRAGMA data_version", &version, err);
        if (rc != PC_OK || version == f->data_version) {
            f->checked = rc == PC_OK;
            return rc;
        }
    }
    return filter_build(s, err);
}

/* ---- clustering -------------------------------------------------------------------------------------- */

/* Collects the articles sharing at least one of `keys`, written or pending; keys the filter rules out cost
 * nothing. */
static int find_candidates(pc_store *s, const int64_t *keys, size_t n_keys, candidate_set *set, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_CLUSTER_BAND_LOOKUP, &st, err);
    for (size_t k = 0; rc == PC_OK && k < n_keys; k++) {
        if (!filter_may_hold(&s->band_filter, keys[k]))
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, keys[k]);
        size_t before = set->n;
        while (store_next_row(s, st, "reading", &rc, err))
            if (candidate_add(set, sqlite3_column_int64(st, 0)) != PC_OK)
                rc = pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
        if (rc == PC_OK && add_pending_candidates(s, keys[k], set->n - before, set) != PC_OK)
            rc = pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
    }
    if (st)
        sqlite3_reset(st);
    if (rc == PC_OK)
        merge_candidates(set);
    return rc;
}

/* The cluster the article with signature `sig` joins: *cluster = 0 when no candidate is similar enough. */
static int best_cluster(pc_store *s, const pc_neardup_signature *sig, candidate_set *set, long long *cluster,
                        pc_error *err)
{
    *cluster = 0;
    qsort(set->items, set->n, sizeof *set->items, compare_candidates);
    size_t n = set->n < MAX_CANDIDATES ? set->n : MAX_CANDIDATES;
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_CLUSTER_CANDIDATE, &st, err);
    double best = -1.0;
    long long best_id = 0;
    for (size_t i = 0; rc == PC_OK && i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, set->items[i].article_id);
        int src = sqlite3_step(st);
        if (src == SQLITE_DONE)
            continue;
        if (src != SQLITE_ROW) {
            rc = store_db_error(s, src, "reading", err);
            break;
        }
        pc_neardup_signature other;
        const void *blob = sqlite3_column_blob(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        if (!pc_neardup_signature_decode(blob, len, &other))
            continue; /* not a signature this presscut writes: never a match */
        double sim = pc_neardup_similarity(sig, &other);
        long long id = set->items[i].article_id;
        if (sim >= PC_NEARDUP_THRESHOLD && (sim > best || (sim == best && id < best_id))) {
            best = sim;
            best_id = id;
            *cluster = sqlite3_column_type(st, 1) == SQLITE_NULL ? id : sqlite3_column_int64(st, 1);
            if (sim >= CLEAR_COPY)
                break; /* candidates come most-shared first: a clear copy will not be beaten by much */
        }
    }
    if (st)
        sqlite3_reset(st);
    return rc;
}

static int compare_band_rows(const void *a, const void *b)
{
    const store_band_row *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->article_id < y->article_id ? -1 : x->article_id > y->article_id;
}

/* Forgets the pending keys (written, or rolled back). */
static void drop_pending(pc_store *s)
{
    store_pending_bands *b = &s->bands;
    if (b->heads && b->n > 0)
        for (size_t i = 0; i < PENDING_BUCKETS; i++)
            b->heads[i] = -1;
    b->n = 0;
}

int store_cluster_flush(pc_store *s, pc_error *err)
{
    store_pending_bands *b = &s->bands;
    if (b->n == 0)
        return PC_OK;
    qsort(b->rows, b->n, sizeof *b->rows, compare_band_rows);
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_CLUSTER_BAND_INSERT, &st, err);
    for (size_t i = 0; rc == PC_OK && i < b->n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, b->rows[i].key);
        sqlite3_bind_int64(st, 2, b->rows[i].article_id);
        int src = sqlite3_step(st);
        if (src != SQLITE_DONE)
            rc = store_db_error(s, src, "writing", err);
    }
    if (st)
        sqlite3_reset(st);
    drop_pending(s);
    s->band_filter.checked = false; /* the transaction may end here */
    return rc;
}

void store_cluster_discard(pc_store *s)
{
    drop_pending(s);
    filter_free(&s->band_filter); /* it may hold keys, and an upgrade, that the rollback undid */
}

void store_cluster_free(pc_store *s)
{
    free(s->bands.rows);
    free(s->bands.heads);
    s->bands = (store_pending_bands){0};
    filter_free(&s->band_filter);
}

/* Queues the article's band keys for cluster_bands (each distinct key once, as INSERT OR IGNORE keeps them),
 * writing the queue first when it is full. */
static int queue_bands(pc_store *s, long long article_id, const int64_t *keys, size_t n_keys, pc_error *err)
{
    store_pending_bands *b = &s->bands;
    if (b->n + n_keys > PENDING_BANDS_MAX) {
        int rc = store_cluster_flush(s, err);
        if (rc != PC_OK)
            return rc;
    }
    if (!b->rows) {
        b->rows = malloc(PENDING_BANDS_MAX * sizeof *b->rows);
        b->heads = malloc(PENDING_BUCKETS * sizeof *b->heads);
        if (!b->rows || !b->heads) {
            store_cluster_free(s);
            return pc_error_set(err, PC_ENOMEM, "out of memory while writing to the index '%s'", s->path);
        }
        for (size_t i = 0; i < PENDING_BUCKETS; i++)
            b->heads[i] = -1;
    }
    for (size_t k = 0; k < n_keys; k++) {
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = keys[j] == keys[k];
        if (seen)
            continue;
        size_t bucket = bucket_of(keys[k]);
        b->rows[b->n] = (store_band_row){.key = keys[k], .article_id = article_id, .next = b->heads[bucket]};
        b->heads[bucket] = (int32_t)b->n++;
        filter_add(&s->band_filter, keys[k]);
    }
    return PC_OK;
}

/* Stores the article's signature and queues its band keys. */
static int store_signature(pc_store *s, long long article_id, const pc_neardup_signature *sig, const int64_t *keys,
                           size_t n_keys, pc_error *err)
{
    unsigned char blob[PC_NEARDUP_BLOB_BYTES];
    size_t len = pc_neardup_signature_encode(sig, blob);
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_CLUSTER_SIGNATURE_INSERT, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_blob(st, 2, blob, (int)len, SQLITE_STATIC);
    int src = sqlite3_step(st);
    sqlite3_reset(st);
    if (src != SQLITE_DONE)
        return store_db_error(s, src, "writing", err);
    return queue_bands(s, article_id, keys, n_keys, err);
}

static int set_cluster(pc_store *s, long long article_id, long long cluster, pc_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = store_stmt(s, STMT_CLUSTER_SET, &st, err);
    if (rc != PC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int64(st, 2, cluster);
    int src = sqlite3_step(st);
    sqlite3_reset(st);
    return src == SQLITE_DONE ? PC_OK : store_db_error(s, src, "writing", err);
}

int store_cluster_article(pc_store *s, long long article_id, const pc_article *a, const pc_neardup_signature *sig,
                          pc_error *err)
{
    pc_neardup_signature computed;
    if (!sig) {
        if (!pc_neardup_signature_compute(a->body, a->body_len, &computed))
            return set_cluster(s, article_id, article_id, err); /* no word: no copy to find */
        sig = &computed;
    }
    int64_t keys[PC_NEARDUP_BANDS];
    size_t n_keys = pc_neardup_band_keys(sig, keys);
    candidate_set set = {0};
    long long cluster = 0;
    int rc = filter_ready(s, err);
    if (rc == PC_OK)
        rc = find_candidates(s, keys, n_keys, &set, err);
    if (rc == PC_OK && set.n > 0)
        rc = best_cluster(s, sig, &set, &cluster, err);
    free(set.items);
    if (rc == PC_OK)
        rc = store_signature(s, article_id, sig, keys, n_keys, err);
    if (rc == PC_OK)
        rc = set_cluster(s, article_id, cluster ? cluster : article_id, err);
    return rc;
}

int store_cluster_delete_file(pc_store *s, long long file_id, pc_error *err)
{
    sqlite3_stmt *list = NULL, *del = NULL;
    int rc = store_cluster_flush(s, err); /* the file's articles may have pending keys */
    if (rc == PC_OK)
        rc = store_stmt(s, STMT_CLUSTER_FILE_SIGNATURES, &list, err);
    if (rc == PC_OK)
        rc = store_stmt(s, STMT_CLUSTER_BAND_DELETE, &del, err);
    if (rc == PC_OK)
        sqlite3_bind_int64(list, 1, file_id);
    while (store_next_row(s, list, "removing old articles", &rc, err)) {
        long long article_id = sqlite3_column_int64(list, 0);
        pc_neardup_signature sig;
        if (!pc_neardup_signature_decode(sqlite3_column_blob(list, 1), (size_t)sqlite3_column_bytes(list, 1), &sig))
            continue; /* a blob of another kind has no band keys of ours */
        int64_t keys[PC_NEARDUP_BANDS];
        size_t n_keys = pc_neardup_band_keys(&sig, keys);
        for (size_t k = 0; rc == PC_OK && k < n_keys; k++) {
            sqlite3_reset(del);
            sqlite3_bind_int64(del, 1, keys[k]);
            sqlite3_bind_int64(del, 2, article_id);
            int src = sqlite3_step(del);
            if (src != SQLITE_DONE)
                rc = store_db_error(s, src, "removing old articles", err);
        }
    }
    if (list)
        sqlite3_reset(list);
    if (del)
        sqlite3_reset(del);
    if (rc != PC_OK)
        return rc;
    return store_stmt_run_for_id(s, STMT_CLUSTER_DELETE_SIGNATURES, file_id, "removing old articles", err);
}
