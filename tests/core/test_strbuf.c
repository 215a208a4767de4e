/* test_strbuf.c — unit tests for strbuf.h: appending, NULs inside, growth, reset keeps memory, free. */
#include <string.h>

#include "harness.h"
#include "presscut/core/strbuf.h"

static void test_append_and_grow(void)
{
    pc_strbuf b = {0};
    pc_strbuf_add(&b, "", 0); /* nothing added: still no memory */
    CHECK(b.data == NULL);
    pc_strbuf_add_str(&b, "Kyiv");
    pc_strbuf_add(&b, ", Kharkiv and more", 9);
    CHECK_STR_EQ(b.data, "Kyiv, Kharkiv");
    CHECK_INT_EQ(b.len, 13);
    pc_strbuf_add(&b, "a\0b", 3); /* NULs are bytes like others */
    CHECK_INT_EQ(b.len, 16);
    CHECK(memcmp(b.data + 13, "a\0b", 3) == 0);
    CHECK(b.data[16] == '\0');
    for (int i = 0; i < 10000; i++)
        pc_strbuf_add(&b, "0123456789", 10);
    CHECK_INT_EQ(b.len, 16 + 100000);
    CHECK(b.cap > b.len);
    CHECK(!b.failed);
    size_t cap = b.cap;
    pc_strbuf_reset(&b);
    CHECK_INT_EQ(b.len, 0);
    CHECK_STR_EQ(b.data, "");
    CHECK_INT_EQ(b.cap, cap); /* memory kept for the next text */
    pc_strbuf_free(&b);
    CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
    pc_strbuf_free(NULL);
}

static void test_failed_is_sticky(void)
{
    pc_strbuf b = {0};
    pc_strbuf_add_str(&b, "kept");
    b.failed = true; /* as after an allocation failure */
    pc_strbuf_add_str(&b, " lost");
    CHECK_STR_EQ(b.data, "kept");
    CHECK_INT_EQ(b.len, 4);
    pc_strbuf_free(&b);
    CHECK(!b.failed);
}

static void test_truncate(void)
{
    pc_strbuf b = {0};
    pc_strbuf_truncate(&b, 0); /* nothing allocated yet: nothing to do */
    CHECK(b.data == NULL);
    pc_strbuf_add_str(&b, "first\n\nsecond");
    pc_strbuf_truncate(&b, 5);
    CHECK_STR_EQ(b.data, "first");
    CHECK_INT_EQ(b.len, 5);
    pc_strbuf_truncate(&b, 50); /* longer than the content: unchanged */
    CHECK_STR_EQ(b.data, "first");
    pc_strbuf_add_str(&b, "!");
    CHECK_STR_EQ(b.data, "first!");
    pc_strbuf_free(&b);
}

int main(void)
{
    RUN_TEST(test_append_and_grow);
    RUN_TEST(test_failed_is_sticky);
    RUN_TEST(test_truncate);
    return TEST_REPORT();
}
