/* neardup.h — near-duplicate fingerprints of article bodies: word shingles -> MinHash signature -> LSH band
 * keys, and the Jaccard similarity estimated from two signatures. Pure computation (no SQL, no I/O): the store
 * keeps the signatures and band keys and decides the clusters (see schema/003_clusters.sql).
 *
 * Words: maximal runs of letters, digits and combining marks (anything else separates words, so “ ” ’ and
 * ' or — and - make no difference), each code point case-folded (ICU u_foldCase, full folding not applied:
 * one code point in, one out); accents are kept. Shingles: PC_NEARDUP_SHINGLE consecutive words, hashed
 * (XXH3). The signature is a one-permutation MinHash: each shingle hash falls into one of PC_NEARDUP_HASHES
 * bins, each bin keeps its smallest value, and empty bins are filled by optimal densification; two texts
 * agree on one bin with probability equal to the Jaccard similarity of their shingle sets. A signature keeps
 * the low PC_NEARDUP_BITS bits of each minimum (b-bit MinHash): two different minima then agree by chance
 * with probability 2^-16, 0.001 of a bin on average over a signature, far below the estimate's resolution of
 * one bin in 128, so the share of equal bins is used as it is. Band b's key is a 32-bit hash of minima
 * [b * ROWS, (b + 1) * ROWS): texts of similarity s share at least one band key with probability
 * 1 - (1 - s^ROWS)^BANDS (0.87 at s = 0.5, 0.23 at 0.3, > 0.99 at 0.7); a shared key is only a candidate,
 * which the comparison of the whole signatures confirms or rejects. (16 bands of 3 would halve the band rows
 * with about the same curve, but they pick other candidates near the threshold: clusters would change.)
 *
 * A text with fewer than PC_NEARDUP_MIN_SHINGLES shingles is too short for a meaningful similarity: it gets
 * an exact signature instead (one key: the hash of its words), so that only copies with the same words
 * match it.
 *
 * Signatures are plain values (no pointers): copy them with memcpy. Every function is thread-safe. */
#ifndef PRESSCUT_NEARDUP_H
#define PRESSCUT_NEARDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PC_NEARDUP_SHINGLE 5       /* words per shingle */
#define PC_NEARDUP_HASHES 128      /* minima per signature */
#define PC_NEARDUP_BITS 16         /* low bits of each minimum kept */
#define PC_NEARDUP_BANDS 32        /* LSH bands ... */
#define PC_NEARDUP_ROWS 4          /* ... of this many minima each (BANDS * ROWS <= HASHES) */
#define PC_NEARDUP_MIN_SHINGLES 8  /* fewer shingles: an exact signature */
#define PC_NEARDUP_THRESHOLD 0.5   /* estimated Jaccard at or above which two texts are copies of one story */

/* The stored form of a signature: PC_NEARDUP_HASHES little-endian 16-bit minima (MinHash), or the 8-byte
 * little-endian exact key (exact signature). Indexes made before schema/008 stored 32-bit minima
 * (PC_NEARDUP_LEGACY_BLOB_BYTES), which decode to the same signature. */
#define PC_NEARDUP_BLOB_BYTES (PC_NEARDUP_HASHES * 2)
#define PC_NEARDUP_LEGACY_BLOB_BYTES (PC_NEARDUP_HASHES * 4)
#define PC_NEARDUP_EXACT_BLOB_BYTES 8

typedef struct pc_neardup_signature {
    bool exact;        /* true: too short for MinHash; `key` identifies the words, `min` is unused (zero) */
    uint64_t key;      /* exact signature: hash of the whole word sequence; 0 for MinHash signatures */
    uint32_t shingles; /* shingles the text had (for information; not stored) */
    uint32_t min[PC_NEARDUP_HASHES]; /* each < 2^PC_NEARDUP_BITS */
} pc_neardup_signature;

/* Computes the signature of [text, text+len) (UTF-8; invalid bytes separate words). Returns true and fills
 * *out, or false when the text has no word at all (*out zeroed). Never allocates. */
bool pc_neardup_signature_compute(const char *text, size_t len, pc_neardup_signature *out);

/* Allocates a signature of the text (what pc_prepared_article.signature holds, store/prepared_article.h).
 * Returns 0 and sets *out (free with pc_neardup_signature_free), 0 with *out = NULL when the text has no word,
 * or PC_ENOMEM. */
int pc_neardup_signature_new(const char *text, size_t len, pc_neardup_signature **out);

/* Frees a signature from pc_neardup_signature_new. Accepts NULL. */
void pc_neardup_signature_free(pc_neardup_signature *sig);

/* The band keys of `sig` into keys[] and returns how many: PC_NEARDUP_BANDS for a MinHash signature, 1 for
 * an exact one (the low 32 bits of its key). Keys are 0 .. 2^32-1; two kinds may meet by a 2^-32 accident,
 * which comparing the signatures rejects. */
size_t pc_neardup_band_keys(const pc_neardup_signature *sig, int64_t keys[PC_NEARDUP_BANDS]);

/* Estimated Jaccard similarity of the shingle sets, 0..1: the share of equal minima for two MinHash
 * signatures; for exact ones 1 when the keys are equal, else 0; 0 when the kinds differ. */
double pc_neardup_similarity(const pc_neardup_signature *a, const pc_neardup_signature *b);

/* Writes the stored form of `sig` into out (at least PC_NEARDUP_BLOB_BYTES bytes) and returns its length
 * (PC_NEARDUP_BLOB_BYTES or PC_NEARDUP_EXACT_BLOB_BYTES). */
size_t pc_neardup_signature_encode(const pc_neardup_signature *sig, unsigned char *out);

/* Reads a stored form back (the current one or the legacy 32-bit one). Returns true, or false (out zeroed)
 * when `len` is none of the stored lengths. */
bool pc_neardup_signature_decode(const void *blob, size_t len, pc_neardup_signature *out);

/* The distinct shingle hashes of the text, sorted ascending, in a new array (*out, free()) of *n entries, for
 * exact Jaccard (measurements, tests). *out is NULL when *n is 0. Returns 0 or PC_ENOMEM. */
int pc_neardup_shingles(const char *text, size_t len, uint64_t **out, size_t *n);

/* Exact Jaccard similarity of two sorted, distinct shingle-hash arrays (0 when both are empty). */
double pc_neardup_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
