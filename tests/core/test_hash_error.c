/* test_hash_error.c — unit tests for the two smallest modules: content fingerprints (hash.h: XXH3-128 as 32
 * lowercase hex digits, a known test vector) and error records (error.h: set, clear, NULL-safe). */
#include <string.h>

#include "harness.h"
#include "presscut/core/error.h"
#include "presscut/core/hash.h"

static void test_hash(void)
{
    char a[PC_HASH_HEX_LEN + 1], b[PC_HASH_HEX_LEN + 1];
    pc_hash_hex("", 0, a);
    CHECK_STR_EQ(a, "99aa06d3014798d86001c324468d497f"); /* XXH3-128 of the empty input */
    pc_hash_hex("abc", 3, a);
    CHECK_INT_EQ(strlen(a), PC_HASH_HEX_LEN);
    CHECK(strspn(a, "0123456789abcdef") == PC_HASH_HEX_LEN);
    pc_hash_hex("abc", 3, b);
    CHECK_STR_EQ(a, b);
    pc_hash_hex("abd", 3, b);
    CHECK(strcmp(a, b) != 0);
    pc_hash_hex("abc\0d", 5, b); /* bytes after a NUL count */
    CHECK(strcmp(a, b) != 0);
}

/* The hash of pieces equals the hash of the whole, wherever the pieces are cut (the indexer hashes a large
 * file as it reads it in parts). */
static void test_hash_stream(void)
{
    char text[5000];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('a' + (i * 7) % 26);
    char whole[PC_HASH_HEX_LEN + 1], pieces[PC_HASH_HEX_LEN + 1];
    pc_hash_hex(text, sizeof text, whole);
    static const size_t cuts[] = {1, 63, 64, 240, 1024, 4999};
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
        pc_hash_stream *h = pc_hash_stream_new();
        CHECK(h != NULL);
        if (!h)
            return;
        for (size_t at = 0; at < sizeof text; at += cuts[c])
            pc_hash_stream_add(h, text + at, at + cuts[c] <= sizeof text ? cuts[c] : sizeof text - at);
        pc_hash_stream_hex(h, pieces);
        CHECK_STR_EQ(pieces, whole);
        pc_hash_stream_free(h);
    }
    pc_hash_stream *empty = pc_hash_stream_new();
    CHECK(empty != NULL);
    if (empty) {
        pc_hash_stream_hex(empty, pieces);
        CHECK_STR_EQ(pieces, "99aa06d3014798d86001c324468d497f");
    }
    pc_hash_stream_free(empty);
    pc_hash_stream_free(NULL);
}

static void test_error(void)
{
    pc_error err;
    pc_error_clear(&err);
    CHECK_INT_EQ(err.code, PC_OK);
    CHECK_STR_EQ(err.msg, "");
    CHECK_INT_EQ(pc_error_set(&err, PC_EIO, "cannot read '%s': %s", "a.txt", "no such file"), PC_EIO);
    CHECK_INT_EQ(err.code, PC_EIO);
    CHECK_STR_EQ(err.msg, "cannot read 'a.txt': no such file");
    CHECK_INT_EQ(pc_error_set(NULL, PC_ENOMEM, "ignored"), PC_ENOMEM); /* NULL: code still returned */
    pc_error_clear(NULL);
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    pc_error_set(&err, PC_EINVAL, "%s", big); /* truncated, still terminated */
    CHECK_INT_EQ(strlen(err.msg), sizeof err.msg - 1);
    pc_error_clear(&err);
    CHECK_INT_EQ(err.code, PC_OK);
    CHECK_STR_EQ(err.msg, "");
}

int main(void)
{
    RUN_TEST(test_hash);
    RUN_TEST(test_hash_stream);
    RUN_TEST(test_error);
    return TEST_REPORT();
}
