/* test_body_codec.c — bodies as zstd frames: packed and unpacked back byte for byte with and without a
 * dictionary, texts that do not gain kept as they are, a dictionary trained from samples (gathered by the
 * sampler up to PC_BODY_TRAIN_BYTES) that packs smaller and that a frame names by id, and damaged frames and
 * dictionaries refused. */
#include "presscut/store/body_codec.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "synthetic_news.h"

#define N_SAMPLES 1200

/* Trains a dictionary on N_SAMPLES synthetic bodies. */
static pc_body_dictionary *trained(void)
{
    char *samples = malloc(N_SAMPLES * 4096);
    size_t *sizes = malloc(N_SAMPLES * sizeof *sizes);
    size_t used = 0;
    for (unsigned i = 0; i < N_SAMPLES; i++) {
        sizes[i] = synthetic_body(i, samples + used, 4096);
        used += sizes[i];
    }
    pc_body_dictionary *d = NULL;
    CHECK_INT_EQ(pc_body_dictionary_train(samples, sizes, N_SAMPLES, &d), PC_OK);
    free(samples);
    free(sizes);
    return d;
}

/* A packer and an unpacker, checked made. */
static void new_codecs(pc_body_packer **p, pc_body_unpacker **u)
{
    CHECK_INT_EQ(pc_body_packer_new(p), PC_OK);
    CHECK_INT_EQ(pc_body_unpacker_new(u), PC_OK);
}

/* Packs `body` with `dict`, unpacks it with `u` and checks the text comes back. Returns the frame's size. */
static size_t round_trip(pc_body_packer *p, pc_body_unpacker *u, const pc_body_dictionary *dict, const char *body)
{
    void *frame = NULL;
    size_t frame_len = 0;
    CHECK_INT_EQ(pc_body_pack(p, dict, body, strlen(body), &frame, &frame_len), PC_OK);
    CHECK(frame != NULL);
    if (!frame)
        return 0;
    CHECK(frame_len < strlen(body));
    CHECK_INT_EQ(pc_body_frame_dictionary_id(frame, frame_len), dict ? pc_body_dictionary_id(dict) : 0);
    char *text = NULL;
    size_t text_len = 0;
    CHECK_INT_EQ(pc_body_unpack(u, frame, frame_len, &text, &text_len), PC_OK);
    CHECK_STR_EQ(text, body);
    CHECK_INT_EQ(text_len, strlen(body));
    free(text);
    free(frame);
    return frame_len;
}

static void test_without_dictionary(void)
{
    pc_body_packer *p = NULL;
    pc_body_unpacker *u = NULL;
    new_codecs(&p, &u);
    char body[8192];
    synthetic_body(7, body, sizeof body);
    round_trip(p, u, NULL, body);
    round_trip(p, u, NULL, "Привіт, світе! Привіт, світе! Привіт, світе! Привіт, світе! Привіт, світе!");

    /* A short text gains nothing: no frame, the text is kept as it is. */
    void *frame = (void *)1;
    size_t frame_len = 99;
    CHECK_INT_EQ(pc_body_pack(p, NULL, "Reuter", 6, &frame, &frame_len), PC_OK);
    CHECK(frame == NULL);
    CHECK_INT_EQ(frame_len, 0);
    pc_body_packer_free(p);
    pc_body_unpacker_free(u);
}

static void test_with_dictionary(void)
{
    pc_body_dictionary *d = trained();
    if (!d)
        return;
    CHECK(pc_body_dictionary_id(d) != 0);
    size_t len = 0;
    const void *bytes = pc_body_dictionary_bytes(d, &len);
    CHECK(len > 0 && len <= PC_BODY_DICTIONARY_BYTES);

    pc_body_packer *p = NULL;
    pc_body_unpacker *u = NULL;
    new_codecs(&p, &u);
    char body[8192];
    synthetic_body(N_SAMPLES + 5, body, sizeof body); /* not one of the samples */

    /* Without the dictionary the unpacker says so, and works once given it. */
    void *frame = NULL;
    size_t frame_len = 0;
    CHECK_INT_EQ(pc_body_pack(p, d, body, strlen(body), &frame, &frame_len), PC_OK);
    CHECK(!pc_body_unpacker_has(u, pc_body_dictionary_id(d)));
    char *text = (char *)1;
    size_t text_len = 0;
    CHECK_INT_EQ(pc_body_unpack(u, frame, frame_len, &text, &text_len), PC_ECONFIG);
    CHECK(text == NULL);
    CHECK_INT_EQ(pc_body_unpacker_add(u, bytes, len), PC_OK);
    CHECK(pc_body_unpacker_has(u, pc_body_dictionary_id(d)));
    free(frame);

    size_t with = round_trip(p, u, d, body);
    size_t without = round_trip(p, u, NULL, body);
    fprintf(stderr, "  %zu bytes: %zu with the dictionary, %zu without\n", strlen(body), with, without);
    CHECK(with < without);

    /* The bytes as kept in an index make the same dictionary. */
    pc_body_dictionary *again = NULL;
    CHECK_INT_EQ(pc_body_dictionary_load(bytes, len, &again), PC_OK);
    CHECK(again && pc_body_dictionary_id(again) == pc_body_dictionary_id(d));
    if (again)
        round_trip(p, u, again, body);
    pc_body_dictionary_free(again);
    pc_body_packer_free(p);
    pc_body_unpacker_free(u);
    pc_body_dictionary_free(d);
}

