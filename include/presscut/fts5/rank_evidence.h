/* rank_evidence.h — the one codec for the BLOBs the rank functions hand to the store: the evidence of
 * pc_rank(fts, 1) (a row's score, length and per-phrase counts, for article-level scoring and highlighting)
 * and the byte ranges of pc_match_spans. The functions (rank_functions.c) encode, the store decodes; nobody
 * else reads the bytes, so the layout can change here alone.
 *
 * The BLOBs live only between a function call and the store reading its result, inside one process: they
 * are in host byte order and are never stored. Decoders still check everything (lengths, counts, ranges,
 * non-finite numbers): a BLOB is memory from SQLite, read with memcpy, never trusted for alignment or size. */
#ifndef PRESSCUT_RANK_EVIDENCE_H
#define PRESSCUT_RANK_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "presscut/core/span.h"

/* At most this many of a query's phrases carry counts in the evidence (the first ones): enough for a long
 * question or a pasted paragraph run with --any (CISI's questions have 50 distinct words at the median; with
 * 16, MED's MAP was 0.481 and CISI's 0.146, with 64 0.513 and 0.155)... */
#define PC_RANK_MAX_PHRASES 64
/* ... and at most this many of a row's matches carry their token range (the first ones, in position order). */
#define PC_RANK_MAX_MATCHES 128
/* Token positions travel as 32-bit floats: exact up to here. A range reaching past it is not sent. */
#define PC_RANK_MAX_POSITION 16777216

/* The token positions [first, last] of one phrase instance, counted as FTS5 counts them. */
typedef struct pc_token_range {
    int first, last;
} pc_token_range;

/* What pc_rank(fts, 1) reports of one row. The numbers travel as 32-bit floats (the struct holds them as they
 * travel, so a round trip is exact); rows is sent as a float too, exact up to 2^24. */
typedef struct pc_rank_evidence {
    float score;                   /* pc_rank's score of the row */
    float length;                  /* the row's length in tokens (all columns) */
    float avg_length;              /* the table's average row length in tokens */
    long long rows;                /* rows in the table */
    int n_phrases;                 /* phrases with counts below: min(query's phrases, PC_RANK_MAX_PHRASES) */
    float tf[PC_RANK_MAX_PHRASES]; /* occurrences of each phrase in the row */
    float idf[PC_RANK_MAX_PHRASES];/* each phrase's row-level IDF (the same for every row of a query) */
    int n_ranges;                  /* matches with token ranges below, at most PC_RANK_MAX_MATCHES */
    pc_token_range ranges[PC_RANK_MAX_MATCHES]; /* the row's phrase instances in column 0, in order */
} pc_rank_evidence;

/* The largest evidence BLOB, in bytes: a buffer this big holds any encoding. */
#define PC_RANK_EVIDENCE_MAX_BYTES ((6 + 2 * PC_RANK_MAX_PHRASES + 2 * PC_RANK_MAX_MATCHES) * 4)

/* Writes *e into blob (at least PC_RANK_EVIDENCE_MAX_BYTES) and returns the bytes written. Counts outside
 * [0, PC_RANK_MAX_*] are clamped and ranges that a decoder would refuse (negative, reversed, past
 * PC_RANK_MAX_POSITION) are left out, so whatever this writes decodes. Never fails. */
size_t pc_rank_evidence_encode(const pc_rank_evidence *e, void *blob);

/* Reads a BLOB written by pc_rank_evidence_encode into *out. Returns 0, or PC_EFORMAT (with *out zeroed)
 * when blob is NULL or the bytes are not such a BLOB: a length that is not the one its counts announce,
 * counts that are not whole numbers within the limits, a number that is negative, NaN or infinite, or a
 * range that is not whole positions 0 <= first <= last <= PC_RANK_MAX_POSITION. blob needs no alignment. */
int pc_rank_evidence_decode(const void *blob, size_t bytes, pc_rank_evidence *out);

/* The bytes pc_spans_encode writes for n spans, at most. */
#define PC_SPANS_BLOB_BYTES(n) ((n) * 2 * sizeof(int32_t))

/* Writes spans[0..n) into blob (at least PC_SPANS_BLOB_BYTES(n) bytes) as int32 (start, end) pairs in host
 * order and returns the bytes written. Spans that an int32 cannot hold, or that are empty or reversed, are
 * left out. Never fails. */
size_t pc_spans_encode(const pc_span *spans, size_t n, void *blob);

/* Decodes a BLOB of pc_spans_encode (pc_match_spans' result) into *spans (malloc'd, caller frees; NULL when
 * empty) and *n. Pairs that are not inside [0, text_len], are empty or reversed, or start before the previous
 * kept pair ends are dropped; a trailing partial pair is ignored; blob may be NULL and needs no alignment.
 * Returns 0 or PC_ENOMEM. */
int pc_spans_decode(const void *blob, size_t blob_bytes, size_t text_len, pc_span **spans, size_t *n);

#endif
