/* neardup.c — near-duplicate fingerprints: word shingles, MinHash signatures, LSH band keys and Jaccard
 * estimates (see include/presscut/ingest/neardup.h). */
#include "presscut/ingest/neardup.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <xxhash.h>

#include "presscut/core/array.h"
#include "presscut/core/error.h"
#include "presscut/core/utf8.h"

#define SEED_BANDS 0x62616e64ULL /* seeds of the band-key hashes */
#define SEED_EXACT 0x65786163ULL /* seed of the exact-signature key */
#define SEED_SHINGLE 0x7368696eULL
#define SEED_DENSIFY 0x64656e73ULL

/* splitmix64's finalizer: a well-mixed 64-bit number from any input. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Walks the words of a text. */
typedef struct word_reader {
    const char *text;
    size_t len, pos;
} word_reader;

static bool is_word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp == 0xFFFD)
        return false;
    int8_t type = u_charType((UChar32)cp);
    return u_isalnum((UChar32)cp) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
           type == U_ENCLOSING_MARK;
}

/* Reads the next word and sets *hash (FNV-1a over its folded code points, then mixed); false at the end
 * of the text. */
static bool next_word(word_reader *r, uint64_t *hash)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    bool in_word = false;
    while (r->pos < r->len) {
        unsigned int cp = (unsigned char)r->text[r->pos];
        size_t n = cp < 0x80 ? 1 : pc_utf8_next(r->text + r->pos, r->len - r->pos, &cp);
        if (!is_word_char(cp)) {
            r->pos += n;
            if (in_word)
                break;
            continue;
        }
        r->pos += n;
        in_word = true;
        uint32_t folded = cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp)
                                    : (uint32_t)u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
        h = (h ^ folded) * 0x100000001b3ULL;
    }
    if (in_word)
        *hash = mix64(h);
    return in_word;
}

/* Calls fn(state, shingle hash) for every shingle (every word when the text has fewer words than a
 * shingle: then one "shingle" of all of them). Returns the number of shingles and, in *sequence, a hash of
 * the whole word sequence. */
typedef void (*shingle_fn)(void *state, uint64_t shingle);

static size_t for_each_shingle(const char *text, size_t len, shingle_fn fn, void *state, uint64_t *sequence)
{
    word_reader r = {text, len, 0};
    uint64_t window[PC_NEARDUP_SHINGLE];
    size_t words = 0, shingles = 0;
    uint64_t word;
    uint64_t seq = SEED_EXACT;
    while (next_word(&r, &word)) {
        seq = mix64(seq ^ word);
        window[words % PC_NEARDUP_SHINGLE] = word;
        words++;
        if (words >= PC_NEARDUP_SHINGLE) {
            uint64_t ordered[PC_NEARDUP_SHINGLE];
            for (size_t k = 0; k < PC_NEARDUP_SHINGLE; k++)
                ordered[k] = window[(words + k) % PC_NEARDUP_SHINGLE];
            if (fn)
                fn(state, XXH3_64bits_withSeed(ordered, sizeof ordered, SEED_SHINGLE));
            shingles++;
        }
    }
    if (words > 0 && words < PC_NEARDUP_SHINGLE) {
        if (fn)
            fn(state, XXH3_64bits_withSeed(window, words * sizeof window[0], SEED_SHINGLE));
        shingles = 1;
    }
    *sequence = words ? seq : 0;
    return shingles;
}

/* One-permutation MinHash: each shingle hash goes to one of PC_NEARDUP_HASHES bins (its top bits) and each
 * bin keeps the smallest low 32 bits it received: one hash per shingle instead of one per shingle and
 * function (measured 10 times faster than 128 multiply-shift functions, same accuracy on the BBC pairs).
 * Empty bins are filled afterwards by optimal densification (Shrivastava 2017): an empty bin copies the
 * first filled bin of its own fixed pseudo-random probe sequence, which keeps P(equal bin) = Jaccard. */
#define BIN_SHIFT 57 /* 64 - log2(PC_NEARDUP_HASHES) */
_Static_assert(PC_NEARDUP_HASHES == 1 << (64 - BIN_SHIFT), "BIN_SHIFT must match PC_NEARDUP_HASHES");
_Static_assert(PC_NEARDUP_BANDS * PC_NEARDUP_ROWS <= PC_NEARDUP_HASHES, "bands x rows must fit the minima");
_Static_assert(PC_NEARDUP_BITS == 16, "the stored form holds 16-bit minima");
#define MIN_MASK ((1u << PC_NEARDUP_BITS) - 1)

typedef struct minhash_state {
    uint32_t *min;
    uint64_t filled[PC_NEARDUP_HASHES / 64];
} minhash_state;

static void minhash_add(void *state, uint64_t shingle)
{
    minhash_state *m = state;
    size_t bin = (size_t)(shingle >> BIN_SHIFT);
    uint32_t v = (uint32_t)shingle;
    uint64_t bit = 1ULL << (bin % 64);
    if (!(m->filled[bin / 64] & bit) || v < m->min[bin]) {
        m->min[bin] = v;
        m->filled[bin / 64] |= bit;
    }
}

static void minhash_densify(minhash_state *m)
{
    uint32_t copy[PC_NEARDUP_HASHES];
    memcpy(copy, m->min, sizeof copy);
    for (size_t i = 0; i < PC_NEARDUP_HASHES; i++) {
        if (m->filled[i / 64] & (1ULL << (i % 64)))
            continue;
        for (uint64_t attempt = 0;; attempt++) {
            size_t j = (size_t)(mix64(SEED_DENSIFY ^ (i << 32) ^ attempt) >> BIN_SHIFT);
            if (m->filled[j / 64] & (1ULL << (j % 64))) {
                m->min[i] = copy[j];
                break;
            }
        }
    }
}

