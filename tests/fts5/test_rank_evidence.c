/* test_rank_evidence.c — the codec of the rank functions' BLOBs: evidence round trips (empty, full, clamped
 * counts, unsendable ranges), hostile evidence BLOBs (NULL, short, long, misaligned memory, lengths that
 * disagree with their counts, fractional or out-of-range counts, NaN, infinities, negative numbers, reversed
 * or huge ranges), and the span pairs of pc_match_spans (encode, decode, round trip). */
#include "presscut/fts5/rank_evidence.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "presscut/core/error.h"

/* ---- evidence ---------------------------------------------------------------------------------------- */

/* An evidence record with m phrases and r ranges, every field distinct. */
static pc_rank_evidence sample(int m, int r)
{
    pc_rank_evidence e;
    memset(&e, 0, sizeof e);
    e.score = 7.25f;
    e.length = 42.0f;
    e.avg_length = 37.5f;
    e.rows = 123456;
    e.n_phrases = m;
    for (int i = 0; i < m && i < PC_RANK_MAX_PHRASES; i++) {
        e.tf[i] = (float)(i + 1);
        e.idf[i] = 0.5f + (float)i / 4.0f;
    }
    e.n_ranges = r;
    for (int i = 0; i < r && i < PC_RANK_MAX_MATCHES; i++)
        e.ranges[i] = (pc_token_range){3 * i, 3 * i + (i % 3)};
    return e;
}

static bool same_evidence(const pc_rank_evidence *a, const pc_rank_evidence *b)
{
    if (a->score != b->score || a->length != b->length || a->avg_length != b->avg_length || a->rows != b->rows ||
        a->n_phrases != b->n_phrases || a->n_ranges != b->n_ranges)
        return false;
    for (int i = 0; i < a->n_phrases; i++)
        if (a->tf[i] != b->tf[i] || a->idf[i] != b->idf[i])
            return false;
    for (int i = 0; i < a->n_ranges; i++)
        if (a->ranges[i].first != b->ranges[i].first || a->ranges[i].last != b->ranges[i].last)
            return false;
    return true;
}

static void test_round_trip(void)
{
    static const int shapes[][2] = {{0, 0}, {1, 0}, {0, 1}, {2, 3}, {PC_RANK_MAX_PHRASES, PC_RANK_MAX_MATCHES}};
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        pc_rank_evidence e = sample(shapes[k][0], shapes[k][1]), back;
        unsigned char blob[PC_RANK_EVIDENCE_MAX_BYTES];
        size_t bytes = pc_rank_evidence_encode(&e, blob);
        CHECK_INT_EQ(bytes, (6 + 2 * shapes[k][0] + 2 * shapes[k][1]) * sizeof(float));
        CHECK_INT_EQ(pc_rank_evidence_decode(blob, bytes, &back), PC_OK);
        CHECK(same_evidence(&e, &back));
    }
    /* from misaligned memory */
    pc_rank_evidence e = sample(3, 5), back;
    unsigned char raw[PC_RANK_EVIDENCE_MAX_BYTES + 1];
    size_t bytes = pc_rank_evidence_encode(&e, raw + 1);
    CHECK_INT_EQ(pc_rank_evidence_decode(raw + 1, bytes, &back), PC_OK);
    CHECK(same_evidence(&e, &back));
}

static void test_encode_clamps(void)
{
    /* counts past the limits are cut to them; negative counts become 0 */
    pc_rank_evidence e = sample(PC_RANK_MAX_PHRASES, PC_RANK_MAX_MATCHES), back;
    e.n_phrases = PC_RANK_MAX_PHRASES + 5;
    e.n_ranges = PC_RANK_MAX_MATCHES + 9;
    unsigned char blob[PC_RANK_EVIDENCE_MAX_BYTES];
    size_t bytes = pc_rank_evidence_encode(&e, blob);
    CHECK_INT_EQ(bytes, PC_RANK_EVIDENCE_MAX_BYTES);
    CHECK_INT_EQ(pc_rank_evidence_decode(blob, bytes, &back), PC_OK);
    CHECK_INT_EQ(back.n_phrases, PC_RANK_MAX_PHRASES);
    CHECK_INT_EQ(back.n_ranges, PC_RANK_MAX_MATCHES);
    e = sample(2, 2);
    e.n_phrases = -3;
    e.n_ranges = -1;
    bytes = pc_rank_evidence_encode(&e, blob);
    CHECK_INT_EQ(bytes, 6 * sizeof(float));
    CHECK_INT_EQ(pc_rank_evidence_decode(blob, bytes, &back), PC_OK);
    CHECK_INT_EQ(back.n_phrases, 0);
    CHECK_INT_EQ(back.n_ranges, 0);
    /* ranges a decoder would refuse are not sent; the others keep their order */
    e = sample(1, 4);
    e.ranges[0] = (pc_token_range){-1, 2};
    e.ranges[2] = (pc_token_range){5, 4};
    e.ranges[3] = (pc_token_range){1, PC_RANK_MAX_POSITION + 1};
    bytes = pc_rank_evidence_encode(&e, blob);
    CHECK_INT_EQ(pc_rank_evidence_decode(blob, bytes, &back), PC_OK);
    CHECK_INT_EQ(back.n_ranges, 1);
    CHECK_INT_EQ(back.ranges[0].first, e.ranges[1].first);
    CHECK_INT_EQ(back.ranges[0].last, e.ranges[1].last);
}

