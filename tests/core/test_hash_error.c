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
    RUN_TEST(test_error);
    return TEST_REPORT();
}