bool pc_neardup_signature_compute(const char *text, size_t len, pc_neardup_signature *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return false;
    minhash_state m = {.min = out->min};
    uint64_t sequence = 0;
    size_t shingles = for_each_shingle(text, len, minhash_add, &m, &sequence);
    out->shingles = shingles > UINT32_MAX ? UINT32_MAX : (uint32_t)shingles;
    if (shingles >= PC_NEARDUP_MIN_SHINGLES) {
        minhash_densify(&m);
        for (size_t i = 0; i < PC_NEARDUP_HASHES; i++)
            out->min[i] &= MIN_MASK;
        return true;
    }
    memset(out->min, 0, sizeof out->min);
    if (shingles == 0)
        return false;
    out->exact = true;
    out->key = sequence ? sequence : 1;
    return true;
}

int pc_neardup_signature_new(const char *text, size_t len, pc_neardup_signature **out)
{
    *out = NULL;
    pc_neardup_signature *sig = malloc(sizeof *sig);
    if (!sig)
        return PC_ENOMEM;
    if (!pc_neardup_signature_compute(text, len, sig)) {
        free(sig);
        return PC_OK;
    }
    *out = sig;
    return PC_OK;
}

void pc_neardup_signature_free(pc_neardup_signature *sig)
{
    free(sig);
}

size_t pc_neardup_band_keys(const pc_neardup_signature *sig, int64_t keys[PC_NEARDUP_BANDS])
{
    if (sig->exact) {
        keys[0] = (int64_t)(uint32_t)sig->key;
        return 1;
    }
    for (size_t b = 0; b < PC_NEARDUP_BANDS; b++) {
        unsigned char rows[PC_NEARDUP_ROWS * 2];
        for (size_t r = 0; r < PC_NEARDUP_ROWS; r++) {
            uint32_t v = sig->min[b * PC_NEARDUP_ROWS + r];
            rows[r * 2] = (unsigned char)v;
            rows[r * 2 + 1] = (unsigned char)(v >> 8);
        }
        keys[b] = (int64_t)(uint32_t)XXH3_64bits_withSeed(rows, sizeof rows, SEED_BANDS + b);
    }
    return PC_NEARDUP_BANDS;
}

double pc_neardup_similarity(const pc_neardup_signature *a, const pc_neardup_signature *b)
{
    if (a->exact || b->exact)
        return a->exact && b->exact && a->key == b->key ? 1.0 : 0.0;
    size_t same = 0;
    for (size_t i = 0; i < PC_NEARDUP_HASHES; i++)
        same += a->min[i] == b->min[i];
    return (double)same / PC_NEARDUP_HASHES;
}

size_t pc_neardup_signature_encode(const pc_neardup_signature *sig, unsigned char *out)
{
    if (sig->exact) {
        for (size_t k = 0; k < 8; k++)
            out[k] = (unsigned char)(sig->key >> (8 * k));
        return PC_NEARDUP_EXACT_BLOB_BYTES;
    }
    for (size_t i = 0; i < PC_NEARDUP_HASHES; i++) {
        out[i * 2] = (unsigned char)sig->min[i];
        out[i * 2 + 1] = (unsigned char)(sig->min[i] >> 8);
    }
    return PC_NEARDUP_BLOB_BYTES;
}

bool pc_neardup_signature_decode(const void *blob, size_t len, pc_neardup_signature *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *p = blob;
    if (p && len == PC_NEARDUP_EXACT_BLOB_BYTES) {
        out->exact = true;
        for (size_t k = 0; k < 8; k++)
            out->key |= (uint64_t)p[k] << (8 * k);
        return true;
    }
    /* the legacy form's minima are 4 bytes wide, little-endian: their low 2 bytes are the minima kept now */
    size_t width = len == PC_NEARDUP_BLOB_BYTES ? 2 : len == PC_NEARDUP_LEGACY_BLOB_BYTES ? 4 : 0;
    if (!p || width == 0)
        return false;
    for (size_t i = 0; i < PC_NEARDUP_HASHES; i++)
        out->min[i] = (uint32_t)p[i * width] | (uint32_t)p[i * width + 1] << 8;
    return true;
}

/* ---- exact shingle sets ------------------------------------------------------------------------------ */

typedef struct shingle_list {
    uint64_t *items;
    size_t n, cap;
    bool failed;
} shingle_list;

static void shingle_collect(void *state, uint64_t shingle)
{
    shingle_list *l = state;
    if (l->failed)
        return;
    uint64_t *grown = pc_array_reserve(l->items, &l->cap, l->n + 1, sizeof *grown, 256);
    if (!grown) {
        l->failed = true;
        return;
    }
    l->items = grown;
    l->items[l->n++] = shingle;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int pc_neardup_shingles(const char *text, size_t len, uint64_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    shingle_list l = {0};
    uint64_t sequence;
    if (text)
        for_each_shingle(text, len, shingle_collect, &l, &sequence);
    if (l.failed) {
        free(l.items);
        return PC_ENOMEM;
    }
    if (l.n == 0) {
        free(l.items);
        return PC_OK;
    }
    qsort(l.items, l.n, sizeof *l.items, compare_u64);
    size_t w = 1;
    for (size_t i = 1; i < l.n; i++)
        if (l.items[i] != l.items[w - 1])
            l.items[w++] = l.items[i];
    *out = l.items;
    *n = w;
    return PC_OK;
}

double pc_neardup_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na == 0 && nb == 0)
        return 0.0;
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            common++;
            i++;
            j++;
        }
    }
    return (double)common / (double)(na + nb - common);
}
