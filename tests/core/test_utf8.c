/* test_utf8.c — unit tests for the shared UTF-8 primitives: strict decode/encode round trips over every
 * scalar value, ill-formed sequences refused by the strict decoder and repaired by pc_utf8_next, and the
 * white-space definition. (text_decode's tests cover pc_utf8_next and pc_utf8_valid on whole texts too.) */
#include <string.h>

#include "harness.h"
#include "presscut/core/utf8.h"

static void test_round_trip_every_scalar(void)
{
    long bad = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char buf[4];
        int n = pc_utf8_encode(cp, buf);
        uint32_t back = 0;
        unsigned int next = 0;
        if (pc_utf8_decode((const unsigned char *)buf, (size_t)n, &back) != n || back != cp ||
            pc_utf8_next(buf, (size_t)n, &next) != (size_t)n || next != cp || !pc_utf8_valid(buf, (size_t)n))
            bad++;
    }
    CHECK_INT_EQ(bad, 0);
}

static void test_ill_formed(void)
{
    static const char *const cases[] = {
        "\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
        "\xFF", "\xC3", "\xE2\x82", "\xF0\x9F\x98",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i];
        uint32_t cp;
        CHECK_INT_EQ(pc_utf8_decode((const unsigned char *)s, strlen(s), &cp), 0);
        CHECK(!pc_utf8_valid(s, strlen(s)));
        unsigned int repaired;
        size_t n = pc_utf8_next(s, strlen(s), &repaired);
        CHECK(n >= 1 && n <= strlen(s));
        CHECK_INT_EQ(repaired, 0xFFFD);
    }
    /* The maximal ill-formed prefix: "\xE2\x82" then 'A' is one U+FFFD of two bytes, then 'A'. */
    unsigned int cp;
    CHECK_INT_EQ(pc_utf8_next("\xE2\x82" "A", 3, &cp), 2);
    CHECK_INT_EQ(cp, 0xFFFD);
    CHECK(pc_utf8_valid("\xEF\xBF\xBD", 3)); /* a real U+FFFD is valid */
}

static void test_spaces(void)
{
    CHECK_INT_EQ(pc_utf8_space_len(" x", 2), 1);
    CHECK_INT_EQ(pc_utf8_space_len("\t", 1), 1);
    CHECK_INT_EQ(pc_utf8_space_len("\xC2\xA0", 2), 2);         /* no-break space */
    CHECK_INT_EQ(pc_utf8_space_len("\xE2\x80\xAF", 3), 3);     /* narrow no-break space */
    CHECK_INT_EQ(pc_utf8_space_len("\xE3\x80\x80", 3), 3);     /* ideographic space */
    CHECK_INT_EQ(pc_utf8_space_len("\xE2\x80\x8B", 3), 0);     /* zero-width space is not white space */
    CHECK_INT_EQ(pc_utf8_space_len("\xC2", 1), 0);             /* truncated */
    CHECK_INT_EQ(pc_utf8_space_len("a", 1), 0);
    CHECK_INT_EQ(pc_utf8_space_len("", 0), 0);
}

static void test_squeeze_spaces(void)
{
    const char *cases[][2] = {
        {"  Kyiv \t\n  Lantern ", "Kyiv Lantern"},
        {"a\xc2\xa0\xe2\x80\xaf" "b", "a b"}, /* no-break and narrow no-break space */
        {"", ""},
        {" \n\t ", ""},
        {"one", "one"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = pc_utf8_squeeze_spaces(cases[i][0], strlen(cases[i][0]));
        CHECK_STR_EQ(out, cases[i][1]);
        free(out);
        char buf[32];
        CHECK_INT_EQ(pc_utf8_squeeze_spaces_to(buf, cases[i][0], strlen(cases[i][0])), strlen(cases[i][1]));
        CHECK_STR_EQ(buf, cases[i][1]);
    }
}

/* Characters as Python counts them in valid UTF-8; a stray continuation byte counts for none. */
static void test_count_chars(void)
{
    CHECK_INT_EQ(pc_utf8_count_chars("", 0), 0);
    CHECK_INT_EQ(pc_utf8_count_chars("Kyiv", 4), 4);
    CHECK_INT_EQ(pc_utf8_count_chars("Києві", strlen("Києві")), 5);
    CHECK_INT_EQ(pc_utf8_count_chars("a\xe2\x80\xa6" "b\xf0\x9f\x98\x80", 9), 4); /* a…b😀 */
    CHECK_INT_EQ(pc_utf8_count_chars("\x80\x80x", 3), 1);
    CHECK_INT_EQ(pc_utf8_count_chars("Києві", 3), 2); /* a prefix cut inside a character */
}

int main(void)
{
    RUN_TEST(test_round_trip_every_scalar);
    RUN_TEST(test_ill_formed);
    RUN_TEST(test_spaces);
    RUN_TEST(test_squeeze_spaces);
    RUN_TEST(test_count_chars);
    return TEST_REPORT();
}
