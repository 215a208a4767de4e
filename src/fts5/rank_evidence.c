/* rank_evidence.c — the codec of the rank functions' BLOBs (include/presscut/fts5/rank_evidence.h).
 *
 * Evidence BLOB: 32-bit floats in host order,
 *   [score, length, avg_length, rows, m, r, tf[0..m), idf[0..m), r pairs (first, last)]
 * with m = n_phrases and r = n_ranges; its length is exactly (6 + 2m + 2r) floats.
 * Span BLOB: int32 (start, end) pairs in host order. */
#include "presscut/fts5/rank_evidence.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "presscut/core/error.h"

/* The evidence BLOB's leading floats, before the per-phrase counts. */
enum { HEADER_SCORE, HEADER_LENGTH, HEADER_AVG_LENGTH, HEADER_ROWS, HEADER_PHRASES, HEADER_RANGES, HEADER_FLOATS };

/* rows is sent as a float: beyond this it could not be turned back into a long long. */
#define MAX_ROWS 9.0e18

static int clamp_count(int n, int max)
{
    return n < 0 ? 0 : n > max ? max : n;
}

static bool range_sendable(pc_token_range r)
{
    return r.first >= 0 && r.first <= r.last && r.last <= PC_RANK_MAX_POSITION;
}

size_t pc_rank_evidence_encode(const pc_rank_evidence *e, void *blob)
{
    float v[PC_RANK_EVIDENCE_MAX_BYTES / sizeof(float)];
    int m = clamp_count(e->n_phrases, PC_RANK_MAX_PHRASES);
    int r = clamp_count(e->n_ranges, PC_RANK_MAX_MATCHES);
    size_t k = HEADER_FLOATS;
    for (int i = 0; i < m; i++)
        v[k++] = e->tf[i];
    for (int i = 0; i < m; i++)
        v[k++] = e->idf[i];
    int sent = 0;
    for (int i = 0; i < r; i++) {
        if (!range_sendable(e->ranges[i]))
            continue;
        v[k++] = (float)e->ranges[i].first;
        v[k++] = (float)e->ranges[i].last;
        sent++;
    }
    v[HEADER_SCORE] = e->score;
    v[HEADER_LENGTH] = e->length;
    v[HEADER_AVG_LENGTH] = e->avg_length;
    v[HEADER_ROWS] = (float)e->rows;
    v[HEADER_PHRASES] = (float)m;
    v[HEADER_RANGES] = (float)sent;
    memcpy(blob, v, k * sizeof(float));
    return k * sizeof(float);
}

/* True if x is a finite number >= 0 (NaN fails every comparison). */
static bool non_negative(float x)
{
    return x >= 0.0f && isfinite(x);
}

/* True if x is a whole number in [0, max]. */
static bool whole_in(float x, double max)
{
    return non_negative(x) && (double)x <= max && floorf(x) == x;
}

int pc_rank_evidence_decode(const void *blob, size_t bytes, pc_rank_evidence *out)
{
    memset(out, 0, sizeof *out);
    float v[PC_RANK_EVIDENCE_MAX_BYTES / sizeof(float)];
    if (!blob || bytes % sizeof(float) != 0 || bytes < HEADER_FLOATS * sizeof(float) || bytes > sizeof v)
        return PC_EFORMAT;
    memcpy(v, blob, bytes);
    size_t count = bytes / sizeof(float);
    if (!whole_in(v[HEADER_PHRASES], PC_RANK_MAX_PHRASES) || !whole_in(v[HEADER_RANGES], PC_RANK_MAX_MATCHES))
        return PC_EFORMAT;
    int m = (int)v[HEADER_PHRASES], r = (int)v[HEADER_RANGES];
    if ((size_t)(HEADER_FLOATS + 2 * m + 2 * r) != count)
        return PC_EFORMAT;
    if (!non_negative(v[HEADER_SCORE]) || !non_negative(v[HEADER_LENGTH]) || !non_negative(v[HEADER_AVG_LENGTH]) ||
        !whole_in(v[HEADER_ROWS], MAX_ROWS))
        return PC_EFORMAT;
    const float *tf = v + HEADER_FLOATS, *idf = tf + m, *pairs = idf + m;
    for (int i = 0; i < m; i++)
        if (!non_negative(tf[i]) || !non_negative(idf[i]))
            return PC_EFORMAT;
    for (int i = 0; i < r; i++)
        if (!whole_in(pairs[2 * i], PC_RANK_MAX_POSITION) || !whole_in(pairs[2 * i + 1], PC_RANK_MAX_POSITION) ||
            pairs[2 * i] > pairs[2 * i + 1])
            return PC_EFORMAT;
    out->score = v[HEADER_SCORE];
    out->length = v[HEADER_LENGTH];
    out->avg_length = v[HEADER_AVG_LENGTH];
    out->rows = (long long)v[HEADER_ROWS];
    out->n_phrases = m;
    for (int i = 0; i < m; i++) {
        out->tf[i] = tf[i];
        out->idf[i] = idf[i];
    }
    out->n_ranges = r;
    for (int i = 0; i < r; i++)
        out->ranges[i] = (pc_token_range){(int)pairs[2 * i], (int)pairs[2 * i + 1]};
    return PC_OK;
}

size_t pc_spans_encode(const pc_span *spans, size_t n, void *blob)
{
    unsigned char *at = blob;
    for (size_t i = 0; i < n; i++) {
        if (spans[i].start >= spans[i].end || spans[i].end > INT32_MAX)
            continue;
        int32_t pair[2] = {(int32_t)spans[i].start, (int32_t)spans[i].end};
        memcpy(at, pair, sizeof pair);
        at += sizeof pair;
    }
    return (size_t)(at - (unsigned char *)blob);
}

int pc_spans_decode(const void *blob, size_t blob_bytes, size_t text_len, pc_span **spans, size_t *n)
{
    *spans = NULL;
    *n = 0;
    size_t pairs = blob ? blob_bytes / (2 * sizeof(int32_t)) : 0;
    if (pairs == 0)
        return 0;
    pc_span *list = malloc(pairs * sizeof *list);
    if (!list)
        return PC_ENOMEM;
    const unsigned char *p = blob;
    size_t kept = 0, prev_end = 0;
    for (size_t i = 0; i < pairs; i++) {
        int32_t v[2];
        memcpy(v, p + i * sizeof v, sizeof v);
        if (v[0] < 0 || v[1] <= v[0] || (size_t)v[1] > text_len || (size_t)v[0] < prev_end)
            continue;
        list[kept].start = (size_t)v[0];
        list[kept].end = (size_t)v[1];
        prev_end = list[kept].end;
        kept++;
    }
    if (kept == 0) {
        free(list);
        return 0;
    }
    *spans = list;
    *n = kept;
    return 0;
}