/* A valid BLOB of sample(2, 2) as floats, to spoil: [score, length, avg, rows, m, r, tf0, tf1, idf0, idf1,
 * first0, last0, first1, last1]. */
enum { HOSTILE_FLOATS = 6 + 2 * 2 + 2 * 2 };

static void valid_floats(float *v)
{
    pc_rank_evidence e = sample(2, 2);
    CHECK_INT_EQ(pc_rank_evidence_encode(&e, v), HOSTILE_FLOATS * sizeof(float));
}

/* Decodes v[0..n) expecting PC_EFORMAT and a zeroed record. */
static bool refused(const float *v, size_t n)
{
    pc_rank_evidence out;
    memset(&out, 0xab, sizeof out);
    if (pc_rank_evidence_decode(v, n * sizeof(float), &out) != PC_EFORMAT)
        return false;
    pc_rank_evidence zero;
    memset(&zero, 0, sizeof zero);
    return memcmp(&out, &zero, sizeof out) == 0;
}

static void test_hostile(void)
{
    float v[PC_RANK_EVIDENCE_MAX_BYTES / sizeof(float) + 4];
    pc_rank_evidence out;
    valid_floats(v);
    CHECK_INT_EQ(pc_rank_evidence_decode(v, HOSTILE_FLOATS * sizeof(float), &out), PC_OK);

    /* absent, short, cut, long, not whole floats */
    CHECK_INT_EQ(pc_rank_evidence_decode(NULL, 0, &out), PC_EFORMAT);
    CHECK_INT_EQ(pc_rank_evidence_decode(NULL, 40, &out), PC_EFORMAT);
    CHECK(refused(v, 0));
    CHECK(refused(v, 5));
    CHECK(refused(v, HOSTILE_FLOATS - 1));
    CHECK(refused(v, HOSTILE_FLOATS + 2));
    CHECK(refused(v, sizeof v / sizeof v[0]));
    CHECK_INT_EQ(pc_rank_evidence_decode(v, HOSTILE_FLOATS * sizeof(float) - 1, &out), PC_EFORMAT);
    CHECK_INT_EQ(pc_rank_evidence_decode(v, HOSTILE_FLOATS * sizeof(float) + 3, &out), PC_EFORMAT);

    /* each field spoiled in turn: [index, value] */
    const struct {
        int at;
        float value;
    } spoil[] = {
        {0, NAN}, {0, INFINITY}, {0, -1.0f},     /* score */
        {1, NAN}, {1, -2.0f},                    /* length */
        {2, -INFINITY}, {2, NAN},                /* average length */
        {3, NAN}, {3, -1.0f}, {3, 2.5f}, {3, 1e30f}, /* rows */
        /* phrase count: fractional, NaN, negative, disagreeing with the length, past the limit */
        {4, 1.5f}, {4, NAN}, {4, -2.0f}, {4, 3.0f}, {4, (float)(PC_RANK_MAX_PHRASES + 1)}, {4, 1e10f},
        {5, 0.5f}, {5, INFINITY}, {5, -1.0f}, {5, 1.0f}, /* range count */
        {6, NAN}, {7, -1.0f}, {8, INFINITY}, {9, NAN}, /* tf, idf */
        {10, -1.0f}, {10, 0.5f}, {11, NAN}, {13, 1e9f}, /* range positions: negative, fractional, NaN, too far */
        {12, 100.0f},                                /* a reversed range: first > last */
    };
    for (size_t k = 0; k < sizeof spoil / sizeof spoil[0]; k++) {
        valid_floats(v);
        v[spoil[k].at] = spoil[k].value;
        if (!refused(v, HOSTILE_FLOATS))
            fprintf(stderr, "accepted a BLOB with float %d = %g\n", spoil[k].at, (double)spoil[k].value);
        CHECK(refused(v, HOSTILE_FLOATS));
    }

    /* counts that fit the length but not the limits: 144 phrases and no ranges make a BLOB of the largest size */
    memset(v, 0, sizeof v);
    v[4] = (float)((PC_RANK_EVIDENCE_MAX_BYTES / sizeof(float) - 6) / 2);
    CHECK(refused(v, PC_RANK_EVIDENCE_MAX_BYTES / sizeof(float)));
    /* from misaligned memory, a spoiled BLOB is refused as well */
    valid_floats(v);
    v[0] = NAN;
    unsigned char raw[HOSTILE_FLOATS * sizeof(float) + 1];
    memcpy(raw + 1, v, HOSTILE_FLOATS * sizeof(float));
    CHECK_INT_EQ(pc_rank_evidence_decode(raw + 1, HOSTILE_FLOATS * sizeof(float), &out), PC_EFORMAT);
}