/* The sampler trains once it holds PC_BODY_TRAIN_BYTES of samples, and then takes no more. */
static void test_sampler(void)
{
    pc_body_sampler *sm = NULL;
    CHECK_INT_EQ(pc_body_sampler_new(&sm), PC_OK);
    if (!sm)
        return;
    pc_body_dictionary *d = NULL;
    size_t given = 0;
    unsigned seed = 0;
    char body[4096];
    while (!pc_body_sampler_done(sm) && given < 2 * PC_BODY_TRAIN_BYTES) {
        size_t len = synthetic_body(seed++, body, sizeof body);
        CHECK(d == NULL);
        CHECK_INT_EQ(pc_body_sampler_add(sm, body, len, &d), PC_OK);
        given += len;
    }
    CHECK(pc_body_sampler_done(sm));
    CHECK(d != NULL);
    CHECK(given >= PC_BODY_TRAIN_BYTES - 16 && given < PC_BODY_TRAIN_BYTES + sizeof body);
    pc_body_dictionary *more = (pc_body_dictionary *)1;
    CHECK_INT_EQ(pc_body_sampler_add(sm, body, strlen(body), &more), PC_OK);
    CHECK(more == NULL);
    pc_body_dictionary_free(d);
    pc_body_sampler_free(sm);
    pc_body_sampler_free(NULL);
}

static void test_damaged_input(void)
{
    pc_body_packer *p = NULL;
    pc_body_unpacker *u = NULL;
    new_codecs(&p, &u);
    const char *body = "Talks ended without a deal. Talks ended without a deal. Talks ended without a deal.";
    void *frame = NULL;
    size_t frame_len = 0;
    CHECK_INT_EQ(pc_body_pack(p, NULL, body, strlen(body), &frame, &frame_len), PC_OK);
    char *text = NULL;
    size_t text_len = 0;
    if (frame) {
        CHECK_INT_EQ(pc_body_unpack(u, frame, frame_len / 2, &text, &text_len), PC_EFORMAT); /* cut short */
        CHECK(text == NULL);
        memset((char *)frame + 8, 0xff, frame_len - 8); /* the header intact, the content not */
        CHECK_INT_EQ(pc_body_unpack(u, frame, frame_len, &text, &text_len), PC_EFORMAT);
        CHECK(text == NULL);
    }
    free(frame);
    CHECK_INT_EQ(pc_body_unpack(u, "plain text", 10, &text, &text_len), PC_EFORMAT);
    CHECK_INT_EQ(pc_body_frame_dictionary_id("plain text", 10), 0);

    pc_body_dictionary *d = (pc_body_dictionary *)1;
    CHECK_INT_EQ(pc_body_dictionary_load("not a dictionary", 16, &d), PC_EFORMAT);
    CHECK(d == NULL);
    CHECK_INT_EQ(pc_body_unpacker_add(u, "not a dictionary", 16), PC_EFORMAT);
    /* Too little to train on: no dictionary, and bodies go without one. */
    size_t sizes[2] = {5, 5};
    CHECK_INT_EQ(pc_body_dictionary_train("aaaaabbbbb", sizes, 2, &d), PC_EINVAL);
    CHECK(d == NULL);
    pc_body_packer_free(p);
    pc_body_unpacker_free(u);
    pc_body_dictionary_free(NULL);
    pc_body_packer_free(NULL);
    pc_body_unpacker_free(NULL);
}

int main(void)
{
    RUN_TEST(test_without_dictionary);
    RUN_TEST(test_with_dictionary);
    RUN_TEST(test_sampler);
    RUN_TEST(test_damaged_input);
    return TEST_REPORT();
}