/* Random bytes never crash the decoder and, when accepted, give counts within the limits. */
static void test_random_bytes(void)
{
    unsigned char blob[PC_RANK_EVIDENCE_MAX_BYTES];
    unsigned seed = 2024;
    int accepted = 0;
    for (int round = 0; round < 20000; round++) {
        size_t bytes = (size_t)(round % 64) * 4 + (round % 7 == 0);
        for (size_t i = 0; i < bytes; i++) {
            seed = seed * 1103515245u + 12345u;
            blob[i] = (unsigned char)(seed >> 16);
        }
        if (bytes >= 24) { /* plausible counts now and then, so the deeper checks run too */
            float m = (float)(round % 3), r = (float)(round % 5);
            memcpy(blob + 16, &m, 4);
            memcpy(blob + 20, &r, 4);
        }
        pc_rank_evidence out;
        if (pc_rank_evidence_decode(blob, bytes, &out) == PC_OK) {
            accepted++;
            CHECK(out.n_phrases >= 0 && out.n_phrases <= PC_RANK_MAX_PHRASES);
            CHECK(out.n_ranges >= 0 && out.n_ranges <= PC_RANK_MAX_MATCHES);
            for (int i = 0; i < out.n_ranges; i++)
                CHECK(out.ranges[i].first >= 0 && out.ranges[i].first <= out.ranges[i].last);
            CHECK(isfinite(out.score) && out.score >= 0.0f);
        }
    }
    CHECK(accepted < 20000);
}

/* ---- span pairs -------------------------------------------------------------------------------------- */

static void test_spans_round_trip(void)
{
    pc_span in[] = {{0, 4}, {5, 9}, {12, 30}, {31, 32}};
    unsigned char blob[PC_SPANS_BLOB_BYTES(4)];
    size_t bytes = pc_spans_encode(in, 4, blob);
    CHECK_INT_EQ(bytes, sizeof blob);
    pc_span *out = NULL;
    size_t n = 0;
    CHECK_INT_EQ(pc_spans_decode(blob, bytes, 32, &out, &n), 0);
    CHECK_INT_EQ(n, 4);
    if (n == 4)
        CHECK(memcmp(in, out, sizeof in) == 0);
    free(out);
    /* empty, reversed and too-large spans are not written */
    pc_span odd[] = {{3, 3}, {7, 5}, {1, (size_t)INT32_MAX + 1}, {8, 10}};
    unsigned char small[PC_SPANS_BLOB_BYTES(4)];
    bytes = pc_spans_encode(odd, 4, small);
    CHECK_INT_EQ(bytes, PC_SPANS_BLOB_BYTES(1));
    CHECK_INT_EQ(pc_spans_decode(small, bytes, 100, &out, &n), 0);
    CHECK_INT_EQ(n, 1);
    if (n == 1)
        CHECK(out[0].start == 8 && out[0].end == 10);
    free(out);
    CHECK_INT_EQ(pc_spans_encode(NULL, 0, small), 0);
}

static void test_spans_decode(void)
{
    int32_t pairs[] = {0, 4, 2, 3, /* overlaps: dropped */ 5, 9, 9, 9, /* empty */ -1, 2, 10, 20, 30, 200};
    pc_span *spans = NULL;
    size_t n = 99;
    CHECK_INT_EQ(pc_spans_decode(pairs, sizeof pairs, 100, &spans, &n), 0);
    CHECK_INT_EQ(n, 3);
    if (n == 3) {
        CHECK_INT_EQ(spans[0].start, 0);
        CHECK_INT_EQ(spans[0].end, 4);
        CHECK_INT_EQ(spans[1].start, 5);
        CHECK_INT_EQ(spans[1].end, 9);
        CHECK_INT_EQ(spans[2].start, 10);
        CHECK_INT_EQ(spans[2].end, 20);
    }
    free(spans);
    /* end == text_len is inside; a trailing half pair is ignored */
    int32_t edge[] = {96, 100, 7};
    CHECK_INT_EQ(pc_spans_decode(edge, sizeof edge, 100, &spans, &n), 0);
    CHECK_INT_EQ(n, 1);
    free(spans);
    CHECK_INT_EQ(pc_spans_decode(NULL, 0, 100, &spans, &n), 0);
    CHECK(spans == NULL);
    CHECK_INT_EQ(n, 0);
    int32_t none[] = {50, 60};
    CHECK_INT_EQ(pc_spans_decode(none, sizeof none, 10, &spans, &n), 0);
    CHECK(spans == NULL);
    CHECK_INT_EQ(n, 0);
    /* unaligned BLOB memory */
    unsigned char raw[1 + 8];
    int32_t one[2] = {1, 3};
    memcpy(raw + 1, one, sizeof one);
    CHECK_INT_EQ(pc_spans_decode(raw + 1, 8, 10, &spans, &n), 0);
    CHECK_INT_EQ(n, 1);
    if (n == 1)
        CHECK_INT_EQ(spans[0].end, 3);
    free(spans);
}

int main(void)
{
    RUN_TEST(test_round_trip);
    RUN_TEST(test_encode_clamps);
    RUN_TEST(test_hostile);
    RUN_TEST(test_random_bytes);
    RUN_TEST(test_spans_round_trip);
    RUN_TEST(test_spans_decode);
    return TEST_REPORT();
}
